/**
 * The cold TestRunner: each plan is a fresh `python -m pytest …` child (core/verify/processRun.ts:
 * its own process group, output streamed, SIGTERM then SIGKILL on a timeout or a cancel), in turn,
 * whatever the previous one's exit code. The one timeout covers the whole request.
 */
import { runProcess } from '../../../core/verify/processRun';
import type { TestRunner, TestRunOutcome, TestRunRequest } from '../../../core/verify/runner';

export class ColdTestRunner implements TestRunner {
  async run(req: TestRunRequest): Promise<TestRunOutcome> {
    const t0 = Date.now();
    const env = { ...process.env, ...req.env };
    let exitCode: number | undefined;
    for (const plan of req.plans) {
      const left = req.timeoutMs - (Date.now() - t0);
      if (left <= 0) return { kind: 'timedOut', warm: false, durationMs: Date.now() - t0 };
      const r = await runProcess({
        command: req.python,
        args: plan.args,
        cwd: req.cwd,
        env,
        timeoutMs: left,
        ...(req.onOutput ? { onOutput: (chunk: string) => req.onOutput?.(chunk) } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      });
      if (r.startError !== undefined) return { kind: 'failedToStart', warm: false, durationMs: Date.now() - t0, reason: r.startError };
      if (r.cancelled) return { kind: 'cancelled', warm: false, durationMs: Date.now() - t0 };
      if (r.timedOut) return { kind: 'timedOut', warm: false, durationMs: Date.now() - t0 };
      exitCode = r.exitCode;
    }
    return { kind: 'finished', warm: false, durationMs: Date.now() - t0, ...(exitCode !== undefined ? { exitCode } : {}) };
  }

  dispose(): void {
    // nothing kept between runs
  }
}
