// The cold TestRunner (core/verify/warmRunner.ts): each plan a fresh process,
// in turn, the last exit code, one timeout over the whole request, a cancel, a missing interpreter.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestRunPlan } from '../../src/core/verify/testRun';
import { ColdTestRunner } from '../../src/core/verify/warmRunner';

const plan = (id: string, script: string): TestRunPlan => ({ milestoneId: id, testPath: `t_${id}.py`, reportPath: `r/${id}.xml`, args: ['-c', script] });

describe('the cold TestRunner (features/verify/coldRunner)', function () {
  this.timeout(20_000);
  const cwd = mkdtempSync(join(tmpdir(), 'lp-cold-'));
  after(() => rmSync(cwd, { recursive: true, force: true }));
  const runner = new ColdTestRunner();

  it('runs every plan in turn, whatever the previous exit code, with the request\'s env; the last exit code counts', async () => {
    let out = '';
    const r = await runner.run({
      cwd,
      python: '/bin/sh',
      plans: [plan('a', 'echo first $LP_X; exit 3'), plan('b', 'echo second; pwd; exit 1')],
      env: { LP_X: 'env-ok' },
      timeoutMs: 10_000,
      onOutput: (c) => (out += c),
    });
    assert.equal(r.kind, 'finished');
    assert.equal(r.exitCode, 1);
    assert.equal(r.warm, false);
    assert.ok(r.durationMs >= 0);
    assert.equal(out, `first env-ok\nsecond\n${cwd}\n`);
  });

  it('a cancel ends the running plan and runs no further one', async () => {
    const controller = new AbortController();
    let out = '';
    setTimeout(() => controller.abort(), 300);
    const t0 = Date.now();
    const r = await runner.run({ cwd, python: '/bin/sh', plans: [plan('a', 'sleep 30'), plan('b', 'echo never')], timeoutMs: 60_000, signal: controller.signal, onOutput: (c) => (out += c) });
    assert.equal(r.kind, 'cancelled');
    assert.ok(Date.now() - t0 < 10_000);
    assert.equal(out, '');
  });

  it('one timeout covers the whole request', async () => {
    const t0 = Date.now();
    const r = await runner.run({ cwd, python: '/bin/sh', plans: [plan('a', 'sleep 0.4'), plan('b', 'sleep 30')], timeoutMs: 1000 });
    assert.equal(r.kind, 'timedOut');
    assert.ok(Date.now() - t0 < 8000, `${Date.now() - t0} ms`);
    const spent = await runner.run({ cwd, python: '/bin/sh', plans: [plan('a', 'sleep 0.3'), plan('b', 'echo late')], timeoutMs: 250 });
    assert.equal(spent.kind, 'timedOut', 'the first plan outlives the whole budget');
  });

  it('a missing interpreter fails to start, in one line', async () => {
    const r = await runner.run({ cwd, python: join(cwd, 'no-such-python'), plans: [plan('a', '')], timeoutMs: 5000 });
    assert.equal(r.kind, 'failedToStart');
    assert.equal(r.reason, `${join(cwd, 'no-such-python')}: not found`);
    assert.doesNotMatch(r.reason ?? '', /\n/);
    runner.dispose();
  });
});
