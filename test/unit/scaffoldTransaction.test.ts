// A scaffold is all or nothing: a failure mid-write (ENOSPC, EFBIG, a permission error, a path
// that appears meanwhile) leaves the target as it was, no temporary folder behind, and says why
// and where.
import * as assert from 'node:assert/strict';
import { promises as fsp, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeScaffoldFs } from '../../src/core/scaffold/nodeFs';
import { planScaffold, ScaffoldError, writePlan } from '../../src/core/scaffold/plan';
import { describeFsError, ScaffoldWriteError, writePlanTransactionally, type TransactionalFs } from '../../src/core/scaffold/transaction';
import { bundledTemplate, listFiles } from './helpers';

const fsError = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}`), { code });

/** Node's fs, except that the Nth write writes half its content and then fails with `error`. */
function failingOnWrite(n: number, error: () => Error): TransactionalFs & { writes: number } {
  const fs = {
    ...nodeScaffoldFs,
    writes: 0,
    async writeNew(path: string, content: string, executable: boolean) {
      if (++fs.writes === n) {
        await fsp.writeFile(path, content.slice(0, Math.floor(content.length / 2)), { flag: 'wx' }); // a truncated file, as a full disk leaves it
        throw error();
      }
      await nodeScaffoldFs.writeNew(path, content, executable);
    },
  };
  return fs;
}

describe('scaffold: transactional writer', () => {
  const plan = () => planScaffold(bundledTemplate('pytorch-image-classifier'), { packageName: 'demo_pkg', projectId: 'id-1', now: new Date(0) });
  let tmp: string;
  beforeEach(() => (tmp = mkdtempSync(join(tmpdir(), 'lp-tx-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes exactly what the sequential writer writes, and leaves no temporary folder', async () => {
    await writePlanTransactionally(plan(), tmp, 'a', nodeScaffoldFs);
    await writePlan(plan(), join(tmp, 'b'), nodeScaffoldFs);
    assert.deepEqual(readdirSync(tmp).sort(), ['a', 'b']);
    const files = listFiles(join(tmp, 'a'));
    assert.deepEqual(files, listFiles(join(tmp, 'b')));
    for (const f of files) assert.equal(readFileSync(join(tmp, 'a', f), 'utf8'), readFileSync(join(tmp, 'b', f), 'utf8'), f);
  });

  for (const [code, message, cause] of [
    ['ENOSPC', 'no space left on device, write', /no space left on the device \(ENOSPC\)/],
    ['EFBIG', 'file too large, write', /file too large \(the file-size limit was reached\) \(EFBIG\)/],
    ['EACCES', 'permission denied, open', /permission denied \(EACCES\)/],
  ] as const) {
    it(`${code} on any write: the target stays absent, nothing is left, the message names the cause and the file`, async () => {
      const total = plan().files.length;
      for (let n = 1; n <= total; n++) {
        const fs = failingOnWrite(n, () => fsError(code, message));
        const err = await writePlanTransactionally(plan(), tmp, 'proj', fs).then(
          () => assert.fail('no error'),
          (e: unknown) => e,
        );
        assert.ok(err instanceof ScaffoldWriteError, String(err));
        assert.equal(err.code, code);
        assert.match(err.message, cause);
        assert.ok(err.path.startsWith(join(tmp, 'proj') + '/'), `names the project file, not a temporary one: ${err.path}`);
        assert.ok(plan().files.some((f) => join(tmp, 'proj', ...f.path.split('/')) === err.path), err.path);
        assert.match(err.message, /Nothing was left behind: .*proj is still absent\./);
        assert.deepEqual(readdirSync(tmp), [], `write ${n} of ${total}: something was left behind`);
      }
    });
  }

  it('an existing empty target (perhaps the shell is in it) is the same empty folder after a failure', async () => {
    const target = join(tmp, 'here');
    mkdirSync(target);
    const ino = statSync(target).ino;
    const err = await writePlanTransactionally(plan(), tmp, 'here', failingOnWrite(3, () => fsError('EFBIG', 'file too large'))).catch((e: unknown) => e);
    assert.ok(err instanceof ScaffoldWriteError);
    assert.match(err.message, /here is empty, as it was/);
    assert.deepEqual(readdirSync(tmp), ['here']);
    assert.deepEqual(readdirSync(target), []);
    assert.equal(statSync(target).ino, ino);
    // and on success the files land in that same folder
    await writePlanTransactionally(plan(), tmp, 'here', nodeScaffoldFs);
    assert.equal(statSync(target).ino, ino);
    assert.ok(readdirSync(target).includes('.learning-path.json'));
    assert.deepEqual(readdirSync(tmp), ['here']);
  });

  it('a failure while moving into an empty target removes what was moved', async () => {
    const target = join(tmp, 'here');
    mkdirSync(target);
    let renames = 0;
    const fs: TransactionalFs = {
      ...nodeScaffoldFs,
      async rename(from, to) {
        if (++renames === 3) throw fsError('ENOSPC', 'no space left on device, rename');
        await nodeScaffoldFs.rename(from, to);
      },
    };
    const err = await writePlanTransactionally(plan(), tmp, 'here', fs).catch((e: unknown) => e);
    assert.ok(err instanceof ScaffoldWriteError);
    assert.equal(err.code, 'ENOSPC');
    assert.deepEqual(readdirSync(target), []);
    assert.deepEqual(readdirSync(tmp), ['here']);
  });

  it("never overwrites: a folder the user creates meanwhile is left alone, and so is a non-empty or file target", async () => {
    const fs: TransactionalFs = {
      ...nodeScaffoldFs,
      async writeNew(path, content, executable) {
        await nodeScaffoldFs.writeNew(path, content, executable);
        if (path.endsWith('.learning-path.json')) {
          mkdirSync(join(tmp, 'race'));
          writeFileSync(join(tmp, 'race', 'mine.txt'), 'mine');
        }
      },
    };
    const err = await writePlanTransactionally(plan(), tmp, 'race', fs).catch((e: unknown) => e);
    assert.ok(err instanceof ScaffoldWriteError, String(err));
    assert.match(err.message, /race: it already exists \(nothing is overwritten\) \(EEXIST\)/);
    assert.deepEqual(readdirSync(tmp), ['race']);
    assert.deepEqual(readdirSync(join(tmp, 'race')), ['mine.txt']);
    assert.equal(readFileSync(join(tmp, 'race', 'mine.txt'), 'utf8'), 'mine');

    await assert.rejects(writePlanTransactionally(plan(), tmp, 'race', nodeScaffoldFs), (e: unknown) => e instanceof ScaffoldError && /not empty/.test(e.message));
    writeFileSync(join(tmp, 'afile'), 'x');
    await assert.rejects(writePlanTransactionally(plan(), tmp, 'afile', nodeScaffoldFs), /is a file/);
    assert.deepEqual(readdirSync(tmp).sort(), ['afile', 'race']);
  });

  it('says so when the cleanup fails too, naming what to delete', async () => {
    const fs: TransactionalFs = { ...failingOnWrite(2, () => fsError('ENOSPC', 'no space left on device')), removeTree: () => Promise.reject(fsError('EACCES', 'permission denied')) };
    const err = await writePlanTransactionally(plan(), tmp, 'proj', fs).catch((e: unknown) => e);
    assert.ok(err instanceof ScaffoldWriteError);
    assert.match(err.message, /Some of it could not be removed; delete .*\.proj\.scaffold-\w+ by hand\./);
    assert.doesNotMatch(err.message, /Nothing was left behind/);
  });

  it('reads the cause from Node and VS Code errors alike', () => {
    assert.deepEqual(describeFsError(fsError('ENOSPC', 'no space left on device, write')), { cause: 'no space left on the device (ENOSPC)', code: 'ENOSPC' });
    assert.deepEqual(describeFsError(Object.assign(new Error('ENOSPC: no space left on device, write (Unknown)'), { code: 'Unknown' })), { cause: 'no space left on the device (ENOSPC)', code: 'ENOSPC' });
    assert.equal(describeFsError(Object.assign(new Error('x (NoPermissions)'), { code: 'NoPermissions' })).cause, 'permission denied (NoPermissions)');
    assert.equal(describeFsError(Object.assign(new Error('big (FileTooLarge)'), { code: 'FileTooLarge' })).code, 'FileTooLarge');
    assert.equal(describeFsError(fsError('EPERM', 'operation not permitted')).cause, 'permission denied (EPERM)');
    assert.equal(describeFsError(new Error('something else')).cause, 'something else');
  });
});
