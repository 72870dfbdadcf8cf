// Reading pytest's JUnit XML reports and judging whether they verify a milestone.
import * as assert from 'node:assert/strict';
import { judgeReport, MAX_REPORT_BYTES, moduleOfTestFile, parseJUnit, type JUnitReport } from '../../src/core/verify/junit';

const suite = (cases: string, time = '0.5') =>
  `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="1" time="${time}">${cases}</testsuite></testsuites>`;
const passCase = (name: string, classname = 'milestones.test_psi') => `<testcase classname="${classname}" name="${name}" time="0.01" />`;

function parsed(xml: string): JUnitReport {
  const r = parseJUnit(xml);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.report;
}

describe('JUnit reports', () => {
  it('reads passing, failing, erroring and skipped cases with their first message', () => {
    const report = parsed(
      suite(
        passCase('test_zero') +
          `<testcase classname="milestones.test_psi" name="test_known"><failure message="AssertionError: PSI of shifted bins should be 0.25&#10;assert 0.0 == 0.25">trace &lt;here&gt;</failure></testcase>` +
          `<testcase classname="milestones.test_psi.TestBins" name="test_empty"><error message="ZeroDivisionError">x</error></testcase>` +
          `<testcase classname="milestones.test_psi" name="test_gpu"><skipped type="pytest.skip" message="needs CUDA" /></testcase>`,
      ),
    );
    assert.deepEqual(
      report.cases.map((c) => [c.name, c.outcome]),
      [
        ['test_zero', 'passed'],
        ['test_known', 'failed'],
        ['test_empty', 'error'],
        ['test_gpu', 'skipped'],
      ],
    );
    assert.equal(report.cases[1]?.message, 'AssertionError: PSI of shifted bins should be 0.25\nassert 0.0 == 0.25');
    assert.equal(report.seconds, 0.5);
  });

  it('refuses malformed, truncated, empty and oversized reports', () => {
    for (const bad of ['', 'not xml', suite(passCase('a')).slice(0, -20), '<testsuite><testcase name="a"></testsuite>', '<testsuites></testsuites>', '<a><b></a></b>']) {
      const r = parseJUnit(bad);
      assert.equal(r.ok, false, `accepted ${JSON.stringify(bad)}`);
    }
    const huge = suite(passCase('a') + `<!--${'x'.repeat(MAX_REPORT_BYTES)}-->`);
    const r = parseJUnit(huge);
    assert.ok(!r.ok && /larger than 256 KB/.test(r.reason));
  });

  it('maps a test file to pytest classnames', () => {
    assert.equal(moduleOfTestFile('milestones/test_psi.py'), 'milestones.test_psi');
    assert.equal(moduleOfTestFile('./tests/unit/test_x.py'), 'tests.unit.test_x');
  });
});

describe('judging a report', () => {
  const ctx = { testPath: 'milestones/test_psi.py', reportMtime: 10_000, newestInput: 5_000 };
  it('verifies when every test of that file passed, after the last change', () => {
    const v = judgeReport(parsed(suite(passCase('a') + passCase('b', 'milestones.test_psi.TestK'))), ctx);
    assert.equal(v.state, 'verified');
    assert.equal(v.reason, '2 of 2 tests pass');
  });
  it('is failing, with the first assertion line, when a test fails or errors', () => {
    const v = judgeReport(parsed(suite(passCase('a') + `<testcase classname="milestones.test_psi" name="b"><failure message="AssertionError: expected 0.25&#10;more">t</failure></testcase>`)), ctx);
    assert.equal(v.state, 'failing');
    assert.equal(v.failure, 'AssertionError: expected 0.25');
    assert.match(v.reason, /^1 of 2 tests failing: AssertionError: expected 0\.25$/);
  });
  it('shows the last of chained exceptions (the one raised), not the first', () => {
    const message = 'Score drift (PSI)&#10;&#10;During handling of the above exception, another exception occurred:&#10;psi_from_counts still raises NotImplementedError(Score drift (PSI)): write it in p/drift_psi.py';
    const v = judgeReport(parsed(suite(`<testcase classname="milestones.test_psi" name="b"><failure message="${message}">t</failure></testcase>`)), ctx);
    assert.equal(v.failure, 'psi_from_counts still raises NotImplementedError(Score drift (PSI)): write it in p/drift_psi.py');
    const cause = 'KeyError: x&#10;&#10;The above exception was the direct cause of the following exception:&#10;&#10;ValueError: bad column x&#10;detail';
    const w = judgeReport(parsed(suite(`<testcase classname="milestones.test_psi" name="b"><error message="${cause}">t</error></testcase>`)), ctx);
    assert.equal(w.failure, 'ValueError: bad column x');
  });
  it('counts a collection error (the module failed to import) as failing, not foreign', () => {
    const v = judgeReport(parsed(suite(`<testcase classname="" name="milestones.test_psi"><error message="collection failure">ImportError</error></testcase>`)), ctx);
    assert.equal(v.state, 'failing');
  });
  it('never verifies skipped tests, an empty run, or a report of another test file', () => {
    assert.equal(judgeReport(parsed(suite(`<testcase classname="milestones.test_psi" name="a"><skipped message="no faiss" /></testcase>`)), ctx).state, 'failing');
    assert.equal(judgeReport(parsed(suite('')), ctx).state, 'invalid');
    const other = judgeReport(parsed(suite(passCase('a', 'milestones.test_other'))), ctx);
    assert.equal(other.state, 'invalid');
    assert.match(other.reason, /milestones\.test_other/);
    // A prefix of the module name is another module.
    assert.equal(judgeReport(parsed(suite(passCase('a', 'milestones.test_psi_extra'))), ctx).state, 'invalid');
  });
  it('is stale when a tested file changed after the run started', () => {
    // The run took 0.5 s and the report was written at 10 000 ms: it started at 9 500 ms.
    assert.equal(judgeReport(parsed(suite(passCase('a'))), { ...ctx, newestInput: 9_400 }).state, 'verified');
    assert.equal(judgeReport(parsed(suite(passCase('a'))), { ...ctx, newestInput: 9_600 }).state, 'stale');
    assert.equal(judgeReport(parsed(suite(passCase('a'))), { ...ctx, newestInput: 10_001 }).state, 'stale');
  });
});
