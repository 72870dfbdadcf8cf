// One warm process (core/verify/warmProcess) driven against a fake server (./warmFakeServer.ts):
// fast, and it can misbehave on purpose: die at start, print garbage, leave a grandchild behind.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WarmProcess, type WarmRunResult } from '../../src/core/verify/warmProcess';
import { writeFakeWarmServer } from './warmFakeServer';

/** Whether a process runs (a zombie, killed but not reaped, does not). */
function alive(pid: number): boolean {
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
}

async function until(ok: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** The promise's value, or 'still running' after `ms` (a run that never ends fails fast). */
const within = <T>(p: Promise<T>, ms: number): Promise<T | 'still running'> =>
  Promise.race([p, new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms).unref())]);

describe('warm process (core/verify/warmProcess)', function () {
  this.timeout(15_000);
  let dir: string;
  let script: string;
  let logs: string[];
  let started: WarmProcess[];
  const make = (mode: string, python = process.execPath): WarmProcess => {
    const wp = new WarmProcess({ python, cwd: dir, script, preload: [mode], env: process.env, log: (l) => logs.push(l) });
    started.push(wp);
    return wp;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-warmproc-'));
    script = writeFakeWarmServer(dir);
    logs = [];
    started = [];
  });
  afterEach(() => {
    for (const wp of started) wp.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is ready with what it imported, logs its error messages, and kill ends its whole process group', async () => {
    const wp = make('grandchild');
    assert.deepEqual(wp.preloaded, [], 'nothing is imported before it is ready');
    assert.equal(wp.alive, true);
    const ready = await wp.ready;
    assert.deepEqual(ready, { type: 'ready', pid: wp.pid, preloaded: ['pytest', 'grandchild'], pytest: true });
    assert.deepEqual(wp.preloaded, ['pytest', 'grandchild']);
    const grandchild = Number(/^warm process: grandchild (\d+)$/.exec(logs[0] ?? '')?.[1]);
    assert.equal(logs.length, 1);
    assert.ok(grandchild > 1, logs[0]);
    try {
      assert.equal(alive(grandchild), true);
      wp.kill();
      assert.equal(wp.alive, false);
      assert.equal(await until(() => !alive(grandchild), 3000), true, 'the grandchild in its group is gone');
    } finally {
      if (alive(grandchild)) process.kill(grandchild, 'SIGKILL');
    }
    assert.deepEqual(await wp.run({ args: ['process.exit(0)'], timeoutMs: 5000, graceMs: 200 }), { kind: 'broken', reason: 'stopped' });
  });

  it('runs a forked child: its output, its exit code, its memory, the extra environment; one run at a time', async () => {
    const wp = make('normal');
    await wp.ready;
    const out: string[] = [];
    const first = wp.run({ args: ['setTimeout(() => { process.stdout.write("one " + process.env.LP_X); process.exit(3); }, 100)'], env: { LP_X: 'env-ok' }, timeoutMs: 5000, graceMs: 200, onOutput: (c) => out.push(c) });
    const second = wp.run({ args: ['process.stdout.write("two")'], timeoutMs: 5000, graceMs: 200, onOutput: (c) => out.push(c) });
    assert.deepEqual(await first, { kind: 'exited', code: 3, signal: undefined, rssKb: 1234 });
    assert.deepEqual(await second, { kind: 'exited', code: 0, signal: undefined, rssKb: 1234 });
    assert.deepEqual(out, ['one env-ok', 'two']);
    assert.equal(wp.runs, 2);
  });

  it('a cancel ends a child that ignores SIGTERM with SIGKILL after the grace period', async () => {
    const wp = make('normal');
    await wp.ready;
    const ac = new AbortController();
    const t0 = Date.now();
    const r = wp.run({
      args: ['process.on("SIGTERM", () => {}); setInterval(() => {}, 1000); process.stdout.write("up")'],
      timeoutMs: 10_000,
      graceMs: 200,
      signal: ac.signal,
      onOutput: () => ac.abort(),
    });
    assert.deepEqual(await within(r, 4000), { kind: 'cancelled' } satisfies WarmRunResult);
    assert.ok(Date.now() - t0 < 4000);
    assert.equal(wp.alive, true, 'the warm process stays');
  });

  it('a cancelled child that exits at SIGTERM takes a grandchild that ignores it along (SIGKILL to its group)', async () => {
    const wp = make('normal');
    await wp.ready;
    const ac = new AbortController();
    let out = '';
    const child = `const g = require("node:child_process").spawn(process.execPath, ["-e", "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: "ignore" });
      setTimeout(() => process.stdout.write("grandchild " + g.pid), 300); setInterval(() => {}, 1000);`;
    const r = wp.run({ args: [child], timeoutMs: 10_000, graceMs: 5000, signal: ac.signal, onOutput: (c) => ((out += c), ac.abort()) });
    assert.deepEqual(await within(r, 4000), { kind: 'cancelled' });
    const grandchild = Number(/^grandchild (\d+)$/.exec(out)?.[1]);
    assert.ok(grandchild > 1, out);
    try {
      assert.equal(await until(() => !alive(grandchild), 2000), true, 'the grandchild is gone');
    } finally {
      if (alive(grandchild)) process.kill(grandchild, 'SIGKILL');
    }
  });

  it('kill during a run ends the running child too, and the run is broken', async () => {
    const wp = make('normal');
    await wp.ready;
    let out = '';
    const r = wp.run({ args: ['process.stdout.write("child " + process.pid); setInterval(() => {}, 1000)'], timeoutMs: 10_000, graceMs: 200, onOutput: (c) => ((out += c), wp.kill()) });
    assert.deepEqual(await within(r, 4000), { kind: 'broken', reason: 'stopped' });
    const child = Number(/^child (\d+)$/.exec(out)?.[1]);
    assert.ok(child > 1, out);
    try {
      assert.equal(await until(() => !alive(child), 2000), true, 'the child is gone');
    } finally {
      if (alive(child)) process.kill(child, 'SIGKILL');
    }
  });

  it('a run takes only the messages of its own id', async () => {
    const wp = make('normal');
    await wp.ready;
    const out: string[] = [];
    const r = await wp.run({ args: ['process.stdout.write("mine")'], env: { LP_CROSSED: '1' }, timeoutMs: 5000, graceMs: 200, onOutput: (c) => out.push(c) });
    assert.deepEqual(r, { kind: 'exited', code: 0, signal: undefined, rssKb: 1234 });
    assert.deepEqual(out, ['mine']);
  });

  it('a cancelled run whose warm process dies during the grace period is still cancelled', async () => {
    const wp = make('normal');
    await wp.ready;
    const ac = new AbortController();
    const r = wp.run({
      args: ['process.on("SIGTERM", () => {}); process.stdout.write("up"); setInterval(() => {}, 1000)'],
      timeoutMs: 10_000,
      graceMs: 5000,
      signal: ac.signal,
      onOutput: () => {
        ac.abort();
        wp.kill();
      },
    });
    assert.deepEqual(await within(r, 4000), { kind: 'cancelled' });
  });

  it('the first ending counts: a cancel after the timeout leaves the run timedOut', async () => {
    const wp = make('normal');
    await wp.ready;
    const ac = new AbortController();
    // The timeout (50 ms) and the cancel (200 ms) both come before the child is reported started (400 ms).
    const r = wp.run({ args: ['setInterval(() => {}, 1000)'], env: { LP_LATE_START: '400' }, timeoutMs: 50, graceMs: 1000, signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    assert.deepEqual(await within(r, 5000), { kind: 'timedOut' });
  });

  it('a cancel that comes before the child started ends it as soon as it starts', async () => {
    const wp = make('normal');
    await wp.ready;
    const ac = new AbortController();
    const r = wp.run({ args: ['setTimeout(() => process.stdout.write("finished"), 3000)'], env: { LP_LATE_START: '300' }, timeoutMs: 10_000, graceMs: 200, signal: ac.signal, onOutput: (c) => assert.fail(`output ${c}`) });
    setTimeout(() => ac.abort(), 50);
    assert.deepEqual(await within(r, 2500), { kind: 'cancelled' });
    const pre = new AbortController();
    pre.abort();
    assert.deepEqual(await wp.run({ args: ['process.exit(0)'], timeoutMs: 5000, graceMs: 200, signal: pre.signal }), { kind: 'cancelled' });
    assert.equal(wp.runs, 1, 'an aborted request is never sent');
  });

  it('a request the process can no longer read is no crash: the run ends broken when the process ends', async () => {
    const wp = make('deaf');
    await wp.ready;
    assert.deepEqual(await within(wp.run({ args: ['process.exit(0)'], timeoutMs: 5000, graceMs: 200 }), 4000), { kind: 'broken', reason: 'the warm process ended (exit 0)' });
  });

  it('a run past its timeout ends timedOut', async () => {
    const wp = make('normal');
    await wp.ready;
    assert.deepEqual(await within(wp.run({ args: ['setInterval(() => {}, 1000)'], timeoutMs: 200, graceMs: 200 }), 4000), { kind: 'timedOut' });
  });

  it('says why it never got ready: the exit code, or the signal, and the last line of stderr (at most 200 characters)', async () => {
    assert.equal(await make('silent-exit').ready, 'the warm process ended (exit 4)');
    assert.equal(await make('stderr-exit').ready, `the warm process ended (exit 5):   ${'x'.repeat(198)}`, 'the line as written, indentation and all');
    assert.equal(await make('long-stderr').ready, `the warm process ended (exit 6): ${'B'.repeat(200)}`, 'only the last 2000 characters of stderr are kept');
    assert.equal(await make('self-kill').ready, 'the warm process ended (SIGKILL)');
  });

  it('an interpreter that cannot start, and a protocol error, are reasons too; a run on it is broken', async () => {
    const missing = join(dir, 'no-python');
    const wp = make('normal', missing);
    assert.equal(await wp.ready, `${missing}: ENOENT`);
    assert.equal(wp.alive, false);
    assert.deepEqual(await wp.run({ args: ['process.exit(0)'], timeoutMs: 5000, graceMs: 200 }), { kind: 'broken', reason: `${missing}: ENOENT` });
    assert.equal(await make('garbage').ready, 'protocol: not JSON: Traceback');
    assert.equal(await make('long-line').ready, 'a line of the warm process is longer than 1048576 characters');
  });
});
