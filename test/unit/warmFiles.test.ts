// What a warm test process depends on in an (untrusted) project: the restart triggers found by a
// bounded walk that never follows links, and the requirements read only from regular files.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_WALK_ENTRIES, projectFingerprint, readRequirements, readSmallRegularFile } from '../../src/core/verify/warmFiles';

describe('warm process: project files', () => {
  let dir: string;
  let outside: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-warmfiles-'));
    outside = mkdtempSync(join(tmpdir(), 'lp-warmfiles-out-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const put = (rel: string, text = 'x') => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };

  it('fingerprints conftest, requirements and pyproject files, the interpreter and the extra environment', async () => {
    put('conftest.py');
    put('milestones/conftest.py', 'abc');
    put('requirements.txt');
    put('requirements-dev.txt');
    put('pyproject.toml');
    put('pkg/data.py');
    put('a/b/c/d/e/conftest.py');
    const fp = await projectFingerprint(dir, process.execPath, { B: '2', A: '1' });
    assert.deepEqual([...fp.keys()], ['a/b/c/d/e/conftest.py', 'conftest.py', 'milestones/conftest.py', 'pyproject.toml', 'requirements-dev.txt', 'requirements.txt', '<interpreter>', '<environment>']);
    assert.match(fp.get('milestones/conftest.py') ?? '', /^3:\d+(\.\d+)?$/);
    assert.match(fp.get('<interpreter>') ?? '', /^\d+:\d/);
    assert.equal(fp.get('<environment>'), '[["A","1"],["B","2"]]');
    const bare = await projectFingerprint(dir, join(dir, 'no-python'), {});
    assert.equal(bare.get('<interpreter>'), 'missing');
    assert.equal(bare.has('<environment>'), false);
  });

  it('skips hidden, environment, data and output folders, deep folders, and never follows a link', async () => {
    for (const skipped of ['.venv', '.git', 'node_modules', '__pycache__', 'venv', 'env', 'site-packages', 'outputs', 'data', 'build', 'dist']) put(`${skipped}/conftest.py`);
    put('a/b/c/d/e/f/g/conftest.py');
    writeFileSync(join(outside, 'conftest.py'), 'x');
    symlinkSync(outside, join(dir, 'linked'));
    symlinkSync(join(outside, 'conftest.py'), join(dir, 'conftest.py'));
    const fp = await projectFingerprint(dir, join(dir, 'no-python'));
    assert.deepEqual([...fp.keys()], ['<interpreter>']);
  });

  it('visits a bounded number of entries', async () => {
    assert.equal(MAX_WALK_ENTRIES, 5000);
    mkdirSync(join(dir, 'many'));
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, 'many', `f${String(i).padStart(2, '0')}.py`), '');
    put('zz/conftest.py');
    assert.equal((await projectFingerprint(dir, join(dir, 'no-python'), undefined, 22)).has('zz/conftest.py'), false, 'one past the cap');
    assert.equal((await projectFingerprint(dir, join(dir, 'no-python'), undefined, 23)).has('zz/conftest.py'), true, 'within it: many, 20 files, zz, conftest.py');
  });

  it('reads requirements only from regular files, capped, and turns them into modules to import', () => {
    put('requirements.txt', 'torch==1.13\ntorchvision\n');
    put('requirements-extra.txt', 'pandas\n');
    writeFileSync(join(outside, 'requirements.txt'), 'scipy\n');
    assert.deepEqual(readRequirements(dir), ['numpy', 'torch', 'pandas', 'torchvision']);
    symlinkSync(join(outside, 'requirements.txt'), join(dir, 'requirements-linked.txt'));
    assert.deepEqual(readRequirements(dir), ['numpy', 'torch', 'pandas', 'torchvision'], 'a link is not read');
    execFileSync('mkfifo', [join(dir, 'requirements-fifo.txt')]);
    assert.equal(readSmallRegularFile(join(dir, 'requirements-fifo.txt')), undefined, 'a FIFO is never opened for reading');
    assert.deepEqual(readRequirements(dir), ['numpy', 'torch', 'pandas', 'torchvision']);
    put('big.txt', `${'a'.repeat(100)}scipy`);
    assert.equal(readSmallRegularFile(join(dir, 'big.txt'), 100), 'a'.repeat(100));
    assert.equal(readSmallRegularFile(join(dir, 'missing.txt')), undefined);
    assert.deepEqual(readRequirements(join(dir, 'missing')), ['numpy', 'torch']);
  });
});
