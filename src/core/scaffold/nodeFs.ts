/** ScaffoldFs over Node's fs (CLI and tests). */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { TransactionalFs } from './transaction';

async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

export const nodeScaffoldFs: TransactionalFs = {
  async stat(path) {
    try {
      const st = await fs.lstat(path);
      if (!st.isDirectory()) return 'file';
      return (await fs.readdir(path)).length === 0 ? 'empty-dir' : 'non-empty-dir';
    } catch {
      return 'missing';
    }
  },
  async mkdirp(path) {
    await fs.mkdir(path, { recursive: true });
  },
  async writeNew(path, content, executable) {
    // 'wx' fails with EEXIST instead of overwriting.
    await fs.writeFile(path, content, { flag: 'wx', mode: executable ? 0o755 : 0o644 });
  },
  join,
  async mkdirNew(path) {
    await fs.mkdir(path); // EEXIST when anything is there
  },
  async rename(from, to) {
    // rename(2) would replace a file or an empty folder at `to`: refuse anything that exists.
    if (await exists(to)) throw Object.assign(new Error(`EEXIST: file already exists, rename '${from}' -> '${to}'`), { code: 'EEXIST' });
    await fs.rename(from, to);
  },
  async list(path) {
    return fs.readdir(path);
  },
  async removeTree(path) {
    await fs.rm(path, { recursive: true, force: true });
  },
};
