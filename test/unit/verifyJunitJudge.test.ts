// Judging a JUnit report (core/verify/junit judgeReport): the exact reason for each verdict, which
// cases belong to the test file, when a report is stale, and the first line of a failure message.
import * as assert from 'node:assert/strict';
import { judgeReport, type JUnitCase, type JUnitReport } from '../../src/core/verify/junit';

const MODULE = 'milestones.test_psi';
const ctx = { testPath: 'milestones/test_psi.py', reportMtime: 10_000, newestInput: 5_000 };
const pass = (name: string): JUnitCase => ({ classname: MODULE, name, outcome: 'passed' });
const of = (cases: JUnitCase[], seconds = 0.5): JUnitReport => ({ cases, seconds });

describe('judging a JUnit report (core/verify/junit)', () => {
  it('a case of another module is foreign, even when named after this one; one with no classname names no file', () => {
    const named = judgeReport(of([pass('a'), { classname: 'other.mod', name: MODULE, outcome: 'passed' }]), ctx);
    assert.deepEqual(named, { state: 'invalid', reason: 'the test report is for other.mod, not milestones/test_psi.py', counts: { passed: 2, failed: 0, skipped: 0 } });
    const anonymous = judgeReport(of([{ classname: '', name: 'other.mod', outcome: 'error' }]), ctx);
    assert.deepEqual(anonymous, { state: 'invalid', reason: 'the test report is for another test file, not milestones/test_psi.py', counts: { passed: 0, failed: 1, skipped: 0 } });
  });

  it('is stale only when a file changed after the run started; a run shorter than a millisecond started a millisecond before its report', () => {
    // 0.5 s before the report at 10 000 ms: the run started at 9 500 ms.
    assert.deepEqual(judgeReport(of([pass('a')]), { ...ctx, newestInput: 9_500 }), { state: 'verified', reason: '1 of 1 tests pass', counts: { passed: 1, failed: 0, skipped: 0 } });
    assert.deepEqual(judgeReport(of([pass('a')]), { ...ctx, newestInput: 9_501 }), { state: 'stale', reason: 'files changed since the tests last ran: verify again', counts: { passed: 1, failed: 0, skipped: 0 } });
    assert.equal(judgeReport(of([pass('a')], 0.0004), { ...ctx, newestInput: 10_000 }).state, 'stale');
    assert.equal(judgeReport(of([pass('a')], 0.0004), { ...ctx, newestInput: 9_999 }).state, 'verified');
    assert.equal(judgeReport(of([pass('a')]), { testPath: ctx.testPath, reportMtime: 10_000 }).state, 'verified', 'no inputs known: not stale');
  });

  it('names a failure or an error without a message by its test', () => {
    const failed = judgeReport(of([pass('a'), { classname: MODULE, name: 'test_b', outcome: 'failed' }]), ctx);
    assert.deepEqual(failed, { state: 'failing', reason: '1 of 2 tests failing: test_b failed', failure: 'test_b failed', counts: { passed: 1, failed: 1, skipped: 0 } });
    const errored = judgeReport(of([{ classname: MODULE, name: 'test_c', outcome: 'error' }, pass('a')]), ctx);
    assert.deepEqual(errored, { state: 'failing', reason: '1 of 2 tests failing: test_c raised an error', failure: 'test_c raised an error', counts: { passed: 1, failed: 1, skipped: 0 } });
  });

  it('a skip is failing, with its reason when it has one', () => {
    const withReason = judgeReport(of([pass('a'), { classname: MODULE, name: 'b', outcome: 'skipped', message: 'needs CUDA\nmore' }]), ctx);
    assert.deepEqual(withReason, { state: 'failing', reason: '1 of 2 tests skipped: needs CUDA', counts: { passed: 1, failed: 0, skipped: 1 } });
    const bare = judgeReport(of([{ classname: MODULE, name: 'b', outcome: 'skipped' }, pass('a')]), ctx);
    assert.deepEqual(bare, { state: 'failing', reason: '1 of 2 tests skipped', counts: { passed: 1, failed: 0, skipped: 1 } });
  });

  it('takes the first non-blank line of the message, trimmed, and cuts one over 300 characters to 299 and an ellipsis', () => {
    const failure = (message: string) => judgeReport(of([{ classname: MODULE, name: 'b', outcome: 'failed', message }]), ctx).failure;
    assert.equal(failure('   \n\t\n  AssertionError: x  \nmore'), 'AssertionError: x');
    assert.equal(failure('a'.repeat(300)), 'a'.repeat(300));
    assert.equal(failure(`${'b'.repeat(301)}\nmore`), `${'b'.repeat(299)}…`);
  });
});
