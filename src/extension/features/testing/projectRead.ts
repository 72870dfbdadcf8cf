/**
 * Reading a project file for the Testing view: a regular file (no link, no device) inside the
 * project, at most `maxBytes`, from disk. Anything else is undefined: project files are untrusted.
 */
import * as vscode from 'vscode';

export function projectUri(folder: vscode.Uri, rel: string): vscode.Uri | undefined {
  const parts = rel.split('/');
  if (rel.startsWith('/') || parts.some((p) => p === '..' || p === '' || p === '.')) return undefined;
  return vscode.Uri.joinPath(folder, ...parts);
}

export async function readProjectText(folder: vscode.Uri, rel: string, maxBytes: number): Promise<string | undefined> {
  const uri = projectUri(folder, rel);
  if (!uri) return undefined;
  try {
    const st = await vscode.workspace.fs.stat(uri);
    if (st.type !== vscode.FileType.File || st.size > maxBytes) return undefined;
    const bytes = await vscode.workspace.fs.readFile(uri);
    return bytes.byteLength > maxBytes ? undefined : new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}
