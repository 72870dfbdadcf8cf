// The tests-milestone row parts of src/core/milestones/testsStatus.ts, every state against a
// verified tick, no tick and a self-reported tick, with exact text (English) and icons.
import * as assert from 'node:assert/strict';
import { english } from '../../src/core/l10n';
import { relativeTime, rowFeatures, testsDescription, testsIcon, testsTooltip } from '../../src/core/milestones/testsStatus';
import type { Tick } from '../../src/core/progress/store';
import type { MilestoneDef } from '../../src/core/scaffold/types';

const NOW = Date.parse('2026-12-01T10:30:00.000Z');
const s = 1000;
const verified: Tick = { state: 'verified', at: '2026-12-01T09:00:00.000Z' };
const self: Tick = { state: 'self', at: '2026-12-01T09:00:00.000Z' };

describe('tests milestone rows (milestones/testsStatus)', () => {
  it('relative time: each unit up to the last second before the next, a future time is just now', () => {
    const ago = (ms: number) => relativeTime(english, NOW - ms, NOW);
    assert.deepEqual(
      [ago(-5 * s), ago(0), ago(59 * s), ago(60 * s), ago(3599 * s), ago(3600 * s), ago(86_399 * s), ago(86_400 * s), ago(3 * 86_400 * s)],
      ['just now', 'just now', 'just now', '1 min ago', '59 min ago', '1 h ago', '23 h ago', '1 d ago', '3 d ago'],
    );
  });

  it('the description of every state, with and without a time, for a verified tick, no tick and a self tick', () => {
    const d = (tests: Parameters<typeof testsDescription>[2]['tests'], tick?: Tick, runProblem?: string) => testsDescription(english, tick, { tests, now: NOW, ...(runProblem ? { runProblem } : {}) });
    const at = NOW - 120 * s;
    assert.equal(d(undefined), undefined);
    assert.deepEqual([d({ state: 'verified', at }), d({ state: 'verified' })], ['verified 2 min ago', 'verified']);
    assert.deepEqual([d({ state: 'failing', at }), d({ state: 'failing' }), d({ state: 'failing', at }, verified), d({ state: 'failing', at }, self)], ['failing · ran 2 min ago', 'failing', 'was verified, now failing', 'failing · ran 2 min ago']);
    assert.deepEqual([d({ state: 'stale', at }), d({ state: 'stale', at }, verified)], ['changed since the last run · verify again', 'verified · changed since, verify again']);
    assert.deepEqual([d({ state: 'invalid', at }), d({ state: 'invalid', at }, verified)], ['cannot be checked', 'was verified, now cannot be checked']);
    assert.deepEqual([d({ state: 'not-run' }), d({ state: 'not-run' }, verified), d({ state: 'not-run' }, verified, 'pytest missing')], ['not run · Verify', undefined, 'no test report · see Test Results']);
  });

  it('the tooltip: was verified now failing, the first failure, not run (or why), Restricted Mode', () => {
    const tip = (tests: Parameters<typeof testsTooltip>[2]['tests'], tick?: Tick, more: { restricted?: boolean; runProblem?: string } = {}) => testsTooltip(english, tick, { tests, now: NOW, ...more });
    assert.deepEqual(tip(undefined), []);
    assert.deepEqual(tip({ state: 'failing', at: NOW, failure: 'boom' }, verified), ['Was verified, now failing: the tick stays, the failure is kept in the verification history.', 'First failure: boom']);
    assert.deepEqual(tip({ state: 'failing', at: NOW, failure: 'boom' }, self), ['First failure: boom']);
    assert.deepEqual(tip({ state: 'verified', at: NOW }, verified), []);
    assert.deepEqual(tip({ state: 'not-run' }), ['Not run yet: use Verify to run its tests.']);
    assert.deepEqual(tip({ state: 'not-run' }, undefined, { runProblem: 'No report: is pytest installed?' }), ['No report: is pytest installed?']);
    assert.deepEqual(tip({ state: 'stale', at: NOW }, undefined, { restricted: true }), ['Restricted Mode: Verify runs project code and is disabled until you trust this workspace.']);
  });

  it('the icon: failing or invalid (a warning over a verified tick), stale without a tick, none otherwise', () => {
    const error = { id: 'error', color: 'testing.iconFailed' };
    const warning = { id: 'warning', color: 'problemsWarningIcon.foreground' };
    assert.equal(testsIcon(undefined, undefined), undefined);
    assert.deepEqual([testsIcon(undefined, { state: 'failing', at: NOW }), testsIcon(self, { state: 'invalid', at: NOW }), testsIcon(verified, { state: 'failing', at: NOW }), testsIcon(verified, { state: 'invalid', at: NOW })], [error, error, warning, warning]);
    assert.deepEqual([testsIcon(undefined, { state: 'stale', at: NOW }), testsIcon(self, { state: 'stale', at: NOW }), testsIcon(undefined, { state: 'verified', at: NOW }), testsIcon(undefined, { state: 'not-run' })], [{ id: 'history' }, undefined, undefined, undefined]);
  });

  it('row features: tests only for a tests check, hints only when there are some, a plot only when its file exists', () => {
    const base: MilestoneDef = { id: 'm', title: 'T', done: 'D', file: 'f.py', serves: [] };
    assert.deepEqual(rowFeatures(base, { solution: false, plotExists: true }), { tests: false, hints: false, solution: false, plot: false });
    assert.deepEqual(rowFeatures({ ...base, check: { kind: 'tests', path: 'milestones/test_m.py' }, hints: ['h'], plot: 'p.png' }, { solution: true, plotExists: true }), { tests: true, hints: true, solution: true, plot: true });
    assert.deepEqual(rowFeatures({ ...base, check: { kind: 'fileExists', path: 'x' }, hints: [], plot: 'p.png' }, { solution: false, plotExists: false }), { tests: false, hints: false, solution: false, plot: false });
  });
});
