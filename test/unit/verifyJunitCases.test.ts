// JUnit reports (core/verify/junit): a test case missing its name or classname attribute is read
// with an empty one, never a made-up value; the parser's complaint is kept to 200 characters.
import * as assert from 'node:assert/strict';
import { parseJUnit } from '../../src/core/verify/junit';

describe('JUnit test cases without attributes (core/verify/junit)', () => {
  it('reads a missing name or classname as empty', () => {
    const r = parseJUnit('<testsuites><testsuite time="0.25"><testcase classname="milestones.test_a"/><testcase name="test_b"/><testcase/></testsuite></testsuites>');
    assert.deepEqual(r, {
      ok: true,
      report: {
        cases: [
          { classname: 'milestones.test_a', name: '', outcome: 'passed' },
          { classname: '', name: 'test_b', outcome: 'passed' },
          { classname: '', name: '', outcome: 'passed' },
        ],
        seconds: 0.25,
      },
    });
  });

  it('keeps a not-well-formed reason of up to 200 characters whole, and cuts a longer one to 199 and an ellipsis', () => {
    // saxes says `unclosed tag: <name>` (14 characters and the name).
    assert.deepEqual(parseJUnit(`<testsuite><${'a'.repeat(186)}>`), { ok: false, reason: `the test report is not well-formed XML (unclosed tag: ${'a'.repeat(186)})` });
    assert.deepEqual(parseJUnit(`<testsuite><${'a'.repeat(187)}>`), { ok: false, reason: `the test report is not well-formed XML (unclosed tag: ${'a'.repeat(185)}…)` });
  });
});
