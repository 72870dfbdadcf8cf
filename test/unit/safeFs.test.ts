// The one safe read and the safe writes of project files (core/fs): hostile projects.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeStrictUtf8, errnoText, existsInside, existsInsideSync, isInside, kindOfEntry, locate, locateSync, readBytes, readText, readTextSync, SafeReadError } from '../../src/core/fs/safeRead';
import { ensureDirInside, SafeWriteError, writeFileAtomic, writeNewFile } from '../../src/core/fs/safeWrite';

function failure(fn: () => unknown): SafeReadError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SafeReadError, String(err));
    return err;
  }
  assert.fail('expected a SafeReadError');
}

async function failureAsync(fn: () => Promise<unknown>): Promise<SafeReadError> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof SafeReadError, String(err));
    return err;
  }
  assert.fail('expected a SafeReadError');
}

function writeFailure(fn: () => unknown): SafeWriteError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SafeWriteError, String(err));
    return err;
  }
  assert.fail('expected a SafeWriteError');
}

describe('safe read of project files (core/fs/safeRead)', () => {
  let tmp: string;
  let root: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'lp-safe-'));
    root = join(tmp, 'project');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'sub', 'a.txt'), 'héllo');
    writeFileSync(join(tmp, 'secret.txt'), 'secret');
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads a regular file inside the project, sync and async, with its size and time', async () => {
    assert.equal(readTextSync(root, 'sub/a.txt', 100), 'héllo');
    assert.equal(await readText(root, 'sub/a.txt', 100), 'héllo');
    const info = locateSync(root, 'sub/a.txt');
    assert.equal(info.size, 6);
    assert.equal(info.mtimeMs, statSync(join(root, 'sub', 'a.txt')).mtimeMs);
    assert.deepEqual(await locate(root, 'sub/a.txt'), info);
  });

  it('follows links only while they stay inside the project', async () => {
    symlinkSync('sub/a.txt', join(root, 'inner'));
    symlinkSync(join(tmp, 'secret.txt'), join(root, 'outer'));
    symlinkSync(tmp, join(root, 'updir'));
    assert.equal(readTextSync(root, 'inner', 100), 'héllo');
    for (const rel of ['outer', 'updir/secret.txt']) {
      const e = failure(() => readTextSync(root, rel, 100));
      assert.equal(e.kind, 'outside');
      assert.equal(e.message, `${rel}: a symbolic link to a file outside the project; not read`);
      assert.equal((await failureAsync(() => readText(root, rel, 100))).kind, 'outside');
    }
    assert.equal(existsInsideSync(root, 'inner'), true);
    assert.equal(existsInsideSync(root, 'outer'), false);
    assert.equal(await existsInside(root, 'outer'), false);
    assert.equal(await existsInside(root, 'sub'), true);
  });

  it('refuses paths that leave the project before touching the disk', () => {
    for (const rel of ['../secret.txt', '/etc/passwd', 'sub/../../secret.txt', '']) {
      assert.equal(failure(() => readTextSync(root, rel, 100)).kind, 'outside', rel);
      assert.equal(existsInsideSync(root, rel), false, rel);
    }
  });

  it('reads only regular files: a FIFO, a device, a folder, a link to /dev/zero', async () => {
    assert.equal(spawnSync('mkfifo', [join(root, 'fifo')]).status, 0);
    symlinkSync('/dev/zero', join(root, 'zero'));
    const fifo = failure(() => readTextSync(root, 'fifo', 100));
    assert.equal(fifo.kind, 'not-file');
    assert.equal(fifo.message, 'fifo: a named pipe (FIFO), not a regular file; not read');
    assert.equal((await failureAsync(() => readText(root, 'fifo', 100))).kind, 'not-file');
    assert.equal(failure(() => readTextSync(root, 'sub', 100)).reason, 'a folder, not a regular file; not read');
    assert.equal(failure(() => readTextSync(root, 'zero', 100)).kind, 'outside');
    assert.equal(failure(() => readTextSync('/dev', 'null', 100)).reason, 'a device, not a regular file; not read');
  });

  it('caps in bytes, checked before reading', async () => {
    writeFileSync(join(root, 'big'), 'é'.repeat(60)); // 60 characters, 120 bytes
    const e = failure(() => readTextSync(root, 'big', 100));
    assert.equal(e.kind, 'too-large');
    assert.equal(e.reason, '120 bytes is over the 100 bytes limit; not read');
    assert.equal((await failureAsync(() => readBytes(root, 'big', 100))).kind, 'too-large');
    assert.equal(readTextSync(root, 'big', 120).length, 60);
    assert.equal((await readBytes(root, 'big', 120)).length, 120);
  });

  it('missing files and link loops say so', async () => {
    assert.equal(failure(() => readTextSync(root, 'nope.txt', 100)).kind, 'missing');
    assert.equal(failure(() => readTextSync(root, 'sub/a.txt/x', 100)).kind, 'missing');
    assert.equal((await failureAsync(() => readText(root, 'nope.txt', 100))).message, 'nope.txt: does not exist');
    symlinkSync('loop', join(root, 'loop'));
    const loop = failure(() => readTextSync(root, 'loop', 100));
    assert.equal(loop.kind, 'unreadable');
    assert.equal(loop.reason, 'symbolic link loop');
  });

  it('text is strict UTF-8, a byte-order mark kept', () => {
    assert.equal(decodeStrictUtf8('f', Buffer.from('\ufeffabc', 'utf8')), '\ufeffabc');
    const e = failure(() => decodeStrictUtf8('f.py', Buffer.from([0x61, 0x62, 0xff, 0x63])));
    assert.equal(e.kind, 'not-utf8');
    assert.equal(e.message, 'f.py: not UTF-8 text (invalid byte 0xff at byte offset 2); not read');
    writeFileSync(join(root, 'latin1'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    assert.equal(failure(() => readTextSync(root, 'latin1', 100)).kind, 'not-utf8');
  });

  it('errors in words, things by kind, inside by path', () => {
    const code = (c: string) => Object.assign(new Error('raw'), { code: c });
    const table: [string, string][] = [
      ['ENOENT', 'does not exist'],
      ['EACCES', 'permission denied'],
      ['EPERM', 'permission denied'],
      ['EISDIR', 'is a folder, not a file'],
      ['ENOTDIR', 'a segment of the path is not a folder'],
      ['ELOOP', 'symbolic link loop'],
      ['ENAMETOOLONG', 'the path is too long'],
      ['ENOSPC', 'no space left on the device'],
      ['EDQUOT', 'disk quota exceeded'],
      ['EROFS', 'read-only file system'],
      ['EIO', 'input/output error'],
      ['EMFILE', 'too many open files'],
      ['ENFILE', 'too many open files'],
      ['EXDEV', 'EXDEV'],
    ];
    for (const [c, text] of table) assert.equal(errnoText(code(c)), text, c);
    assert.equal(errnoText(new Error('first line\nsecond')), 'first line');
    assert.equal(errnoText('plain'), 'plain');
    const kind = (k: string) => ({ isFIFO: () => k === 'fifo', isSocket: () => k === 'socket', isCharacterDevice: () => k === 'chr', isBlockDevice: () => k === 'blk', isDirectory: () => k === 'dir' });
    assert.equal(kindOfEntry(kind('socket')), 'a socket');
    assert.equal(kindOfEntry(kind('blk')), 'a device');
    assert.equal(kindOfEntry(kind('other')), 'not a regular file');
    assert.equal(isInside('/a/b', '/a'), true);
    assert.equal(isInside('/a', '/a'), true);
    assert.equal(isInside('/ab', '/a'), false);
    assert.equal(isInside('/a/../b', '/a'), false);
    assert.equal(isInside('/a/..b', '/a'), true);
  });
});

describe('safe writes into a project (core/fs/safeWrite)', () => {
  let tmp: string;
  let root: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'lp-write-'));
    root = join(tmp, 'project');
    mkdirSync(join(root, 'pkg'), { recursive: true });
    writeFileSync(join(tmp, 'victim.py'), 'victim');
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('replaces a file atomically, keeping its permission bits and leaving no temporary file', () => {
    writeFileSync(join(root, 'pkg', 'run.sh'), 'old');
    chmodSync(join(root, 'pkg', 'run.sh'), 0o750);
    writeFileAtomic(root, 'pkg/run.sh', 'new');
    assert.equal(readFileSync(join(root, 'pkg', 'run.sh'), 'utf8'), 'new');
    assert.equal(statSync(join(root, 'pkg', 'run.sh')).mode & 0o777, 0o750);
    writeFileAtomic(root, 'fresh/deep/x.py', 'x');
    assert.equal(readFileSync(join(root, 'fresh', 'deep', 'x.py'), 'utf8'), 'x');
    assert.equal(statSync(join(root, 'fresh', 'deep', 'x.py')).mode & 0o777, 0o644);
    assert.deepEqual(readdirSync(join(root, 'pkg')), ['run.sh']);
  });

  it('never writes through a link, into a linked folder, over a non-file, or outside', () => {
    symlinkSync(join(tmp, 'victim.py'), join(root, 'pkg', 'calc.py'));
    assert.equal(writeFailure(() => writeFileAtomic(root, 'pkg/calc.py', 'x')).message, 'pkg/calc.py: is a symbolic link; nothing is written through it');
    symlinkSync(tmp, join(root, 'out'));
    assert.equal(writeFailure(() => writeFileAtomic(root, 'out/victim.py', 'x')).message, 'out: is a symbolic link; nothing is written through it');
    assert.equal(writeFailure(() => writeNewFile(root, 'out/new.py', 'x')).message, 'out: is a symbolic link; nothing is written through it');
    assert.equal(readFileSync(join(tmp, 'victim.py'), 'utf8'), 'victim');
    mkdirSync(join(root, 'adir'));
    assert.equal(writeFailure(() => writeFileAtomic(root, 'adir', 'x')).message, 'adir: is a folder, not a regular file');
    writeFileSync(join(root, 'afile'), '');
    assert.equal(writeFailure(() => ensureDirInside(root, 'afile/x')).message, 'afile: is a file, not a folder');
    assert.equal(spawnSync('mkfifo', [join(root, 'fifo')]).status, 0);
    assert.equal(writeFailure(() => ensureDirInside(root, 'fifo/x')).message, 'fifo: is a named pipe (FIFO), not a folder');
    assert.equal(writeFailure(() => writeFileAtomic(root, '../victim.py', 'x')).message, '../victim.py: ".." would leave the project folder');
    assert.equal(writeFailure(() => writeNewFile(root, '/abs', 'x')).message, '/abs: absolute paths are not allowed');
    assert.equal(writeFailure(() => ensureDirInside(root, 'a/../..')).message, 'a/../..: ".." would leave the project folder');
  });

  it('a new file never replaces anything', () => {
    writeNewFile(root, 'backup/one/pkg/calc.py', 'mine');
    assert.equal(readFileSync(join(root, 'backup', 'one', 'pkg', 'calc.py'), 'utf8'), 'mine');
    assert.equal(writeFailure(() => writeNewFile(root, 'backup/one/pkg/calc.py', 'again')).reason, 'already exists');
    symlinkSync(join(tmp, 'victim.py'), join(root, 'dangling'));
    assert.equal(writeFailure(() => writeNewFile(root, 'dangling', 'x')).reason, 'already exists');
    assert.equal(readFileSync(join(tmp, 'victim.py'), 'utf8'), 'victim');
  });

  it('a full disk leaves the old file whole and no temporary file behind (tmpfs of 64 KB; needs root)', function () {
    const mnt = join(tmp, 'tiny');
    mkdirSync(mnt);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]).status !== 0) this.skip(); // pending, not passed: no mount here
    try {
      writeFileSync(join(mnt, 'calc.py'), 'old content');
      const e = writeFailure(() => writeFileAtomic(mnt, 'calc.py', 'x'.repeat(1024 * 1024)));
      assert.equal(e.message, 'calc.py: no space left on the device; the file is unchanged');
      assert.equal(readFileSync(join(mnt, 'calc.py'), 'utf8'), 'old content');
      assert.deepEqual(readdirSync(mnt), ['calc.py']);
      const n = writeFailure(() => writeNewFile(mnt, 'backup.py', 'x'.repeat(1024 * 1024)));
      assert.equal(n.message, 'backup.py: no space left on the device');
      assert.deepEqual(readdirSync(mnt), ['calc.py']);
    } finally {
      spawnSync('umount', [mnt]);
    }
  });
});
