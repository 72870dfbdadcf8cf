/**
 * Finding and reading catalog files on disk, defensively: pack folders come from other people.
 * Only regular files are opened (`lstat` first, then `fstat` on the open descriptor); symbolic
 * links are followed only while they stay inside the pack folder; loops are reported at their
 * folder; each file has a size cap that is checked before it is read; text must be UTF-8.
 * Every problem is a diagnostic and the rest of the pack still loads. Used by the CLI, the build,
 * and the extension's pack worker (src/extension/packLoader.ts).
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { START, type Diagnostic } from '../diagnostics';
import type { TextFile } from './load';

const MB = 1024 * 1024;

/** The folder of a pack that holds its starters (`<pack>/starters/<id>/`); the catalog walk skips it. */
export const STARTERS_FOLDER = 'starters';

/** Per-file size caps (also in the README and the pack schema's description). */
export const SIZE_LIMITS = { yaml: 5 * MB, json: 64 * MB } as const;

/** At most this many catalog files are read below one pack folder. */
export const MAX_FILES_PER_ROOT = 5000;

export function isCatalogFileName(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name);
}

export function sizeLimitOf(name: string): number {
  return /\.json$/i.test(name) ? SIZE_LIMITS.json : SIZE_LIMITS.yaml;
}

export function formatBytes(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(n % MB === 0 ? 0 : 1)} MB` : `${n} bytes`;
}

export interface PackRead {
  /** The files read, in precedence order. */
  files: TextFile[];
  /** Every catalog file found, also those that could not be read. */
  listed: string[];
  diagnostics: Diagnostic[];
}

interface Found {
  /** The path shown to the user (below the pack folder, through links). */
  file: string;
  /** The path opened (links resolved). */
  real: string;
}

const problem = (file: string, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({ file, ...START, field: '(file)', message, severity });

function kindOf(st: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isDirectory(): boolean }): string {
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

const errorText = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));

/**
 * Every .yaml/.yml/.json file below `root` (or `root` itself when it is a file), sorted for a stable
 * precedence, plus the problems met on the way. Throws only when `root` does not exist.
 */
export function listCatalogFiles(rootIn: string, within?: string): { found: Found[]; diagnostics: Diagnostic[] } {
  const root = resolve(rootIn);
  let rootReal: string;
  try {
    rootReal = realpathSync(root);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new Error(`${rootIn}: no such file or folder`);
    return { found: [], diagnostics: [problem(rootIn, code === 'ELOOP' ? 'symbolic link loop; not read' : `cannot open: ${errorText(err)}`)] };
  }
  const found: Found[] = [];
  const diagnostics: Diagnostic[] = [];
  if (within !== undefined && !isInside(rootReal, realpathSync(within))) {
    return { found, diagnostics: [problem(rootIn, `symbolic link to ${rootReal}, outside ${within}; skipped`, 'warning')] };
  }
  const rootStat = statSync(rootReal);
  if (!rootStat.isDirectory()) {
    if (rootStat.isFile()) return { found: [{ file: rootIn, real: rootReal }], diagnostics };
    return { found, diagnostics: [problem(rootIn, `${kindOf(rootStat)}, not a regular file; not read`)] };
  }
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>([rootReal]);
  let full = false;
  const add = (file: string, real: string) => {
    if (seenFiles.has(real)) return; // the same file reached twice through a link
    seenFiles.add(real);
    if (found.length < MAX_FILES_PER_ROOT) found.push({ file, real });
    else if (!full) {
      full = true; // stop walking: the rest is not read anyway
      diagnostics.push(problem(rootIn, `more than ${MAX_FILES_PER_ROOT} catalog files; the rest are not read`, 'warning'));
    }
  };
  const walk = (dir: string, dirReal: string, ancestors: ReadonlySet<string>): void => {
    if (full) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (err) {
      diagnostics.push(problem(dir, `cannot read this folder: ${errorText(err)}`));
      return;
    }
    for (const name of names) {
      if (full) return;
      // A pack's `starters/` holds starter projects (src/core/scaffold/packStarters.ts), not catalog files.
      if (dir === rootIn && name === STARTERS_FOLDER) continue;
      const path = join(dir, name);
      let st;
      try {
        st = lstatSync(path);
      } catch (err) {
        diagnostics.push(problem(path, `cannot read: ${errorText(err)}`));
        continue;
      }
      if (st.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(path);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ELOOP') diagnostics.push(problem(dir, `symbolic link loop at "${name}"; not followed (the rest of the folder loads)`));
          else if (code === 'ENOENT') diagnostics.push(problem(path, 'broken symbolic link; skipped', 'warning'));
          else diagnostics.push(problem(path, `cannot follow this link: ${errorText(err)}`));
          continue;
        }
        if (!isInside(real, rootReal)) {
          diagnostics.push(problem(path, `symbolic link to ${real}, outside the pack folder ${root}; skipped`, 'warning'));
          continue;
        }
        let target;
        try {
          target = statSync(real);
        } catch (err) {
          diagnostics.push(problem(path, `cannot follow this link: ${errorText(err)}`));
          continue;
        }
        if (target.isDirectory()) {
          if (ancestors.has(real)) diagnostics.push(problem(dir, `symbolic link loop: "${name}" points back to ${real}; not followed (the rest of the folder loads)`));
          else if (!seenDirs.has(real)) {
            seenDirs.add(real);
            walk(path, real, new Set([...ancestors, real]));
          }
        } else if (isCatalogFileName(name)) {
          if (target.isFile()) add(path, real);
          else diagnostics.push(problem(path, `links to ${kindOf(target)}, not a regular file; not read`));
        }
      } else if (st.isDirectory()) {
        const real = join(dirReal, name);
        seenDirs.add(real);
        walk(path, real, new Set([...ancestors, real]));
      } else if (isCatalogFileName(name)) {
        if (st.isFile()) add(path, join(dirReal, name));
        else diagnostics.push(problem(path, `${kindOf(st)}, not a regular file; not read`));
      }
    }
  };
  walk(rootIn, rootReal, new Set([rootReal]));
  return { found, diagnostics };
}

/** The offset of the first byte that is not part of valid UTF-8, or -1. */
export function invalidUtf8Offset(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f; // no UTF-16 surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const x = b[i + k];
      if (x === undefined) return i;
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (x < min || x > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 (a leading byte-order mark is dropped); not UTF-8 is a diagnostic naming the byte offset. */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string } | { diagnostic: Diagnostic } {
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const offset = Math.max(0, invalidUtf8Offset(bytes));
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    const byte = bytes[offset]?.toString(16).padStart(2, '0') ?? '';
    return {
      diagnostic: { file, line, column, endLine: line, endColumn: column + 1, field: '(file)', message: `not UTF-8 text: invalid byte 0x${byte} at byte offset ${offset}; save the file as UTF-8`, severity: 'error' },
    };
  }
}

/** Reads one catalog file: a regular file, at most its size cap, UTF-8. */
export function readCatalogFile(file: string, real = file): { text: string } | { diagnostic: Diagnostic } {
  const limit = sizeLimitOf(file);
  const json = /\.json$/i.test(file);
  return readTextFile(file, real, limit, (size) => `${size} is over the ${formatBytes(limit)} limit for ${json ? 'JSON' : 'YAML'} pack files; not read (split it into several files${json ? '' : ', or compile it to JSON'})`);
}

/**
 * Reads one untrusted text file: a regular file (never a FIFO or device, never through a link),
 * at most `limit` bytes (checked before and while reading), UTF-8. `tooBig` words the problem.
 */
export function readTextFile(
  file: string,
  real: string,
  limit: number,
  tooBig: (size: string) => string = (size) => `${size} is over the ${formatBytes(limit)} limit; not read`,
): { text: string } | { diagnostic: Diagnostic } {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO never waits for a writer. O_NOFOLLOW: `real` has no links left.
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    return { diagnostic: problem(file, `cannot open: ${errorText(err)}`) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { diagnostic: problem(file, `${kindOf(st)}, not a regular file; not read`) };
    if (st.size > limit) return { diagnostic: problem(file, tooBig(formatBytes(st.size))) };
    // Read at most limit + 1 bytes, whatever the size said: the file may grow while we read.
    const buf = Buffer.allocUnsafe(Math.min(st.size, limit) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) break;
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > limit) return { diagnostic: problem(file, tooBig(`more than ${formatBytes(limit)}`)) };
    return decodeUtf8(file, buf.subarray(0, n));
  } catch (err) {
    return { diagnostic: problem(file, `cannot read: ${errorText(err)}`) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Lists and reads every catalog file of `paths` (folders or files), in order. `overrides` gives the
 * text of files that are open with unsaved edits in an editor, by path; a path that resolves out of
 * `within` is skipped with a warning. Throws only when a path does not exist.
 */
export function readPackFiles(paths: readonly string[], overrides?: ReadonlyMap<string, string>, within?: string): PackRead {
  const files: TextFile[] = [];
  const listed: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const p of paths) {
    const list = listCatalogFiles(p, within);
    diagnostics.push(...list.diagnostics);
    for (const { file, real } of list.found) {
      listed.push(file);
      const open = overrides?.get(file) ?? overrides?.get(real);
      if (open !== undefined) {
        if (Buffer.byteLength(open) > sizeLimitOf(file)) diagnostics.push(problem(file, `over the ${formatBytes(sizeLimitOf(file))} limit for pack files; not read`));
        else files.push({ file, text: open });
        continue;
      }
      const r = readCatalogFile(file, real);
      if ('text' in r) files.push({ file, text: r.text });
      else diagnostics.push(r.diagnostic);
    }
  }
  return { files, listed, diagnostics };
}

/** For trusted data (the bundled catalog at build time, tests): any problem reading it is an error. */
export function readCatalogFiles(paths: readonly string[]): TextFile[] {
  const { files, diagnostics } = readPackFiles(paths);
  if (diagnostics.length > 0) throw new Error(diagnostics.map((d) => `${d.file}: ${d.message}`).join('\n'));
  return files;
}
