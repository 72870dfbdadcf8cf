// JUnit reports (core/verify/junit) at their limits: the nesting cap exactly, the time sum, what
// counts as a traceback, and the total traceback budget shared by the cases.
import * as assert from 'node:assert/strict';
import { MAX_DETAILS_CHARS, MAX_REPORT_BYTES, MAX_REPORT_DEPTH, MAX_TOTAL_DETAILS_CHARS, parseJUnit, type JUnitReport } from '../../src/core/verify/junit';

const suite = (body: string) => `<testsuites><testsuite time="1">${body}</testsuite></testsuites>`;
function report(xml: string): JUnitReport {
  const r = parseJUnit(xml);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.report;
}

describe('JUnit reports at their limits (core/verify/junit)', () => {
  it('takes elements nested exactly MAX_REPORT_DEPTH deep, and any number of them side by side', () => {
    assert.equal(MAX_REPORT_DEPTH, 16);
    // testsuites > testsuite > testcase: three levels, then thirteen more.
    const deepest = suite(`<testcase classname="m" name="a">${'<p>'.repeat(13)}${'</p>'.repeat(13)}</testcase>`);
    assert.deepEqual(report(deepest).cases, [{ classname: 'm', name: 'a', outcome: 'passed' }]);
    const wide = suite(Array.from({ length: 40 }, (_, i) => `<testcase classname="m" name="t${i}"><properties><property name="p" value="v"/></properties></testcase>`).join(''));
    assert.equal(report(wide).cases.length, 40);
  });

  it('takes a report of exactly MAX_REPORT_BYTES, and refuses one a byte longer', () => {
    const body = suite('<testcase classname="m" name="a"/><!---->');
    const exact = body.replace('<!---->', `<!--${'x'.repeat(MAX_REPORT_BYTES - body.length)}-->`);
    assert.equal(exact.length, MAX_REPORT_BYTES);
    assert.deepEqual(report(exact).cases, [{ classname: 'm', name: 'a', outcome: 'passed' }]);
    assert.deepEqual(parseJUnit(`${exact} `), { ok: false, reason: 'the test report is larger than 256 KB' });
    // In bytes, not characters: a two-byte character instead of an x is a byte over.
    assert.deepEqual(parseJUnit(exact.replace('x', 'é')), { ok: false, reason: 'the test report is larger than 256 KB' });
  });

  it('refuses a processing instruction right after a leading character, where no byte-order mark is', () => {
    assert.deepEqual(parseJUnit(' <?xml version="1.0"?><testsuite/>'), { ok: false, reason: 'the test report has a processing instruction after its start; pytest never writes one' });
  });

  it('sums only the finite, positive times of the suites', () => {
    const xml = '<testsuites><testsuite time="0.5"/><testsuite time="Infinity"/><testsuite time="-2"/><testsuite time="abc"/><testsuite time="0.25"/></testsuites>';
    assert.deepEqual(report(xml), { cases: [], seconds: 0.75 });
  });

  it('keeps no traceback that is only whitespace, also when it replaces an earlier one', () => {
    const r = report(
      suite(
        '<testcase classname="m" name="a"><failure message="f">  \n\t </failure></testcase>' +
          '<testcase classname="m" name="b"><error message="teardown">tb1</error><failure message="f">\n</failure></testcase>',
      ),
    );
    assert.deepEqual(r.cases, [
      { classname: 'm', name: 'a', outcome: 'failed', message: 'f' },
      { classname: 'm', name: 'b', outcome: 'failed', message: 'f' },
    ]);
  });

  it('a skip\'s text and a replaced traceback use none of the total budget', () => {
    const tb = (c: string) => c.repeat(MAX_DETAILS_CHARS - 10);
    const small = (c: string) => c.repeat(3000);
    // Two full tracebacks fit the budget; either small text on top of them would not.
    assert.ok(2 * (MAX_DETAILS_CHARS - 10) <= MAX_TOTAL_DETAILS_CHARS && 2 * (MAX_DETAILS_CHARS - 10) + 3000 > MAX_TOTAL_DETAILS_CHARS);
    const r = report(
      suite(
        `<testcase classname="m" name="s"><skipped message="no GPU">${small('s')}</skipped></testcase>` +
          `<testcase classname="m" name="a"><error message="e">${small('e')}</error><failure message="f">${tb('f')}</failure></testcase>` +
          `<testcase classname="m" name="b"><failure message="g">${tb('g')}</failure></testcase>`,
      ),
    );
    assert.deepEqual(
      r.cases.map((c) => [c.name, c.outcome, c.details]),
      [
        ['s', 'skipped', undefined],
        ['a', 'failed', tb('f')],
        ['b', 'failed', tb('g')],
      ],
    );
  });
});
