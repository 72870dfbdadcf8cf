// The author's proof (core/authoring/starterProof.ts) on a fake bench: every rule of the proof, each
// with a starter that breaks it, so a wrong branch fails a test. The real bench on disk is tested
// end to end in startersCli.test.ts.
import * as assert from 'node:assert/strict';
import { formatProof, mutantCaught, parseThreads, pool, proveStarter, threadEnvironments, type Copy, type ProofBench, type RunOutcome } from '../../src/core/authoring/starterProof';
import { pseudo } from '../../src/core/l10n';
import type { MilestoneDef, MutantDef, Template } from '../../src/core/scaffold/types';

const counts = (passed: number, failed = 0, skipped = 0) => ({ passed, failed, skipped });
const passed = (n = 3, skipped: RunOutcome['skipped'] = []): RunOutcome => ({ state: 'passed', detail: `${n} of ${n} tests pass`, counts: counts(n, 0, skipped.length), skipped });
const failed = (n = 3): RunOutcome => ({ state: 'failed', detail: `${n} of ${n} tests failing: NotImplementedError`, counts: counts(0, n), skipped: [] });
const broken = (detail: string): RunOutcome => ({ state: 'broken', detail, counts: counts(0), skipped: [] });

function exercise(id: string, mutants: MutantDef[] = []): MilestoneDef {
  return { id, title: id, done: 'd', file: 'pkg/a.py', serves: [], check: { kind: 'tests', path: `milestones/test_${id}.py` }, ...(mutants.length ? { mutants } : {}) };
}

function starter(exercises: MilestoneDef[], solved = exercises.map((e) => e.id)): Template {
  return {
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
      milestones: [{ id: 'run-smoke', title: 'Smoke', done: 'd', file: 'README.md', serves: [], check: { kind: 'fileExists', path: 'outputs/metrics.json' } }, ...exercises],
    },
    files: [],
    solutions: solved.map((milestone) => ({ milestone, files: [{ path: 'pkg/a.py', content: 'solved' }] })),
  };
}

/** A bench whose verdicts a test sets; it records what the proof asked of it. */
class FakeBench implements ProofBench {
  calls: string[] = [];
  envs: Record<string, string>[] = [];
  applied = new Map<number, string>();
  running = 0;
  maxRunning = 0;
  suiteOutcome: Record<string, RunOutcome> = { scaffold: passed(5), solved: passed(5) };
  smokeOk: Record<string, boolean> = { scaffold: true, solved: true };
  verified = ['run-smoke'];
  solveProblems: string[] = [];
  applyProblem: string | undefined;
  /** The verdict of an exercise on a copy; on a worker copy, of the mutant applied there. */
  onScaffold: (id: string) => RunOutcome = () => failed();
  withSolution: (id: string) => RunOutcome = () => passed();
  withMutant: (mutant: string) => RunOutcome = () => failed(1);

  async suite(copy: 'scaffold' | 'solved') {
    this.calls.push(`suite ${copy}`);
    return this.suiteOutcome[copy] as RunOutcome;
  }
  async smoke(copy: 'scaffold' | 'solved') {
    this.calls.push(`smoke ${copy}`);
    return { ok: this.smokeOk[copy] === true, detail: this.smokeOk[copy] ? 'ok' : 'exit 1: boom' };
  }
  async verifiedByChecks() {
    this.calls.push('checks');
    return this.verified;
  }
  async exercise(copy: Copy, m: MilestoneDef, env: Readonly<Record<string, string>>) {
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    await new Promise((r) => setTimeout(r, 2));
    this.running--;
    this.calls.push(`exercise ${copy} ${m.id}`);
    this.envs.push({ ...env });
    if (copy === 'scaffold') return this.onScaffold(m.id);
    if (copy === 'solved') return this.withSolution(m.id);
    const worker = Number(copy.slice('worker-'.length));
    return this.withMutant(this.applied.get(worker) as string);
  }
  async solve(workers: number) {
    this.calls.push(`solve ${workers}`);
    return this.solveProblems;
  }
  async applyMutant(worker: number, milestoneId: string, mutantId: string) {
    assert.equal(this.applied.has(worker), false, `worker ${worker} is in use`);
    this.applied.set(worker, mutantId);
    this.calls.push(`apply ${worker} ${milestoneId}/${mutantId}`);
    return this.applyProblem;
  }
  async restore(worker: number) {
    this.calls.push(`restore ${worker}`);
    this.applied.delete(worker);
  }
}

const m = (id: string, kind: MutantDef['kind']): MutantDef => ({ id, kind, says: `${id} says` });

describe('starter proof (starters verify)', () => {
  it('proves a good starter: counts, phases in order, every mutant applied and restored', async () => {
    const bench = new FakeBench();
    const tpl = starter([exercise('first', [m('off-by-one', 'mistake'), m('lookup', 'cheat')]), exercise('second', [m('ddof', 'equivalent')])]);
    bench.withMutant = (x) => (x === 'ddof' ? passed(2) : failed(1));
    let clock = 0;
    const proof = await proveStarter(tpl, bench, { now: () => (clock += 1000) });
    assert.deepEqual(proof.failures, []);
    assert.deepEqual(proof.counts, { exercises: 2, failingOnScaffold: 2, passingWithSolution: 2, mutants: 2, caught: 2, equivalents: 1, equivalentsPassing: 1, cases: { passed: 5 + 3 + 3, failed: 0, skipped: 0 } });
    assert.deepEqual(bench.calls.slice(0, 3), ['suite scaffold', 'smoke scaffold', 'checks']);
    assert.ok(bench.calls.indexOf('solve 2') > bench.calls.lastIndexOf('exercise scaffold second'), 'solutions are applied after the scaffold runs');
    assert.equal(bench.calls.filter((c) => c.startsWith('apply')).length, 3);
    assert.equal(bench.calls.filter((c) => c.startsWith('restore')).length, 3);
    assert.deepEqual(bench.calls.filter((c) => c === 'suite solved' || c === 'smoke solved'), ['suite solved', 'smoke solved']);
    assert.deepEqual(proof.exercises.find((e) => e.id === 'first')?.mutants.map((x) => [x.id, x.kind, x.caught]), [
      ['off-by-one', 'mistake', true],
      ['lookup', 'cheat', true],
    ]);
    assert.deepEqual(proof.timings.map((x) => x.phase), ['suite', 'smoke', 'exercises on the scaffold', 'exercises with their solutions', 'suite and smoke with the solutions', 'mutants']);
    assert.ok(proof.timings.every((x) => x.seconds === 1), JSON.stringify(proof.timings));
    assert.ok(bench.maxRunning <= 2 && bench.maxRunning >= 1, `${bench.maxRunning} at once`);
  });

  it('names an exercise that passes on the scaffold, and one whose run gives no verdict', async () => {
    const bench = new FakeBench();
    bench.onScaffold = (id) => (id === 'free' ? passed() : id === 'odd' ? broken('collected no tests (pytest exit 5)') : failed());
    const proof = await proveStarter(starter([exercise('free'), exercise('odd'), exercise('fine')]), bench);
    assert.deepEqual(proof.failures, ['exercise free passes on the scaffold (default): 3 of 3 tests pass', 'exercise odd on the scaffold (default) gave no verdict: collected no tests (pytest exit 5)']);
    assert.equal(proof.counts.failingOnScaffold, 1);
    assert.equal(proof.counts.passingWithSolution, 3);
  });

  it('names an exercise that fails with its solution, and one with no solution', async () => {
    const bench = new FakeBench();
    bench.withSolution = (id) => (id === 'wrong' ? failed(2) : passed(4, [{ test: 'demo: t::skipme', reason: 'needs a GPU' }]));
    const proof = await proveStarter(starter([exercise('wrong'), exercise('unsolved'), exercise('fine')], ['wrong', 'fine']), bench);
    assert.deepEqual(proof.failures, ['exercise wrong does not pass with its reference solution (default): 2 of 2 tests failing: NotImplementedError', 'exercise unsolved has no reference solution (solutions/unsolved/)']);
    assert.equal(proof.counts.passingWithSolution, 2);
    assert.deepEqual(proof.counts.cases, { passed: 5 + 4 + 4, failed: 2, skipped: 2 });
    assert.deepEqual(proof.skipped, [
      { test: 'demo: t::skipme', reason: 'needs a GPU' },
      { test: 'demo: t::skipme', reason: 'needs a GPU' },
    ]);
  });

  it('names each mutant its test does not catch, and an equivalent it rejects', async () => {
    const bench = new FakeBench();
    bench.withMutant = (x) => (x === 'sneaky' ? passed(3) : x === 'fine-too' ? failed(1) : x === 'crash' ? broken('did not finish within 900 s') : failed(1));
    const proof = await proveStarter(starter([exercise('ex', [m('sneaky', 'cheat'), m('fine-too', 'equivalent'), m('crash', 'mistake'), m('caught', 'mistake')])]), bench, { jobs: 1 });
    assert.deepEqual(proof.failures, [
      'exercise ex: its test does not catch the cheat sneaky: 3 of 3 tests pass',
      'exercise ex: the equivalent implementation fine-too does not pass: 1 of 1 tests failing: NotImplementedError',
      'exercise ex: its test does not catch the mistake crash: did not finish within 900 s',
    ]);
    assert.deepEqual([proof.counts.mutants, proof.counts.caught, proof.counts.equivalents, proof.counts.equivalentsPassing], [3, 1, 1, 0]);
    assert.ok(bench.calls.includes('solve 1'), 'one worker copy with --jobs 1');
    assert.equal(bench.maxRunning, 1);
  });

  it('reports a mutant that cannot be applied, and restores its copy', async () => {
    const bench = new FakeBench();
    bench.applyProblem = 'mutants/ex/bad/pkg/a.py does not merge';
    const proof = await proveStarter(starter([exercise('ex', [m('bad', 'mistake')])]), bench);
    assert.deepEqual(proof.failures, ['exercise ex: its test does not catch the mistake bad: mutants/ex/bad/pkg/a.py does not merge']);
    assert.ok(!bench.calls.some((c) => c.startsWith('exercise worker')), 'nothing runs on an unapplied mutant');
    assert.deepEqual(bench.calls.slice(-1), ['restore 0']);
  });

  it('stops before the solution runs and the mutants when the solutions do not apply', async () => {
    const bench = new FakeBench();
    bench.solveProblems = ['the solution of b does not merge onto pkg/a.py once the other solutions are applied'];
    const proof = await proveStarter(starter([exercise('a', [m('x', 'mistake')]), exercise('b')]), bench);
    assert.deepEqual(proof.failures, bench.solveProblems);
    assert.ok(!bench.calls.some((c) => c.includes('solved') || c.startsWith('apply')), bench.calls.join('; '));
    assert.deepEqual([proof.counts.passingWithSolution, proof.counts.mutants], [0, 0]);
  });

  it('fails a suite or smoke run that fails on the scaffold or with the solutions, and a milestone verified for free', async () => {
    const bench = new FakeBench();
    bench.suiteOutcome = { scaffold: { ...failed(1), detail: "'python -m pytest -q' failed (exit 1)" }, solved: broken('collected no tests') };
    bench.smokeOk = { scaffold: false, solved: true };
    bench.verified = ['run-smoke', 'ex'];
    const proof = await proveStarter(starter([exercise('ex')]), bench);
    assert.deepEqual(proof.failures, [
      "the starter's own suite does not pass on the scaffold: 'python -m pytest -q' failed (exit 1)",
      'the smoke run fails on the scaffold: exit 1: boom',
      'verified without any work after a smoke run on the scaffold: ex',
      "the starter's own suite does not pass with every solution: collected no tests",
    ]);
    assert.deepEqual(proof.counts.cases, { passed: 3, failed: 1, skipped: 0 });
  });

  it('needs at least one exercise and makes no worker copy without mutants', async () => {
    const bench = new FakeBench();
    const proof = await proveStarter(starter([]), bench);
    assert.deepEqual(proof.failures, ['demo has no exercise (a milestone with a tests check)']);
    const other = new FakeBench();
    await proveStarter(starter([exercise('ex')]), other);
    assert.ok(other.calls.includes('solve 0'));
  });

  it('repeats the scaffold and solution runs under each thread count with a seeded PYTHONHASHSEED; mutants run once', async () => {
    const bench = new FakeBench();
    let seed = 40;
    bench.onScaffold = () => failed();
    const proof = await proveStarter(starter([exercise('ex', [m('x', 'mistake')])]), bench, { threads: [1, 4], seed: () => ++seed });
    assert.deepEqual(proof.failures, []);
    const ex = proof.exercises[0];
    assert.deepEqual(ex?.onScaffold.map((r) => r.label), ['threads 1, PYTHONHASHSEED 41', 'threads 4, PYTHONHASHSEED 42']);
    assert.deepEqual(ex?.withSolution.map((r) => r.label), ['threads 1, PYTHONHASHSEED 41', 'threads 4, PYTHONHASHSEED 42']);
    assert.deepEqual(bench.envs[0], { OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', PYTHONHASHSEED: '41' });
    assert.equal(bench.calls.filter((c) => c.startsWith('exercise worker')).length, 1);
    // One environment failing is enough to fail the rule.
    const flaky = new FakeBench();
    flaky.withSolution = () => (flaky.envs[flaky.envs.length - 1]?.OMP_NUM_THREADS === '4' ? failed(1) : passed());
    const p2 = await proveStarter(starter([exercise('ex')]), flaky, { threads: [1, 4], seed: () => 7 });
    assert.deepEqual(p2.failures, ['exercise ex does not pass with its reference solution (threads 4, PYTHONHASHSEED 7): 1 of 1 tests failing: NotImplementedError']);
    assert.equal(p2.counts.passingWithSolution, 0);
    assert.deepEqual(p2.counts.cases, { passed: 5 + 3, failed: 0, skipped: 0 }, 'cases are counted once, from the first environment');
  });

  it('formats the proof: timings, skipped tests with reasons, failures, the two count lines last', async () => {
    const bench = new FakeBench();
    bench.onScaffold = () => passed(1);
    bench.withSolution = () => passed(2, [{ test: 'demo: m::t', reason: 'no GPU' }]);
    const proof = await proveStarter(starter([exercise('ex')]), bench, { now: () => 0 });
    const lines = formatProof(proof);
    assert.deepEqual(lines.slice(-4), [
      '  skipped demo: m::t: no GPU',
      '✗ demo: exercise ex passes on the scaffold (default): 1 of 1 tests pass',
      'demo exercises: 1, failing on scaffold: 0, passing with solution: 1, mutants: 0, caught: 0, equivalents: 0, passing: 0',
      'demo cases: 7 passed, 0 failed, 1 skipped',
    ]);
    assert.equal(lines[0], '  suite: 0.0 s');
    assert.ok(formatProof(proof, pseudo).every((l) => l.includes('⟦') || l.startsWith('✗')), 'translated');
  });

  it('logs each step as it happens, and caps parallel jobs at 2', async () => {
    const bench = new FakeBench();
    const lines: string[] = [];
    const proof = await proveStarter(starter([exercise('ex', [m('x', 'mistake')])]), bench, { jobs: 5, log: (l) => lines.push(l), now: () => 0 });
    assert.deepEqual(lines, [
      'suite on the scaffold: passed (5 passed, 0 failed, 0 skipped)',
      'smoke run on the scaffold: ok',
      'exercise ex on the scaffold (default): failed, 3 of 3 tests failing: NotImplementedError',
      'exercise ex with every solution (default): passed, 3 of 3 tests pass',
      'suite with every solution: passed (5 passed, 0 failed, 0 skipped)',
      'smoke run with every solution: ok',
      'mutant ex/x (mistake): caught',
    ]);
    assert.ok(bench.calls.includes('solve 2'), 'two worker copies at most');
    const quiet = new FakeBench();
    quiet.withMutant = () => passed(2);
    quiet.smokeOk = { scaffold: false, solved: true };
    const more: string[] = [];
    await proveStarter(starter([exercise('ex', [m('x', 'cheat')])]), quiet, { log: (l) => more.push(l) });
    assert.ok(more.includes('mutant ex/x (cheat): NOT caught: 2 of 2 tests pass'), more.join('\n'));
    assert.ok(more.includes('smoke run on the scaffold: exit 1: boom'), more.join('\n'));
    assert.deepEqual(proof.timings.map((x) => x.phase).slice(-1), ['mutants']);
    const none = await proveStarter(starter([exercise('ex')]), new FakeBench());
    assert.deepEqual(none.timings.map((x) => x.phase), ['suite', 'smoke', 'exercises on the scaffold', 'exercises with their solutions', 'suite and smoke with the solutions']);
  });

  it('parses --threads', () => {
    assert.deepEqual(parseThreads('1,256'), { ok: true, threads: [1, 256] });
    assert.deepEqual(parseThreads('1,2,3,4,5,6,7,8'), { ok: true, threads: [1, 2, 3, 4, 5, 6, 7, 8] });
    assert.deepEqual(parseThreads('1,2,4'), { ok: true, threads: [1, 2, 4] });
    assert.deepEqual(parseThreads(' 8 '), { ok: true, threads: [8] });
    for (const bad of ['', '0', '1,,2', 'two', '257', '1.5', '-1', '1,2,3,4,5,6,7,8,9']) {
      const r = parseThreads(bad);
      assert.equal(r.ok, false, bad);
      assert.match(r.ok ? '' : r.message, /--threads takes/);
    }
  });

  it('thread environments: none without --threads', () => {
    assert.deepEqual(threadEnvironments(undefined, () => 1), [{ label: 'default', env: {} }]);
    assert.deepEqual(threadEnvironments([], () => 1), [{ label: 'default', env: {} }]);
    assert.deepEqual(threadEnvironments([2], () => 9)[0]?.env.MKL_NUM_THREADS, '2');
  });

  it('judges mutants: mistakes and cheats must fail, equivalents pass, no verdict catches nothing', () => {
    assert.equal(mutantCaught('mistake', failed()), true);
    assert.equal(mutantCaught('cheat', failed()), true);
    assert.equal(mutantCaught('mistake', passed()), false);
    assert.equal(mutantCaught('equivalent', passed()), true);
    assert.equal(mutantCaught('equivalent', failed()), false);
    assert.equal(mutantCaught('mistake', broken('x')), false);
    assert.equal(mutantCaught('equivalent', broken('x')), false);
  });

  it('pool runs at most `jobs` tasks at a time and keeps their order', async () => {
    let running = 0;
    let max = 0;
    const tasks = [30, 5, 20, 1, 10].map((ms, i) => async () => {
      running++;
      max = Math.max(max, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i;
    });
    assert.deepEqual(await pool(tasks, 2), [0, 1, 2, 3, 4]);
    assert.equal(max, 2);
    max = 0;
    assert.deepEqual(await pool(tasks, 1), [0, 1, 2, 3, 4]);
    assert.equal(max, 1);
    assert.deepEqual(await pool([], 2), []);
  });
});
