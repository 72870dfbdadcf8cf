// The stored shape of progress and reading it back (src/core/progress/storeFormat.ts): dates,
// tick shapes, per-milestone data, entries, schemas, and when a stored value must be rewritten.
import * as assert from 'node:assert/strict';
import {
  emptyEntry,
  isEmptyEntry,
  isIsoDate,
  isRecord,
  MAX_FAILURE_CHARS,
  MAX_VERIFICATIONS,
  migrate,
  normaliseMilestoneData,
  normaliseTick,
  normaliseTicks,
  parseStored,
  readEntry,
  serialise,
  serialiseEntry,
  tickProblem,
  type Entry,
  type Projects,
} from '../../src/core/progress/storeFormat';

const NOW = new Date('2025-06-01T00:00:00.000Z');
const NOW_ISO = NOW.toISOString();
const T1 = '2025-01-01T00:00:00.000Z';

describe('stored progress format (core/progress/storeFormat)', () => {
  describe('isIsoDate', () => {
    it('accepts real dates, with or without time, seconds, fractions and zones', () => {
      for (const s of ['2025-01-31', '2024-02-29', '2000-02-29', '2025-12-31T23:59:59Z', '2025-01-01T00:00', '2025-01-01T10:20:30.123456789Z', '2025-01-01T10:20:30+02:00', '2025-01-01T10:20:30-0530', '2025-01-01T00:00:00.000Z', '2025-03-31', '2025-04-30', '2025-01-01T00:00:59']) {
        assert.equal(isIsoDate(s), true, s);
      }
    });
    it('refuses impossible days, months, hours, minutes, seconds and other text', () => {
      for (const s of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-01-32', '2025-01-01T24:00', '2025-01-01T23:60', '2025-01-01T23:59:60', 'yesterday', '', '2025-1-1', ' 2025-01-01', '2025-01-01 ', '2025-01-01T10', '2025-01-01T10:20:30.Z']) {
        assert.equal(isIsoDate(s), false, s);
      }
    });
  });

  describe('tickProblem', () => {
    it('nothing for the tick shapes we read', () => {
      for (const v of [true, '2025-01-01', { state: 'self' }, { state: 'verified', at: T1 }, { state: 'done' }, { done: true }, { state: 'self', at: undefined }]) {
        assert.equal(tickProblem(v), undefined, JSON.stringify(v));
      }
    });
    it('says exactly why anything else is not a tick', () => {
      const cases: [unknown, string][] = [
        ['soon', '"soon" is not a date (expected an ISO date such as 2025-01-31)'],
        ['y'.repeat(50), `${JSON.stringify('y'.repeat(40))} is not a date (expected an ISO date such as 2025-01-31)`],
        [null, 'null is not a tick (expected { "state": "self" | "verified", "at": ISO date })'],
        [[1], 'a list is not a tick (expected { "state": "self" | "verified", "at": ISO date })'],
        [false, 'false is not a tick (expected { "state": "self" | "verified", "at": ISO date })'],
        [3, '3 is not a tick (expected { "state": "self" | "verified", "at": ISO date })'],
        [{ state: 'open' }, 'state "open" is not "self" or "verified"'],
        [{}, 'state null is not "self" or "verified"'],
        [{ done: 'yes' }, 'state null is not "self" or "verified"'],
        [{ state: 'self', at: 5 }, '"at": 5 is not an ISO date'],
        [{ state: 'self', at: '2025-02-30' }, '"at": "2025-02-30" is not an ISO date'],
        [{ state: 'self', at: ['2025-01-02'] }, '"at": ["2025-01-02"] is not an ISO date'],
      ];
      for (const [v, why] of cases) assert.equal(tickProblem(v), why, JSON.stringify(v));
    });
  });

  describe('normaliseTick(s)', () => {
    it('every shape we wrote or a person may write', () => {
      assert.deepEqual(normaliseTick(true, NOW), { state: 'self', at: NOW_ISO });
      assert.deepEqual(normaliseTick('2025-01-02', NOW), { state: 'self', at: '2025-01-02' });
      assert.equal(normaliseTick('2025-02-30', NOW), undefined);
      assert.equal(normaliseTick(false, NOW), undefined);
      assert.equal(normaliseTick(null, NOW), undefined);
      assert.equal(normaliseTick([true], NOW), undefined);
      assert.deepEqual(normaliseTick({ state: 'verified', at: T1 }, NOW), { state: 'verified', at: T1 });
      assert.deepEqual(normaliseTick({ state: 'verified', at: 'later' }, NOW), { state: 'verified', at: NOW_ISO });
      assert.deepEqual(normaliseTick({ state: 'self', at: 7 }, NOW), { state: 'self', at: NOW_ISO });
      assert.deepEqual(normaliseTick({ state: 'done', at: T1 }, NOW), { state: 'self', at: T1 });
      assert.deepEqual(normaliseTick({ done: true, state: 'x' }, NOW), { state: 'self', at: NOW_ISO });
      assert.deepEqual(normaliseTick({ state: 'verified', done: true }, NOW), { state: 'verified', at: NOW_ISO });
      assert.equal(normaliseTick({ state: 'open', at: T1 }, NOW), undefined);
      assert.equal(normaliseTick({ done: 1 }, NOW), undefined);
      assert.deepEqual(normaliseTick({ state: 'self', at: ['2025-01-02'] }, NOW), { state: 'self', at: NOW_ISO }, 'a list that reads like a date is not one');
    });
    it('normaliseTicks keeps the readable ones of a record, in order', () => {
      assert.deepEqual([...normaliseTicks({ a: true, b: 1, c: { state: 'verified', at: T1 } }, NOW)], [
        ['a', { state: 'self', at: NOW_ISO }],
        ['c', { state: 'verified', at: T1 }],
      ]);
      assert.deepEqual([...normaliseTicks([true], NOW)], []);
      assert.deepEqual([...normaliseTicks(undefined, NOW)], []);
    });
  });

  describe('normaliseMilestoneData', () => {
    it('refuses what is not a versioned record', () => {
      for (const v of [null, 1, [], {}, { v: '1' }, { v: 1.5 }, { v: 0 }, { v: -1 }]) assert.equal(normaliseMilestoneData(v), undefined, JSON.stringify(v));
    });
    it('a newer version comes back verbatim (a copy)', () => {
      const newer = { v: 2, anything: { deep: [1] } };
      const got = normaliseMilestoneData(newer);
      assert.deepEqual(got, newer);
      assert.notEqual(got, newer);
      assert.notEqual((got as typeof newer).anything, newer.anything);
    });
    it('version 1 keeps only valid fields', () => {
      assert.deepEqual(normaliseMilestoneData({ v: 1, extra: 1, hintsRevealed: 0, solutionViewedAt: 'x', verifications: 'no' }), { v: 1 });
      assert.deepEqual(normaliseMilestoneData({ v: 1, hintsRevealed: 1.5 }), { v: 1 });
      assert.deepEqual(normaliseMilestoneData({ v: 1, hintsRevealed: '2' }), { v: 1 });
      assert.deepEqual(normaliseMilestoneData({ v: 1, hintsRevealed: -2 }), { v: 1 });
      assert.deepEqual(normaliseMilestoneData({ v: 1, solutionViewedAt: 5 }), { v: 1 });
      assert.deepEqual(normaliseMilestoneData({ v: 1, solutionViewedAt: [T1] }), { v: 1 });
      assert.deepEqual(normaliseMilestoneData({ v: 1, verifications: [{ result: 'verified', at: [T1] }] }), { v: 1 });
      assert.deepEqual(normaliseMilestoneData({ v: 1, hintsRevealed: 2, solutionViewedAt: T1 }), { v: 1, hintsRevealed: 2, solutionViewedAt: T1 });
      assert.deepEqual(normaliseMilestoneData({ v: 1, verifications: [] }), { v: 1 });
      assert.deepEqual(normaliseMilestoneData({ v: 1, verifications: [null, { result: 'passed', at: T1 }, { result: 'verified', at: 'x' }, { result: 'verified' }] }), { v: 1 });
    });
    it('version 1 verifications: valid records, the failure kept when a non-empty string, at most the newest', () => {
      const got = normaliseMilestoneData({
        v: 1,
        verifications: [
          { result: 'verified', at: T1, failure: '', extra: 1 },
          { result: 'failing', at: T1, failure: 'f'.repeat(MAX_FAILURE_CHARS + 1) },
          { result: 'failing', at: T1, failure: 3 },
          [],
        ],
      });
      assert.deepEqual(got, {
        v: 1,
        verifications: [
          { result: 'verified', at: T1 },
          { result: 'failing', at: T1, failure: 'f'.repeat(MAX_FAILURE_CHARS) },
          { result: 'failing', at: T1 },
        ],
      });
      const many = Array.from({ length: MAX_VERIFICATIONS + 2 }, (_, i) => ({ result: 'verified', at: `2025-01-01T00:${String(i).padStart(2, '0')}:00Z` }));
      const kept = (normaliseMilestoneData({ v: 1, verifications: many }) as { verifications: { at: string }[] }).verifications;
      assert.equal(kept.length, MAX_VERIFICATIONS);
      assert.equal(kept[0]?.at, '2025-01-01T00:02:00Z');
    });
  });

  describe('readEntry', () => {
    it('not an object, or no ticks: a problem naming where', () => {
      const problems: string[] = [];
      assert.equal(readEntry(5, NOW, problems, 'here'), undefined);
      assert.equal(readEntry([], NOW, problems, 'there'), undefined);
      assert.equal(readEntry({ version: 1 }, NOW, problems, 'v'), undefined);
      assert.equal(readEntry({ ticks: 'x' }, NOW, problems, 't'), undefined);
      assert.deepEqual(problems, ['here: not an object', 'there: not an object', 'v: no ticks', 't: no ticks']);
    });

    it('schema 0: ticks directly under the starter', () => {
      const problems: string[] = [];
      const e = readEntry({ a: true, b: 'nope' }, NOW, problems, 'w');
      assert.deepEqual(problems, ['w: 1 unreadable tick(s) dropped']);
      assert.ok(e);
      assert.equal(e.version, 0);
      assert.deepEqual([...e.ticks], [['a', { state: 'self', at: NOW_ISO }]]);
    });

    it('every part, cleaned', () => {
      const problems: string[] = [];
      const e = readEntry(
        {
          version: 4,
          ticks: { a: { state: 'verified', at: T1 }, bad: 1, worse: null },
          retired: { r: true, junk: 0 },
          unticked: { a: '2025-02-01', u: '2025-02-02', v: 'later', w: 5, x: ['2025-02-03'] },
          data: { a: { v: 1, hintsRevealed: 1 }, b: { v: 0 }, c: { v: 3, x: 1 } },
        },
        NOW,
        problems,
        'p',
      );
      assert.deepEqual(problems, ['p: 2 unreadable tick(s) dropped']);
      assert.ok(e);
      assert.equal(e.version, 4);
      assert.deepEqual([...e.ticks], [['a', { state: 'verified', at: T1 }]]);
      assert.deepEqual([...e.retired], [['r', { state: 'self', at: NOW_ISO }]]);
      assert.deepEqual([...e.unticked], [['u', '2025-02-02']], 'a tombstone of a ticked milestone is dropped');
      assert.deepEqual([...e.data], [
        ['a', { v: 1, hintsRevealed: 1 }],
        ['c', { v: 3, x: 1 }],
      ]);
    });

    it('a version that is not a non-negative integer reads as 0; no problems for a clean entry', () => {
      for (const version of [-1, 1.5, '2', null]) {
        const problems: string[] = [];
        const e = readEntry({ version, ticks: {} }, NOW, problems, 'x');
        assert.equal(e?.version, 0, String(version));
        assert.deepEqual(problems, []);
      }
      assert.equal(readEntry({ version: 0, ticks: {} }, NOW, [], 'x')?.version, 0);
      assert.equal(readEntry({ version: 7, ticks: {}, unticked: 'x', data: [] }, NOW, [], 'x')?.version, 7);
    });
  });

  describe('entries and serialising', () => {
    it('emptyEntry and isEmptyEntry: any non-empty part makes it non-empty', () => {
      assert.deepEqual(emptyEntry(), { version: 0, ticks: new Map(), retired: new Map(), unticked: new Map(), data: new Map() });
      assert.equal(emptyEntry(3).version, 3);
      assert.equal(isEmptyEntry(emptyEntry()), true);
      const parts: ((e: Entry) => void)[] = [
        (e) => e.ticks.set('a', { state: 'self', at: T1 }),
        (e) => e.retired.set('a', { state: 'self', at: T1 }),
        (e) => e.unticked.set('a', T1),
        (e) => e.data.set('a', { v: 1 }),
      ];
      for (const add of parts) {
        const e = emptyEntry();
        add(e);
        assert.equal(isEmptyEntry(e), false);
      }
    });

    it('isRecord: plain objects only', () => {
      assert.deepEqual([{}, { a: 1 }, [], null, 'x', 1, undefined].map(isRecord), [true, true, false, false, false, false, false]);
    });

    it('serialiseEntry writes only the non-empty optional parts, as copies', () => {
      const e = emptyEntry(2);
      assert.deepEqual(serialiseEntry(e), { version: 2, ticks: {} });
      const tick = { state: 'verified' as const, at: T1 };
      e.ticks.set('a', tick);
      e.retired.set('r', { state: 'self', at: T1 });
      e.unticked.set('u', T1);
      const data = { v: 1 as const, verifications: [{ result: 'verified' as const, at: T1 }] };
      e.data.set('a', data);
      const out = serialiseEntry(e);
      assert.deepEqual(out, { version: 2, ticks: { a: tick }, retired: { r: { state: 'self', at: T1 } }, unticked: { u: T1 }, data: { a: data } });
      assert.notEqual(out.ticks.a, tick);
      assert.notEqual(out.data?.a, data);
      assert.notEqual((out.data?.a as typeof data).verifications, data.verifications);
      const p: Projects = new Map([['p', new Map([['s', e]])]]);
      assert.deepEqual(serialise(p), { schema: 1, projects: { p: { s: out } } });
    });
  });

  describe('parseStored and migrate', () => {
    it('nothing stored: nothing to do', () => {
      for (const raw of [undefined, null]) assert.deepEqual(parseStored(raw, NOW), { projects: new Map(), problems: [], changed: false });
    });

    it('not an object: a problem, rewritten', () => {
      assert.deepEqual(parseStored([1], NOW), { projects: new Map(), problems: ['stored progress is a list, not an object'], changed: true });
      assert.deepEqual(parseStored('x', NOW), { projects: new Map(), problems: ['stored progress is a string, not an object'], changed: true });
      assert.deepEqual(parseStored(3, NOW), { projects: new Map(), problems: ['stored progress is a number, not an object'], changed: true });
    });

    it('an unknown or older schema: a problem, rewritten', () => {
      for (const schema of [0, 'one', 1.5, null]) {
        assert.deepEqual(parseStored({ schema, projects: {} }, NOW), { projects: new Map(), problems: [`stored progress has unknown schema ${JSON.stringify(schema)}`], changed: true });
      }
    });

    it('a newer schema: read-only, nothing rewritten, no problems', () => {
      const why = 'the stored progress was written by a newer version of Learning Paths (schema 2; this version knows schema 1)';
      const got = parseStored({ schema: 2, projects: { p: { s: { version: 1, ticks: { a: true, b: 5 } } } } }, NOW);
      assert.deepEqual(got.problems, []);
      assert.equal(got.changed, false);
      assert.equal(got.readOnly, why);
      assert.deepEqual(serialise(got.projects), { schema: 1, projects: { p: { s: { version: 1, ticks: { a: { state: 'self', at: NOW_ISO } } } } } });
      assert.deepEqual(parseStored({ schema: 2 }, NOW), { projects: new Map(), problems: [], changed: false, readOnly: why });
      assert.deepEqual(migrate({ schema: 3 }, NOW), {
        data: { schema: 1, projects: {} },
        problems: [],
        changed: false,
        readOnly: 'the stored progress was written by a newer version of Learning Paths (schema 3; this version knows schema 1)',
      });
    });

    it('schema 1 without a projects object: a problem', () => {
      assert.deepEqual(parseStored({ schema: 1, projects: [] }, NOW), { projects: new Map(), problems: ['stored progress has no projects object'], changed: true });
    });

    it('schema 1 as we write it: unchanged', () => {
      const stored = { schema: 1, projects: { p: { s: { version: 1, ticks: { a: { state: 'self', at: T1 } }, unticked: { b: T1 } } } } };
      const got = parseStored(stored, NOW);
      assert.deepEqual(got.problems, []);
      assert.equal(got.changed, false);
      assert.equal(got.readOnly, undefined);
      assert.deepEqual(serialise(got.projects), stored);
      assert.deepEqual(migrate(stored, NOW), { data: stored, problems: [], changed: false });
    });

    it('schema 1 written another way (no problem, but not what we write): rewritten', () => {
      const got = parseStored({ schema: 1, projects: { p: { s: { version: 1, ticks: { a: true } } } } }, NOW);
      assert.deepEqual(got.problems, []);
      assert.equal(got.changed, true);
    });

    it('schema 0: migrated; a project or starter that cannot be read is a problem', () => {
      const got = parseStored({ p: { s: { a: true } }, q: 5, r: { s: 7 } }, NOW);
      assert.deepEqual(got.problems, ['project q: not an object', 'project r, starter s: not an object']);
      assert.equal(got.changed, true);
      assert.deepEqual(serialise(got.projects), { schema: 1, projects: { p: { s: { version: 0, ticks: { a: { state: 'self', at: NOW_ISO } } } } } });
      const clean = parseStored({ p: { s: { version: 1, ticks: { a: { state: 'self', at: T1 } } } } }, NOW);
      assert.deepEqual(clean.problems, []);
      assert.equal(clean.changed, true, 'schema 0 is always rewritten');
    });

    it('a problem alone makes it changed; projects keep every starter', () => {
      const got = parseStored({ schema: 1, projects: { p: { s: { version: 1, ticks: {} }, t: { version: 1, ticks: {} }, u: 'x' } } }, NOW);
      assert.deepEqual(got.problems, ['project p, starter u: not an object']);
      assert.equal(got.changed, true);
      assert.deepEqual([...(got.projects.get('p')?.keys() ?? [])], ['s', 't']);
    });

    it('migrate with the default clock', () => {
      const m = migrate({ p: { s: { a: true } } });
      const at = (m.data.projects.p?.s?.ticks.a?.at ?? '') as string;
      assert.ok(Math.abs(Date.parse(at) - Date.now()) < 60_000, at);
      assert.equal(Object.hasOwn(m, 'readOnly'), false);
    });
  });
});
