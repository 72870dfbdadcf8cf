/** ScaffoldFs over Node's fs (CLI and tests). */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ScaffoldFs } from './plan';

export const nodeScaffoldFs: ScaffoldFs = {
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
};
