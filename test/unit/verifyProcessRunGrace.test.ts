// The process runner (core/verify/processRun): the grace period between SIGTERM and SIGKILL is
// the request's own when it gives one (the default is 3 s).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_GRACE_MS, runProcess } from '../../src/core/verify/processRun';

describe('process runner: grace period (core/verify/processRun)', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'lp-grace-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('kills a process that ignores SIGTERM after the request\'s graceMs, not the default', async () => {
    assert.equal(DEFAULT_GRACE_MS, 3000);
    // Cancelled once it is up (its SIGTERM handler in place).
    const ac = new AbortController();
    let cancelledAt = 0;
    const r = await runProcess({
      command: process.execPath,
      args: ['-e', 'process.on("SIGTERM", () => {}); process.stdout.write("up"); setInterval(() => {}, 1000)'],
      cwd,
      timeoutMs: 10_000,
      graceMs: 100,
      signal: ac.signal,
      onOutput: () => ((cancelledAt ||= Date.now()), ac.abort()),
    });
    assert.deepEqual({ timedOut: r.timedOut, cancelled: r.cancelled, signal: r.signal, exitCode: r.exitCode }, { timedOut: false, cancelled: true, signal: 'SIGKILL', exitCode: undefined });
    assert.ok(cancelledAt > 0 && Date.now() - cancelledAt < 2000, `${Date.now() - cancelledAt} ms after the cancel: not the default 3 s grace`);
  });
});
