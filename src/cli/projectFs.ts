/** Reading a learner's project from the command line: a CheckFs that stays inside the project folder. */
import { closeSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { MAX_CHECK_BYTES, type CheckFs } from '../core/progress/checks';

/** The real path of `rel` below `root`, or undefined when it is missing, not a regular file, or outside the project. */
function inside(root: string, rel: string): string | undefined {
  try {
    const real = realpathSync(join(root, rel));
    const r = relative(realpathSync(root), real);
    if (r === '' || r.startsWith(`..${sep}`) || r === '..' || isAbsolute(r)) return undefined;
    return lstatSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

export function projectCheckFs(root: string): CheckFs {
  return {
    read(path) {
      const real = inside(root, path);
      if (!real) return undefined;
      // Read at most one byte past the limit: the check reports "too large" without reading it whole.
      const fd = openSync(real, 'r');
      try {
        const buf = Buffer.alloc(MAX_CHECK_BYTES + 1);
        const n = readSync(fd, buf, 0, buf.length, 0);
        return buf.subarray(0, n).toString('utf8');
      } finally {
        closeSync(fd);
      }
    },
    exists(path) {
      try {
        lstatSync(join(root, path));
        return true;
      } catch {
        return false;
      }
    },
    mtime(path) {
      const real = inside(root, path);
      return real ? lstatSync(real).mtimeMs : undefined;
    },
  };
}
