/**
 * Writing into a learner's project (the CLI's `solution --apply`, its test reports folder): never
 * through a symbolic link, never outside the project, and atomically (a temporary file beside the
 * target, flushed, then renamed over it), so a full disk leaves the old file whole. Every failure
 * is a SafeWriteError: one line naming the file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { relativePathProblem } from '../scaffold/paths';
import { errnoText, kindOfEntry } from './safeRead';

export class SafeWriteError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'SafeWriteError';
  }
}

function lstatOrUndefined(path: string, rel: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new SafeWriteError(rel, errnoText(err));
  }
}

/** Creates the project-relative folder `relDir` (and its parents); none of them may be a link or a non-folder. */
export function ensureDirInside(root: string, relDir: string): void {
  const problem = relativePathProblem(relDir);
  if (problem) throw new SafeWriteError(relDir, problem);
  let rel = '';
  for (const segment of relDir.split('/')) {
    rel = rel ? `${rel}/${segment}` : segment;
    const abs = join(root, rel);
    const st = lstatOrUndefined(abs, rel);
    if (st?.isSymbolicLink()) throw new SafeWriteError(rel, 'is a symbolic link; nothing is written through it');
    if (st && !st.isDirectory()) throw new SafeWriteError(rel, `is ${st.isFile() ? 'a file' : kindOfEntry(st)}, not a folder`);
    if (!st) {
      try {
        mkdirSync(abs);
      } catch (err) {
        throw new SafeWriteError(rel, errnoText(err));
      }
    }
  }
}

function parentOf(rel: string): string | undefined {
  const i = rel.lastIndexOf('/');
  return i < 0 ? undefined : rel.slice(0, i);
}

function writeAll(fd: number, data: Buffer): void {
  let n = 0;
  while (n < data.length) n += writeSync(fd, data, n, data.length - n);
}

/** Creates a new file (never replaces anything, never follows a link at its path). */
export function writeNewFile(root: string, rel: string, content: string | Buffer): void {
  const problem = relativePathProblem(rel);
  if (problem) throw new SafeWriteError(rel, problem);
  const dir = parentOf(rel);
  if (dir) ensureDirInside(root, dir);
  let fd: number;
  try {
    // O_EXCL: an existing file or link at the path is an error, never followed.
    fd = openSync(join(root, rel), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (err) {
    throw new SafeWriteError(rel, (err as NodeJS.ErrnoException).code === 'EEXIST' ? 'already exists' : errnoText(err));
  }
  try {
    writeAll(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(join(root, rel), { force: true });
    throw new SafeWriteError(rel, errnoText(err));
  }
  closeSync(fd);
}

/**
 * Replaces (or creates) a regular file: written to a temporary file beside it, flushed, then renamed
 * over it, so the old content stays whole until the new one is complete. A link or a non-file at the
 * path, or a link among its folders, is refused. The file keeps its permission bits.
 */
export function writeFileAtomic(root: string, rel: string, content: string): void {
  const problem = relativePathProblem(rel);
  if (problem) throw new SafeWriteError(rel, problem);
  const dir = parentOf(rel);
  if (dir) ensureDirInside(root, dir);
  const abs = join(root, rel);
  const st = lstatOrUndefined(abs, rel);
  if (st?.isSymbolicLink()) throw new SafeWriteError(rel, 'is a symbolic link; nothing is written through it');
  if (st && !st.isFile()) throw new SafeWriteError(rel, `is ${kindOfEntry(st)}, not a regular file`);
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  const tmpRel = `${dir ? `${dir}/` : ''}.${name}.${randomBytes(6).toString('hex')}.tmp`;
  const tmp = join(root, tmpRel);
  let fd: number;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, st ? st.mode & 0o7777 : 0o644);
  } catch (err) {
    throw new SafeWriteError(rel, errnoText(err));
  }
  try {
    try {
      writeAll(fd, Buffer.from(content, 'utf8'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, abs);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new SafeWriteError(rel, `${errnoText(err)}; the file is unchanged`);
  }
}
