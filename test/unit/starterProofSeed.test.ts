// The author's proof (core/authoring/starterProof.ts) in a few more corners: without a seed option
// each thread run gets a random PYTHONHASHSEED from 1 to 4294967294 (the range Python accepts);
// checks that pass with no work, worker copies only for mutants, the mutant log lines, solve
// problems, and an exercise that fails on the scaffold in one environment only.
import * as assert from 'node:assert/strict';
import { proveStarter, type ProofBench, type RunOutcome } from '../../src/core/authoring/starterProof';
import type { MilestoneDef, Template } from '../../src/core/scaffold/types';

const outcome = (state: RunOutcome['state']): RunOutcome => ({ state, detail: state, counts: { passed: state === 'passed' ? 1 : 0, failed: state === 'failed' ? 1 : 0, skipped: 0 }, skipped: [] });

const template: Template = {
  manifest: {
    id: 'demo',
    version: 1,
    title: 'Demo',
    description: 'd',
    skill: 's',
    level: 'junior',
    roles: ['r'],
    defaultName: 'demo',
    smokeCommand: 'python -m demo --smoke',
    runCommand: 'python -m demo',
    testCommand: 'python -m pytest -q',
    milestones: [
      { id: 'run-smoke', title: 'Smoke', done: 'd', file: 'README.md', serves: [], check: { kind: 'fileExists', path: 'outputs/metrics.json' } },
      { id: 'ex', title: 'ex', done: 'd', file: 'pkg/a.py', serves: [], check: { kind: 'tests', path: 'milestones/test_ex.py' } },
    ],
  },
  files: [],
  solutions: [{ milestone: 'ex', files: [{ path: 'pkg/a.py', content: 'solved' }] }],
};

describe('starter proof: the default PYTHONHASHSEED (core/authoring/starterProof)', () => {
  let random: () => number;
  beforeEach(() => {
    random = Math.random;
  });
  afterEach(() => {
    Math.random = random;
  });

  it('draws one seed per thread count, 1 + floor(random × 4294967294)', async () => {
    const draws = [0.5, 0, 0.9999999999];
    Math.random = () => draws.shift() ?? 0;
    const envs: Record<string, string>[] = [];
    const bench: ProofBench = {
      suite: async () => outcome('passed'),
      smoke: async () => ({ ok: true, detail: 'ok' }),
      verifiedByChecks: async () => ['run-smoke'],
      exercise: async (copy, _m, env) => {
        if (copy === 'scaffold') envs.push({ ...env });
        return outcome(copy === 'scaffold' ? 'failed' : 'passed');
      },
      solve: async () => [],
      applyMutant: async () => undefined,
      restore: async () => undefined,
    };
    const proof = await proveStarter(template, bench, { threads: [1, 2, 8], now: () => 0 });
    assert.deepEqual(proof.failures, []);
    assert.deepEqual(envs.map((e) => e.PYTHONHASHSEED), ['2147483648', '1', '4294967294']);
    assert.deepEqual(proof.exercises[0]?.onScaffold.map((r) => r.label), ['threads 1, PYTHONHASHSEED 2147483648', 'threads 2, PYTHONHASHSEED 1', 'threads 8, PYTHONHASHSEED 4294967294']);
  });
});

/** A bench whose verdicts a test sets; it records the solve argument. */
function bench(over: Partial<ProofBench> = {}): ProofBench & { solved: number[] } {
  const solved: number[] = [];
  return {
    solved,
    suite: async () => outcome('passed'),
    smoke: async () => ({ ok: true, detail: 'ok' }),
    verifiedByChecks: async () => ['run-smoke'],
    exercise: async (copy) => outcome(copy === 'scaffold' ? 'failed' : copy === 'solved' ? 'passed' : 'failed'),
    solve: async (workers) => {
      solved.push(workers);
      return [];
    },
    applyMutant: async () => undefined,
    restore: async () => undefined,
    ...over,
  };
}

const exercise = (id: string, mutants: MilestoneDef['mutants'] = []): MilestoneDef => ({ id, title: id, done: 'd', file: 'pkg/a.py', serves: [], check: { kind: 'tests', path: `milestones/test_${id}.py` }, ...(mutants.length ? { mutants } : {}) });
const withExercises = (exercises: MilestoneDef[], solved = exercises.map((e) => e.id)): Template => ({
  ...template,
  manifest: { ...template.manifest, milestones: [template.manifest.milestones[0] as MilestoneDef, ...exercises] },
  solutions: solved.map((milestone) => ({ milestone, files: [{ path: 'pkg/a.py', content: 'solved' }] })),
});

describe('starter proof: more corners (core/authoring/starterProof)', () => {
  it('a check that passes on the scaffold after the smoke run alone is a failure naming it', async () => {
    const proof = await proveStarter(withExercises([exercise('ex'), exercise('ex2')]), bench({ verifiedByChecks: async () => ['run-smoke', 'ex', 'ex2'] }), { now: () => 0 });
    assert.deepEqual(proof.failures, ['verified without any work after a smoke run on the scaffold: ex, ex2']);
  });

  it('asks for worker copies only when some exercise has mutants, and logs each mutant verdict', async () => {
    const none = bench();
    await proveStarter(withExercises([exercise('a'), exercise('b')]), none, { now: () => 0 });
    assert.deepEqual(none.solved, [0]);
    const some = bench({ exercise: async (copy) => outcome(copy === 'solved' ? 'passed' : copy === 'scaffold' ? 'failed' : 'passed') });
    const lines: string[] = [];
    const proof = await proveStarter(
      withExercises([exercise('a'), exercise('b', [{ id: 'same', kind: 'equivalent', says: 's' }, { id: 'miss', kind: 'mistake', says: 'm' }])]),
      some,
      { now: () => 0, jobs: 1, log: (l) => lines.push(l) },
    );
    assert.deepEqual(some.solved, [1]);
    assert.deepEqual(lines.filter((l) => l.startsWith('mutant ')), ['mutant b/same (equivalent): passes, as it must', 'mutant b/miss (mistake): NOT caught: passed']);
    assert.deepEqual(proof.failures.filter((f) => f.includes('miss')).length, 1);
  });

  it('a mutant equivalent that fails, and a mistake caught, in the log', async () => {
    const lines: string[] = [];
    await proveStarter(withExercises([exercise('b', [{ id: 'same', kind: 'equivalent', says: 's' }, { id: 'miss', kind: 'mistake', says: 'm' }])]), bench(), { now: () => 0, jobs: 1, log: (l) => lines.push(l) });
    assert.deepEqual(lines.filter((l) => l.startsWith('mutant ')), ['mutant b/same (equivalent): does NOT pass: failed', 'mutant b/miss (mistake): caught']);
  });

  it('when the solutions cannot be applied, their problems are the failures (no missing-solution failure on top)', async () => {
    const proof = await proveStarter(withExercises([exercise('ex')], []), bench({ solve: async () => ['solutions/ex: cannot apply'] }), { now: () => 0 });
    assert.deepEqual(proof.failures, ['solutions/ex: cannot apply']);
    const missing = await proveStarter(withExercises([exercise('ex')], []), bench(), { now: () => 0 });
    assert.deepEqual(missing.failures, ['exercise ex has no reference solution (solutions/ex/)']);
    const one = await proveStarter(withExercises([exercise('a'), exercise('b')], ['a']), bench(), { now: () => 0 });
    assert.deepEqual(one.failures, ['exercise b has no reference solution (solutions/b/)']);
  });

  it('an exercise that passes on the scaffold in one thread environment does not fail on the scaffold', async () => {
    const b = bench({ exercise: async (copy, _m, env) => outcome(copy === 'scaffold' && env.OMP_NUM_THREADS === '1' ? 'failed' : 'passed') });
    const proof = await proveStarter(withExercises([exercise('ex')]), b, { now: () => 0, threads: [1, 2], seed: () => 5 });
    assert.equal(proof.exercises[0]?.failsOnScaffold, false);
    assert.equal(proof.exercises[0]?.passesWithSolution, true);
    const both = await proveStarter(withExercises([exercise('ex')]), bench(), { now: () => 0, threads: [1, 2], seed: () => 5 });
    assert.equal(both.exercises[0]?.failsOnScaffold, true, 'failing in every environment');
  });
});
