// The transactional scaffold's edges (src/core/scaffold/transaction.ts) on an in-memory file system:
// the parent folders it creates and removes again, the messages (through the caller's display), the
// cleanup order, and how a file-system error is put in words.
import * as assert from 'node:assert/strict';
import { posix } from 'node:path';
import { ScaffoldError } from '../../src/core/scaffold/plan';
import { createParents, describeFsError, ScaffoldWriteError, writePlanTransactionally, type TransactionalFs } from '../../src/core/scaffold/transaction';

const fsError = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}`), { code });

/** A file system in memory: folders and files by absolute POSIX path, every call recorded. */
class MemFs implements TransactionalFs {
  dirs = new Set<string>(['/']);
  files = new Map<string, string>();
  calls: string[] = [];
  /** Paths whose stat is forced (e.g. a folder someone wrote into meanwhile). */
  statOverride = new Map<string, 'missing' | 'empty-dir' | 'non-empty-dir' | 'file'>();
  failMkdirNew?: (path: string) => Error | undefined;
  failRemove?: (path: string) => Error | undefined;
  failRename?: (from: string, to: string) => Error | undefined;
  display?: (path: string) => string;

  constructor(...dirs: string[]) {
    for (const d of dirs) this.dirs.add(d);
  }
  exists(p: string): boolean {
    return this.dirs.has(p) || this.files.has(p);
  }
  children(p: string): string[] {
    const prefix = p === '/' ? '/' : `${p}/`;
    return [...this.dirs, ...this.files.keys()]
      .filter((x) => x !== p && x.startsWith(prefix) && !x.slice(prefix.length).includes('/'))
      .map((x) => x.slice(prefix.length))
      .sort();
  }
  async stat(p: string) {
    const forced = this.statOverride.get(p);
    if (forced) return forced;
    if (this.files.has(p)) return 'file' as const;
    if (!this.dirs.has(p)) return 'missing' as const;
    return this.children(p).length === 0 ? ('empty-dir' as const) : ('non-empty-dir' as const);
  }
  async mkdirp(p: string) {
    this.calls.push(`mkdirp ${p}`);
    for (let q = p; q !== '/'; q = posix.dirname(q)) this.dirs.add(q);
  }
  async writeNew(p: string, content: string) {
    this.calls.push(`write ${p}`);
    if (this.exists(p)) throw fsError('EEXIST', `file already exists, open '${p}'`);
    if (!this.dirs.has(posix.dirname(p))) throw fsError('ENOENT', `no such file or directory, open '${p}'`);
    this.files.set(p, content);
  }
  join(...parts: string[]) {
    return posix.join(...parts);
  }
  async mkdirNew(p: string) {
    this.calls.push(`mkdirNew ${p}`);
    const err = this.failMkdirNew?.(p);
    if (err) throw err;
    if (this.exists(p)) throw fsError('EEXIST', `file already exists, mkdir '${p}'`);
    if (!this.dirs.has(posix.dirname(p))) throw fsError('ENOENT', `no such file or directory, mkdir '${p}'`);
    this.dirs.add(p);
  }
  async rename(from: string, to: string) {
    this.calls.push(`rename ${from} -> ${to}`);
    const err = this.failRename?.(from, to);
    if (err) throw err;
    if (this.exists(to)) throw fsError('EEXIST', `file already exists, rename '${from}' -> '${to}'`);
    const move = (p: string) => (p === from || p.startsWith(`${from}/`) ? to + p.slice(from.length) : p);
    this.dirs = new Set([...this.dirs].map(move));
    this.files = new Map([...this.files].map(([k, v]) => [move(k), v]));
  }
  async list(p: string) {
    this.calls.push(`list ${p}`);
    return this.children(p);
  }
  async removeTree(p: string) {
    this.calls.push(`removeTree ${p}`);
    const err = this.failRemove?.(p);
    if (err) throw err;
    const gone = (x: string) => x === p || x.startsWith(`${p}/`);
    this.dirs = new Set([...this.dirs].filter((x) => !gone(x)));
    this.files = new Map([...this.files].filter(([k]) => !gone(k)));
  }
  tree(): string[] {
    return [...[...this.dirs].map((d) => (d === '/' ? d : `${d}/`)), ...this.files.keys()].sort();
  }
}

const plan = { files: [{ path: 'a.txt', content: 'A', executable: false }, { path: 'pkg/b.py', content: 'B', executable: false }] };

describe('scaffold: parent folders a scaffold creates (core/scaffold/transaction createParents)', () => {
  it('creates the missing folders shallowest first, and undo removes them deepest first', async () => {
    const fs = new MemFs('/home');
    const parents = await createParents('/home/a/b/c', fs, posix.dirname);
    assert.deepEqual(fs.calls, ['mkdirNew /home/a', 'mkdirNew /home/a/b', 'mkdirNew /home/a/b/c']);
    assert.deepEqual(fs.tree(), ['/', '/home/', '/home/a/', '/home/a/b/', '/home/a/b/c/']);
    fs.calls = [];
    await parents.undo();
    assert.deepEqual(fs.calls, ['removeTree /home/a/b/c', 'removeTree /home/a/b', 'removeTree /home/a']);
    assert.deepEqual(fs.tree(), ['/', '/home/']);
  });

  it('creates nothing when the parent exists, and then undo removes nothing', async () => {
    const fs = new MemFs('/home');
    const parents = await createParents('/home', fs, posix.dirname);
    await parents.undo();
    assert.deepEqual(fs.calls, []);
    assert.deepEqual(fs.tree(), ['/', '/home/']);
  });

  it('stops at the root of the file system', async () => {
    const fs = new MemFs();
    fs.statOverride.set('/', 'missing'); // even when the root itself looks missing (a remote fs)
    await createParents('/x/y', fs, posix.dirname);
    assert.deepEqual(fs.calls, ['mkdirNew /x', 'mkdirNew /x/y']);
  });

  it('undo leaves a folder that is no longer empty, and removes the empty ones', async () => {
    const fs = new MemFs('/home');
    const parents = await createParents('/home/a/b', fs, posix.dirname);
    fs.statOverride.set('/home/a/b', 'non-empty-dir');
    fs.files.set('/home/a/mine.txt', 'mine');
    fs.calls = [];
    await parents.undo();
    assert.deepEqual(fs.calls, []);
    assert.deepEqual(fs.tree(), ['/', '/home/', '/home/a/', '/home/a/b/', '/home/a/mine.txt']);
  });

  it('undo removes only the folders it created, whatever else looks empty', async () => {
    const fs = new MemFs('/home');
    const parents = await createParents('/home/a', fs, posix.dirname);
    fs.stat = async () => 'empty-dir';
    fs.calls = [];
    await parents.undo();
    assert.deepEqual(fs.calls, ['removeTree /home/a']);
  });

  it('undo ignores a folder it cannot remove', async () => {
    const fs = new MemFs('/home');
    const parents = await createParents('/home/a/b', fs, posix.dirname);
    fs.failRemove = (p) => (p === '/home/a/b' ? fsError('EACCES', 'permission denied') : undefined);
    await parents.undo();
    assert.deepEqual(fs.tree(), ['/', '/home/', '/home/a/', '/home/a/b/']);
  });

  it('keep() makes undo a no-op (the scaffold succeeded)', async () => {
    const fs = new MemFs('/home');
    const parents = await createParents('/home/a/b', fs, posix.dirname);
    parents.keep();
    fs.calls = [];
    await parents.undo();
    assert.deepEqual(fs.calls, []);
    assert.deepEqual(fs.tree(), ['/', '/home/', '/home/a/', '/home/a/b/']);
  });

  it('a folder that cannot be created: the ones created so far are removed again, and the error names the target folder and the cause', async () => {
    const fs = new MemFs('/home');
    fs.failMkdirNew = (p) => (p === '/home/a/b/c' ? fsError('ENOSPC', 'no space left on device, mkdir') : undefined);
    await assert.rejects(createParents('/home/a/b/c', fs, posix.dirname), (e: unknown) => {
      assert.ok(e instanceof ScaffoldError);
      assert.equal(e.message, 'Could not create the folder /home/a/b/c: no space left on the device (ENOSPC).');
      return true;
    });
    assert.deepEqual(fs.calls, ['mkdirNew /home/a', 'mkdirNew /home/a/b', 'mkdirNew /home/a/b/c', 'removeTree /home/a/b', 'removeTree /home/a']);
    assert.deepEqual(fs.tree(), ['/', '/home/']);
  });

  it('after a failure, a created folder someone wrote into meanwhile is left, and a failing removal is ignored', async () => {
    const fs = new MemFs('/home');
    fs.failMkdirNew = (p) => {
      if (p !== '/home/a/b/c') return undefined;
      fs.statOverride.set('/home/a/b', 'non-empty-dir'); // someone wrote into it meanwhile
      fs.statOverride.set('/home/a', 'empty-dir');
      return fsError('EACCES', 'permission denied, mkdir');
    };
    fs.failRemove = () => fsError('EACCES', 'permission denied, rm');
    await assert.rejects(createParents('/home/a/b/c', fs, posix.dirname), { message: 'Could not create the folder /home/a/b/c: permission denied (EACCES).' });
    assert.deepEqual(fs.calls.slice(3), ['removeTree /home/a']);
  });

  it('names the folder as the caller displays it', async () => {
    const fs = new MemFs('/home');
    fs.display = (p) => `remote:${p}`;
    fs.failMkdirNew = () => new Error('refused');
    await assert.rejects(createParents('/home/a', fs, posix.dirname), { message: 'Could not create the folder remote:/home/a: refused.' });
  });
});

describe('scaffold: transactional writer in memory (core/scaffold/transaction writePlanTransactionally)', () => {
  let random: () => number;
  beforeEach(() => {
    random = Math.random;
    Math.random = () => 0.123456789; // the temporary folder is .<name>.scaffold-4fzzzxjy
  });
  afterEach(() => {
    Math.random = random;
  });

  it('writes into a temporary sibling folder and renames it into place, reporting progress', async () => {
    const fs = new MemFs('/ws');
    const progress: string[] = [];
    await writePlanTransactionally(plan, '/ws', 'proj', fs, (done, total) => progress.push(`${done}/${total}`));
    assert.deepEqual(progress, ['1/2', '2/2']);
    assert.deepEqual(fs.calls, [
      'mkdirNew /ws/.proj.scaffold-4fzzzxjy',
      'mkdirp /ws/.proj.scaffold-4fzzzxjy/pkg',
      'write /ws/.proj.scaffold-4fzzzxjy/a.txt',
      'write /ws/.proj.scaffold-4fzzzxjy/pkg/b.py',
      'rename /ws/.proj.scaffold-4fzzzxjy -> /ws/proj',
    ]);
    assert.deepEqual(fs.tree(), ['/', '/ws/', '/ws/proj/', '/ws/proj/a.txt', '/ws/proj/pkg/', '/ws/proj/pkg/b.py']);
  });

  it('into an existing empty folder: moves each entry, then removes the temporary folder', async () => {
    const fs = new MemFs('/ws', '/ws/proj');
    await writePlanTransactionally(plan, '/ws', 'proj', fs);
    assert.deepEqual(fs.calls.slice(4), [
      'list /ws/.proj.scaffold-4fzzzxjy',
      'rename /ws/.proj.scaffold-4fzzzxjy/a.txt -> /ws/proj/a.txt',
      'rename /ws/.proj.scaffold-4fzzzxjy/pkg -> /ws/proj/pkg',
      'removeTree /ws/.proj.scaffold-4fzzzxjy',
    ]);
    assert.deepEqual(fs.tree(), ['/', '/ws/', '/ws/proj/', '/ws/proj/a.txt', '/ws/proj/pkg/', '/ws/proj/pkg/b.py']);
  });

  it('refuses a file or a non-empty folder with the path as the caller displays it', async () => {
    const fs = new MemFs('/ws', '/ws/full');
    fs.files.set('/ws/f', 'x');
    fs.files.set('/ws/full/x', 'x');
    fs.display = (p) => `remote:${p}`;
    await assert.rejects(writePlanTransactionally(plan, '/ws', 'f', fs), (e: unknown) => e instanceof ScaffoldError && e.message === 'remote:/ws/f is a file; choose a folder name that does not exist yet.');
    await assert.rejects(writePlanTransactionally(plan, '/ws', 'full', fs), (e: unknown) => e instanceof ScaffoldError && e.message === 'remote:/ws/full already exists and is not empty; choose another name.');
    assert.deepEqual(fs.calls, []);
  });

  it('a failed write names the project file as displayed, its cause and code, and the target left absent', async () => {
    const fs = new MemFs('/ws');
    fs.display = (p) => `remote:${p}`;
    fs.writeNew = async (p) => {
      throw fsError('EDQUOT', `disk quota exceeded, open '${p}'`);
    };
    const err = await writePlanTransactionally({ files: [plan.files[0] as (typeof plan.files)[number]] }, '/ws', 'proj', fs).catch((e: unknown) => e);
    assert.ok(err instanceof ScaffoldWriteError);
    assert.equal(err.message, 'Could not write remote:/ws/proj/a.txt: disk quota exceeded (EDQUOT). Nothing was left behind: remote:/ws/proj is still absent.');
    assert.equal(err.code, 'EDQUOT');
    assert.equal(err.path, 'remote:/ws/proj/a.txt');
    assert.deepEqual(fs.tree(), ['/', '/ws/']);
  });

  it('a folder that cannot be created in the temporary folder is named as the project folder', async () => {
    const fs = new MemFs('/ws');
    fs.mkdirp = async () => {
      throw fsError('EROFS', 'read-only file system, mkdir');
    };
    const err = await writePlanTransactionally(plan, '/ws', 'proj', fs).catch((e: unknown) => e);
    assert.ok(err instanceof ScaffoldWriteError);
    assert.equal(err.message, 'Could not write /ws/proj/pkg: read-only file system (EROFS). Nothing was left behind: /ws/proj is still absent.');
    assert.equal(err.path, '/ws/proj/pkg');
  });

  it('when the temporary folder cannot be created, the error names the parent and nothing is removed', async () => {
    const fs = new MemFs('/ws');
    fs.failMkdirNew = () => fsError('EACCES', 'permission denied, mkdir');
    fs.failRemove = () => fsError('EACCES', 'permission denied, rm');
    const err = await writePlanTransactionally(plan, '/ws', 'proj', fs).catch((e: unknown) => e);
    assert.ok(err instanceof ScaffoldWriteError);
    assert.equal(err.message, 'Could not write /ws: permission denied (EACCES). Nothing was left behind: /ws/proj is still absent.');
    assert.equal(err.path, '/ws');
    assert.equal(err.code, 'EACCES');
    assert.deepEqual(fs.calls, ['mkdirNew /ws/.proj.scaffold-4fzzzxjy']);
  });

  it('when the final rename fails, the error names the target and the temporary folder is removed', async () => {
    const fs = new MemFs('/ws');
    fs.failRename = () => fsError('EXDEV', 'cross-device link not permitted, rename');
    const err = await writePlanTransactionally(plan, '/ws', 'proj', fs).catch((e: unknown) => e);
    assert.ok(err instanceof ScaffoldWriteError);
    assert.equal(err.message, 'Could not write /ws/proj: EXDEV: cross-device link not permitted, rename. Nothing was left behind: /ws/proj is still absent.');
    assert.equal(err.code, 'EXDEV');
    assert.equal(err.path, '/ws/proj');
    assert.equal(fs.calls.at(-1), 'removeTree /ws/.proj.scaffold-4fzzzxjy');
    assert.deepEqual(fs.tree(), ['/', '/ws/']);
  });

  it('a failed move into an empty folder removes what was moved, newest first; leftovers are listed as displayed', async () => {
    const fs = new MemFs('/ws', '/ws/proj');
    const more = { files: [...plan.files, { path: 'c.txt', content: 'C', executable: false }] };
    fs.failRename = (from) => (from.endsWith('/pkg') ? fsError('ENOSPC', 'no space left on device, rename') : undefined);
    fs.failRemove = () => fsError('EACCES', 'permission denied, rm');
    fs.display = (p) => `remote:${p}`;
    const err = await writePlanTransactionally(more, '/ws', 'proj', fs).catch((e: unknown) => e);
    assert.ok(err instanceof ScaffoldWriteError);
    assert.equal(
      err.message,
      'Could not write remote:/ws/proj/pkg: no space left on the device (ENOSPC). Some of it could not be removed; delete remote:/ws/proj/c.txt, remote:/ws/proj/a.txt, remote:/ws/.proj.scaffold-4fzzzxjy by hand.',
    );
    assert.deepEqual(fs.calls.slice(-3), ['removeTree /ws/proj/c.txt', 'removeTree /ws/proj/a.txt', 'removeTree /ws/.proj.scaffold-4fzzzxjy']);
  });

  it('a failed move into an empty folder that cleans up fully says the folder is empty, as it was', async () => {
    const fs = new MemFs('/ws', '/ws/proj');
    fs.failRename = (from) => (from.endsWith('/pkg') ? fsError('ENOSPC', 'no space left on device, rename') : undefined);
    const err = await writePlanTransactionally(plan, '/ws', 'proj', fs).catch((e: unknown) => e);
    assert.ok(err instanceof ScaffoldWriteError);
    assert.equal(err.message, 'Could not write /ws/proj/pkg: no space left on the device (ENOSPC). Nothing was left behind: /ws/proj is empty, as it was.');
    assert.deepEqual(fs.tree(), ['/', '/ws/', '/ws/proj/']);
  });

  it('an error that is not tied to one path names the target; a ScaffoldError passes through unchanged', async () => {
    const fs = new MemFs('/ws', '/ws/proj');
    fs.list = async () => {
      throw fsError('EIO', 'i/o error, scandir');
    };
    const err = await writePlanTransactionally(plan, '/ws', 'proj', fs).catch((e: unknown) => e);
    assert.ok(err instanceof ScaffoldWriteError);
    assert.equal(err.message, 'Could not write /ws/proj: EIO: i/o error, scandir. Nothing was left behind: /ws/proj is empty, as it was.');
    assert.equal(err.path, '/ws/proj');
    assert.equal(err.code, 'EIO');

    const own = new ScaffoldError('stop');
    const fs2 = new MemFs('/ws', '/ws/proj');
    fs2.list = async () => {
      throw own;
    };
    const err2 = await writePlanTransactionally(plan, '/ws', 'proj', fs2).catch((e: unknown) => e);
    assert.equal(err2, own);
    assert.deepEqual(fs2.tree(), ['/', '/ws/', '/ws/proj/'], 'the temporary folder is removed first');
  });
});

describe('scaffold: file-system errors in words (core/scaffold/transaction describeFsError)', () => {
  it('recognises each known cause by its code or by its message, and keeps the code it was given', () => {
    assert.deepEqual(describeFsError(fsError('EDQUOT', 'disk quota exceeded')), { cause: 'disk quota exceeded (EDQUOT)', code: 'EDQUOT' });
    assert.deepEqual(describeFsError(new Error('Disk QUOTA exceeded')), { cause: 'disk quota exceeded (EDQUOT)', code: 'EDQUOT' });
    assert.deepEqual(describeFsError(fsError('EROFS', 'read-only file system, open')), { cause: 'read-only file system (EROFS)', code: 'EROFS' });
    assert.deepEqual(describeFsError(new Error('Read-only file system')), { cause: 'read-only file system (EROFS)', code: 'EROFS' });
    assert.deepEqual(describeFsError(new Error('No space left')), { cause: 'no space left on the device (ENOSPC)', code: 'ENOSPC' });
    assert.deepEqual(describeFsError(new Error('File too large')), { cause: 'file too large (the file-size limit was reached) (EFBIG)', code: 'EFBIG' });
    assert.deepEqual(describeFsError(new Error('Permission denied')), { cause: 'permission denied (EACCES)', code: 'EACCES' });
    assert.deepEqual(describeFsError(new Error('Operation not permitted')), { cause: 'permission denied (EACCES)', code: 'EACCES' });
    assert.deepEqual(describeFsError(fsError('EEXIST', 'file already exists')), { cause: 'it already exists (nothing is overwritten) (EEXIST)', code: 'EEXIST' });
    assert.deepEqual(describeFsError(Object.assign(new Error('x (FileExists)'), { code: 'FileExists' })), { cause: 'it already exists (nothing is overwritten) (FileExists)', code: 'FileExists' });
    assert.deepEqual(describeFsError(new Error('Already exists')), { cause: 'it already exists (nothing is overwritten) (EEXIST)', code: 'EEXIST' });
    // the first known cause that matches wins
    assert.deepEqual(describeFsError(new Error('no space left; permission denied')), { cause: 'no space left on the device (ENOSPC)', code: 'ENOSPC' });
  });

  it('an unknown cause: the message, with the code when there is one', () => {
    assert.deepEqual(describeFsError(fsError('EIO', 'i/o error')), { cause: 'EIO: i/o error', code: 'EIO' });
    assert.deepEqual(describeFsError(new Error('odd')), { cause: 'odd' });
    assert.deepEqual(describeFsError('a plain string'), { cause: 'a plain string' });
    assert.deepEqual(describeFsError(undefined), { cause: 'undefined' });
    assert.deepEqual(describeFsError({ code: 42, message: 7 }), { cause: '[object Object]' });
    assert.deepEqual(describeFsError({ code: 'ENOSPC' }), { cause: 'no space left on the device (ENOSPC)', code: 'ENOSPC' }, 'the code alone is enough');
  });
});
