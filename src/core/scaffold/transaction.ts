/**
 * Writing a scaffold as one transaction: every file goes into a temporary sibling folder
 * (`<parent>/.<name>.scaffold-<random>`), which is renamed into place only when every write has
 * succeeded. When the target is an existing empty folder (perhaps the learner's shell is in it),
 * the temporary folder's entries are moved into it one by one and, on failure, removed again.
 * After any failure the target is as it was (absent, or the same empty folder), the temporary
 * folder is removed, and the error names the cause (no space, file too large, permission, …)
 * and the path. Shared by the CLI (Node's fs) and the extension (vscode.workspace.fs, so remote
 * workspaces work too). Nothing is ever overwritten: renames and writes refuse existing paths.
 */
import { ScaffoldError, type ScaffoldFs, type ScaffoldPlan } from './plan';
import { writeFilesConcurrently } from './writeConcurrent';

/** What a transactional scaffold needs beyond ScaffoldFs. */
export interface TransactionalFs extends ScaffoldFs {
  /** Creates one folder; fails when anything exists at `path`. */
  mkdirNew(path: string): Promise<void>;
  /** Moves `from` to `to`; fails when anything exists at `to`. */
  rename(from: string, to: string): Promise<void>;
  /** The names in a folder. */
  list(path: string): Promise<string[]>;
  /** Deletes a file or a folder with everything in it (only ever called on paths this scaffold created). */
  removeTree(path: string): Promise<void>;
  /** A path as the user should read it (a URI as a file path); the path itself when absent. */
  display?(path: string): string;
}

/** The cause of a file-system error in words, with its code: ENOSPC, EFBIG, EACCES, … (Node's or VS Code's). */
export function describeFsError(err: unknown): { cause: string; code?: string } {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const text = `${code ?? ''} ${typeof e?.message === 'string' ? e.message : String(err)}`;
  const known: [RegExp, string, string][] = [
    [/ENOSPC|no space left/i, 'ENOSPC', 'no space left on the device'],
    [/EFBIG|FileTooLarge|file too large/i, 'EFBIG', 'file too large (the file-size limit was reached)'],
    [/EDQUOT|quota/i, 'EDQUOT', 'disk quota exceeded'],
    [/EROFS|read-only file system/i, 'EROFS', 'read-only file system'],
    [/EACCES|EPERM|NoPermissions|permission denied|operation not permitted/i, 'EACCES', 'permission denied'],
    [/EEXIST|FileExists|already exists/i, 'EEXIST', 'it already exists (nothing is overwritten)'],
  ];
  for (const [re, c, cause] of known) {
    if (!re.test(text)) continue;
    const shownCode = code && code !== 'Unknown' ? code : c; // VS Code's FileSystemError says 'Unknown' for ENOSPC
    return { cause: `${cause} (${shownCode})`, code: shownCode };
  }
  return { cause: typeof e?.message === 'string' ? e.message : String(err), ...(code ? { code } : {}) };
}

/** A scaffold that failed while writing: names the cause and the path; the target is as it was. */
export class ScaffoldWriteError extends ScaffoldError {
  constructor(
    message: string,
    /** ENOSPC, EFBIG, EACCES, … when known. */
    readonly code: string | undefined,
    /** The project path that could not be written. */
    readonly path: string,
  ) {
    super(message);
  }
}

class Failed extends Error {
  constructor(
    readonly path: string,
    readonly original: unknown,
  ) {
    super(String(original));
  }
}

const randomSuffix = () => Math.random().toString(36).slice(2, 10);

/**
 * Writes a plan into `<parent>/<name>`, which must be missing or an empty folder; `parent` must
 * exist. All or nothing.
 */
export async function writePlanTransactionally(
  plan: Pick<ScaffoldPlan, 'files'>,
  parent: string,
  name: string,
  fs: TransactionalFs,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const target = fs.join(parent, name);
  const show = (p: string) => fs.display?.(p) ?? p;
  const state = await fs.stat(target);
  if (state === 'file') throw new ScaffoldError(`${show(target)} is a file; choose a folder name that does not exist yet.`);
  if (state === 'non-empty-dir') throw new ScaffoldError(`${show(target)} already exists and is not empty; choose another name.`);

  const temp = fs.join(parent, `.${name}.scaffold-${randomSuffix()}`);
  const moved: string[] = [];
  const shown = (path: string) => (path.startsWith(temp) ? target + path.slice(temp.length) : path);
  // Every operation names the project path it was for (never the temporary one).
  const tracked: ScaffoldFs = {
    stat: (p) => fs.stat(p),
    join: (...parts) => fs.join(...parts),
    mkdirp: (p) => fs.mkdirp(p).catch((err: unknown) => Promise.reject(new Failed(shown(p), err))),
    writeNew: (p, content, executable) => fs.writeNew(p, content, executable).catch((err: unknown) => Promise.reject(new Failed(shown(p), err))),
  };
  try {
    await fs.mkdirNew(temp).catch((err: unknown) => Promise.reject(new Failed(parent, err)));
    await writeFilesConcurrently(plan, temp, tracked, { onProgress });
    if (state === 'missing') {
      await fs.rename(temp, target).catch((err: unknown) => Promise.reject(new Failed(target, err)));
    } else {
      for (const entry of await fs.list(temp)) {
        const to = fs.join(target, entry);
        await fs.rename(fs.join(temp, entry), to).catch((err: unknown) => Promise.reject(new Failed(to, err)));
        moved.push(to);
      }
      await fs.removeTree(temp);
    }
  } catch (err) {
    const leftovers: string[] = [];
    for (const path of [...moved].reverse()) await fs.removeTree(path).catch(() => leftovers.push(path));
    if ((await fs.stat(temp)) !== 'missing') await fs.removeTree(temp).catch(() => leftovers.push(temp));
    if (err instanceof ScaffoldError) throw err;
    const path = err instanceof Failed ? err.path : target;
    const { cause, code } = describeFsError(err instanceof Failed ? err.original : err);
    const after =
      leftovers.length === 0
        ? `Nothing was left behind: ${show(target)} is ${state === 'missing' ? 'still absent' : 'empty, as it was'}.`
        : `Some of it could not be removed; delete ${leftovers.map(show).join(', ')} by hand.`;
    throw new ScaffoldWriteError(`Could not write ${show(path)}: ${cause}. ${after}`, code, show(path));
  }
}

/**
 * Creates the missing folders above a target (`scaffold x a/b/c` with no `a`), remembering which
 * it created so a failed scaffold removes them again (only while they are still empty).
 */
export async function createParents(
  parent: string,
  fs: TransactionalFs,
  dirname: (path: string) => string,
): Promise<{ keep(): void; undo(): Promise<void> }> {
  const missing: string[] = [];
  for (let p = parent; (await fs.stat(p)) === 'missing' && dirname(p) !== p; p = dirname(p)) missing.push(p);
  const created: string[] = [];
  try {
    for (const p of [...missing].reverse()) {
      await fs.mkdirNew(p);
      created.push(p);
    }
  } catch (err) {
    for (const p of created.reverse()) if ((await fs.stat(p)) === 'empty-dir') await fs.removeTree(p).catch(() => undefined);
    const { cause } = describeFsError(err);
    throw new ScaffoldError(`Could not create the folder ${fs.display?.(missing[0] ?? parent) ?? missing[0] ?? parent}: ${cause}.`);
  }
  return {
    keep: () => void created.splice(0),
    undo: async () => {
      for (const p of created.reverse()) if ((await fs.stat(p)) === 'empty-dir') await fs.removeTree(p).catch(() => undefined);
    },
  };
}
