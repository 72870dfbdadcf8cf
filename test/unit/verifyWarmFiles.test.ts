// The warm process's project files (core/verify/warmFiles): the fingerprint's entries come in
// JavaScript string order (UTF-16 code units), which is not the byte order the file system lists
// them in; only requirements*.txt files are read, and every file read is closed.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectFingerprint, readRequirements, readSmallRegularFile } from '../../src/core/verify/warmFiles';

// U+FF58 (UTF-8 EF BD 98) sorts before U+1F600 (F0 9F 98 80) byte-wise, after it (a surrogate pair) in UTF-16.
const FULLWIDTH_X = '\uff58';
const GRIN = '\u{1f600}';

describe('warm files: fingerprint order (core/verify/warmFiles)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-warmorder-'));
    for (const folder of [FULLWIDTH_X, GRIN, 'b', 'A']) {
      mkdirSync(join(dir, folder));
      writeFileSync(join(dir, folder, 'conftest.py'), folder);
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('walks the folders in JavaScript string order, not in the order the file system lists them', async () => {
    const fp = await projectFingerprint(dir, join(dir, 'no-python'));
    assert.deepEqual([...fp.keys()], ['A/conftest.py', 'b/conftest.py', `${GRIN}/conftest.py`, `${FULLWIDTH_X}/conftest.py`, '<interpreter>']);
  });

  it('the entry cap keeps the first entries in that order', async () => {
    // A, A/conftest.py, b, b/conftest.py, the grinning folder, its conftest.py: six entries.
    const fp = await projectFingerprint(dir, join(dir, 'no-python'), undefined, 6);
    assert.deepEqual([...fp.keys()], ['A/conftest.py', 'b/conftest.py', `${GRIN}/conftest.py`, '<interpreter>']);
  });

  it('the extra environment is listed in the same order, whatever order it was given in', async () => {
    const fp = await projectFingerprint(dir, join(dir, 'no-python'), { [FULLWIDTH_X]: '1', b: '2', [GRIN]: '3', A: '4' }, 0);
    assert.deepEqual([...fp.keys()], ['<interpreter>', '<environment>']);
    assert.equal(fp.get('<environment>'), JSON.stringify([['A', '4'], ['b', '2'], [GRIN, '3'], [FULLWIDTH_X, '1']]));
  });
});

describe('warm files: requirements (core/verify/warmFiles)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-warmreq-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads only the top requirements*.txt files, not other text files, the other restart triggers or folders', () => {
    writeFileSync(join(dir, 'notes.txt'), 'pandas\n');
    writeFileSync(join(dir, 'constraints.txt'), 'scipy\n');
    writeFileSync(join(dir, 'conftest.py'), 'scipy\n');
    writeFileSync(join(dir, 'pyproject.toml'), 'transformers\n');
    mkdirSync(join(dir, 'requirements'));
    writeFileSync(join(dir, 'requirements', 'requirements.txt'), 'transformers\n');
    writeFileSync(join(dir, 'requirements-ml.txt'), 'torchaudio\n');
    assert.deepEqual(readRequirements(dir), ['numpy', 'torch', 'torchaudio']);
  });

  it('closes every file it reads', () => {
    writeFileSync(join(dir, 'requirements.txt'), 'pandas\n');
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 20; i++) assert.equal(readSmallRegularFile(join(dir, 'requirements.txt')), 'pandas\n');
    assert.equal(open(), before);
  });
});
