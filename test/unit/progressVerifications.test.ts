// Verification history and the report's per-milestone lines (src/core/progress/verifications.ts).
import * as assert from 'node:assert/strict';
import type { Translate } from '../../src/core/l10n';
import { milestoneDetailLines, REPORT_HISTORY, verificationOf, withVerification } from '../../src/core/progress/verifications';
import { MAX_FAILURE_CHARS, type MilestoneData, type VerificationRecord } from '../../src/core/progress/storeFormat';

const AT = Date.UTC(2025, 0, 2, 3, 4, 5);
const AT_ISO = '2025-01-02T03:04:05.000Z';

describe('verification history (core/progress/verifications)', () => {
  it('verificationOf: verified and failing runs with a time are records', () => {
    assert.deepEqual(verificationOf({ state: 'verified', at: AT }), { result: 'verified', at: AT_ISO });
    assert.deepEqual(verificationOf({ state: 'failing', at: AT, failure: 'assert 1 == 2' }), { result: 'failing', at: AT_ISO, failure: 'assert 1 == 2' });
    assert.deepEqual(verificationOf({ state: 'failing', at: AT, failure: '' }), { result: 'failing', at: AT_ISO });
    assert.deepEqual(verificationOf({ state: 'failing', at: 0 }), { result: 'failing', at: '1970-01-01T00:00:00.000Z' });
    const long = 'x'.repeat(MAX_FAILURE_CHARS + 5);
    assert.deepEqual(verificationOf({ state: 'failing', at: AT, failure: long }), { result: 'failing', at: AT_ISO, failure: 'x'.repeat(MAX_FAILURE_CHARS) });
  });

  it('verificationOf: nothing for no verdict, no time, or a report that did not run', () => {
    assert.equal(verificationOf(undefined), undefined);
    assert.equal(verificationOf({ state: 'verified' }), undefined);
    for (const state of ['not-run', 'stale', 'invalid'] as const) assert.equal(verificationOf({ state, at: AT }), undefined, state);
  });

  it('withVerification: appends, unless the newest record is this run', () => {
    const r1: VerificationRecord = { result: 'failing', at: '2025-01-01T00:00:00.000Z' };
    const r2: VerificationRecord = { result: 'verified', at: '2025-01-02T00:00:00.000Z' };
    const empty: MilestoneData = { v: 1, hintsRevealed: 2 };
    assert.deepEqual(withVerification(empty, r1), { v: 1, hintsRevealed: 2, verifications: [r1] });
    assert.deepEqual(empty, { v: 1, hintsRevealed: 2 }, 'the data given is not changed');
    const one: MilestoneData = { v: 1, verifications: [r1] };
    assert.deepEqual(withVerification(one, r2), { v: 1, verifications: [r1, r2] });
    assert.equal(withVerification(one, { ...r1 }), undefined);
    assert.deepEqual(withVerification(one, { result: 'verified', at: r1.at }), { v: 1, verifications: [r1, { result: 'verified', at: r1.at }] }, 'same time, other result');
    assert.deepEqual(withVerification(one, { result: 'failing', at: r2.at }), { v: 1, verifications: [r1, { result: 'failing', at: r2.at }] }, 'same result, other time');
    const two: MilestoneData = { v: 1, verifications: [r1, r2] };
    assert.deepEqual(withVerification(two, r1), { v: 1, verifications: [r1, r2, r1] }, 'only the newest record counts');
    assert.deepEqual(withVerification({ v: 1, verifications: [] }, r1), { v: 1, verifications: [r1] });
  });

  it('milestoneDetailLines: nothing without details, or with nothing beyond the tick', () => {
    assert.deepEqual(milestoneDetailLines('M', 3, undefined, undefined), []);
    assert.deepEqual(milestoneDetailLines('M', 3, undefined, {}), []);
    assert.deepEqual(milestoneDetailLines('M', 3, undefined, { tests: { state: 'verified', at: AT }, data: { v: 1, hintsRevealed: 0, verifications: [] } }), []);
    assert.deepEqual(milestoneDetailLines('M', 3, undefined, { tests: { state: 'not-run' } }), []);
  });

  it('milestoneDetailLines: the test verdict, escaped', () => {
    const verified = { state: 'verified' as const, at: '2025-01-01T00:00:00.000Z' };
    assert.deepEqual(milestoneDetailLines('Train *it*', 0, verified, { tests: { state: 'failing', at: AT, failure: 'a_b' } }), ['- **Train \\*it\\***', '  - Tests: was verified, now failing — a\\_b']);
    assert.deepEqual(milestoneDetailLines('M', 0, { state: 'self', at: verified.at }, { tests: { state: 'failing', at: AT } }), ['- **M**', '  - Tests: failing']);
    assert.deepEqual(milestoneDetailLines('M', 0, undefined, { tests: { state: 'failing', at: AT, failure: '' } }), ['- **M**', '  - Tests: failing']);
    assert.deepEqual(milestoneDetailLines('M', 0, undefined, { tests: { state: 'stale', at: AT } }), ['- **M**', '  - Tests: files changed since the last run (verify again)']);
    assert.deepEqual(milestoneDetailLines('M', 0, undefined, { tests: { state: 'invalid' } }), ['- **M**', '  - Tests: the last report cannot be used']);
  });

  it('milestoneDetailLines: history to the minute, hints capped at the total, solution day', () => {
    const data: MilestoneData = {
      v: 1,
      hintsRevealed: 5,
      solutionViewedAt: '2025-03-04T05:06:07.000Z',
      verifications: [
        { result: 'failing', at: '2025-01-01T10:20:30.000Z' },
        { result: 'verified', at: '2025-01-02T11:22:33.000Z' },
      ],
    };
    assert.deepEqual(milestoneDetailLines('M', 3, undefined, { data }), [
      '- **M**',
      '  - Verification history (newest last): ❌ failing 2025-01-01 10:20 · ✅ verified 2025-01-02 11:22',
      '  - Hints revealed: 3 of 3',
      '  - Reference solution viewed on 2025-03-04',
    ]);
    assert.deepEqual(milestoneDetailLines('M', 4, undefined, { data: { v: 1, hintsRevealed: 1 } }), ['- **M**', '  - Hints revealed: 1 of 4']);
  });

  it(`milestoneDetailLines: more than ${REPORT_HISTORY} runs say how many earlier ones are left out`, () => {
    const verifications = Array.from({ length: REPORT_HISTORY + 2 }, (_, i): VerificationRecord => ({ result: i % 2 ? 'verified' : 'failing', at: `2025-01-${String(i + 1).padStart(2, '0')}T00:00:00.000Z` }));
    const lines = milestoneDetailLines('M', 0, undefined, { data: { v: 1, verifications } });
    assert.equal(lines.length, 2);
    assert.ok(lines[1]?.startsWith('  - Verification history (newest last): ❌ failing 2025-01-03 00:00 · '), lines[1]);
    assert.ok(lines[1]?.endsWith('✅ verified 2025-01-10 00:00 (2 earlier not shown)'), lines[1]);
  });

  it('milestoneDetailLines: every sentence goes through the translator', () => {
    const t: Translate = (m, ...a) => `[${m}|${a.join('|')}]`;
    const lines = milestoneDetailLines('M', 2, { state: 'verified', at: AT_ISO }, { tests: { state: 'failing', at: AT, failure: 'f' }, data: { v: 1, hintsRevealed: 1, solutionViewedAt: AT_ISO, verifications: [{ result: 'verified', at: AT_ISO }] } }, t);
    assert.deepEqual(lines, [
      '- **M**',
      '  - [{0} — {1}|[Tests: was verified, now failing|]|f]',
      '  - [Verification history (newest last): {0}|[✅ verified {0}|2025-01-02 03:04]]',
      '  - [Hints revealed: {0} of {1}|1|2]',
      '  - [Reference solution viewed on {0}|2025-01-02]',
    ]);
  });
});
