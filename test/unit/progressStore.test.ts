import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  BACKUP_KEY,
  migrate,
  ProgressStore,
  reconcileEntry,
  resolveRename,
  STORE_KEY,
  tickAfterCheck,
  type MementoLike,
  type StoredProgress,
  type Tick,
} from '../../src/core/progress/store';

/** An in-memory Memento that stores JSON copies, like VS Code's. */
class MemoryMemento implements MementoLike {
  readonly values = new Map<string, unknown>();
  updates = 0;
  constructor(initial: Record<string, unknown> = {}) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }
  get<T>(key: string): T | undefined {
    const v = this.values.get(key);
    return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.updates++;
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

const T0 = new Date('2025-01-02T03:04:05.000Z');
const T1 = new Date('2025-02-03T04:05:06.000Z');
const clock = (...dates: Date[]) => {
  let i = 0;
  return () => dates[Math.min(i++, dates.length - 1)] as Date;
};
const P = 'project-1';
const S = 'pytorch-image-classifier';

describe('progress store', () => {
  describe('ticks and transitions', () => {
    it('a hand tick is self-reported, dated, and survives a new store over the same memento (a reload)', async () => {
      const memento = new MemoryMemento();
      const store = new ProgressStore(memento, { now: () => T0 });
      const t = await store.markSelf(P, S, 'run-smoke-test');
      assert.deepEqual(t, { state: 'self', at: T0.toISOString() });
      const again = new ProgressStore(memento);
      assert.deepEqual(again.get(P, S, 'run-smoke-test'), { state: 'self', at: T0.toISOString() });
      assert.deepEqual(again.problems, []);
      assert.deepEqual(memento.get<StoredProgress>(STORE_KEY), {
        schema: 1,
        projects: { [P]: { [S]: { version: 0, ticks: { 'run-smoke-test': { state: 'self', at: T0.toISOString() } } } } },
      });
    });

    it('a passing check verifies; a failing check reverts only a verified tick', async () => {
      const store = new ProgressStore(new MemoryMemento(), { now: clock(T0, T1, T1, T1) });
      await store.markSelf(P, S, 'hand');
      let changed = await store.applyChecks(P, S, new Map([['auto', true], ['hand', false]]));
      assert.deepEqual(changed, ['auto']);
      assert.equal(store.get(P, S, 'auto')?.state, 'verified');
      assert.equal(store.get(P, S, 'hand')?.state, 'self', 'a failing check leaves a self-reported tick alone');
      changed = await store.applyChecks(P, S, new Map([['auto', false]]));
      assert.deepEqual(changed, ['auto']);
      assert.equal(store.get(P, S, 'auto'), undefined);
    });

    it('a check that confirms a self-reported tick verifies it and keeps its date', () => {
      const self: Tick = { state: 'self', at: T0.toISOString() };
      assert.deepEqual(tickAfterCheck(self, true, T1), { state: 'verified', at: T0.toISOString() });
      assert.equal(tickAfterCheck(self, false, T1), self);
      assert.equal(tickAfterCheck(undefined, false, T1), undefined);
      assert.deepEqual(tickAfterCheck(undefined, true, T1), { state: 'verified', at: T1.toISOString() });
      const verified: Tick = { state: 'verified', at: T0.toISOString() };
      assert.equal(tickAfterCheck(verified, true, T1), verified);
      assert.equal(tickAfterCheck(verified, false, T1), undefined);
    });

    it('hand-ticking a verified milestone keeps it verified; clear and clearProject untick', async () => {
      const store = new ProgressStore(new MemoryMemento(), { now: () => T0 });
      await store.applyChecks(P, S, new Map([['a', true]]));
      assert.equal((await store.markSelf(P, S, 'a'))?.state, 'verified');
      await store.markSelf(P, S, 'b');
      assert.equal(await store.clear(P, S, 'a'), true);
      assert.equal(await store.clear(P, S, 'a'), false);
      assert.equal(await store.clearProject(P, S), 1);
      assert.equal(store.has(P, S), false);
      // only the untick times (tombstones, for merging mirrored progress) are left
      assert.deepEqual(store.snapshot(), { schema: 1, projects: { [P]: { [S]: { version: 0, ticks: {}, unticked: { a: T0.toISOString(), b: T0.toISOString() } } } } });
    });

    it('keeps projects and starters apart', async () => {
      const store = new ProgressStore(new MemoryMemento(), { now: () => T0 });
      await store.markSelf('p1', S, 'm');
      await store.markSelf('p2', S, 'm');
      await store.markSelf('p1', 'other-starter', 'm');
      await store.clearProject('p1', S);
      assert.equal(store.get('p1', S, 'm'), undefined);
      assert.ok(store.get('p2', S, 'm'));
      assert.ok(store.get('p1', 'other-starter', 'm'));
    });

    it('imports ticks only for milestones not ticked yet', async () => {
      const store = new ProgressStore(new MemoryMemento(), { now: () => T1 });
      await store.applyChecks(P, S, new Map([['a', true]]));
      const added = await store.importTicks(P, S, new Map<string, Tick>([['a', { state: 'self', at: T0.toISOString() }], ['b', { state: 'self', at: T0.toISOString() }]]));
      assert.deepEqual(added, ['b']);
      assert.equal(store.get(P, S, 'a')?.state, 'verified');
    });

    it('serialises writes: the memento ends with the last state', async () => {
      const memento = new MemoryMemento();
      const store = new ProgressStore(memento, { now: () => T0 });
      await Promise.all(['a', 'b', 'c', 'd'].map((id) => store.markSelf(P, S, id)));
      await store.clear(P, S, 'b');
      await store.flush();
      assert.deepEqual(Object.keys(memento.get<StoredProgress>(STORE_KEY)?.projects[P]?.[S]?.ticks ?? {}).sort(), ['a', 'c', 'd']);
    });
  });

  describe('starter version bumps', () => {
    const v2 = { version: 2, milestones: [{ id: 'run-smoke' }, { id: 'train' }, { id: 'analyse' }], renames: { 'run-smoke-test': 'run-smoke', 'old-analyse': 'explain', explain: 'analyse' } };

    it('follows renames (also chains), retires dropped milestones and keeps every other tick', async () => {
      const memento = new MemoryMemento();
      const store = new ProgressStore(memento, { now: () => T0 });
      for (const id of ['run-smoke-test', 'train', 'old-analyse', 'dropped']) await store.markSelf(P, S, id);
      assert.equal(await store.reconcile(P, S, v2), true);
      assert.deepEqual([...store.ticks(P, S).keys()].sort(), ['analyse', 'run-smoke', 'train']);
      const stored = memento.get<StoredProgress>(STORE_KEY)?.projects[P]?.[S];
      assert.equal(stored?.version, 2);
      assert.deepEqual(Object.keys(stored?.retired ?? {}), ['dropped']);
      assert.equal(await store.reconcile(P, S, v2), false, 'reconciling twice changes nothing');
    });

    it('a retired tick comes back when its milestone returns', () => {
      const entry = { version: 2, ticks: {}, retired: { dropped: { state: 'self' as const, at: T0.toISOString() } } };
      const r = reconcileEntry(entry, { version: 3, milestones: [{ id: 'dropped' }] });
      assert.deepEqual(r.entry, { version: 3, ticks: { dropped: { state: 'self', at: T0.toISOString() } } });
    });

    it('when a renamed tick meets a live one, the verified (then earlier) tick wins', () => {
      const entry = {
        version: 1,
        ticks: { old: { state: 'verified' as const, at: T1.toISOString() }, new: { state: 'self' as const, at: T0.toISOString() } },
      };
      const r = reconcileEntry(entry, { version: 2, milestones: [{ id: 'new' }], renames: { old: 'new' } });
      assert.deepEqual(r.entry.ticks, { new: { state: 'verified', at: T1.toISOString() } });
    });

    it('rename cycles and missing targets never throw', () => {
      assert.equal(resolveRename('a', { a: 'b', b: 'a' }, new Set(['c'])), undefined);
      assert.equal(resolveRename('a', { a: 'b' }, new Set(['c'])), undefined);
      assert.equal(resolveRename('a', undefined, new Set(['a'])), 'a');
      assert.equal(resolveRename('__proto__', {}, new Set(['x'])), undefined);
    });

    it('an older starter version (downgrade) never loses ticks', () => {
      const entry = { version: 3, ticks: { gone: { state: 'self' as const, at: T0.toISOString() }, kept: { state: 'self' as const, at: T0.toISOString() } } };
      const down = reconcileEntry(entry, { version: 1, milestones: [{ id: 'kept' }] });
      assert.equal(down.entry.version, 3);
      const up = reconcileEntry(down.entry, { version: 3, milestones: [{ id: 'kept' }, { id: 'gone' }] });
      assert.deepEqual(Object.keys(up.entry.ticks).sort(), ['gone', 'kept']);
    });
  });

  describe('migrations and corrupt data', () => {
    it('nothing stored: empty, nothing written', async () => {
      const memento = new MemoryMemento();
      const store = new ProgressStore(memento);
      await store.ready;
      assert.equal(memento.updates, 0);
      assert.deepEqual(store.snapshot(), { schema: 1, projects: {} });
    });

    it('migrates schema 0 (no schema field; ticks as true, an ISO date or {state, at}) without a backup', async () => {
      const memento = new MemoryMemento({
        [STORE_KEY]: { [P]: { [S]: { version: 1, ticks: { a: true, b: '2024-05-06', c: { state: 'verified', at: T0.toISOString() } } }, other: { x: { done: true } } } },
      });
      const store = new ProgressStore(memento, { now: () => T1 });
      await store.ready;
      assert.deepEqual(store.problems, []);
      assert.deepEqual(store.ticks(P, S), new Map<string, Tick>([['a', { state: 'self', at: T1.toISOString() }], ['b', { state: 'self', at: '2024-05-06' }], ['c', { state: 'verified', at: T0.toISOString() }]]));
      assert.deepEqual(store.get(P, 'other', 'x'), { state: 'self', at: T1.toISOString() });
      assert.equal(memento.get<StoredProgress>(STORE_KEY)?.schema, 1, 'the migrated shape is written back');
      assert.equal(memento.get(BACKUP_KEY), undefined);
    });

    for (const [label, value, reason] of [
      ['a string', 'garbage', 'stored progress is a string, not an object'],
      ['a number', 42, 'stored progress is a number, not an object'],
      ['a list', [1, 2, 3], 'stored progress is a list, not an object'],
      ['an unknown schema', { schema: 'two', projects: {} }, 'stored progress has unknown schema "two"'],
      ['a negative schema', { schema: -1, projects: {} }, 'stored progress has unknown schema -1'],
      ['projects that are not an object', { schema: 1, projects: 'nope' }, 'stored progress has no projects object'],
    ] as const) {
      const problem: string = reason;
      it(`${label}: starts clean and keeps the original under the backup key`, async () => {
        const memento = new MemoryMemento({ [STORE_KEY]: value });
        const store = new ProgressStore(memento, { now: () => T0 });
        await store.ready;
        assert.deepEqual(store.problems, [problem]);
        assert.deepEqual(store.snapshot(), { schema: 1, projects: {} });
        assert.deepEqual(memento.get(STORE_KEY), { schema: 1, projects: {} });
        const backup = memento.get<{ entries: { value: unknown; at: string; reason: string }[] }>(BACKUP_KEY);
        assert.deepEqual(backup?.entries[0]?.value, value);
        assert.equal(backup?.entries[0]?.at, T0.toISOString());
        assert.equal(backup?.entries[0]?.reason, problem);
      });
    }

    it('partly corrupt: keeps the readable ticks, drops the rest, backs up the original', async () => {
      const value = { schema: 1, projects: { [P]: { [S]: { version: 1, ticks: { good: { state: 'self', at: T0.toISOString() }, bad: { state: 'maybe' }, worse: 7 } }, broken: 'x' }, p2: null } };
      const memento = new MemoryMemento({ [STORE_KEY]: value });
      const store = new ProgressStore(memento);
      await store.ready;
      assert.deepEqual([...store.ticks(P, S).keys()], ['good']);
      assert.equal(store.problems.length, 3);
      assert.deepEqual(memento.get<{ entries: { value: unknown }[] }>(BACKUP_KEY)?.entries[0]?.value, value);
    });

    it('keeps at most three backups, newest first', async () => {
      const memento = new MemoryMemento();
      for (let i = 0; i < 5; i++) {
        await memento.update(STORE_KEY, `corrupt ${i}`);
        await new ProgressStore(memento).ready;
      }
      const entries = memento.get<{ entries: { value: unknown }[] }>(BACKUP_KEY)?.entries ?? [];
      assert.deepEqual(entries.map((e) => e.value), ['corrupt 4', 'corrupt 3', 'corrupt 2']);
    });

    it('a memento whose get throws starts clean', async () => {
      const memento = new MemoryMemento();
      memento.get = () => {
        throw new Error('disk on fire');
      };
      const store = new ProgressStore(memento);
      assert.deepEqual(store.snapshot(), { schema: 1, projects: {} });
    });

    it('never throws, whatever is stored (property)', () => {
      fc.assert(
        fc.property(fc.anything(), (value) => {
          const m = migrate(value, T0);
          assert.equal(m.data.schema, 1);
          // what comes out is already canonical: migrating it again changes nothing
          const again = migrate(JSON.parse(JSON.stringify(m.data)) as unknown, T0);
          assert.equal(again.changed, false);
          assert.deepEqual(again.data, m.data);
        }),
        { numRuns: 500 },
      );
    });
  });
});
