/**
 * The seam between "what to run" (a TestRunPlan per exercise, core/verify/testRun.ts) and "how it
 * runs": a cold `python -m pytest` child (core/verify/processRun.ts) or a warm forked child of a
 * per-project Python process that has the heavy imports done (issue 20). Verify from every entry
 * point (Milestones view, palette, Testing view, CodeLens, on save) goes through one TestRunner.
 */
import type { TestRunPlan } from './testRun';

export interface TestRunRequest {
  /** Absolute project folder: the working directory of the run. */
  cwd: string;
  /** The interpreter (the Python extension's, the setting, or PATH's). */
  python: string;
  /** What to run, in order; each writes its JUnit report to its `reportPath`. */
  plans: readonly TestRunPlan[];
  /** Extra environment over the extension host's (or the CLI's) own. */
  env?: Readonly<Record<string, string>>;
  timeoutMs: number;
  /** Every chunk of output as it arrives (for the Test Results terminal). */
  onOutput?: (chunk: string) => void;
  signal?: AbortSignal;
}

export interface TestRunOutcome {
  kind: 'finished' | 'cancelled' | 'timedOut' | 'failedToStart';
  /** pytest's exit code of the last plan run (0 all passed, 1 some failed, 2+ errors). */
  exitCode?: number;
  /** True when a warm forked child ran it, false for a cold process. */
  warm: boolean;
  durationMs: number;
  /** One line for failedToStart. */
  reason?: string;
}

export interface TestRunner {
  run(req: TestRunRequest): Promise<TestRunOutcome>;
  dispose(): void;
}
