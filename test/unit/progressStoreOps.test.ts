// The progress store's operations, one by one (src/core/progress/store.ts): what each returns,
// what it writes, and reconciling ticks, tombstones and data with a new starter version.
import * as assert from 'node:assert/strict';
import {
  BACKUP_KEY,
  ProgressStore,
  reconcileEntry,
  resolveRename,
  STORE_KEY,
  tickAfterCheck,
  type MementoLike,
  type StoredEntry,
  type StoredProgress,
  type Tick,
} from '../../src/core/progress/store';
import type { Mark } from '../../src/core/progress/merge';
import { MAX_VERIFICATIONS } from '../../src/core/progress/storeFormat';

/** An in-memory Memento that keeps JSON copies and logs every update. */
class LogMemento implements MementoLike {
  readonly values = new Map<string, unknown>();
  readonly log: string[] = [];
  fail: ((key: string) => boolean) | undefined;
  constructor(initial: Record<string, unknown> = {}) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, JSON.parse(JSON.stringify(v)));
  }
  get<T>(key: string): T | undefined {
    const v = this.values.get(key);
    return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.log.push(key);
    if (this.fail?.(key)) throw new Error(`cannot write ${key}`);
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
  stored(): StoredProgress | undefined {
    return this.get<StoredProgress>(STORE_KEY);
  }
}

const A = '2025-01-01T00:00:00.000Z';
const B = '2025-02-01T00:00:00.000Z';
const C = '2025-03-01T00:00:00.000Z';
const NOW = new Date('2025-06-01T00:00:00.000Z');
const P = 'proj';
const S = 'starter';
const self = (at: string): Tick => ({ state: 'self', at });
const verified = (at: string): Tick => ({ state: 'verified', at });

function storeWith(entry: StoredEntry | undefined, now: Date = NOW): { store: ProgressStore; memento: LogMemento } {
  const memento = new LogMemento(entry ? { [STORE_KEY]: { schema: 1, projects: { [P]: { [S]: entry } } } } : {});
  return { store: new ProgressStore(memento, { now: () => now }), memento };
}

describe('progress store operations (core/progress/store)', () => {
  describe('pure helpers', () => {
    it('tickAfterCheck: a pass verifies (keeping a self tick date), a failure reverts only a verified tick', () => {
      const v = verified(A);
      assert.equal(tickAfterCheck(v, true, NOW), v);
      assert.deepEqual(tickAfterCheck(self(B), true, NOW), verified(B));
      assert.deepEqual(tickAfterCheck(undefined, true, NOW), verified(NOW.toISOString()));
      assert.equal(tickAfterCheck(v, false, NOW), undefined);
      const s = self(B);
      assert.equal(tickAfterCheck(s, false, NOW), s);
      assert.equal(tickAfterCheck(undefined, false, NOW), undefined);
    });

    it('resolveRename: known ids as they are, chains followed, anything else undefined', () => {
      const known = new Set(['c', 'd']);
      assert.equal(resolveRename('c', { c: 'd' }, known), 'c');
      assert.equal(resolveRename('a', { a: 'b', b: 'c' }, known), 'c');
      assert.equal(resolveRename('a', { a: 'b', b: 'a' }, known), undefined);
      assert.equal(resolveRename('a', { a: 'a' }, known), undefined);
      assert.equal(resolveRename('a', undefined, known), undefined);
      assert.equal(resolveRename('a', { a: 5 } as unknown as Record<string, string>, known), undefined);
      assert.equal(resolveRename('toString', { a: 'c' }, known), undefined);
      assert.equal(resolveRename('a', Object.create({ a: 'c' }) as Record<string, string>, known), undefined, 'only own renames');
    });

    it('reconcileEntry: a live and a renamed tick in the same state: the earlier wins, whichever is live; a verified one wins over a self one', () => {
      const r = reconcileEntry({ version: 1, ticks: { old: self(A), cur: self(B) } }, { version: 2, milestones: [{ id: 'cur' }], renames: { old: 'cur' } });
      assert.deepEqual(r, { entry: { version: 2, ticks: { cur: self(A) } }, changed: true });
      const later = reconcileEntry({ version: 1, ticks: { cur: self(A), old: self(B) } }, { version: 2, milestones: [{ id: 'cur' }], renames: { old: 'cur' } });
      assert.deepEqual(later.entry.ticks, { cur: self(A) });
      const two = reconcileEntry({ version: 1, ticks: { x: verified(B), y: verified(A) } }, { version: 1, milestones: [{ id: 'z' }], renames: { x: 'z', y: 'z' } });
      assert.deepEqual(two.entry.ticks, { z: verified(A) });
      const mixed = reconcileEntry({ version: 1, ticks: { x: self(A), y: verified(B) } }, { version: 1, milestones: [{ id: 'z' }], renames: { x: 'z', y: 'z' } });
      assert.deepEqual(mixed.entry.ticks, { z: verified(B) });
      const mixed2 = reconcileEntry({ version: 1, ticks: { y: verified(B), x: self(A) } }, { version: 1, milestones: [{ id: 'z' }], renames: { x: 'z', y: 'z' } });
      assert.deepEqual(mixed2.entry.ticks, { z: verified(B) });
    });

    it('reconcileEntry: live ids keep their place, renamed ones follow', () => {
      const r = reconcileEntry({ version: 1, ticks: { r: self(A), k: self(B) } }, { version: 1, milestones: [{ id: 'k' }, { id: 'z' }], renames: { r: 'z' } });
      assert.deepEqual(Object.keys(r.entry.ticks), ['k', 'z']);
      assert.equal(r.changed, true);
      assert.deepEqual(reconcileEntry(r.entry, { version: 1, milestones: [{ id: 'k' }, { id: 'z' }] }), { entry: r.entry, changed: false });
    });

    it('reconcileEntry: retired ticks come back only where nothing is ticked; retired twice keeps the better', () => {
      const r = reconcileEntry(
        { version: 1, ticks: { live: self(C), gone: verified(B) }, retired: { live: verified(A), back: self(A), gone: self(A), old: self(B) } },
        { version: 2, milestones: [{ id: 'live' }, { id: 'back' }], renames: { old: 'back' } },
      );
      assert.deepEqual(r.entry, { version: 2, ticks: { live: self(C), back: self(A) }, retired: { gone: verified(B) } });
      const both = reconcileEntry({ version: 1, ticks: { g: self(B) }, retired: { g: self(A) } }, { version: 1, milestones: [] });
      assert.deepEqual(both.entry.retired, { g: self(A) });
      const both2 = reconcileEntry({ version: 1, ticks: { g: self(A) }, retired: { g: self(B) } }, { version: 1, milestones: [] });
      assert.deepEqual(both2.entry.retired, { g: self(A) });
    });

    it('reconcileEntry: tombstones follow renames, are dropped for gone or ticked milestones, the later of two wins', () => {
      const r = reconcileEntry(
        { version: 1, ticks: { t: self(A) }, unticked: { t2: B, old: A, gone: B, n: C, m: A } },
        { version: 2, milestones: [{ id: 't' }, { id: 'new' }, { id: 'n' }], renames: { t2: 't', old: 'new', m: 'n' } },
      );
      assert.deepEqual(r.entry, { version: 2, ticks: { t: self(A) }, unticked: { new: A, n: C } });
      const reversed = reconcileEntry({ version: 1, ticks: {}, unticked: { m: A, n: C } }, { version: 1, milestones: [{ id: 'n' }], renames: { m: 'n' } });
      assert.deepEqual(reversed.entry.unticked, { n: C });
      const later = reconcileEntry({ version: 1, ticks: {}, unticked: { n: A, m: C } }, { version: 1, milestones: [{ id: 'n' }], renames: { m: 'n' } });
      assert.deepEqual(later.entry.unticked, { n: C });
    });

    it('reconcileEntry: data is kept; nothing changed says so; the version never goes down', () => {
      const entry: StoredEntry = { version: 3, ticks: { a: self(A) }, data: { a: { v: 1, hintsRevealed: 1 }, gone: { v: 2 } } };
      assert.deepEqual(reconcileEntry(entry, { version: 2, milestones: [{ id: 'a' }] }), { entry, changed: false });
      assert.deepEqual(reconcileEntry(entry, { version: 4, milestones: [{ id: 'a' }] }), { entry: { ...entry, version: 4 }, changed: true });
      assert.deepEqual(reconcileEntry({ version: 1, ticks: 'x' } as unknown as StoredEntry, { version: 2, milestones: [] }), { entry: { version: 2, ticks: {} }, changed: true });
    });
  });

  describe('loading', () => {
    it('a clean stored value: no writes, no problems, writable', async () => {
      const { store, memento } = storeWith({ version: 1, ticks: { a: self(A) } });
      await store.ready;
      assert.deepEqual(memento.log, []);
      assert.deepEqual(store.problems, []);
      assert.equal(store.readOnly, undefined);
    });

    it('a migrated value (no problems) is written without a backup; a corrupt one is backed up first', async () => {
      const migrated = new LogMemento({ [STORE_KEY]: { [P]: { [S]: { a: true } } } });
      await new ProgressStore(migrated, { now: () => NOW }).ready;
      assert.deepEqual(migrated.log, [STORE_KEY]);
      assert.deepEqual(migrated.stored(), { schema: 1, projects: { [P]: { [S]: { version: 0, ticks: { a: self(NOW.toISOString()) } } } } });
      const corrupt = new LogMemento({ [STORE_KEY]: { schema: 1, projects: { [P]: { [S]: 5, t: { version: 1, ticks: { x: 1, y: 2 } } } } } });
      const store = new ProgressStore(corrupt, { now: () => NOW });
      await store.ready;
      assert.deepEqual(corrupt.log, [BACKUP_KEY, STORE_KEY]);
      assert.deepEqual(store.problems, [`project ${P}, starter ${S}: not an object`, `project ${P}, starter t: 2 unreadable tick(s) dropped`]);
      assert.deepEqual(corrupt.get(BACKUP_KEY), {
        entries: [{ at: NOW.toISOString(), reason: `project ${P}, starter ${S}: not an object; project ${P}, starter t: 2 unreadable tick(s) dropped`, value: { schema: 1, projects: { [P]: { [S]: 5, t: { version: 1, ticks: { x: 1, y: 2 } } } } } }],
      });
    });

    it('backups: a malformed backup value is replaced; the same value backed up again moves to the front', async () => {
      const memento = new LogMemento({ [STORE_KEY]: 'bad', [BACKUP_KEY]: { entries: 'nope' } });
      await new ProgressStore(memento, { now: () => NOW }).ready;
      assert.deepEqual(memento.get(BACKUP_KEY), { entries: [{ at: NOW.toISOString(), reason: 'stored progress is a string, not an object', value: 'bad' }] });
      const old = { at: A, reason: 'r', value: 'older' };
      const m2 = new LogMemento({ [STORE_KEY]: 'bad', [BACKUP_KEY]: { entries: [{ at: A, reason: 'r', value: 'bad' }, old, 'junk'] } });
      await new ProgressStore(m2, { now: () => NOW }).ready;
      assert.deepEqual(m2.get(BACKUP_KEY), { entries: [{ at: NOW.toISOString(), reason: 'stored progress is a string, not an object', value: 'bad' }, old, 'junk'] });
      const m3 = new LogMemento({ [STORE_KEY]: 'bad', [BACKUP_KEY]: [1] });
      await new ProgressStore(m3, { now: () => NOW }).ready;
      assert.deepEqual(m3.get<{ entries: unknown[] }>(BACKUP_KEY)?.entries.length, 1);
    });

    it('a failed backup write does not stop the migration write; ready still resolves', async () => {
      const memento = new LogMemento({ [STORE_KEY]: 'bad' });
      memento.fail = (key) => key === BACKUP_KEY;
      const store = new ProgressStore(memento, { now: () => NOW });
      await store.ready;
      assert.deepEqual(memento.log, [BACKUP_KEY, STORE_KEY]);
      assert.deepEqual(memento.stored(), { schema: 1, projects: {} });
    });

    it('a get that throws: read-only with the reason, nothing written', async () => {
      const memento = new LogMemento();
      memento.get = () => {
        throw new Error('locked');
      };
      const store = new ProgressStore(memento, { now: () => NOW });
      await store.ready;
      assert.equal(store.readOnly, 'the stored progress could not be read (Error: locked)');
      assert.deepEqual(store.problems, []);
      assert.equal(await store.markSelf(P, S, 'a'), undefined);
      assert.deepEqual(memento.log, []);
    });
  });

  describe('changes', () => {
    it('markSelf: a new self tick now, written; an existing tick returned as a copy, nothing written', async () => {
      const { store, memento } = storeWith({ version: 1, ticks: { v: verified(A) } });
      assert.deepEqual(await store.markSelf(P, S, 'v'), verified(A));
      assert.deepEqual(memento.log, []);
      assert.deepEqual(await store.markSelf(P, S, 'n'), self(NOW.toISOString()));
      assert.deepEqual(memento.log, [STORE_KEY]);
      assert.deepEqual(memento.stored()?.projects[P]?.[S]?.ticks, { v: verified(A), n: self(NOW.toISOString()) });
      const copy = store.get(P, S, 'n');
      if (copy) copy.state = 'verified';
      assert.deepEqual(store.get(P, S, 'n'), self(NOW.toISOString()));
      assert.equal(store.get(P, S, 'missing'), undefined);
      assert.equal(store.get('other', S, 'n'), undefined);
    });

    it('markSelf removes the tombstone; clear leaves one dated now', async () => {
      const { store, memento } = storeWith({ version: 1, ticks: { a: self(A) }, unticked: { b: B } });
      await store.markSelf(P, S, 'b');
      assert.deepEqual(memento.stored()?.projects[P]?.[S], { version: 1, ticks: { a: self(A), b: self(NOW.toISOString()) } });
      assert.equal(await store.clear(P, S, 'a'), true);
      assert.deepEqual(memento.stored()?.projects[P]?.[S], { version: 1, ticks: { b: self(NOW.toISOString()) }, unticked: { a: NOW.toISOString() } });
      assert.equal(await store.clear(P, S, 'a'), false);
      assert.equal(await store.clear('nobody', S, 'a'), false);
      assert.equal(memento.log.length, 2);
    });

    it('clearProject: unticks every tick, drops retired ones, returns how many were ticked', async () => {
      const { store, memento } = storeWith({ version: 1, ticks: { a: self(A), b: verified(B) }, retired: { r: self(A) } });
      assert.equal(await store.clearProject(P, S), 2);
      assert.deepEqual(memento.stored()?.projects[P]?.[S], { version: 1, ticks: {}, unticked: { a: NOW.toISOString(), b: NOW.toISOString() } });
      assert.equal(store.has(P, S), false);
      assert.equal(await store.clearProject('nobody', S), 0);
    });

    it('clearProject of only retired ticks drops the empty entry and project', async () => {
      const { store, memento } = storeWith({ version: 1, ticks: {}, retired: { r: self(A) } });
      assert.equal(store.has(P, S), true);
      assert.equal(await store.clearProject(P, S), 0);
      assert.deepEqual(memento.stored(), { schema: 1, projects: {} });
      assert.deepEqual(store.snapshot(), { schema: 1, projects: {} });
    });

    it("clearProject of one starter keeps the project's other starters", async () => {
      const memento = new LogMemento({ [STORE_KEY]: { schema: 1, projects: { [P]: { [S]: { version: 1, ticks: {}, retired: { r: self(A) } }, other: { version: 1, ticks: { a: self(A) } } } } } });
      const store = new ProgressStore(memento, { now: () => NOW });
      assert.equal(await store.clearProject(P, S), 0);
      assert.deepEqual(memento.stored(), { schema: 1, projects: { [P]: { other: { version: 1, ticks: { a: self(A) } } } } });
    });

    it('importing nothing for a starter the project does not have changes nothing', async () => {
      const { store, memento } = storeWith({ version: 1, ticks: { a: self(A) } });
      assert.deepEqual(await store.importTicks(P, 'other-starter', new Map()), []);
      assert.deepEqual(store.snapshot(), { schema: 1, projects: { [P]: { [S]: { version: 1, ticks: { a: self(A) } } } } });
      assert.deepEqual(memento.log, []);
    });

    it('has: ticks or retired ticks; tombstones and data alone do not count', () => {
      assert.equal(storeWith({ version: 1, ticks: { a: self(A) } }).store.has(P, S), true);
      assert.equal(storeWith({ version: 1, ticks: {}, unticked: { a: A } }).store.has(P, S), false);
      assert.equal(storeWith({ version: 1, ticks: {}, data: { a: { v: 1 } } }).store.has(P, S), false);
      assert.equal(storeWith(undefined).store.has(P, S), false);
    });

    it('applyChecks: returns the ids whose tick changed, writes once, untick leaves a tombstone', async () => {
      const { store, memento } = storeWith({ version: 1, ticks: { v: verified(A), s: self(B), keep: verified(A) } });
      const changed = await store.applyChecks(
        P,
        S,
        new Map([
          ['v', false],
          ['s', true],
          ['keep', true],
          ['new', true],
          ['nope', false],
        ]),
      );
      assert.deepEqual(changed, ['v', 's', 'new']);
      assert.deepEqual(memento.log, [STORE_KEY]);
      assert.deepEqual(memento.stored()?.projects[P]?.[S], { version: 1, ticks: { s: verified(B), keep: verified(A), new: verified(NOW.toISOString()) }, unticked: { v: NOW.toISOString() } });
      assert.deepEqual(await store.applyChecks(P, S, new Map([['keep', true]])), []);
      assert.deepEqual(memento.log, [STORE_KEY]);
    });

    it('applyChecks with nothing to change creates no entry', async () => {
      const { store, memento } = storeWith(undefined);
      assert.deepEqual(await store.applyChecks(P, S, new Map([['a', false]])), []);
      assert.deepEqual(store.snapshot(), { schema: 1, projects: {} });
      assert.deepEqual(memento.log, []);
    });

    it('reconcile: true and written when something changed, false otherwise or when there is no entry', async () => {
      const { store, memento } = storeWith({ version: 1, ticks: { old: self(A) } });
      assert.equal(await store.reconcile('nobody', S, { version: 2, milestones: [] }), false);
      assert.equal(await store.reconcile(P, S, { version: 2, milestones: [{ id: 'new' }], renames: { old: 'new' } }), true);
      assert.deepEqual(memento.stored()?.projects[P]?.[S], { version: 2, ticks: { new: self(A) } });
      assert.equal(await store.reconcile(P, S, { version: 2, milestones: [{ id: 'new' }] }), false);
      assert.deepEqual(memento.log, [STORE_KEY]);
      assert.deepEqual(store.snapshot().projects, { [P]: { [S]: { version: 2, ticks: { new: self(A) } } } });
    });

    it('importTicks: only milestones not ticked, copies, written only when something was added', async () => {
      const { store, memento } = storeWith({ version: 1, ticks: { a: verified(A) }, unticked: { b: A } });
      const incoming = new Map<string, Tick>([
        ['a', self(B)],
        ['b', { state: 'verified', at: C, extra: 1 } as Tick],
      ]);
      assert.deepEqual(await store.importTicks(P, S, incoming), ['b']);
      assert.deepEqual(memento.stored()?.projects[P]?.[S], { version: 1, ticks: { a: verified(A), b: verified(C) } });
      assert.deepEqual(await store.importTicks(P, S, new Map([['a', self(B)]])), []);
      assert.deepEqual(memento.log, [STORE_KEY]);
      const empty = storeWith(undefined);
      assert.deepEqual(await empty.store.importTicks(P, S, new Map()), []);
      assert.deepEqual(empty.store.snapshot(), { schema: 1, projects: {} });
    });

    it('mergeMarks: later unticks and ticks win, tombstones are written, the ids that changed come back', async () => {
      const { store, memento } = storeWith({ version: 1, ticks: { a: self(A), b: verified(C) }, unticked: { c: B } });
      assert.deepEqual(store.marks(P, S), new Map<string, Mark>([
        ['c', { state: 'open', at: B }],
        ['a', { state: 'self', at: A }],
        ['b', { state: 'verified', at: C }],
      ]));
      const remote = new Map<string, Mark>([
        ['a', { state: 'open', at: B }],
        ['b', { state: 'open', at: A }],
        ['c', { state: 'verified', at: C }],
        ['d', { state: 'open', at: C }],
      ]);
      assert.deepEqual(await store.mergeMarks(P, S, remote), ['a', 'c', 'd']);
      assert.deepEqual(memento.stored()?.projects[P]?.[S], { version: 1, ticks: { b: verified(C), c: verified(C) }, unticked: { a: B, d: C } });
      assert.deepEqual(await store.mergeMarks(P, S, remote), []);
      assert.deepEqual(await store.mergeMarks(P, S, new Map()), []);
      assert.deepEqual(memento.log, [STORE_KEY]);
      assert.deepEqual(store.marks('nobody', S), new Map());
      assert.deepEqual(store.ticks('nobody', S), new Map());
    });

    it('ticks returns copies', () => {
      const { store } = storeWith({ version: 1, ticks: { a: self(A) } });
      const t = store.ticks(P, S);
      const a = t.get('a');
      if (a) a.at = B;
      assert.deepEqual(store.ticks(P, S), new Map([['a', self(A)]]));
    });
  });

  describe('milestone data', () => {
    it('reads copies of version 1 only', () => {
      const { store } = storeWith({ version: 1, ticks: {}, data: { a: { v: 1, hintsRevealed: 2 }, n: { v: 2 } } });
      assert.deepEqual(store.milestoneData(P, S, 'a'), { v: 1, hintsRevealed: 2 });
      assert.equal(store.milestoneData(P, S, 'n'), undefined);
      assert.equal(store.milestoneData(P, S, 'x'), undefined);
      const d = store.milestoneData(P, S, 'a');
      if (d) d.hintsRevealed = 9;
      assert.deepEqual(store.milestoneData(P, S, 'a'), { v: 1, hintsRevealed: 2 });
    });

    it('updates: the update gets a copy or { v: 1 }, a newer version is skipped, history is capped, one write', async () => {
      const { store, memento } = storeWith({ version: 1, ticks: {}, data: { a: { v: 1, hintsRevealed: 2 }, n: { v: 2, x: 1 } as { v: number } } });
      const seen: unknown[] = [];
      const many = Array.from({ length: MAX_VERIFICATIONS + 3 }, (_, i) => ({ result: 'verified' as const, at: `2025-01-01T00:${String(i).padStart(2, '0')}:00.000Z` }));
      const changed = await store.updateMilestonesData(
        P,
        S,
        new Map([
          [
            'a',
            (cur) => {
              seen.push(structuredClone(cur));
              cur.hintsRevealed = 3;
              return cur;
            },
          ],
          [
            'n',
            (cur) => {
              seen.push(cur);
              return cur;
            },
          ],
          [
            'fresh',
            (cur) => {
              seen.push(structuredClone(cur));
              return { ...cur, v: 7 as 1, verifications: many };
            },
          ],
        ]),
      );
      assert.deepEqual(changed, ['a', 'fresh']);
      assert.deepEqual(seen, [{ v: 1, hintsRevealed: 2 }, { v: 1 }]);
      assert.deepEqual(memento.log, [STORE_KEY]);
      const data = memento.stored()?.projects[P]?.[S]?.data;
      assert.deepEqual(data?.a, { v: 1, hintsRevealed: 3 });
      assert.deepEqual(data?.n, { v: 2, x: 1 });
      const fresh = data?.fresh as { v: number; verifications: { at: string }[] };
      assert.equal(fresh.v, 1);
      assert.equal(fresh.verifications.length, MAX_VERIFICATIONS);
      assert.equal(fresh.verifications[0]?.at, '2025-01-01T00:03:00.000Z');
      assert.equal(await store.updateMilestoneData(P, S, 'n', (c) => c), false);
      assert.equal(await store.updateMilestoneData(P, S, 'a', (c) => ({ ...c, verifications: many.slice(0, MAX_VERIFICATIONS) })), true);
      assert.equal((memento.stored()?.projects[P]?.[S]?.data?.a as { verifications: unknown[] }).verifications.length, MAX_VERIFICATIONS);
      assert.deepEqual(await store.updateMilestonesData(P, S, new Map()), []);
      assert.equal(memento.log.length, 2);
    });
  });

  describe('read-only stores refuse every change', () => {
    it('a newer schema: nothing changes, nothing is written', async () => {
      const value = { schema: 2, projects: { [P]: { [S]: { version: 1, ticks: { a: self(A) } } } } };
      const memento = new LogMemento({ [STORE_KEY]: value });
      const store = new ProgressStore(memento, { now: () => NOW });
      assert.deepEqual(await store.markSelf(P, S, 'a'), self(A), 'an existing tick is still reported');
      assert.equal(await store.markSelf(P, S, 'b'), undefined);
      assert.equal(await store.clear(P, S, 'a'), false);
      assert.equal(await store.clearProject(P, S), 0);
      assert.deepEqual(await store.applyChecks(P, S, new Map([['a', false]])), []);
      assert.equal(await store.reconcile(P, S, { version: 5, milestones: [] }), false);
      assert.deepEqual(await store.importTicks(P, S, new Map([['b', self(B)]])), []);
      assert.deepEqual(await store.mergeMarks(P, S, new Map<string, Mark>([['a', { state: 'open', at: C }]])), []);
      assert.equal(await store.updateMilestoneData(P, S, 'a', (c) => c), false);
      await store.flush();
      assert.deepEqual(memento.log, []);
      assert.deepEqual(memento.get(STORE_KEY), value);
      assert.deepEqual(store.ticks(P, S), new Map([['a', self(A)]]));
    });
  });

  describe('writes', () => {
    it('flush waits for every write made so far', async () => {
      const values: unknown[] = [];
      const slow: MementoLike = {
        get: () => undefined,
        update: (_key, value) => new Promise<void>((resolve) => setTimeout(() => {
          values.push(value);
          resolve();
        }, 5)),
      };
      const store = new ProgressStore(slow, { now: () => NOW });
      void store.markSelf(P, S, 'a');
      void store.markSelf(P, S, 'b');
      await store.flush();
      assert.equal(values.length, 2);
      assert.deepEqual(values[1], { schema: 1, projects: { [P]: { [S]: { version: 0, ticks: { a: self(NOW.toISOString()), b: self(NOW.toISOString()) } } } } });
    });

    it('a failed write is reported to its caller and does not block the next one', async () => {
      const { store, memento } = storeWith(undefined);
      memento.fail = () => true;
      await assert.rejects(store.markSelf(P, S, 'a'), /cannot write learningPaths\.progress\.v1/);
      memento.fail = undefined;
      await store.markSelf(P, S, 'b');
      await store.flush();
      assert.deepEqual(Object.keys(memento.stored()?.projects[P]?.[S]?.ticks ?? {}), ['a', 'b']);
    });
  });
});
