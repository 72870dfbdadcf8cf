import { repoRoot, timeBudgetMs } from './helpers';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pseudo } from '../../src/core/l10n';
import { failureMessages, MAX_RESULTS_BYTES, parseResults, relativeTo, type TestResult } from '../../src/core/testing/results';

// Real outputs of Debian's pytest with python/lp_verify_plugin.py over test/fixtures/pytest-results/proj
// (regenerate.sh); the project folder is written as /ROOT.
const fixtures = join(repoRoot, 'test/fixtures/pytest-results');
const load = (name: string) => readFileSync(join(fixtures, name), 'utf8');

function parsed(name: string): Map<string, TestResult> {
  const r = parseResults(load(name), '/ROOT');
  if (!r.ok) throw new Error(r.reason);
  return new Map(r.results.map((x) => [x.testId || x.file, x]));
}

describe('test results of a run (core/testing/results) on real pytest outputs', () => {
  let mixed: Map<string, TestResult>;
  beforeEach(() => {
    mixed = parsed('mixed.json');
  });

  it('reads every test with its outcome and duration', () => {
    assert.deepEqual(
      [...mixed.values()].map((r) => [r.testId, r.outcome]),
      [
        ['test_stub_raises', 'failed'],
        ['test_approx', 'failed'],
        ['test_equal_lists', 'failed'],
        ['test_numpy_close', 'failed'],
        ['test_torch_close', 'failed'],
        ['test_torch_allclose_plain', 'failed'],
        ['test_chained', 'failed'],
        ['test_passes', 'passed'],
        ['test_skipped', 'skipped'],
        ['test_setup_error', 'errored'],
        ['TestGroup::test_in_class', 'failed'],
      ],
    );
    for (const r of mixed.values()) assert.equal(r.file, 'milestones/test_mixed.py');
    const passes = mixed.get('test_passes');
    assert.ok(passes && passes.durationMs > 0 && passes.durationMs < 1000, String(passes?.durationMs));
    assert.deepEqual(failureMessages(passes as TestResult), []);
    assert.deepEqual(failureMessages(mixed.get('test_skipped') as TestResult), []);
  });

  it('a stub that raises: a message at the test line and one at the raise in the learner\'s file', () => {
    const r = mixed.get('test_stub_raises') as TestResult;
    assert.deepEqual(r.testPlace, { path: 'milestones/test_mixed.py', line: 8 });
    assert.deepEqual(r.userPlace, { path: 'pkg/data.py', line: 5 });
    const [atTest, atUser, ...rest] = failureMessages(r);
    assert.equal(rest.length, 0);
    assert.deepEqual(atTest, { kind: 'test', text: 'NotImplementedError: compute_stats: write this', place: { path: 'milestones/test_mixed.py', line: 8 } });
    assert.deepEqual(atUser, { kind: 'user', text: 'NotImplementedError: compute_stats: write this (from test_stub_raises)', place: { path: 'pkg/data.py', line: 5 } });
  });

  it('pytest.approx: expected is the approximated value, actual the computed one', () => {
    const [m, ...rest] = failureMessages(mixed.get('test_approx') as TestResult);
    assert.equal(rest.length, 0, 'no frame in the learner\'s files');
    assert.equal(m?.expected, '0.4914');
    assert.equal(m?.actual, '0.5');
    assert.deepEqual(m?.place, { path: 'milestones/test_mixed.py', line: 13 });
    assert.match(m?.text ?? '', /^AssertionError: assert 0\.5 == 0\.4914/);
  });

  it('== of lists, and a test in a class', () => {
    assert.deepEqual(mixed.get('test_equal_lists')?.compare, { op: '==', actual: '[2, 4]', expected: '[2, 5]' });
    const inClass = mixed.get('TestGroup::test_in_class') as TestResult;
    assert.deepEqual(inClass.compare, { op: '==', actual: '6', expected: '7' });
    assert.deepEqual(inClass.testPlace, { path: 'milestones/test_mixed.py', line: 59 });
  });

  it('numpy and torch close-checks carry both arrays', () => {
    assert.deepEqual(mixed.get('test_numpy_close')?.compare, { op: 'assert_allclose', actual: 'array([2., 4.])', expected: 'array([2. , 4.5])' });
    assert.deepEqual(mixed.get('test_torch_close')?.compare, { op: 'assert_close', actual: 'tensor([1., 2.])', expected: 'tensor([1.0000, 2.5000])' });
    const [m] = failureMessages(mixed.get('test_torch_close') as TestResult);
    assert.equal(m?.expected, 'tensor([1.0000, 2.5000])');
    assert.deepEqual(m?.place, { path: 'milestones/test_mixed.py', line: 25 });
  });

  it('assert torch.allclose(...) has no values to diff: a plain message at the line', () => {
    const [m] = failureMessages(mixed.get('test_torch_allclose_plain') as TestResult);
    assert.equal(m?.expected, undefined);
    assert.equal(m?.actual, undefined);
    assert.match(m?.text ?? '', /^AssertionError: assert False/);
    assert.deepEqual(m?.place, { path: 'milestones/test_mixed.py', line: 29 });
  });

  it('a chained exception: the test line of the final one, the learner frame of the cause with its message', () => {
    const r = mixed.get('test_chained') as TestResult;
    assert.deepEqual(r.testPlace, { path: 'milestones/test_mixed.py', line: 36 }, 'the raise of the final exception');
    assert.deepEqual(r.userPlace, { path: 'pkg/data.py', line: 13 });
    assert.match(r.userMessage ?? '', /^FileNotFoundError: \[Errno 2\]/);
    assert.equal(r.message, 'AssertionError: load should read the file');
  });

  it('an error in a fixture says it is a setup error', () => {
    const r = mixed.get('test_setup_error') as TestResult;
    assert.equal(r.when, 'setup');
    const [m] = failureMessages(r, pseudo);
    assert.equal(m?.text, '⟦Error in setup: RuntimeError: fixture broke⟧');
    assert.deepEqual(m?.place, { path: 'milestones/test_mixed.py', line: 50 });
  });

  it('a collection error belongs to the file, at the failing import', () => {
    const collect = parsed('collect.json');
    const r = collect.get('milestones/test_collect.py') as TestResult;
    assert.equal(r.testId, '');
    assert.equal(r.outcome, 'errored');
    assert.equal(r.when, 'collect');
    assert.deepEqual(r.testPlace, { path: 'milestones/test_collect.py', line: 0 });
    const [m] = failureMessages(r, pseudo);
    assert.match(m?.text ?? '', /^⟦The test file could not be collected: CollectError: ImportError while importing/);
  });
});

describe('test results of a run: bad input', () => {
  it('refuses what is not the plugin\'s JSON, in one line', () => {
    assert.deepEqual(parseResults('{', '/R'), { ok: false, reason: 'the test results are not valid JSON' });
    assert.deepEqual(parseResults('{"version":2,"tests":[]}', '/R'), { ok: false, reason: 'the test results are not in the expected format (version 1)' });
    assert.deepEqual(parseResults('[]', '/R'), { ok: false, reason: 'the test results are not in the expected format (version 1)' });
    assert.deepEqual(parseResults('{"version":1,"tests":{}}', '/R'), { ok: false, reason: 'the test results are not in the expected format (version 1)' });
    assert.deepEqual(parseResults(' '.repeat(MAX_RESULTS_BYTES + 1), '/R'), { ok: false, reason: 'the test results are larger than 2 MB' });
  });

  it('skips malformed entries and frames, keeps the good ones', () => {
    const text = JSON.stringify({
      version: 1,
      tests: [
        null,
        { nodeid: 't.py::a', outcome: 'weird' },
        { nodeid: 7, outcome: 'passed' },
        {
          nodeid: 't.py::b',
          outcome: 'failed',
          when: 'call',
          duration: -1,
          message: 'x',
          compare: { op: '==', actual: 1, expected: '2' },
          chain: [{ message: 'm', frames: [{ path: '/R/t.py', line: 0 }, { path: '/elsewhere/t.py', line: 3 }, { path: '/R/../R/t.py', line: 4 }, { path: '/R/conftest.py', line: 9 }, { path: '/R/t.py', line: 2 }, 'junk'] }],
        },
      ],
    });
    const r = parseResults(text, '/R/');
    assert.ok(r.ok);
    assert.equal(r.results.length, 1);
    const [b] = r.results;
    assert.equal(b?.durationMs, 0);
    assert.equal(b?.compare, undefined, 'a non-string value is no comparison');
    assert.deepEqual(b?.testPlace, { path: 't.py', line: 1 });
    assert.equal(b?.userPlace, undefined, 'conftest and frames outside the project are not the learner\'s code');
  });

  it('an exercise helper beside the test file is not the learner\'s code: the cause\'s frame is', () => {
    // The shape of a real starter's run: milestones/exercise_helpers.py turns the stub's
    // NotImplementedError into pytest.fail(...) (a chained exception).
    const text = JSON.stringify({
      version: 1,
      tests: [
        {
          nodeid: 'milestones/test_psi.py::test_a',
          outcome: 'failed',
          when: 'call',
          message: 'Failed: psi_from_counts still raises NotImplementedError',
          chain: [
            { message: 'NotImplementedError: PSI', frames: [{ path: '/R/milestones/exercise_helpers.py', line: 9 }, { path: '/R/pkg/drift_psi.py', line: 23 }] },
            { message: 'Failed: psi_from_counts still raises NotImplementedError', frames: [{ path: '/R/milestones/test_psi.py', line: 17 }, { path: '/R/milestones/exercise_helpers.py', line: 11 }] },
          ],
        },
        { nodeid: 'top.py::test_b', outcome: 'failed', chain: [{ message: 'E', frames: [{ path: '/R/top.py', line: 2 }, { path: '/R/lib.py', line: 5 }] }] },
      ],
    });
    const r = parseResults(text, '/R');
    assert.ok(r.ok);
    assert.deepEqual(r.results[0]?.testPlace, { path: 'milestones/test_psi.py', line: 16 });
    assert.deepEqual(r.results[0]?.userPlace, { path: 'pkg/drift_psi.py', line: 22 });
    assert.equal(r.results[0]?.userMessage, 'NotImplementedError: PSI');
    assert.deepEqual(r.results[1]?.userPlace, { path: 'lib.py', line: 4 }, 'a test file at the project root: every other root file counts as the learner\'s');
  });

  it('caps long texts and stays fast on a large file', () => {
    const long = 'y'.repeat(10_000);
    const many = Array.from({ length: 3000 }, (_, i) => ({ nodeid: `t.py::t${i}`, outcome: 'failed', message: long, chain: [{ message: long, frames: Array.from({ length: 30 }, () => ({ path: '/R/u.py', line: 1 })) }] }));
    const text = JSON.stringify({ version: 1, tests: many }).slice(0, MAX_RESULTS_BYTES);
    // The cut text is no longer JSON: refused, not half-read.
    assert.equal(parseResults(text, '/R').ok, false);
    const small = JSON.stringify({ version: 1, tests: many.slice(0, 100) });
    const t0 = performance.now();
    const r = parseResults(small, '/R');
    assert.ok(performance.now() - t0 < timeBudgetMs(500), `${performance.now() - t0} ms`);
    assert.ok(r.ok);
    assert.equal(r.results[0]?.message.length, 4000);
    assert.ok(r.results[0]?.message.endsWith('…'));
  });

  it('relativeTo keeps only paths strictly inside the folder', () => {
    assert.equal(relativeTo('/a/b', '/a/b/c/d.py'), 'c/d.py');
    assert.equal(relativeTo('C:\\p\\', 'C:\\p\\x\\y.py'), 'x/y.py');
    assert.equal(relativeTo('/a/b', '/a/bc/d.py'), undefined);
    assert.equal(relativeTo('/a/b', '/a/b'), undefined);
    assert.equal(relativeTo('/a/b', '/a/b/x/../../c.py'), undefined);
    assert.equal(relativeTo('/a/b', '/a/b//c.py'), undefined);
  });

  it('a failure with no message and no place still gets one message', () => {
    const r: TestResult = { nodeid: 't.py::x', file: 't.py', testId: 'x', outcome: 'errored', when: 'teardown', durationMs: 1, message: '' };
    assert.deepEqual(failureMessages(r), [{ kind: 'test', text: 'Error in teardown: the test failed' }]);
    const long: TestResult = { ...r, when: 'call', message: Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n') };
    const [m] = failureMessages(long);
    assert.equal(m?.text.split('\n').length, 13);
    assert.ok(m?.text.endsWith('\n…'));
  });
});
