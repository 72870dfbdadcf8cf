/**
 * Reading a learner's project files in the extension through the one safe read the CLI uses
 * (core/fs/safeRead.ts): inside the project only, links only while they stay inside, regular files
 * only, byte caps checked before reading, strict UTF-8, one-line errors naming the file. The
 * extension host runs where the files are (a remote's files are `file:` there too); other schemes
 * (virtual file systems) go through `workspace.fs` with the same rules, refusing every link.
 */
import * as vscode from 'vscode';
import { decodeStrictUtf8, existsInside, locate, readText, SafeReadError } from '../core/fs/safeRead';
import { relativePathProblem } from '../core/scaffold/paths';

function uriOf(folder: vscode.Uri, rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder, ...rel.split('/'));
}

async function statVirtual(folder: vscode.Uri, rel: string, maxBytes: number): Promise<vscode.FileStat> {
  const problem = relativePathProblem(rel);
  if (problem) throw new SafeReadError('outside', rel, problem);
  let st: vscode.FileStat;
  try {
    st = await vscode.workspace.fs.stat(uriOf(folder, rel));
  } catch {
    throw new SafeReadError('missing', rel, 'does not exist');
  }
  if (st.type & vscode.FileType.SymbolicLink) throw new SafeReadError('outside', rel, 'a symbolic link; not read');
  if (!(st.type & vscode.FileType.File)) throw new SafeReadError('not-file', rel, 'not a regular file; not read');
  if (st.size > maxBytes) throw new SafeReadError('too-large', rel, `${st.size} bytes is over the ${maxBytes} bytes limit; not read`);
  return st;
}

/** A project file's text; throws SafeReadError (kind `missing` when it does not exist). */
export async function readProjectText(folder: vscode.Uri, rel: string, maxBytes: number): Promise<string> {
  if (folder.scheme === 'file') return readText(folder.fsPath, rel, maxBytes);
  await statVirtual(folder, rel, maxBytes);
  const bytes = await vscode.workspace.fs.readFile(uriOf(folder, rel));
  if (bytes.byteLength > maxBytes) throw new SafeReadError('too-large', rel, `more than ${maxBytes} bytes; not read`);
  return decodeStrictUtf8(rel, bytes);
}

/** A project file's modification time, undefined when it does not exist; throws SafeReadError for a link out, a FIFO, …. */
export async function projectFileMtime(folder: vscode.Uri, rel: string): Promise<number | undefined> {
  try {
    return folder.scheme === 'file' ? (await locate(folder.fsPath, rel)).mtimeMs : (await statVirtual(folder, rel, Number.MAX_SAFE_INTEGER)).mtime;
  } catch (err) {
    if (err instanceof SafeReadError && err.kind === 'missing') return undefined;
    throw err;
  }
}

/** Whether a project path (file or folder) exists inside the project. */
export async function projectPathExists(folder: vscode.Uri, rel: string): Promise<boolean> {
  if (folder.scheme === 'file') return existsInside(folder.fsPath, rel);
  if (relativePathProblem(rel)) return false;
  try {
    const st = await vscode.workspace.fs.stat(uriOf(folder, rel));
    return !(st.type & vscode.FileType.SymbolicLink);
  } catch {
    return false;
  }
}
