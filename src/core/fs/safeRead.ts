/**
 * The one way project files are read, by the CLI and the extension alike. A learner's project is
 * often a cloned repository, so its files are untrusted input:
 * - the path is project-relative and stays inside the project (no `..`, no absolute path);
 * - symbolic links (in any segment) are followed only while they stay inside the project;
 * - only regular files are read: `lstat` of the resolved path first, then `fstat` on the open
 *   descriptor (opened non-blocking, so a FIFO never waits for a writer);
 * - the cap is in bytes and checked before reading; at most cap + 1 bytes are ever read;
 * - text must be UTF-8 (a byte-order mark is kept as it is, so a rewrite loses nothing);
 * - every failure is a SafeReadError: one line that names the file, never a stack trace.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fsp, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { formatBytes, invalidUtf8Offset } from '../catalog/packFiles';
import { relativePathProblem } from '../scaffold/paths';

export type SafeReadFailure = 'missing' | 'outside' | 'not-file' | 'too-large' | 'not-utf8' | 'unreadable';

export class SafeReadError extends Error {
  constructor(
    readonly kind: SafeReadFailure,
    /** The file as the caller named it (project-relative). */
    readonly file: string,
    /** Why, without the file name. */
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'SafeReadError';
  }
}

export interface SafeFileInfo {
  /** The resolved path (no links left), inside the project. */
  real: string;
  size: number;
  mtimeMs: number;
}

/** What an errno means, in words. */
export function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'a segment of the path is not a folder';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'EIO':
      return 'input/output error';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return code ?? (err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err));
  }
}

/** What a non-regular file is, in words. */
export function kindOfEntry(st: Pick<Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isDirectory'>): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function lexical(rel: string): void {
  const problem = relativePathProblem(rel);
  if (problem) throw new SafeReadError('outside', rel, problem);
}

function resolvedFailure(rel: string, err: unknown): SafeReadError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new SafeReadError('missing', rel, 'does not exist');
  return new SafeReadError('unreadable', rel, errnoText(err));
}

function judge(rel: string, real: string, rootReal: string, st: Stats, maxBytes: number): SafeFileInfo {
  if (!isInside(real, rootReal)) throw new SafeReadError('outside', rel, 'a symbolic link to a file outside the project; not read');
  if (!st.isFile()) throw new SafeReadError('not-file', rel, `${kindOfEntry(st)}, not a regular file; not read`);
  if (st.size > maxBytes) throw new SafeReadError('too-large', rel, `${formatBytes(st.size)} is over the ${formatBytes(maxBytes)} limit; not read`);
  return { real, size: st.size, mtimeMs: st.mtimeMs };
}

/** Where `rel` leads inside `root`, checked (links inside only, a regular file, at most maxBytes); throws SafeReadError. */
export function locateSync(root: string, rel: string, maxBytes = Number.MAX_SAFE_INTEGER): SafeFileInfo {
  lexical(rel);
  let rootReal: string;
  let real: string;
  let st: Stats;
  try {
    rootReal = realpathSync(root);
    real = realpathSync(join(root, rel));
    st = lstatSync(real);
  } catch (err) {
    throw resolvedFailure(rel, err);
  }
  return judge(rel, real, rootReal, st, maxBytes);
}

export async function locate(root: string, rel: string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<SafeFileInfo> {
  lexical(rel);
  let rootReal: string;
  let real: string;
  let st: Stats;
  try {
    rootReal = await fsp.realpath(root);
    real = await fsp.realpath(join(root, rel));
    st = await fsp.lstat(real);
  } catch (err) {
    throw resolvedFailure(rel, err);
  }
  return judge(rel, real, rootReal, st, maxBytes);
}

// O_NONBLOCK: opening a FIFO swapped in after the lstat never waits. O_NOFOLLOW: `real` has no links left.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function tooLarge(rel: string, maxBytes: number): SafeReadError {
  return new SafeReadError('too-large', rel, `more than ${formatBytes(maxBytes)}, over the limit; not read`);
}

/** A full read buffer, twice as large (at least 64 KiB more), never past maxBytes + 1: what it read is kept. */
function grown(buf: Buffer, maxBytes: number): Buffer {
  const next = Buffer.allocUnsafe(Math.min(maxBytes + 1, buf.length + Math.max(buf.length, 64 * 1024)));
  buf.copy(next);
  return next;
}

/** The bytes of a project file (see the module comment); throws SafeReadError. */
export function readBytesSync(root: string, rel: string, maxBytes: number): Buffer {
  const info = locateSync(root, rel, maxBytes);
  let fd: number;
  try {
    fd = openSync(info.real, OPEN_FLAGS);
  } catch (err) {
    throw new SafeReadError('unreadable', rel, errnoText(err));
  }
  try {
    const st = fstatSync(fd);
    judge(rel, info.real, info.real, st, maxBytes);
    // Until the end of the file or maxBytes + 1 bytes, whatever the size said: the file may grow
    // while it is read, and some (Linux's /proc) say 0 and hold more.
    let buf: Buffer = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > maxBytes) break;
        buf = grown(buf, maxBytes);
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > maxBytes) throw tooLarge(rel, maxBytes);
    return buf.subarray(0, n);
  } catch (err) {
    throw err instanceof SafeReadError ? err : new SafeReadError('unreadable', rel, errnoText(err));
  } finally {
    closeSync(fd);
  }
}

export async function readBytes(root: string, rel: string, maxBytes: number): Promise<Buffer> {
  const info = await locate(root, rel, maxBytes);
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(info.real, OPEN_FLAGS);
  } catch (err) {
    throw new SafeReadError('unreadable', rel, errnoText(err));
  }
  try {
    const st = await handle.stat();
    judge(rel, info.real, info.real, st, maxBytes);
    let buf: Buffer = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > maxBytes) break;
        buf = grown(buf, maxBytes);
      }
      const { bytesRead } = await handle.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > maxBytes) throw tooLarge(rel, maxBytes);
    return buf.subarray(0, n);
  } catch (err) {
    throw err instanceof SafeReadError ? err : new SafeReadError('unreadable', rel, errnoText(err));
  } finally {
    await handle.close();
  }
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 text (a byte-order mark kept); anything else is a SafeReadError naming the byte offset. */
export function decodeStrictUtf8(rel: string, bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    const offset = Math.max(0, invalidUtf8Offset(bytes));
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
    throw new SafeReadError('not-utf8', rel, `not UTF-8 text (invalid byte 0x${byte} at byte offset ${offset}); not read`);
  }
}

export function readTextSync(root: string, rel: string, maxBytes: number): string {
  return decodeStrictUtf8(rel, readBytesSync(root, rel, maxBytes));
}

export async function readText(root: string, rel: string, maxBytes: number): Promise<string> {
  return decodeStrictUtf8(rel, await readBytes(root, rel, maxBytes));
}

/** Whether `rel` exists inside the project (a file or a folder; a link only when it stays inside). */
export function existsInsideSync(root: string, rel: string): boolean {
  if (relativePathProblem(rel)) return false;
  try {
    return isInside(realpathSync(join(root, rel)), realpathSync(root));
  } catch {
    return false;
  }
}

export async function existsInside(root: string, rel: string): Promise<boolean> {
  if (relativePathProblem(rel)) return false;
  try {
    return isInside(await fsp.realpath(join(root, rel)), await fsp.realpath(root));
  } catch {
    return false;
  }
}
