// The one process runner (core/verify/processRun.ts): every run ends, whatever the process does.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DRAIN_MS, MAX_TIMEOUT_MS, runProcess, startErrorText, timerMs, type ProcessRunRequest } from '../../src/core/verify/processRun';

const node = process.execPath;
/** Whether a process runs (a zombie, killed but not yet reaped by an init that never reaps, does not). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('process runner (core/verify/processRun)', function () {
  this.timeout(30_000);
  let cwd: string;
  beforeEach(() => (cwd = mkdtempSync(join(tmpdir(), 'lp-run-'))));
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));
  const run = (args: string[], extra: Partial<ProcessRunRequest> = {}) => {
    let out = '';
    const result = runProcess({ command: node, args, cwd, timeoutMs: 10_000, graceMs: 300, onOutput: (chunk) => (out += chunk), ...extra });
    return result.then((r) => ({ ...r, out }));
  };

  it('reports the exit code and streams stdout and stderr', async () => {
    const streams: string[] = [];
    const r = await run(['-e', 'process.stdout.write("out"); process.stderr.write("err"); process.exitCode = 3'], { onOutput: (_c, s) => streams.push(s) });
    assert.equal(r.exitCode, 3);
    assert.equal(r.signal, undefined);
    assert.equal(r.timedOut, false);
    assert.equal(r.cancelled, false);
    assert.deepEqual([...new Set(streams)].sort(), ['stderr', 'stdout']);
  });

  it('streams more than 1 MB of output whole (no buffer limit, no ENOBUFS)', async () => {
    const r = await run(['-e', 'for (let i = 0; i < 30; i++) process.stdout.write("é".repeat(100_000))']);
    assert.equal(r.exitCode, 0);
    assert.equal(r.out.length, 3_000_000);
    assert.ok(/^é+$/.test(r.out), 'multi-byte characters split across chunks are decoded whole');
  });

  it('a process that ignores SIGTERM is killed after the grace period', async () => {
    const r = await run(['-e', 'process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000)'], { timeoutMs: 500, graceMs: 300 });
    assert.equal(r.timedOut, true);
    assert.equal(r.signal, 'SIGKILL');
    assert.equal(r.exitCode, undefined);
    assert.ok(r.durationMs < 5000, `ended after ${r.durationMs} ms`);
  });

  it('a timeout ends the whole process group: a grandchild that ignores SIGTERM too', async () => {
    const script = `const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { stdio: 'inherit' });
      console.log('grandchild ' + g.pid); process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);`;
    const r = await run(['-e', script], { timeoutMs: 800, graceMs: 300 });
    const pid = Number(/grandchild (\d+)/.exec(r.out)?.[1]);
    assert.ok(pid > 0, r.out);
    assert.equal(r.timedOut, true);
    assert.ok(r.durationMs < 5000, `ended after ${r.durationMs} ms`);
    await new Promise((res) => setTimeout(res, 200));
    assert.equal(alive(pid), false, 'the grandchild is gone');
  });

  it('a grandchild left holding the pipes does not keep a finished run open, and is ended', async () => {
    const script = `const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' });
      g.unref(); console.log('grandchild ' + g.pid); process.exit(0);`;
    const r = await run(['-e', script], { timeoutMs: 20_000 });
    const pid = Number(/grandchild (\d+)/.exec(r.out)?.[1]);
    assert.ok(pid > 0, r.out);
    assert.equal(r.exitCode, 0);
    assert.equal(r.timedOut, false);
    assert.ok(r.durationMs < DRAIN_MS + 4000, `ended after ${r.durationMs} ms`);
    await new Promise((res) => setTimeout(res, 200));
    assert.equal(alive(pid), false, 'the grandchild is gone');
  });

  it('a grandchild in its own session holding the pipes cannot keep a timed-out run open', async () => {
    const script = `const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit', detached: true });
      console.log('escaped ' + g.pid); process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);`;
    const r = await run(['-e', script], { timeoutMs: 500, graceMs: 300 });
    const pid = Number(/escaped (\d+)/.exec(r.out)?.[1]);
    try {
      assert.equal(r.timedOut, true);
      assert.ok(r.durationMs < 5000, `ended after ${r.durationMs} ms`);
    } finally {
      if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL'); // out of our reach by design: clean up
    }
  });

  it('a command that does not exist is one line, at once', async () => {
    const r = await runProcess({ command: join(cwd, 'no-such-python'), args: [], cwd, timeoutMs: 10_000 });
    assert.equal(r.startError, `${join(cwd, 'no-such-python')}: not found`);
    assert.equal(r.exitCode, undefined);
    assert.equal(r.timedOut, false);
    assert.ok(r.durationMs < 5000);
  });

  it('cancelling (an abort signal) ends the run, also when aborted before it starts', async () => {
    const ac = new AbortController();
    const pending = run(['-e', 'setInterval(() => {}, 1000)'], { signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    const r = await pending;
    assert.equal(r.cancelled, true);
    assert.equal(r.timedOut, false);
    assert.equal(r.signal, 'SIGTERM');
    const early = new AbortController();
    early.abort();
    const r2 = await run(['-e', 'setInterval(() => {}, 1000)'], { signal: early.signal });
    assert.equal(r2.cancelled, true);
    assert.ok(r2.durationMs < 5000);
  });

  it('timeouts a timer cannot hold are clamped, not fired at once', async () => {
    assert.equal(timerMs(3e12), MAX_TIMEOUT_MS);
    assert.equal(timerMs(Number.NaN), MAX_TIMEOUT_MS);
    assert.equal(timerMs(0), 1);
    assert.equal(timerMs(-5), 1);
    assert.equal(timerMs(1500.7), 1500);
    const r = await run(['-e', 'setTimeout(() => {}, 300)'], { timeoutMs: 3e12 });
    assert.equal(r.timedOut, false);
    assert.equal(r.exitCode, 0);
  });

  it('start errors in words', () => {
    const err = (code: string) => Object.assign(new Error('x'), { code });
    assert.equal(startErrorText('py', err('ENOENT')), 'py: not found');
    assert.equal(startErrorText('py', err('EACCES')), 'py: permission denied (not executable?)');
    assert.equal(startErrorText('py', err('EMFILE')), 'py: EMFILE');
    assert.equal(startErrorText('py', new Error('odd')), 'py: odd');
  });
});
