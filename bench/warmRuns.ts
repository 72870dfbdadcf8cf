/**
 * Warm test runs at the runner level (issue 20): one exercise of a freshly scaffolded
 * pytorch-image-classifier (compute-normalisation-stats, its stub still raising), run through
 * WarmTestRunner (a forked child of the warm process) and through a cold `python -m pytest` of the
 * same plan, alternately in the same run, with Debian's /usr/bin/python3 (torch, pytest).
 * Alone: `npm run build && LP_BENCH_WARM_ONLY=1 node dist/bench/run.js`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeScaffoldFs } from '../src/core/scaffold/nodeFs';
import { planScaffold, writePlan } from '../src/core/scaffold/plan';
import type { Template } from '../src/core/scaffold/types';
import type { TestRunRequest } from '../src/core/verify/runner';
import { planTestRun } from '../src/core/verify/testRun';
import { WarmTestRunner, runCold } from '../src/core/verify/warmRunner';
import { repoRoot } from '../test/harness/paths';
import type { Figure } from './figures';
import { median } from './stats';

const PYTHON = process.env.LP_PYTHON ?? '/usr/bin/python3';
const STARTER = 'pytorch-image-classifier';
const EXERCISE = 'compute-normalisation-stats';

export async function measureWarmRuns(pairs = Number(process.env.LP_BENCH_WARM_PAIRS ?? 7)): Promise<Figure[]> {
  if (!existsSync(PYTHON)) return [];
  const templates = JSON.parse(readFileSync(join(repoRoot, 'dist', 'templates.json'), 'utf8')) as Template[];
  const template = templates.find((t) => t.manifest.id === STARTER);
  const milestone = template?.manifest.milestones.find((m) => m.id === EXERCISE);
  if (!template || !milestone) throw new Error(`the ${STARTER} starter has no ${EXERCISE} exercise`);
  const root = mkdtempSync(join(tmpdir(), 'lp-bench-warm-'));
  const cwd = join(root, 'cls');
  const runner = new WarmTestRunner({ isTrusted: () => true });
  try {
    await writePlan(planScaffold(template, { packageName: 'cls', projectId: randomUUID() }), cwd, nodeScaffoldFs);
    const plan = planTestRun(EXERCISE, milestone.check, 'cls');
    if (!plan) throw new Error(`${EXERCISE} has no tests check`);
    const req: TestRunRequest = { cwd, python: PYTHON, plans: [plan], timeoutMs: 120_000 };
    const check = (what: string, r: Awaited<ReturnType<typeof runCold>>, warm: boolean) => {
      // The stub still raises: pytest exits 1 (tests failed), never 2+ (an error of the run itself).
      if (r.kind !== 'finished' || r.exitCode !== 1 || r.warm !== warm) throw new Error(`${what}: ${JSON.stringify(r)}`);
      return r.durationMs;
    };
    // The first Verify of a window: the warm process starts (imports) and runs, against a cold run.
    const coldFirst = check('cold run', await runCold(req), false);
    const first = check('first warm run', await runner.run(req), true);
    const warm: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < pairs; i++) {
      warm.push(check('warm run', await runner.run(req), true));
      cold.push(check('cold run', await runCold(req), false));
    }
    const w = median(warm);
    const c = median(cold);
    return [
      { id: 'verify.warm.run', label: `one exercise's tests, warm (forked child), ${STARTER}`, value: w, unit: 'ms', note: `runs ${warm.join(', ')}` },
      { id: 'verify.cold.run', label: 'the same, cold `python -m pytest`, same run', value: c, unit: 'ms', note: `runs ${cold.join(', ')}` },
      { id: 'verify.warm.ratio', label: 'warm run / cold run of the same exercise', value: w / c, unit: 'x', max: 0.3 },
      { id: 'verify.warm.first.ratio', label: 'first run (warm process starts) / a cold run', value: first / coldFirst, unit: 'x', note: `${first} ms vs ${coldFirst} ms` },
    ];
  } finally {
    runner.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}
