// Looking a command up on PATH (core/verify/which): the first executable regular file of that
// name, in PATH order; Windows names (.exe, then .cmd); empty PATH entries are not the cwd.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { which, whichSync } from '../../src/core/verify/which';

describe('which (core/verify/which)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'lp-which-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** An executable (mode 755) or plain (644) file `name` in the folder `dir` under the root; returns its path. */
  const put = (dir: string, name: string, mode = 0o755): string => {
    mkdirSync(join(root, dir), { recursive: true });
    const p = join(root, dir, name);
    writeFileSync(p, '#!/bin/sh\n');
    chmodSync(p, mode);
    return p;
  };
  const pathOf = (...dirs: string[]) => dirs.map((d) => join(root, d)).join(delimiter);

  it('finds the first executable file of that name in PATH order', () => {
    put('a', 'other-tool');
    const second = put('b', 'lp-tool');
    put('c', 'lp-tool');
    assert.equal(whichSync('lp-tool', pathOf('a', 'b', 'c'), 'linux'), second);
    assert.equal(whichSync('lp-tool', pathOf('c', 'b'), 'linux'), join(root, 'c', 'lp-tool'));
    assert.equal(whichSync('lp-missing', pathOf('a', 'b', 'c'), 'linux'), undefined);
  });

  it('passes over a file that is not executable and a folder of that name', () => {
    put('plain', 'lp-tool', 0o644);
    mkdirSync(join(root, 'folder', 'lp-tool'), { recursive: true });
    const real = put('real', 'lp-tool');
    assert.equal(whichSync('lp-tool', pathOf('plain', 'folder', 'real'), 'linux'), real);
    assert.equal(whichSync('lp-tool', pathOf('plain', 'folder'), 'linux'), undefined);
  });

  it('on Windows looks for <command>.exe, then <command>.cmd, never the bare name', () => {
    put('bare', 'py');
    const cmd = put('cmd', 'py.cmd');
    put('both', 'py.cmd');
    const exe = put('both', 'py.exe');
    assert.equal(whichSync('py', pathOf('bare', 'cmd'), 'win32'), cmd);
    assert.equal(whichSync('py', pathOf('both'), 'win32'), exe);
    assert.equal(whichSync('py', pathOf('bare'), 'win32'), undefined);
    assert.equal(whichSync('py', pathOf('cmd'), 'linux'), undefined, 'elsewhere only the bare name counts');
  });

  it('an empty PATH entry is skipped, not taken as the working directory', () => {
    put('cwd', 'lp-here');
    const before = process.cwd();
    process.chdir(join(root, 'cwd'));
    try {
      assert.equal(whichSync('lp-here', `${delimiter}${join(root, 'none')}`, 'linux'), undefined);
      assert.equal(whichSync('lp-here', '', 'linux'), undefined);
    } finally {
      process.chdir(before);
    }
  });

  it('defaults to process.env.PATH and the running platform, and has an async form', async () => {
    const tool = put('env', 'lp-env-tool');
    const saved = process.env.PATH;
    process.env.PATH = pathOf('none', 'env');
    try {
      assert.equal(whichSync('lp-env-tool'), tool);
      assert.equal(await which('lp-env-tool'), tool);
      assert.equal(await which('lp-env-missing'), undefined);
    } finally {
      process.env.PATH = saved;
    }
  });
});
