// The CodeLens above an exercise's stub (src/core/milestones/stubLens.ts): Verify with the state,
// Hint (n of m), Compare with Reference Solution, each only when the milestone offers it.
import * as assert from 'node:assert/strict';
import { english, pseudo } from '../../src/core/l10n';
import { stubLenses, stubState, type StubLensInput } from '../../src/core/milestones/stubLens';
import type { Tick } from '../../src/core/progress/store';
import type { MilestoneDef } from '../../src/core/scaffold/types';

const NOW = Date.parse('2026-12-01T10:30:00.000Z');
const min = 60_000;
const exercise: MilestoneDef = {
  id: 'compute-stats',
  title: 'Compute the statistics',
  done: 'd',
  file: '{{package}}/data.py',
  serves: [],
  check: { kind: 'tests', path: 'milestones/test_compute_stats.py' },
  hints: ['one', 'two', 'three'],
};
const verifiedTick: Tick = { state: 'verified', at: '2026-12-01T10:00:00.000Z' };
const input = (over: Partial<StubLensInput> = {}): StubLensInput => ({ milestone: exercise, hasSolution: true, now: NOW, ...over });
const titles = (i: StubLensInput) => stubLenses(english, i).map((l) => l.title);

describe('CodeLens at the stub', () => {
  it('offers Verify, the next hint and the comparison, in that order', () => {
    const lenses = stubLenses(english, input());
    assert.deepEqual(lenses.map((l) => [l.action, l.title]), [
      ['verify', '$(beaker) Verify'],
      ['hint', '$(lightbulb) Hint (1 of 3)'],
      ['compare', '$(diff) Compare with Reference Solution'],
    ]);
    assert.equal(lenses[0]?.tooltip, 'Run the tests of "Compute the statistics".');
    assert.equal(lenses[1]?.tooltip, 'Reveal hint 1 of 3 of "Compute the statistics".');
    assert.equal(lenses[2]?.tooltip, 'Compare your file with the reference solution of "Compute the statistics" (recorded as "solution viewed").');
  });

  it('says the exercise state: failing with the counts, verified how long ago, stale, not run', () => {
    const failing = input({ tests: { state: 'failing', at: NOW - min, failure: 'AssertionError: mean', counts: { passed: 1, failed: 2, skipped: 0 } } });
    assert.equal(titles(failing)[0], '$(beaker) Verify · failing · 2 of 3 tests');
    assert.equal(stubLenses(english, failing)[0]?.tooltip, 'Run the tests of "Compute the statistics".\nFirst failure: AssertionError: mean');
    assert.equal(titles(input({ tests: { state: 'verified', at: NOW - 3 * min, counts: { passed: 3, failed: 0, skipped: 0 } } }))[0], '$(beaker) Verify · verified 3 min ago');
    assert.equal(stubState(english, { tests: { state: 'verified' }, now: NOW }), 'verified');
    assert.equal(stubState(english, { tick: verifiedTick, tests: { state: 'failing', at: NOW, counts: { passed: 2, failed: 1, skipped: 0 } }, now: NOW }), 'was verified, now failing · 1 of 3 tests');
    assert.equal(stubState(english, { tests: { state: 'failing', at: NOW, counts: { passed: 2, failed: 0, skipped: 1 } }, now: NOW }), 'failing · 1 of 3 tests skipped');
    assert.equal(stubState(english, { tests: { state: 'failing', at: NOW }, now: NOW }), 'failing', 'no counts: no numbers');
    assert.equal(stubState(english, { tests: { state: 'failing', counts: { passed: 0, failed: 0, skipped: 0 } }, now: NOW }), 'failing');
    assert.equal(stubState(english, { tick: verifiedTick, tests: { state: 'failing' }, now: NOW }), 'was verified, now failing');
    assert.equal(stubState(english, { tests: { state: 'stale', at: NOW }, now: NOW }), 'changed since the last run');
    assert.equal(stubState(english, { tests: { state: 'invalid' }, now: NOW }), 'cannot be checked');
    assert.equal(stubState(english, { tests: { state: 'not-run' }, now: NOW }), 'not run yet');
    assert.equal(stubState(english, { tests: { state: 'not-run' }, now: NOW, runProblem: 'no report' }), 'no test report');
    assert.equal(stubState(english, { now: NOW }), undefined);
  });

  it('the tooltip carries the first failure only while failing, the run problem, and Restricted Mode', () => {
    const stale = stubLenses(english, input({ tests: { state: 'stale', failure: 'old' } }))[0]?.tooltip ?? '';
    assert.doesNotMatch(stale, /old/);
    const notRun = stubLenses(english, input({ tests: { state: 'not-run' }, runProblem: 'python3: no module named pytest' }))[0]?.tooltip ?? '';
    assert.match(notRun, /\npython3: no module named pytest$/);
    assert.doesNotMatch(stubLenses(english, input({ tests: { state: 'failing' }, runProblem: 'x' }))[0]?.tooltip ?? '', /\nx/, 'a run problem only while not run');
    assert.match(stubLenses(english, input({ restricted: true }))[0]?.tooltip ?? '', /\nRestricted Mode: Verify runs project code/);
    assert.doesNotMatch(stubLenses(english, input())[0]?.tooltip ?? '', /Restricted/);
  });

  it('counts hints revealed, never past the last, and shows them again at the end', () => {
    assert.equal(titles(input({ hintsRevealed: 1 }))[1], '$(lightbulb) Hint (2 of 3)');
    assert.equal(titles(input({ hintsRevealed: 2 }))[1], '$(lightbulb) Hint (3 of 3)');
    const all = stubLenses(english, input({ hintsRevealed: 3 }))[1];
    assert.deepEqual([all?.title, all?.tooltip], ['$(lightbulb) Hints (3 of 3)', 'Show the 3 hints of "Compute the statistics" again.']);
    assert.equal(titles(input({ hintsRevealed: 7 }))[1], '$(lightbulb) Hints (3 of 3)');
    assert.equal(titles(input({ hintsRevealed: -2 }))[1], '$(lightbulb) Hint (1 of 3)');
    assert.equal(titles(input({ hintsRevealed: 1.7 }))[1], '$(lightbulb) Hint (2 of 3)');
  });

  it('leaves out what the milestone does not offer', () => {
    const { check: _c, hints: _h, ...plain } = exercise;
    assert.deepEqual(stubLenses(english, input({ milestone: plain, hasSolution: false })), []);
    assert.deepEqual(titles(input({ milestone: { ...plain, check: { kind: 'fileExists', path: 'x' } }, hasSolution: false })), []);
    assert.deepEqual(titles(input({ milestone: { ...exercise, hints: [] }, hasSolution: false })), ['$(beaker) Verify']);
    assert.deepEqual(titles(input({ milestone: plain })), ['$(diff) Compare with Reference Solution']);
  });

  it('translates every title and tooltip (pseudo-locale)', () => {
    const all = [
      ...stubLenses(pseudo, input({ tests: { state: 'failing', at: NOW, failure: 'f', counts: { passed: 0, failed: 1, skipped: 0 } }, restricted: true })),
      ...stubLenses(pseudo, input({ hintsRevealed: 3, tests: { state: 'verified', at: NOW } })),
    ];
    for (const l of all) {
      assert.match(l.title, /^⟦.*⟧$/s, `not translated: ${l.title}`);
      for (const line of l.tooltip.split('\n')) assert.match(line, /^⟦.*⟧$/, `not translated: ${line}`);
    }
  });
});
