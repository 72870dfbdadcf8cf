// Merging milestone marks by change time (src/core/progress/merge.ts): exact comparisons, copies
// and the marks read from a project file.
import * as assert from 'node:assert/strict';
import { compareMarks, marksOf, mergeMark, mergeMarks, readMark, splitMarks, type Mark } from '../../src/core/progress/merge';
import type { Tick } from '../../src/core/progress/storeFormat';

const DAY = 86_400_000;

describe('mark merge (core/progress/merge)', () => {
  it('compareMarks: the time difference in ms decides first', () => {
    const early: Mark = { state: 'verified', at: '2025-01-01T00:00:00.000Z' };
    const late: Mark = { state: 'open', at: '2025-01-02T00:00:00.000Z' };
    assert.equal(compareMarks(late, early), DAY);
    assert.equal(compareMarks(early, late), -DAY);
  });

  it('compareMarks: at the same time the state ranks open < self < verified', () => {
    const at = '2025-01-01T00:00:00.000Z';
    assert.equal(compareMarks({ state: 'verified', at }, { state: 'self', at }), 1);
    assert.equal(compareMarks({ state: 'self', at }, { state: 'open', at }), 1);
    assert.equal(compareMarks({ state: 'open', at }, { state: 'verified', at }), -2);
    assert.equal(compareMarks({ state: 'verified', at }, { state: 'open', at }), 2);
    assert.equal(compareMarks({ state: 'self', at }, { state: 'self', at }), 0);
  });

  it('compareMarks: the same instant written two ways is ordered by its text, both ways', () => {
    const a: Mark = { state: 'self', at: '2025-01-01T00:00:00.000Z' };
    const b: Mark = { state: 'self', at: '2025-01-01T00:00:00Z' };
    assert.equal(Date.parse(a.at), Date.parse(b.at));
    assert.equal(compareMarks(a, b), -1);
    assert.equal(compareMarks(b, a), 1);
  });

  it('compareMarks: a date that cannot be read loses to any readable one', () => {
    const bad: Mark = { state: 'verified', at: 'not a date' };
    const good: Mark = { state: 'open', at: '1970-01-01T00:00:00.000Z' };
    assert.equal(compareMarks(bad, good), -Infinity);
    assert.equal(compareMarks(good, bad), Infinity);
    assert.deepEqual(mergeMark(bad, good), good);
    assert.deepEqual(mergeMark(good, bad), good);
  });

  it('mergeMark: either when one is missing, a copy of the winner otherwise', () => {
    const a: Mark = { state: 'self', at: '2025-01-01T00:00:00.000Z' };
    const b: Mark = { state: 'open', at: '2025-01-03T00:00:00.000Z' };
    assert.equal(mergeMark(undefined, undefined), undefined);
    const onlyA = mergeMark(a, undefined);
    assert.deepEqual(onlyA, a);
    assert.notEqual(onlyA, a);
    assert.deepEqual(mergeMark(undefined, b), b);
    assert.notEqual(mergeMark(undefined, b), b);
    assert.deepEqual(mergeMark(a, b), b);
    assert.deepEqual(mergeMark(b, a), b);
    const extra = { state: 'self', at: '2025-01-01T00:00:00.000Z', junk: 1 } as Mark;
    assert.deepEqual(mergeMark(extra, undefined), { state: 'self', at: '2025-01-01T00:00:00.000Z' });
  });

  it('marksOf: ticks as their state, tombstones as open unless the milestone is ticked', () => {
    const ticks = new Map<string, Tick>([
      ['a', { state: 'verified', at: '2025-01-02T00:00:00.000Z' }],
      ['b', { state: 'self', at: '2025-01-03T00:00:00.000Z' }],
    ]);
    const unticked = new Map([
      ['a', '2025-01-05T00:00:00.000Z'],
      ['c', '2025-01-04T00:00:00.000Z'],
    ]);
    assert.deepEqual(
      [...marksOf(ticks, unticked)],
      [
        ['c', { state: 'open', at: '2025-01-04T00:00:00.000Z' }],
        ['a', { state: 'verified', at: '2025-01-02T00:00:00.000Z' }],
        ['b', { state: 'self', at: '2025-01-03T00:00:00.000Z' }],
      ],
    );
    assert.deepEqual([...marksOf(ticks)], [
      ['a', { state: 'verified', at: '2025-01-02T00:00:00.000Z' }],
      ['b', { state: 'self', at: '2025-01-03T00:00:00.000Z' }],
    ]);
    assert.deepEqual([...marksOf(new Map())], []);
  });

  it('splitMarks: open marks are tombstones, the others ticks', () => {
    const { ticks, unticked } = splitMarks(
      new Map<string, Mark>([
        ['a', { state: 'open', at: '2025-01-01T00:00:00.000Z' }],
        ['b', { state: 'verified', at: '2025-01-02T00:00:00.000Z' }],
        ['c', { state: 'self', at: '2025-01-03T00:00:00.000Z' }],
      ]),
    );
    assert.deepEqual([...ticks], [
      ['b', { state: 'verified', at: '2025-01-02T00:00:00.000Z' }],
      ['c', { state: 'self', at: '2025-01-03T00:00:00.000Z' }],
    ]);
    assert.deepEqual([...unticked], [['a', '2025-01-01T00:00:00.000Z']]);
  });

  it('readMark: only { state: open | self | verified, at: ISO date } is a mark', () => {
    const at = '2025-01-01T00:00:00.000Z';
    assert.deepEqual(readMark({ state: 'open', at }), { state: 'open', at });
    assert.deepEqual(readMark({ state: 'self', at }), { state: 'self', at });
    assert.deepEqual(readMark({ state: 'verified', at, extra: 1 }), { state: 'verified', at });
    for (const v of [null, undefined, 1, 'x', true, [], [{ state: 'self', at }], { state: 'done', at }, { state: 'self' }, { state: 'self', at: 5 }, { state: 'self', at: '2024-02-30' }, { at }]) {
      assert.equal(readMark(v), undefined, JSON.stringify(v));
    }
  });

  it('mergeMarks: the merged marks are copies, and changed lists exactly the ids whose local mark changed', () => {
    const localA: Mark = { state: 'self', at: '2025-01-01T00:00:00.000Z' };
    const local = new Map<string, Mark>([
      ['a', localA],
      ['b', { state: 'verified', at: '2025-01-05T00:00:00.000Z' }],
      ['c', { state: 'self', at: '2025-01-01T00:00:00.000Z' }],
      ['d', { state: 'open', at: '2025-01-01T00:00:00.000Z' }],
    ]);
    const remote = new Map<string, Mark>([
      ['a', { state: 'open', at: '2025-01-02T00:00:00.000Z' }], // later untick wins
      ['b', { state: 'open', at: '2025-01-04T00:00:00.000Z' }], // older untick loses
      ['c', { state: 'self', at: '2025-01-01T00:00:00.000Z' }], // the same mark
      ['d', { state: 'self', at: '2025-01-01T00:00:00.000Z' }], // same time: the tick wins
      ['e', { state: 'verified', at: '2025-01-06T00:00:00.000Z' }], // new here
      ['f', { state: 'self', at: '2025-01-01T00:00:00Z' }], // new here
    ]);
    const { merged, changed } = mergeMarks(local, remote);
    assert.deepEqual(changed, ['a', 'd', 'e', 'f']);
    assert.deepEqual([...merged], [
      ['a', { state: 'open', at: '2025-01-02T00:00:00.000Z' }],
      ['b', { state: 'verified', at: '2025-01-05T00:00:00.000Z' }],
      ['c', { state: 'self', at: '2025-01-01T00:00:00.000Z' }],
      ['d', { state: 'self', at: '2025-01-01T00:00:00.000Z' }],
      ['e', { state: 'verified', at: '2025-01-06T00:00:00.000Z' }],
      ['f', { state: 'self', at: '2025-01-01T00:00:00Z' }],
    ]);
    assert.deepEqual(localA, { state: 'self', at: '2025-01-01T00:00:00.000Z' }, 'local marks are not changed');
    assert.notEqual(merged.get('c'), local.get('c'));
    assert.notEqual(merged.get('e'), remote.get('e'));
  });

  it('mergeMarks: the same time written another way changes the local mark (by text), the same state too', () => {
    const local = new Map<string, Mark>([['a', { state: 'self', at: '2025-01-01T00:00:00.000Z' }]]);
    const remote = new Map<string, Mark>([['a', { state: 'self', at: '2025-01-01T00:00:00Z' }]]);
    const { merged, changed } = mergeMarks(local, remote);
    assert.deepEqual(changed, ['a']);
    assert.deepEqual(merged.get('a'), { state: 'self', at: '2025-01-01T00:00:00Z' });
    assert.deepEqual(mergeMarks(remote, local).changed, []);
  });

  it('mergeMarks: a later verified tick replaces a self one and an untick by state', () => {
    const at = '2025-01-01T00:00:00.000Z';
    const { merged, changed } = mergeMarks(new Map<string, Mark>([['a', { state: 'self', at }]]), new Map<string, Mark>([['a', { state: 'verified', at }]]));
    assert.deepEqual(changed, ['a']);
    assert.deepEqual(merged.get('a'), { state: 'verified', at });
    assert.deepEqual(mergeMarks(new Map(), new Map()), { merged: new Map(), changed: [] });
  });
});
