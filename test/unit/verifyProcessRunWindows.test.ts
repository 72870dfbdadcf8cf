// The process runner (core/verify/processRun) on Windows, where there are no process groups: a
// run's process tree is ended with `taskkill /pid <pid> /T /F`, its output discarded. Simulated on
// Linux: process.platform reads win32 for one short run, and a fake `taskkill` first on PATH
// records how it was called.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { runProcess } from '../../src/core/verify/processRun';

describe('process runner on Windows (core/verify/processRun)', () => {
  let dir: string;
  let savedPath: string | undefined;
  let platform: PropertyDescriptor | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-taskkill-'));
    // Records its arguments and where its stdout goes (/dev/null when the runner ignores it).
    writeFileSync(join(dir, 'taskkill'), `#!/bin/sh\necho "$* -> $(readlink /proc/$$/fd/1)" >> "${join(dir, 'calls.txt')}"\n`);
    chmodSync(join(dir, 'taskkill'), 0o755);
    savedPath = process.env.PATH;
    platform = Object.getOwnPropertyDescriptor(process, 'platform');
  });
  afterEach(() => {
    if (platform) Object.defineProperty(process, 'platform', platform);
    process.env.PATH = savedPath;
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends the finished run\'s tree with taskkill /pid <pid> /T /F, its output ignored', async () => {
    process.env.PATH = `${dir}${delimiter}${savedPath ?? ''}`;
    Object.defineProperty(process, 'platform', { ...platform, value: 'win32' });
    let out = '';
    const r = await runProcess({ command: process.execPath, args: ['-e', 'console.log(process.pid, require("node:fs").readFileSync("/proc/self/stat", "utf8").replace(/^.*\\) /, "").split(" ")[2])'], cwd: dir, timeoutMs: 10_000, onOutput: (c) => (out += c) });
    if (platform) Object.defineProperty(process, 'platform', platform);
    assert.equal(r.exitCode, 0);
    const [pid, group] = out.trim().split(' ').map(Number);
    assert.ok(pid !== undefined && pid > 1, out);
    assert.notEqual(group, pid, 'no process group of its own (not detached): taskkill /T ends the tree');
    assert.equal(readFileSync(join(dir, 'calls.txt'), 'utf8'), `/pid ${pid} /T /F -> /dev/null\n`);
  });
});
