/**
 * The author's proof of a starter (`learning-paths starters verify`, and `.ci/starters.sh` for the
 * built-in ones). For every exercise (a milestone with a `tests` check):
 *   - its test fails on the scaffold;
 *   - it passes with its reference solution;
 *   - it catches each of its mutants (mistake and cheat fail; equivalent passes), each applied on
 *     a copy where every exercise has its solution;
 * and for the starter: its own suite and smoke run pass on the scaffold and with every solution,
 * and after a smoke run on the scaffold nothing but the smoke milestone (the first) verifies.
 * With `threads`, the scaffold and solution runs are repeated under each OMP/MKL thread count
 * with a random PYTHONHASHSEED. Pure orchestration: a ProofBench (the CLI's, on disk, or a
 * test's fake) scaffolds, applies overlays and runs the processes.
 */
import { english, type Translate } from '../l10n';
import type { MilestoneDef, Template } from '../scaffold/types';

export interface CaseCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface SkippedTest {
  test: string;
  reason: string;
}

/** One pytest run, judged. */
export interface RunOutcome {
  /** passed: ran and every test passed; failed: ran and a test failed; broken: no verdict (timed out, collected nothing, no report, could not start). */
  state: 'passed' | 'failed' | 'broken';
  /** One line: the first failure, or why there is no verdict. */
  detail: string;
  counts: CaseCounts;
  skipped: SkippedTest[];
}

/** The smoke run: it must exit 0 and write valid outputs/metrics.json. */
export interface SmokeOutcome {
  ok: boolean;
  detail: string;
}

export type Copy = 'scaffold' | 'solved' | `worker-${number}`;

export interface ProofBench {
  /** The starter's own suite (its testCommand) in a copy. */
  suite(copy: 'scaffold' | 'solved'): Promise<RunOutcome>;
  smoke(copy: 'scaffold' | 'solved'): Promise<SmokeOutcome>;
  /** Ids of the milestones the scaffold copy's checks verify now, without running any test. */
  verifiedByChecks(): Promise<string[]>;
  /** Runs one exercise's test in a copy with extra environment. */
  exercise(copy: Copy, milestone: MilestoneDef, env: Readonly<Record<string, string>>): Promise<RunOutcome>;
  /** Makes the 'solved' copy and `workers` worker copies: the scaffold with every reference solution applied. One line per problem. */
  solve(workers: number): Promise<string[]>;
  /** Applies a mutant onto a worker copy (merged like a solution); a problem, or undefined. */
  applyMutant(worker: number, milestoneId: string, mutantId: string): Promise<string | undefined>;
  /** Puts back the worker copy's files a mutant changed. */
  restore(worker: number): Promise<void>;
}

export interface ProofOptions {
  /** OMP_NUM_THREADS values to repeat the scaffold and solution runs under; none: one run, environment as is. */
  threads?: readonly number[];
  /** Independent pytest processes at a time (1 or 2). */
  jobs?: number;
  /** PYTHONHASHSEED for a thread run (default: random). */
  seed?: () => number;
  now?: () => number;
  /** Progress, one line at a time. */
  log?: (line: string) => void;
  t?: Translate;
}

export interface EnvRun {
  /** "default", or "threads 2, PYTHONHASHSEED 123". */
  label: string;
  outcome: RunOutcome;
}

export interface MutantProof {
  id: string;
  kind: 'mistake' | 'cheat' | 'equivalent';
  /** Caught: a mistake or cheat failed, an equivalent passed. */
  caught: boolean;
  detail: string;
}

export interface ExerciseProof {
  id: string;
  onScaffold: EnvRun[];
  withSolution: EnvRun[];
  failsOnScaffold: boolean;
  passesWithSolution: boolean;
  mutants: MutantProof[];
}

export interface StarterProof {
  starter: string;
  exercises: ExerciseProof[];
  /** Seconds per phase, in order. */
  timings: { phase: string; seconds: number }[];
  counts: {
    exercises: number;
    failingOnScaffold: number;
    passingWithSolution: number;
    /** Wrong implementations (mistakes and cheats), and how many the tests catch. */
    mutants: number;
    caught: number;
    /** Right implementations written differently, and how many pass as they must. */
    equivalents: number;
    equivalentsPassing: number;
    /** The suite's cases on the scaffold plus the exercises' cases with their solutions (first environment). */
    cases: CaseCounts;
  };
  /** Every skipped test of those runs, with its reason. */
  skipped: SkippedTest[];
  /** What failed, one line each; empty when the starter is proven. */
  failures: string[];
}

/** `--threads 1,2,4` → [1, 2, 4], or an error message. */
export function parseThreads(value: string, t: Translate = english): { ok: true; threads: number[] } | { ok: false; message: string } {
  const parts = value.split(',').map((p) => p.trim());
  const threads = parts.map((p) => (/^[0-9]{1,3}$/.test(p) ? Number(p) : NaN));
  if (parts.length > 8 || threads.some((n) => !(n >= 1 && n <= 256))) return { ok: false, message: t('--threads takes a comma-separated list of 1 to 8 thread counts between 1 and 256, not "{0}"', value) };
  return { ok: true, threads };
}

/** The environments the scaffold and solution runs are repeated under. */
export function threadEnvironments(threads: readonly number[] | undefined, seed: () => number): { label: string; env: Record<string, string> }[] {
  if (!threads || threads.length === 0) return [{ label: 'default', env: {} }];
  return threads.map((n) => {
    const hash = String(seed());
    const v = String(n);
    return { label: `threads ${n}, PYTHONHASHSEED ${hash}`, env: { OMP_NUM_THREADS: v, MKL_NUM_THREADS: v, OPENBLAS_NUM_THREADS: v, PYTHONHASHSEED: hash } };
  });
}

/** Whether a mutant's run shows its test catching it. */
export function mutantCaught(kind: MutantProof['kind'], outcome: RunOutcome): boolean {
  if (outcome.state === 'broken') return false;
  return kind === 'equivalent' ? outcome.state === 'passed' : outcome.state === 'failed';
}

/** Runs `tasks` at most `jobs` at a time, keeping their order in the result. */
export async function pool<T>(tasks: readonly (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const out: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, worker));
  return out;
}

function add(into: CaseCounts, c: CaseCounts): void {
  into.passed += c.passed;
  into.failed += c.failed;
  into.skipped += c.skipped;
}

/** Proves every exercise of `template` on `bench`; never throws for a failing proof (see `failures`). */
export async function proveStarter(template: Template, bench: ProofBench, options: ProofOptions = {}): Promise<StarterProof> {
  const t = options.t ?? english;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const jobs = Math.max(1, Math.min(2, options.jobs ?? 2));
  const envs = threadEnvironments(options.threads, options.seed ?? (() => 1 + Math.floor(Math.random() * 4_294_967_294)));
  const failures: string[] = [];
  const timings: StarterProof['timings'] = [];
  const cases: CaseCounts = { passed: 0, failed: 0, skipped: 0 };
  const skipped: SkippedTest[] = [];
  const milestones = template.manifest.milestones;
  const exercises = milestones.filter((m) => m.check?.kind === 'tests');
  const smokeId = milestones[0]?.id;
  let t0 = now();
  const phase = (name: string) => {
    const t1 = now();
    timings.push({ phase: name, seconds: (t1 - t0) / 1000 });
    t0 = t1;
  };
  const counted = (outcome: RunOutcome) => {
    add(cases, outcome.counts);
    skipped.push(...outcome.skipped);
  };
  const suiteStep = async (copy: 'scaffold' | 'solved', where: string) => {
    const suite = await bench.suite(copy);
    log(t('suite {0}: {1} ({2} passed, {3} failed, {4} skipped)', where, suite.state, suite.counts.passed, suite.counts.failed, suite.counts.skipped));
    if (suite.state !== 'passed') failures.push(t('the starter\'s own suite does not pass {0}: {1}', where, suite.detail));
    return suite;
  };
  const smokeStep = async (copy: 'scaffold' | 'solved', where: string) => {
    const smoke = await bench.smoke(copy);
    log(t('smoke run {0}: {1}', where, smoke.ok ? 'ok' : smoke.detail));
    if (!smoke.ok) failures.push(t('the smoke run fails {0}: {1}', where, smoke.detail));
  };

  if (exercises.length === 0) failures.push(t('{0} has no exercise (a milestone with a tests check)', template.manifest.id));

  // 1. The scaffold: its suite and smoke run pass; then only the smoke milestone verifies.
  counted(await suiteStep('scaffold', t('on the scaffold')));
  phase('suite');
  await smokeStep('scaffold', t('on the scaffold'));
  const free = (await bench.verifiedByChecks()).filter((id) => id !== smokeId);
  if (free.length > 0) failures.push(t('verified without any work after a smoke run on the scaffold: {0}', free.join(', ')));
  phase('smoke');

  // 2. Every exercise fails on the scaffold, in every environment.
  const runAll = (copy: Copy, where: string) =>
    pool(
      exercises.flatMap((m) =>
        envs.map((e) => async () => {
          const outcome = await bench.exercise(copy, m, e.env);
          log(t('exercise {0} {1} ({2}): {3}, {4}', m.id, where, e.label, outcome.state, outcome.detail));
          return { id: m.id, label: e.label, outcome };
        }),
      ),
      jobs,
    );
  const onScaffold = await runAll('scaffold', t('on the scaffold'));
  phase('exercises on the scaffold');

  // 3. Every solution applied: each exercise passes, and the suite and smoke run still pass.
  const workers = exercises.some((m) => (m.mutants ?? []).length > 0) ? jobs : 0;
  const solveProblems = await bench.solve(workers);
  failures.push(...solveProblems);
  const withSolution = solveProblems.length === 0 ? await runAll('solved', t('with every solution')) : [];
  phase('exercises with their solutions');
  if (solveProblems.length === 0) {
    await suiteStep('solved', t('with every solution'));
    await smokeStep('solved', t('with every solution'));
  }
  phase('suite and smoke with the solutions');

  // 4. Mutants, each on a worker copy with every solution, restored after its run.
  const mutantTasks = solveProblems.length > 0 ? [] : exercises.flatMap((m) => (m.mutants ?? []).map((x) => ({ m, x })));
  const idle = Array.from({ length: workers }, (_, i) => i);
  const mutantResults = await pool(
    mutantTasks.map(({ m, x }) => async (): Promise<{ milestone: string; proof: MutantProof }> => {
      const worker = idle.shift() as number;
      try {
        const problem = await bench.applyMutant(worker, m.id, x.id);
        if (problem) return { milestone: m.id, proof: { id: x.id, kind: x.kind, caught: false, detail: problem } };
        const outcome = await bench.exercise(`worker-${worker}`, m, envs[0]?.env ?? {});
        const caught = mutantCaught(x.kind, outcome);
        const verdict = x.kind === 'equivalent' ? (caught ? t('passes, as it must') : t('does NOT pass: {0}', outcome.detail)) : caught ? t('caught') : t('NOT caught: {0}', outcome.detail);
        log(t('mutant {0}/{1} ({2}): {3}', m.id, x.id, x.kind, verdict));
        return { milestone: m.id, proof: { id: x.id, kind: x.kind, caught, detail: outcome.detail } };
      } finally {
        await bench.restore(worker);
        idle.push(worker);
      }
    }),
    workers,
  );
  if (mutantTasks.length > 0) phase('mutants');

  // Judging, per exercise.
  const proofs: ExerciseProof[] = exercises.map((m) => {
    const scaffoldRuns = onScaffold.filter((r) => r.id === m.id);
    const solutionRuns = withSolution.filter((r) => r.id === m.id);
    const first = solutionRuns[0];
    if (first) counted(first.outcome);
    for (const r of scaffoldRuns) {
      if (r.outcome.state === 'passed') failures.push(t('exercise {0} passes on the scaffold ({1}): {2}', m.id, r.label, r.outcome.detail));
      else if (r.outcome.state === 'broken') failures.push(t('exercise {0} on the scaffold ({1}) gave no verdict: {2}', m.id, r.label, r.outcome.detail));
    }
    for (const r of solutionRuns) {
      if (r.outcome.state !== 'passed') failures.push(t('exercise {0} does not pass with its reference solution ({1}): {2}', m.id, r.label, r.outcome.detail));
    }
    if (solveProblems.length === 0 && !template.solutions?.some((s) => s.milestone === m.id)) failures.push(t('exercise {0} has no reference solution (solutions/{0}/)', m.id));
    const mutants = mutantResults.filter((r) => r.milestone === m.id).map((r) => r.proof);
    for (const x of mutants) {
      if (!x.caught) failures.push(x.kind === 'equivalent' ? t('exercise {0}: the equivalent implementation {1} does not pass: {2}', m.id, x.id, x.detail) : t('exercise {0}: its test does not catch the {1} {2}: {3}', m.id, x.kind, x.id, x.detail));
    }
    return {
      id: m.id,
      onScaffold: scaffoldRuns.map((r) => ({ label: r.label, outcome: r.outcome })),
      withSolution: solutionRuns.map((r) => ({ label: r.label, outcome: r.outcome })),
      failsOnScaffold: scaffoldRuns.length > 0 && scaffoldRuns.every((r) => r.outcome.state === 'failed'),
      passesWithSolution: solutionRuns.length > 0 && solutionRuns.every((r) => r.outcome.state === 'passed'),
      mutants,
    };
  });
  const allMutants = proofs.flatMap((p) => p.mutants);
  return {
    starter: template.manifest.id,
    exercises: proofs,
    timings,
    counts: {
      exercises: exercises.length,
      failingOnScaffold: proofs.filter((p) => p.failsOnScaffold).length,
      passingWithSolution: proofs.filter((p) => p.passesWithSolution).length,
      mutants: allMutants.filter((x) => x.kind !== 'equivalent').length,
      caught: allMutants.filter((x) => x.kind !== 'equivalent' && x.caught).length,
      equivalents: allMutants.filter((x) => x.kind === 'equivalent').length,
      equivalentsPassing: allMutants.filter((x) => x.kind === 'equivalent' && x.caught).length,
      cases,
    },
    skipped,
    failures,
  };
}

/** The proof in lines a person (and .ci/starters.sh) reads; the last two carry the counts. */
export function formatProof(proof: StarterProof, t: Translate = english): string[] {
  const c = proof.counts;
  const lines = proof.timings.map((x) => t('  {0}: {1} s', x.phase, x.seconds.toFixed(1)));
  for (const s of proof.skipped) lines.push(t('  skipped {0}: {1}', s.test, s.reason));
  for (const f of proof.failures) lines.push(`✗ ${proof.starter}: ${f}`);
  lines.push(
    t('{0} exercises: {1}, failing on scaffold: {2}, passing with solution: {3}, mutants: {4}, caught: {5}, equivalents: {6}, passing: {7}', proof.starter, c.exercises, c.failingOnScaffold, c.passingWithSolution, c.mutants, c.caught, c.equivalents, c.equivalentsPassing),
    t('{0} cases: {1} passed, {2} failed, {3} skipped', proof.starter, c.cases.passed, c.cases.failed, c.cases.skipped),
  );
  return lines;
}
