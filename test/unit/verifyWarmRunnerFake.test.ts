// WarmTestRunner (core/verify/warmRunner) against a fake warm server (./warmFakeServer.ts) run by
// Node: each plan's argument after `-m pytest` is a Node script the fake forks. The same plan run
// cold is `node -m pytest …`, which Node refuses with exit code 9: so 9 means "ran cold".
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestRunOutcome } from '../../src/core/verify/runner';
import type { TestRunPlan } from '../../src/core/verify/testRun';
import { WarmTestRunner, type WarmTestRunnerOptions } from '../../src/core/verify/warmRunner';
import { writeFakeWarmServer } from './warmFakeServer';

const NODE = process.execPath;
const COLD = 9;
const plan = (script: string): TestRunPlan => ({ milestoneId: 'm', testPath: 't.py', reportPath: 'r.xml', args: ['-m', 'pytest', script] });
/** The outcome without its duration. */
const outcome = (r: TestRunOutcome) => {
  const { durationMs, ...rest } = r;
  assert.ok(durationMs >= 0 && durationMs < 60_000, `${durationMs} ms`);
  return rest;
};

async function until(ok: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe('WarmTestRunner against a fake warm server (core/verify/warmRunner)', function () {
  this.timeout(20_000);
  let dir: string;
  let tools: string;
  let script: string;
  let logs: string[];
  let runner: WarmTestRunner | undefined;
  const make = (options: Partial<WarmTestRunnerOptions> = {}): WarmTestRunner => {
    runner?.dispose();
    logs = [];
    runner = new WarmTestRunner({ isTrusted: () => true, log: (l) => logs.push(l), serverScript: script, preload: ['normal'], graceMs: 200, ...options });
    return runner;
  };
  const run = (r: WarmTestRunner, plans: TestRunPlan[], extra: { timeoutMs?: number; env?: Record<string, string>; signal?: AbortSignal; onOutput?: (c: string) => void; python?: string } = {}) =>
    r.run({ cwd: dir, python: extra.python ?? NODE, plans, timeoutMs: extra.timeoutMs ?? 10_000, ...(extra.env ? { env: extra.env } : {}), ...(extra.signal ? { signal: extra.signal } : {}), ...(extra.onOutput ? { onOutput: extra.onOutput } : {}) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-warmfake-'));
    tools = mkdtempSync(join(tmpdir(), 'lp-warmfake-tools-'));
    script = writeFakeWarmServer(tools);
    runner = undefined;
  });
  afterEach(() => {
    runner?.dispose();
    rmSync(dir, { recursive: true, force: true });
    rmSync(tools, { recursive: true, force: true });
  });

  it('runs warm: every plan in one process, the last exit code, the output; the next run reuses the process', async () => {
    const r = make();
    let out = '';
    const first = await run(r, [plan('process.stdout.write("a"); process.exit(2)'), plan('process.exit(3)')], { onOutput: (c) => (out += c) });
    assert.deepEqual(outcome(first), { kind: 'finished', exitCode: 3, warm: true });
    assert.equal(out, 'a');
    const pid = r.processOf(dir)?.pid;
    assert.ok(pid !== undefined && pid > 1);
    assert.deepEqual(r.processOf(dir), { pid, python: NODE, runs: 2, preloaded: ['pytest', 'normal'] });
    assert.deepEqual(outcome(await run(r, [plan('process.exit(0)')])), { kind: 'finished', exitCode: 0, warm: true });
    assert.deepEqual(r.processOf(dir), { pid, python: NODE, runs: 3, preloaded: ['pytest', 'normal'] });
    assert.deepEqual(logs, []);
  });

  it('preloads numpy, torch and the heavy packages the requirements name when not told otherwise', async () => {
    writeFileSync(join(dir, 'requirements.txt'), 'pandas\nrequests\n');
    const r = make({ preload: undefined });
    assert.equal(await r.warmUp(dir, NODE), true);
    assert.deepEqual(r.processOf(dir)?.preloaded, ['pytest', 'numpy', 'torch', 'pandas']);
  });

  it('passes the warm process\'s own error messages to the log', async () => {
    const r = make({ preload: ['chatty'] });
    assert.equal(await r.warmUp(dir, NODE), true);
    assert.deepEqual(logs, ['warm process: bad run request']);
  });

  it('a runner disposed while a run looks at the project starts no warm process: the run goes cold', async () => {
    const r = make();
    const pending = run(r, [plan('process.exit(0)')]);
    r.dispose();
    assert.deepEqual(outcome(await pending), { kind: 'finished', exitCode: COLD, warm: false });
    assert.equal(r.processOf(dir), undefined);
  });

  it('runs nothing in Restricted Mode, and nothing once disposed', async () => {
    const untrusted = make({ isTrusted: () => false });
    assert.deepEqual(await run(untrusted, [plan('process.exit(0)')]), { kind: 'failedToStart', warm: false, durationMs: 0, reason: 'Restricted Mode: tests run only in a trusted workspace' });
    assert.equal(await untrusted.warmUp(dir, NODE), false);
    assert.equal(untrusted.processOf(dir), undefined);
    const r = make();
    assert.equal(await r.warmUp(dir, NODE), true);
    r.dispose();
    assert.equal(r.processOf(dir), undefined);
    assert.deepEqual(await run(r, [plan('process.exit(0)')]), { kind: 'cancelled', warm: false, durationMs: 0 });
    assert.equal(await r.warmUp(dir, NODE), false);
  });

  it('runs cold on Windows and for a plan that is not `-m pytest`, starting no warm process', async () => {
    const win = make({ platform: 'win32' });
    assert.equal(await win.warmUp(dir, NODE), false);
    assert.deepEqual(outcome(await run(win, [plan('process.exit(0)')])), { kind: 'finished', exitCode: COLD, warm: false });
    assert.equal(win.processOf(dir), undefined);
    const r = make();
    assert.deepEqual(outcome(await run(r, [plan('process.exit(0)'), { ...plan(''), args: ['-e', 'process.exit(5)'] }])), { kind: 'finished', exitCode: 5, warm: false });
    assert.equal(r.processOf(dir), undefined);
  });

  it('falls back cold, saying why; after two warm failures stays cold until the project changes', async () => {
    const r = make({ preload: ['no-pytest'] });
    const failed = `Warm test run of ${dir} failed (pytest cannot be imported): running it cold`;
    assert.deepEqual(outcome(await run(r, [plan('process.exit(0)')])), { kind: 'finished', exitCode: COLD, warm: false });
    assert.deepEqual(logs, [`${failed}.`]);
    assert.equal(r.processOf(dir), undefined);
    assert.deepEqual(outcome(await run(r, [plan('process.exit(0)')])), { kind: 'finished', exitCode: COLD, warm: false });
    assert.deepEqual(logs, [`${failed}.`, `${failed}; this project runs cold until its requirements, conftest or interpreter change.`]);
    assert.deepEqual(outcome(await run(r, [plan('process.exit(0)')])), { kind: 'finished', exitCode: COLD, warm: false });
    assert.equal(logs.length, 2, 'no third warm attempt');
    assert.equal(await r.warmUp(dir, NODE), false);
    writeFileSync(join(dir, 'conftest.py'), '');
    assert.deepEqual(outcome(await run(r, [plan('process.exit(0)')])), { kind: 'finished', exitCode: COLD, warm: false });
    assert.deepEqual(logs.slice(2), [`${failed}.`], 'tried warm again, counting from one');
  });

  it('falls back cold when the warm process dies at start or a forked run is killed by a signal nobody sent', async () => {
    const dead = make({ preload: ['silent-exit'] });
    assert.equal(await dead.warmUp(dir, NODE), false);
    assert.equal(dead.processOf(dir), undefined, 'a process that ended is not shown');
    assert.deepEqual(outcome(await run(dead, [plan('process.exit(0)')])), { kind: 'finished', exitCode: COLD, warm: false });
    assert.deepEqual(logs, [`Warm test run of ${dir} failed (the warm process ended (exit 4)): running it cold.`]);
    const r = make();
    assert.deepEqual(outcome(await run(r, [plan('process.exit(2)'), plan('process.kill(process.pid, "SIGKILL")'), plan('process.exit(3)')])), { kind: 'finished', exitCode: COLD, warm: false });
    const killed = `Warm test run of ${dir} failed (the forked run ended by signal 9): running it cold.`;
    assert.deepEqual(logs, [killed]);
    assert.equal(r.processOf(dir), undefined);
    // A warm run that works in between: the next failure counts from one again.
    assert.deepEqual(outcome(await run(r, [plan('process.exit(0)')])), { kind: 'finished', exitCode: 0, warm: true });
    await run(r, [plan('process.kill(process.pid, "SIGKILL")')]);
    assert.deepEqual(logs, [killed, killed]);
  });

  it('restarts the process over its memory cap after the run (default 1536 MB), saying so', async () => {
    const r = make();
    writeFileSync(join(dir, 'lp-rss'), String(1536 * 1024));
    assert.deepEqual(outcome(await run(r, [plan('process.exit(0)')])), { kind: 'finished', exitCode: 0, warm: true });
    assert.notEqual(r.processOf(dir), undefined, 'at the cap: kept');
    writeFileSync(join(dir, 'lp-rss'), String(1536 * 1024 + 1));
    assert.deepEqual(outcome(await run(r, [plan('process.exit(1)')])), { kind: 'finished', exitCode: 1, warm: true });
    assert.equal(r.processOf(dir), undefined);
    assert.deepEqual(logs, [`Warm test process of ${dir} uses 1536 MB (cap 1536 MB): restarting it.`]);
    const small = make({ memoryMb: 1 });
    writeFileSync(join(dir, 'lp-rss'), '3072');
    await run(small, [plan('process.exit(0)')]);
    assert.deepEqual(logs, [`Warm test process of ${dir} uses 3 MB (cap 1 MB): restarting it.`]);
  });

  it('ends a process idle for idleMs, saying so, after a cancelled or a finished run', async () => {
    const r = make({ idleMs: 150 });
    const ac = new AbortController();
    const cancelled = await run(r, [plan('process.stdout.write("up"); setInterval(() => {}, 1000)')], { signal: ac.signal, onOutput: () => ac.abort() });
    assert.deepEqual(outcome(cancelled), { kind: 'cancelled', warm: true });
    assert.notEqual(r.processOf(dir), undefined, 'a cancel keeps the process');
    assert.equal(await until(() => r.processOf(dir) === undefined, 3000), true);
    assert.deepEqual(logs, [`The warm test process of ${dir} was idle: ending it.`]);
    assert.deepEqual(outcome(await run(r, [plan('process.exit(0)')])), { kind: 'finished', exitCode: 0, warm: true });
    assert.notEqual(r.processOf(dir), undefined);
    assert.equal(await until(() => r.processOf(dir) === undefined, 3000), true, 'idle after a finished run too');
    assert.equal(logs.length, 2);
  });

  it('restarts for another interpreter, a new restart trigger or another extra environment, saying why', async () => {
    const r = make();
    await run(r, [plan('process.exit(0)')]);
    const first = r.processOf(dir)?.pid;
    const other = join(tools, 'other-node');
    symlinkSync(NODE, other);
    assert.deepEqual(outcome(await run(r, [plan('process.exit(0)')], { python: other })), { kind: 'finished', exitCode: 0, warm: true });
    assert.equal(r.processOf(dir)?.python, other);
    assert.notEqual(r.processOf(dir)?.pid, first);
    writeFileSync(join(dir, 'conftest.py'), '');
    await run(r, [plan('process.exit(0)')], { python: other });
    let out = '';
    await run(r, [plan('process.stdout.write(process.env.LP_X)')], { python: other, env: { LP_X: 'env-ok' }, onOutput: (c) => (out += c) });
    assert.equal(out, 'env-ok', 'the run gets the extra environment');
    assert.deepEqual(logs, [
      `Restarting the warm test process of ${dir}: the interpreter is now ${other}.`,
      `Restarting the warm test process of ${dir}: conftest.py was added.`,
      `Restarting the warm test process of ${dir}: <environment> was added.`,
    ]);
  });

  it('a process slow to get ready: cold after startTimeoutMs, or timedOut (and ended) when the run\'s deadline comes first', async () => {
    const r = make({ preload: ['slow'], startTimeoutMs: 100 });
    assert.deepEqual(outcome(await run(r, [plan('process.exit(0)')])), { kind: 'finished', exitCode: COLD, warm: false });
    assert.deepEqual(logs, [`Warm test run of ${dir} failed (the heavy imports took too long): running it cold.`]);
    const s = make({ preload: ['slow'] });
    assert.deepEqual(outcome(await run(s, [plan('process.exit(0)')], { timeoutMs: 200 })), { kind: 'timedOut', warm: true });
    assert.equal(s.processOf(dir), undefined);
    assert.deepEqual(logs, []);
  });
  it('a run past its deadline is timedOut and keeps the process; a cancel before the process is ready runs nothing', async () => {
    const r = make();
    assert.equal(await r.warmUp(dir, NODE), true);
    assert.deepEqual(outcome(await run(r, [plan('process.exit(0)')], { timeoutMs: 0 })), { kind: 'timedOut', warm: true });
    assert.equal(r.processOf(dir)?.runs, 0, 'no time left for the first plan');
    assert.deepEqual(outcome(await run(r, [plan('setInterval(() => {}, 1000)')], { timeoutMs: 300 })), { kind: 'timedOut', warm: true });
    assert.notEqual(r.processOf(dir), undefined);
    const slow = make({ preload: ['slow'] });
    const ac = new AbortController();
    ac.abort();
    assert.deepEqual(outcome(await run(slow, [plan('process.exit(0)')], { signal: ac.signal })), { kind: 'cancelled', warm: true });
    assert.deepEqual(logs, []);
  });

  it('a cancelled child that ignores SIGTERM is killed after the runner\'s graceMs', async () => {
    const r = make({ graceMs: 100 });
    const ac = new AbortController();
    let aborted = 0;
    const cancelled = await run(r, [plan('process.on("SIGTERM", () => {}); process.stdout.write("up"); setInterval(() => {}, 1000)')], { signal: ac.signal, onOutput: () => ((aborted = Date.now()), ac.abort()) });
    assert.deepEqual(outcome(cancelled), { kind: 'cancelled', warm: true });
    assert.ok(aborted > 0 && Date.now() - aborted < 2000, `${Date.now() - aborted} ms after the cancel: not the default 3 s grace`);
  });

  it('the idle timer stops while a run goes on; a process ended during a run (not by it) runs the rest cold, saying so', async () => {
    const r = make({ idleMs: 400 });
    assert.equal(await r.warmUp(dir, NODE), true);
    assert.deepEqual(outcome(await run(r, [plan('setTimeout(() => process.exit(0), 1000)')])), { kind: 'finished', exitCode: 0, warm: true });
    assert.deepEqual(logs, []);
    assert.equal(await until(() => r.processOf(dir) === undefined, 3000), true);
    logs.length = 0;
    const older = run(r, [plan('process.stdout.write("up"); setTimeout(() => process.exit(0), 2000)')], { onOutput: () => writeFileSync(join(dir, 'conftest.py'), '') });
    await until(() => existsSync(join(dir, 'conftest.py')), 5000);
    const newer = await run(r, [plan('process.exit(3)')]);
    assert.deepEqual(outcome(newer), { kind: 'finished', exitCode: 3, warm: true });
    assert.deepEqual(outcome(await older), { kind: 'finished', exitCode: COLD, warm: false });
    assert.deepEqual(logs, [`Restarting the warm test process of ${dir}: conftest.py was added.`, `The warm test process of ${dir} restarted during a run: running it cold.`]);
  });

  it('dispose during a run ends it as cancelled, running nothing cold', async () => {
    const r = make();
    const cancelled = await run(r, [plan('process.stdout.write("up"); setInterval(() => {}, 1000)'), plan('process.exit(0)')], { onOutput: () => r.dispose() });
    assert.deepEqual(outcome(cancelled), { kind: 'cancelled', warm: false });
    assert.deepEqual(logs, []);
  });
  it('the idle timer of a process that a newer run replaced never ends the new one', async () => {
    const r = make({ idleMs: 300, graceMs: 5000 });
    const ac = new AbortController();
    let up = false;
    // Cancelled, but the child ignores SIGTERM: the run is still ending when the newer run replaces the process.
    const older = run(r, [plan('process.on("SIGTERM", () => {}); process.stdout.write("up"); setInterval(() => {}, 1000)')], { signal: ac.signal, onOutput: () => ((up = true), ac.abort()) });
    await until(() => up, 5000);
    writeFileSync(join(dir, 'conftest.py'), '');
    const newer = run(r, [plan('setTimeout(() => process.exit(0), 1200)')]);
    assert.deepEqual(outcome(await older), { kind: 'cancelled', warm: true });
    assert.deepEqual(outcome(await newer), { kind: 'finished', exitCode: 0, warm: true });
    assert.deepEqual(logs, [`Restarting the warm test process of ${dir}: conftest.py was added.`]);
  });
});
