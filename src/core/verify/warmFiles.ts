/**
 * What a warm test process depends on in the project (the files that restart it, see
 * warmProtocol.ts restartTrigger) and which heavy modules it imports up front. The project is
 * untrusted: the walk never follows a symbolic link, skips hidden and environment folders, and
 * visits a bounded number of entries; requirements files are read only when regular, up to 64 KB.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { preloadModules, restartTrigger } from './warmProtocol';

/** Folders never walked: hidden ones, virtual environments, caches, outputs and data. */
const SKIP = new Set(['node_modules', '__pycache__', 'venv', 'env', 'site-packages', 'outputs', 'data', 'build', 'dist']);
export const MAX_WALK_ENTRIES = 5000;
const MAX_DEPTH = 6;
const MAX_REQUIREMENTS_BYTES = 64 * 1024;

/**
 * The size and modification time of every restart trigger in the project, of the interpreter
 * (under the key `<interpreter>`; `missing` when absent) and the extra environment. Asynchronous,
 * so a large project never blocks the extension host; at most `maxEntries` entries, sorted.
 */
export async function projectFingerprint(cwd: string, python: string, env?: Readonly<Record<string, string>>, maxEntries = MAX_WALK_ENTRIES): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let visited = 0;
  const walk = async (dir: string, rel: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (++visited > maxEntries) return;
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH && !e.name.startsWith('.') && !SKIP.has(e.name)) await walk(join(dir, e.name), path, depth + 1);
      } else if (e.isFile() && restartTrigger(path)) {
        try {
          const s = await lstat(join(dir, e.name));
          out.set(path, `${s.size}:${s.mtimeMs}`);
        } catch {
          // gone meanwhile
        }
      }
    }
  };
  await walk(cwd, '', 0);
  try {
    const s = await stat(python);
    out.set('<interpreter>', `${s.size}:${s.mtimeMs}`);
  } catch {
    out.set('<interpreter>', 'missing');
  }
  if (env && Object.keys(env).length > 0) out.set('<environment>', JSON.stringify(Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  return out;
}

/** A regular file (never a link, FIFO or device) of at most `cap` bytes, or undefined. */
export function readSmallRegularFile(path: string, cap = MAX_REQUIREMENTS_BYTES): string | undefined {
  try {
    if (!lstatSync(path).isFile()) return undefined;
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      if (!fstatSync(fd).isFile()) return undefined;
      const buf = Buffer.alloc(cap);
      const n = readSync(fd, buf, 0, cap, 0);
      return buf.subarray(0, n).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** The modules to import up front for the project: numpy, torch, and the heavy ones its top requirements*.txt name. */
export function readRequirements(cwd: string): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(cwd).filter((n) => restartTrigger(n) === 'requirements');
  } catch {
    // no folder: the defaults
  }
  const texts = names.sort().map((n) => readSmallRegularFile(join(cwd, n)) ?? '');
  return preloadModules(texts);
}
