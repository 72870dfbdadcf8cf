// The safe read and write of project files at their edges (src/core/fs/safeRead.ts, safeWrite.ts):
// files whose size lies (Linux's /proc reports 0 bytes and then yields more), reads that fail after
// the open, folders and files that cannot be created, and existence checks.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsInside, existsInsideSync, isInside, readBytes, readBytesSync, SafeReadError } from '../../src/core/fs/safeRead';
import { ensureDirInside, SafeWriteError, writeFileAtomic, writeNewFile } from '../../src/core/fs/safeWrite';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return assert.fail('expected an error');
}

const summary = (e: unknown) => (e instanceof SafeReadError ? `${e.kind} | ${e.message}` : e instanceof SafeWriteError ? `write | ${e.message}` : `other | ${String(e)}`);

describe('safe reads at their edges (core/fs/safeRead)', () => {
  it('a file that says 0 bytes but has more is cut at the cap + 1 and refused (sync and async)', async () => {
    // /proc/self/status: a regular file of size 0 that reads as text.
    assert.equal(summary(thrown(() => readBytesSync('/proc/self', 'status', 0))), 'too-large | status: more than 0 bytes, over the limit; not read');
    assert.equal(summary(await readBytes('/proc/self', 'status', 0).catch((e: unknown) => e)), 'too-large | status: more than 0 bytes, over the limit; not read');
  });

  it('a read that fails after the open is unreadable, in words (sync and async)', async () => {
    // /proc/self/mem opens, but reading from offset 0 (unmapped) fails with EIO.
    assert.equal(summary(thrown(() => readBytesSync('/proc/self', 'mem', 100))), 'unreadable | mem: input/output error');
    assert.equal(summary(await readBytes('/proc/self', 'mem', 100).catch((e: unknown) => e)), 'unreadable | mem: input/output error');
  });

  it('errors carry their class name, kind, file and reason', () => {
    const e = thrown(() => readBytesSync('/proc/self', '../x', 10));
    assert.ok(e instanceof SafeReadError);
    assert.deepEqual([e.name, e.kind, e.file, e.reason, e.message], ['SafeReadError', 'outside', '../x', '".." would leave the project folder', '../x: ".." would leave the project folder']);
    const w = thrown(() => writeNewFile('/proc/self', '/abs', 'x'));
    assert.ok(w instanceof SafeWriteError);
    assert.deepEqual([w.name, w.file, w.reason, w.message], ['SafeWriteError', '/abs', 'absolute paths are not allowed', '/abs: absolute paths are not allowed']);
  });

  it('the parent of the project is not inside it', () => {
    assert.equal(isInside('/a', '/a/b'), false);
    assert.equal(isInside('/', '/a'), false);
    assert.equal(isInside('/a/b/c', '/a/b'), true);
  });

  describe('existence inside the project', () => {
    let tmp: string;
    let root: string;
    beforeEach(() => {
      tmp = mkdtempSync(join(tmpdir(), 'lp-exists-'));
      root = join(tmp, 'project');
      mkdirSync(join(root, 'sub'), { recursive: true });
      writeFileSync(join(root, 'sub', 'a.txt'), 'a');
      writeFileSync(join(tmp, 'secret.txt'), 'secret');
      symlinkSync(join(tmp, 'secret.txt'), join(root, 'out'));
      symlinkSync(join(root, 'sub', 'a.txt'), join(root, 'in'));
    });
    afterEach(() => rmSync(tmp, { recursive: true, force: true }));

    it('a file, a folder or a link that stays inside exists; a missing path, a link out, or an unsafe path does not', async () => {
      const cases: [string, boolean][] = [
        ['sub/a.txt', true],
        ['sub', true],
        ['in', true],
        ['nope.txt', false],
        ['sub/nope/x', false],
        ['out', false],
        ['../secret.txt', false],
        ['/etc/passwd', false],
        ['', false],
      ];
      assert.deepEqual(cases.map(([rel]) => [rel, existsInsideSync(root, rel)]), cases);
      assert.deepEqual(await Promise.all(cases.map(async ([rel]) => [rel, await existsInside(root, rel)])), cases);
      assert.equal(existsInsideSync(join(tmp, 'missing-root'), 'x'), false);
      assert.equal(await existsInside(join(tmp, 'missing-root'), 'x'), false);
    });
  });
});

describe('safe writes at their edges (core/fs/safeWrite)', () => {
  it('a folder that cannot be created names it and the cause', () => {
    // /proc/self takes no new entries: mkdir fails after lstat found nothing.
    assert.equal(summary(thrown(() => ensureDirInside('/proc/self', 'newdir'))), 'write | newdir: does not exist');
  });

  it('a temporary file that cannot be created: the error names the target', () => {
    assert.equal(summary(thrown(() => writeFileAtomic('/proc/self', 'x.txt', 'x'))), 'write | x.txt: does not exist');
    assert.equal(summary(thrown(() => writeNewFile('/proc/self', 'x.txt', 'x'))), 'write | x.txt: does not exist');
  });
});
