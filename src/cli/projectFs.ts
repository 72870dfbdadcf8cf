/** Reading a learner's project from the command line: a CheckFs over the one safe read (core/fs/safeRead.ts). */
import { MAX_CHECK_BYTES, type CheckFs } from '../core/progress/checks';
import { existsInsideSync, locateSync, readTextSync, SafeReadError } from '../core/fs/safeRead';

const missing = (err: unknown) => err instanceof SafeReadError && err.kind === 'missing';

export function projectCheckFs(root: string): CheckFs {
  return {
    read(path) {
      try {
        return readTextSync(root, path, MAX_CHECK_BYTES);
      } catch (err) {
        if (missing(err)) return undefined;
        throw err;
      }
    },
    exists: (path) => existsInsideSync(root, path),
    mtime(path) {
      try {
        return locateSync(root, path).mtimeMs;
      } catch (err) {
        if (missing(err)) return undefined;
        throw err;
      }
    },
  };
}
