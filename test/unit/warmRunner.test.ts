// WarmTestRunner against the real Debian /usr/bin/python3 (pytest, numpy, torch) and a tiny
// project: a stale module is never tested, conftest and requirements edits restart the warm
// process, the warm process dying falls back to a cold run, cancel and timeout end the child's
// process group, Restricted Mode and Windows, the memory cap, idle end and dispose.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestRunPlan } from '../../src/core/verify/testRun';
import { planTestRun } from '../../src/core/verify/testRun';
import { WarmTestRunner, defaultServerScript, runCold } from '../../src/core/verify/warmRunner';
import { repoRoot } from './helpers';

const PYTHON = process.env.LP_PYTHON ?? '/usr/bin/python3';
const SCRIPT = join(repoRoot, 'media', 'python', 'warm_pytest.py');

const plan = (id: string): TestRunPlan => {
  const p = planTestRun(id, { kind: 'tests', path: `milestones/test_${id.replace(/-/g, '_')}.py` }, 'pkg');
  assert.ok(p);
  return p;
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Moves a file's modification time forward, so a same-size edit within the same millisecond still counts. */
function touchLater(path: string, seconds: number): void {
  const t = Date.now() / 1000 + seconds;
  utimesSync(path, t, t);
}

describe('WarmTestRunner (real python3)', function () {
  this.timeout(180_000);
  let dir: string;
  let runner: WarmTestRunner;
  let logs: string[];

  /** A runner; `light` imports only pytest up front (process management tests start it often). */
  const make = (extra: Partial<ConstructorParameters<typeof WarmTestRunner>[0]> = {}, light = true) => {
    runner?.dispose();
    logs = [];
    runner = new WarmTestRunner({ isTrusted: () => true, log: (l) => logs.push(l), serverScript: SCRIPT, graceMs: 500, ...(light ? { preload: [] } : {}), ...extra });
    return runner;
  };
  const run = (id: string, more: { timeoutMs?: number; signal?: AbortSignal; onOutput?: (c: string) => void } = {}) =>
    runner.run({ cwd: dir, python: PYTHON, plans: [plan(id)], timeoutMs: more.timeoutMs ?? 50_000, ...(more.signal ? { signal: more.signal } : {}), ...(more.onOutput ? { onOutput: more.onOutput } : {}) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-warm-'));
    mkdirSync(join(dir, 'milestones'));
    // The learner's module records, at import, which process imported it.
    writeFileSync(join(dir, 'learner.py'), 'import os\nopen("imported-by.txt", "a").write(f"{os.getpid()}\\n")\nVALUE = 1\n');
    writeFileSync(join(dir, 'milestones', 'test_value.py'), 'import learner\n\ndef test_value():\n    assert learner.VALUE == 2\n');
    writeFileSync(join(dir, 'milestones', 'test_sleep.py'), 'import os, time\n\ndef test_sleep():\n    open("sleeper.pid", "w").write(str(os.getpid()))\n    time.sleep(60)\n');
    writeFileSync(join(dir, 'milestones', 'test_random.py'), 'import random\nimport numpy\n\ndef test_random():\n    open("draws.txt", "a").write(f"{random.random()} {numpy.random.rand()}\\n")\n');
    make();
  });

  afterEach(() => {
    runner.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds its server script in the repository', () => {
    assert.equal(defaultServerScript(join(repoRoot, 'dist', 'test', 'unit')), SCRIPT);
    assert.ok(existsSync(SCRIPT));
  });

  it('runs warm with torch and numpy imported up front: the same report, the exit code, the output streamed, and a fresh import of the learner module each run', async () => {
    make({}, false);
    let out = '';
    const first = await run('value', { onOutput: (c) => (out += c) });
    assert.deepEqual({ kind: first.kind, exitCode: first.exitCode, warm: first.warm }, { kind: 'finished', exitCode: 1, warm: true });
    assert.match(out, /assert 1 == 2/);
    assert.match(readFileSync(join(dir, '.learning-path/results/value.xml'), 'utf8'), /<testcase[^>]*name="test_value"/);
    const warm = runner.processOf(dir);
    assert.ok(warm?.pid);
    assert.deepEqual(warm.preloaded, ['pytest', 'numpy', 'torch'], 'the heavy imports are done in the warm process');
    // The learner fixes the module: the next run sees it (never a stale module), in the same warm process.
    writeFileSync(join(dir, 'learner.py'), 'import os\nopen("imported-by.txt", "a").write(f"{os.getpid()}\\n")\nVALUE = 2\n');
    const second = await run('value');
    assert.deepEqual({ kind: second.kind, exitCode: second.exitCode, warm: second.warm }, { kind: 'finished', exitCode: 0, warm: true });
    assert.equal(runner.processOf(dir)?.pid, warm.pid);
    const importers = readFileSync(join(dir, 'imported-by.txt'), 'utf8').trim().split('\n').map(Number);
    assert.equal(importers.length, 2);
    assert.ok(!importers.includes(warm.pid), 'the warm process itself never imports the learner module');
    assert.notEqual(importers[0], importers[1]);
  });

  it('draws fresh random numbers in every child (the fork does not replay the parent state)', async () => {
    make({}, false);
    assert.equal((await run('random')).exitCode, 0);
    assert.equal((await run('random')).exitCode, 0);
    const [a, b] = readFileSync(join(dir, 'draws.txt'), 'utf8').trim().split('\n');
    assert.ok(a && b);
    assert.notEqual(a.split(' ')[0], b.split(' ')[0]);
    assert.notEqual(a.split(' ')[1], b.split(' ')[1]);
  });

  it('restarts after a conftest.py edit, a requirements edit and an interpreter change, and says why', async () => {
    await run('value');
    assert.deepEqual(runner.processOf(dir)?.preloaded, ['pytest']);
    const first = runner.processOf(dir)?.pid;
    writeFileSync(join(dir, 'milestones', 'conftest.py'), '# a fixture will go here\n');
    assert.equal((await run('value')).warm, true);
    const second = runner.processOf(dir)?.pid;
    assert.ok(first && second && first !== second);
    assert.ok(!alive(first), 'the old warm process ended');
    assert.ok(logs.some((l) => l.includes('milestones/conftest.py was added')), logs.join('\n'));
    touchLater(join(dir, 'milestones', 'conftest.py'), 5);
    await run('value');
    const third = runner.processOf(dir)?.pid;
    assert.notEqual(third, second);
    assert.ok(logs.some((l) => l.includes('milestones/conftest.py changed')));
    writeFileSync(join(dir, 'requirements.txt'), 'torch\n');
    await run('value');
    assert.notEqual(runner.processOf(dir)?.pid, third);
    assert.ok(logs.some((l) => l.includes('requirements.txt was added')));
    // Nothing changed: the same process.
    const fourth = runner.processOf(dir)?.pid;
    await run('value');
    assert.equal(runner.processOf(dir)?.pid, fourth);
    // Another interpreter (the same Python through another path) is another process.
    const other = await runner.run({ cwd: dir, python: '/usr/bin/../bin/python3', plans: [plan('value')], timeoutMs: 50_000 });
    assert.equal(other.warm, true);
    assert.equal(runner.processOf(dir)?.python, '/usr/bin/../bin/python3');
    assert.ok(logs.some((l) => l.includes('the interpreter is now /usr/bin/../bin/python3')));
  });

  it('falls back to a cold run when the warm process dies during a run, then when it cannot start at all', async () => {
    await run('value');
    const warm = runner.processOf(dir)?.pid;
    assert.ok(warm);
    writeFileSync(join(dir, 'milestones', 'test_value.py'), 'import os, time\nimport learner\n\ndef test_value():\n    if not os.path.exists("cold-run"):\n        open("cold-run", "w").close()\n        time.sleep(30)\n    assert learner.VALUE == 2\n');
    const pending = run('value');
    await until('the forked run to start', () => existsSync(join(dir, 'cold-run')));
    process.kill(warm, 'SIGKILL');
    const r = await pending;
    assert.deepEqual({ kind: r.kind, exitCode: r.exitCode, warm: r.warm }, { kind: 'finished', exitCode: 1, warm: false });
    assert.ok(logs.some((l) => /failed \(the warm process ended \(SIGKILL\).*: running it cold/.test(l)), logs.join('\n'));
    // A server that cannot start: cold, then after two failures cold without trying.
    make({ serverScript: join(dir, 'no-such-script.py') });
    const a = await run('value');
    assert.deepEqual({ kind: a.kind, exitCode: a.exitCode, warm: a.warm }, { kind: 'finished', exitCode: 1, warm: false });
    await run('value');
    assert.ok(logs[1]?.includes('runs cold until its requirements, conftest or interpreter change'), logs.join('\n'));
    const before = logs.length;
    const c = await run('value');
    assert.equal(c.warm, false);
    assert.equal(logs.length, before, 'no third warm attempt');
    assert.equal(runner.processOf(dir), undefined);
  });

  it('a restart by a newer run is no warm failure: the older run finishes cold, the project stays warm', async () => {
    writeFileSync(join(dir, 'milestones', 'test_value.py'), 'import os, time\nimport learner\n\ndef test_value():\n    if not os.path.exists("first-run"):\n        open("first-run", "w").close()\n        time.sleep(30)\n    assert learner.VALUE == 2\n');
    assert.equal(await runner.warmUp(dir, PYTHON), true);
    const older = run('value');
    await until('the older run to start', () => existsSync(join(dir, 'first-run')));
    writeFileSync(join(dir, 'conftest.py'), '# new\n');
    const newer = await run('value');
    const o = await older;
    assert.deepEqual({ kind: o.kind, exitCode: o.exitCode, warm: o.warm }, { kind: 'finished', exitCode: 1, warm: false });
    assert.deepEqual({ exitCode: newer.exitCode, warm: newer.warm }, { exitCode: 1, warm: true });
    assert.ok(logs.some((l) => l.includes('restarted during a run: running it cold')), logs.join('\n'));
    assert.ok(!logs.some((l) => l.includes('failed (')), logs.join('\n'));
    assert.equal((await run('value')).warm, true);
  });

  it('cancel ends the forked child and its process group, and keeps the warm process', async () => {
    await run('value');
    const warm = runner.processOf(dir)?.pid;
    const ac = new AbortController();
    const pending = run('sleep', { signal: ac.signal });
    await until('the test to start', () => existsSync(join(dir, 'sleeper.pid')) && readFileSync(join(dir, 'sleeper.pid'), 'utf8') !== '');
    const sleeper = Number(readFileSync(join(dir, 'sleeper.pid'), 'utf8'));
    const t0 = Date.now();
    ac.abort();
    const r = await pending;
    assert.deepEqual({ kind: r.kind, warm: r.warm }, { kind: 'cancelled', warm: true });
    assert.ok(Date.now() - t0 < 5000);
    await until('the child to end', () => !alive(sleeper), 3000);
    assert.equal(runner.processOf(dir)?.pid, warm);
    assert.equal((await run('value')).warm, true);
  });

  it('a timeout ends the child and says timedOut', async () => {
    assert.equal(await runner.warmUp(dir, PYTHON), true);
    const r = await run('sleep', { timeoutMs: 4000 });
    assert.deepEqual({ kind: r.kind, warm: r.warm }, { kind: 'timedOut', warm: true });
    const sleeper = Number(readFileSync(join(dir, 'sleeper.pid'), 'utf8'));
    await until('the child to end', () => !alive(sleeper), 3000);
  });

  it("the run's timeout also bounds an interpreter that never becomes ready", async () => {
    const slow = join(dir, 'slow-python.sh');
    writeFileSync(slow, '#!/bin/sh\nsleep 60\n', { mode: 0o755 });
    const started = Date.now();
    const r = await runner.run({ cwd: dir, python: slow, plans: [plan('value')], timeoutMs: 2000 });
    assert.deepEqual({ kind: r.kind, warm: r.warm }, { kind: 'timedOut', warm: true });
    assert.ok(Date.now() - started < 8000, `ended after ${Date.now() - started} ms, not at the 60 s start limit`);
    assert.equal(runner.processOf(dir), undefined, 'the stuck interpreter was ended with the run');
  });

  it('never starts in Restricted Mode, and runs cold on Windows', async () => {
    make({ isTrusted: () => false });
    const r = await run('value');
    assert.equal(r.kind, 'failedToStart');
    assert.match(r.reason ?? '', /Restricted Mode/);
    assert.equal(await runner.warmUp(dir, PYTHON), false);
    assert.equal(runner.processOf(dir), undefined);
    assert.ok(!existsSync(join(dir, 'imported-by.txt')), 'no project code ran');
    make({ platform: 'win32' });
    const w = await run('value');
    assert.deepEqual({ kind: w.kind, exitCode: w.exitCode, warm: w.warm }, { kind: 'finished', exitCode: 1, warm: false });
    assert.equal(runner.processOf(dir), undefined);
  });

  it('restarts a warm process over its memory cap, ends an idle one, and dispose ends them all', async () => {
    make({ memoryMb: 1 });
    assert.equal((await run('value')).warm, true);
    assert.equal(runner.processOf(dir), undefined, 'over the cap: ended after the run');
    assert.ok(logs.some((l) => /uses \d+ MB \(cap 1 MB\): restarting it/.test(l)));
    assert.equal((await run('value')).warm, true);
    make({ idleMs: 300 });
    assert.equal(await runner.warmUp(dir, PYTHON), true);
    const idle = runner.processOf(dir)?.pid;
    assert.ok(idle);
    await run('value');
    await until('the idle process to end', () => runner.processOf(dir) === undefined, 5000);
    await until('its pid to go', () => !alive(idle), 3000);
    make();
    await run('value');
    const pid = runner.processOf(dir)?.pid;
    assert.ok(pid && alive(pid));
    runner.dispose();
    await until('dispose to end it', () => !alive(pid), 3000);
    assert.equal((await run('value')).kind, 'cancelled', 'a disposed runner runs nothing');
  });

  it('runs several plans in one request (the last exit code counts), and a plan that is not `-m pytest` cold', async () => {
    const both = await runner.run({ cwd: dir, python: PYTHON, plans: [plan('value'), plan('random')], timeoutMs: 50_000 });
    assert.deepEqual({ kind: both.kind, exitCode: both.exitCode, warm: both.warm }, { kind: 'finished', exitCode: 0, warm: true });
    assert.ok(existsSync(join(dir, '.learning-path/results/value.xml')) && existsSync(join(dir, '.learning-path/results/random.xml')));
    const p = plan('value');
    const other = await runner.run({ cwd: dir, python: PYTHON, plans: [{ ...p, args: ['-m', 'pytest', ...p.args.slice(2)] }, { ...p, args: ['-c', 'import sys; sys.exit(4)'] }], timeoutMs: 50_000 });
    assert.deepEqual({ kind: other.kind, exitCode: other.exitCode, warm: other.warm }, { kind: 'finished', exitCode: 4, warm: false });
  });

  it('falls back to cold on a protocol error, on pytest missing, on slow imports, and on a child killed by a signal nobody sent', async () => {
    const garbage = join(dir, 'garbage.py');
    writeFileSync(garbage, 'print("hello, not JSON")\nimport time\ntime.sleep(30)\n');
    make({ serverScript: garbage });
    const a = await run('value');
    assert.deepEqual({ exitCode: a.exitCode, warm: a.warm }, { exitCode: 1, warm: false });
    assert.match(logs[0] ?? '', /protocol: not JSON: hello, not JSON/);
    // An interpreter without pytest (no site-packages): the warm process says so, the cold run reports it.
    const bare = join(dir, 'bare-python');
    writeFileSync(bare, `#!/bin/sh\nexec ${PYTHON} -S "$@"\n`, { mode: 0o755 });
    make();
    let out = '';
    const b = await runner.run({ cwd: dir, python: bare, plans: [plan('value')], timeoutMs: 50_000, onOutput: (c) => (out += c) });
    assert.deepEqual({ kind: b.kind, exitCode: b.exitCode, warm: b.warm }, { kind: 'finished', exitCode: 1, warm: false });
    assert.match(logs[0] ?? '', /pytest cannot be imported/);
    assert.match(out, /No module named pytest/);
    make({ startTimeoutMs: 1 });
    const c = await run('value');
    assert.deepEqual({ exitCode: c.exitCode, warm: c.warm }, { exitCode: 1, warm: false });
    assert.match(logs[0] ?? '', /the heavy imports took too long/);
    make();
    writeFileSync(join(dir, 'milestones', 'test_crash.py'), 'import os, signal\n\ndef test_crash():\n    os.kill(os.getpid(), signal.SIGKILL)\n');
    const d = await run('crash');
    assert.deepEqual({ kind: d.kind, exitCode: d.exitCode, warm: d.warm }, { kind: 'finished', exitCode: undefined, warm: false });
    assert.match(logs[0] ?? '', /the forked run ended by signal 9/);
  });

  it('a cancel before the warm process is ready runs nothing', async () => {
    make({}, false); // importing torch takes well over the 100 ms before the cancel
    const ac = new AbortController();
    const pending = run('value', { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const r = await pending;
    assert.deepEqual({ kind: r.kind, warm: r.warm }, { kind: 'cancelled', warm: true });
    assert.ok(!existsSync(join(dir, 'imported-by.txt')));
  });

  it('runCold runs each plan as `python -m pytest` and reports a missing interpreter in one line', async () => {
    const r = await runCold({ cwd: dir, python: PYTHON, plans: [plan('random'), plan('value')], timeoutMs: 50_000 });
    assert.deepEqual({ kind: r.kind, exitCode: r.exitCode, warm: r.warm }, { kind: 'finished', exitCode: 1, warm: false });
    assert.ok(existsSync(join(dir, '.learning-path/results/random.xml')));
    const missing = await runCold({ cwd: dir, python: join(dir, 'no-python'), plans: [plan('value')], timeoutMs: 50_000 });
    assert.equal(missing.kind, 'failedToStart');
    assert.match(missing.reason ?? '', /no-python: not found$/);
  });
});
