// Hostile ids, newer schemas, mirrored progress merged by change time, and the per-milestone
// data extension point of the progress store.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareMarks, mergeMark, mergeMarks, type Mark } from '../../src/core/progress/merge';
import { BACKUP_KEY, isIsoDate, ProgressStore, STORE_KEY, tickProblem, type MementoLike, type StoredProgress } from '../../src/core/progress/store';

/** An in-memory Memento that keeps JSON text, as VS Code's storage does between sessions. */
class JsonMemento implements MementoLike {
  readonly values = new Map<string, string>();
  updates = 0;
  get<T>(key: string): T | undefined {
    const v = this.values.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.updates++;
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.stringify(value));
  }
}

const iso = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString();
const S = 'pytorch-image-classifier';
const prototypeNames = Object.getOwnPropertyNames(Object.prototype);
const HOSTILE = [...prototypeNames, '__proto__', '', 'x'.repeat(10 * 1024), 'a/b', '\u0000', '💥'];
const hostileId = fc.oneof(fc.constantFrom(...HOSTILE), fc.string(), fc.string({ unit: 'binary' }));

function assertPrototypeClean(): void {
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), [...prototypeNames].sort(), 'Object.prototype gained a property');
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
}

describe('progress store: hostile ids', () => {
  for (const id of HOSTILE) {
    it(`project id ${JSON.stringify(id.slice(0, 30))}${id.length > 30 ? '…' : ''}: ticks survive a reload, a normal project beside it too`, async () => {
      const memento = new JsonMemento();
      const store = new ProgressStore(memento, { now: () => new Date(iso(1)) });
      await store.markSelf(id, S, 'run-smoke-test');
      await store.markSelf('normal-project', S, 'run-smoke-test');
      await store.markSelf(id, id, id);
      await store.applyChecks(id, S, new Map([['verified-one', true]]));
      await store.flush();
      assertPrototypeClean();
      const again = new ProgressStore(memento);
      assert.deepEqual(again.problems, []);
      assert.equal(again.get(id, S, 'run-smoke-test')?.state, 'self');
      assert.equal(again.get(id, S, 'verified-one')?.state, 'verified');
      assert.equal(again.get(id, id, id)?.state, 'self');
      assert.equal(again.get('normal-project', S, 'run-smoke-test')?.state, 'self');
      assert.equal(again.get('unrelated', S, 'run-smoke-test'), undefined);
      assert.equal(again.ticks(id, S).size, 2);
      assert.equal(await again.clear(id, S, 'run-smoke-test'), true);
      assert.equal(new ProgressStore(memento).get(id, S, 'run-smoke-test'), undefined);
      assert.equal(new ProgressStore(memento).get('normal-project', S, 'run-smoke-test')?.state, 'self');
      assertPrototypeClean();
    });
  }

  it('any ids, any order of ticks and unticks: a reloaded store says exactly what the last one did (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ project: hostileId, starter: hostileId, milestone: hostileId, tick: fc.boolean() }), { maxLength: 30 }), async (ops) => {
        const memento = new JsonMemento();
        const store = new ProgressStore(memento, { now: () => new Date(iso(1)) });
        const expected = new Map<string, boolean>();
        for (const op of ops) {
          if (op.tick) await store.markSelf(op.project, op.starter, op.milestone);
          else await store.clear(op.project, op.starter, op.milestone);
          expected.set(JSON.stringify([op.project, op.starter, op.milestone]), op.tick);
        }
        await store.flush();
        const again = new ProgressStore(memento);
        assert.deepEqual(again.problems, []);
        for (const [key, done] of expected) {
          const [p, s, m] = JSON.parse(key) as [string, string, string];
          assert.equal(again.get(p, s, m) !== undefined, done, key.slice(0, 80));
        }
        assertPrototypeClean();
      }),
      { numRuns: 150 },
    );
  });

  it('a stored value with __proto__ and constructor keys is read as data', () => {
    const text = `{"schema":1,"projects":{"__proto__":{"${S}":{"version":1,"ticks":{"__proto__":{"state":"self","at":"${iso(0)}"}}}},"constructor":{"toString":{"version":1,"ticks":{"a":true}}}}}`;
    const memento = new JsonMemento();
    memento.values.set(STORE_KEY, text);
    const store = new ProgressStore(memento);
    assert.deepEqual(store.problems, []);
    assert.equal(store.get('__proto__', S, '__proto__')?.at, iso(0));
    assert.equal(store.get('constructor', 'toString', 'a')?.state, 'self');
    assertPrototypeClean();
  });
});

describe('progress store: schema and values it does not understand', () => {
  it('a newer schema is read-only: shown, never written over, no backup rotating it out', async () => {
    const newer = { schema: 2, projects: { p1: { [S]: { version: 3, ticks: { a: { state: 'self', at: iso(0) } }, future: { x: 1 } } } }, more: [1, 2] };
    const memento = new JsonMemento();
    memento.values.set(STORE_KEY, JSON.stringify(newer));
    for (let i = 0; i < 6; i++) {
      const store = new ProgressStore(memento, { now: () => new Date(iso(i)) });
      await store.ready;
      assert.match(store.readOnly ?? '', /newer version of Learning Paths \(schema 2/);
      assert.equal(store.get('p1', S, 'a')?.state, 'self', 'what can be understood is shown');
      assert.equal(await store.markSelf('p1', S, 'b'), undefined);
      assert.equal(await store.clear('p1', S, 'a'), false);
      assert.deepEqual(await store.applyChecks('p1', S, new Map([['c', true]])), []);
      assert.equal(await store.clearProject('p1', S), 0);
      assert.deepEqual(await store.mergeMarks('p1', S, new Map<string, Mark>([['a', { state: 'open', at: iso(9) }]])), []);
      assert.equal(await store.updateMilestoneData('p1', S, 'a', (d) => ({ ...d, hintsRevealed: 1 })), false);
      await store.flush();
    }
    assert.equal(memento.updates, 0, 'nothing was written');
    assert.deepEqual(JSON.parse(memento.values.get(STORE_KEY) ?? ''), newer);
    assert.equal(memento.values.get(BACKUP_KEY), undefined);
  });

  it('a memento that cannot be read is never written over', async () => {
    const memento = new JsonMemento();
    memento.values.set(STORE_KEY, JSON.stringify({ schema: 1, projects: { p: { [S]: { version: 1, ticks: { a: true } } } } }));
    const get = memento.get.bind(memento);
    memento.get = () => {
      throw new Error('disk on fire');
    };
    const store = new ProgressStore(memento);
    assert.match(store.readOnly ?? '', /could not be read.*disk on fire/);
    await store.markSelf('p', S, 'b');
    await store.flush();
    assert.equal(memento.updates, 0);
    memento.get = get;
    assert.ok(new ProgressStore(memento).get('p', S, 'a'));
  });

  it('the same corrupt value backed up again does not push older backups out', async () => {
    const memento = new JsonMemento();
    for (const v of ['first', 'second', 'third', 'third', 'third', 'third']) {
      await memento.update(STORE_KEY, v);
      await new ProgressStore(memento).ready;
    }
    const entries = memento.get<{ entries: { value: unknown }[] }>(BACKUP_KEY)?.entries ?? [];
    assert.deepEqual(entries.map((e) => e.value), ['third', 'second', 'first']);
  });

  it('dates must be real calendar dates; values that are not ticks say why', () => {
    for (const good of ['2024-02-29', '2025-01-02T03:04:05.000Z', '2025-01-02T03:04+02:00', '2025-12-31T23:59:59Z']) assert.ok(isIsoDate(good), good);
    for (const bad of ['2024-02-30', '2023-02-29', '2025-13-01', '2025-00-10', '2025-01-32', 'yesterday', '2025-01-02T24:00', '1', '']) assert.ok(!isIsoDate(bad), bad);
    assert.equal(tickProblem(true), undefined);
    assert.equal(tickProblem({ state: 'verified', at: '2025-01-02' }), undefined);
    assert.match(tickProblem(1) ?? '', /1 is not a tick/);
    assert.match(tickProblem('yesterday') ?? '', /"yesterday" is not a date/);
    assert.match(tickProblem('2024-02-30') ?? '', /"2024-02-30" is not a date/);
    assert.match(tickProblem({ state: 'self', at: '2024-02-30' }) ?? '', /"at": "2024-02-30" is not an ISO date/);
    assert.match(tickProblem({ state: 'maybe' }) ?? '', /state "maybe"/);
  });
});

describe('mirrored progress: merge by change time', () => {
  const mark = fc.record({ state: fc.constantFrom<Mark['state']>('open', 'self', 'verified'), at: fc.integer({ min: 0, max: 20 }).map(iso) });
  const marks = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', '__proto__'), mark), { maxLength: 8 }).map((l) => new Map(l));

  it('a later untick wins over an older tick, and a later tick over an older untick', () => {
    assert.deepEqual(mergeMark({ state: 'verified', at: iso(1) }, { state: 'open', at: iso(2) }), { state: 'open', at: iso(2) });
    assert.deepEqual(mergeMark({ state: 'open', at: iso(1) }, { state: 'self', at: iso(2) }), { state: 'self', at: iso(2) });
    assert.deepEqual(mergeMark({ state: 'open', at: iso(2) }, { state: 'self', at: iso(2) }), { state: 'self', at: iso(2) }, 'a tie keeps the tick');
    const { merged, changed } = mergeMarks(new Map([['a', { state: 'self', at: iso(1) } as Mark], ['b', { state: 'self', at: iso(5) } as Mark]]), new Map([['a', { state: 'open', at: iso(3) } as Mark], ['b', { state: 'open', at: iso(3) } as Mark]]));
    assert.deepEqual(changed, ['a']);
    assert.equal(merged.get('a')?.state, 'open');
    assert.equal(merged.get('b')?.state, 'self');
  });

  it('is commutative, associative and idempotent, so windows converge (property)', () => {
    fc.assert(
      fc.property(mark, mark, mark, (a, b, c) => {
        assert.deepEqual(mergeMark(a, b), mergeMark(b, a));
        assert.deepEqual(mergeMark(mergeMark(a, b), c), mergeMark(a, mergeMark(b, c)));
        assert.deepEqual(mergeMark(a, a), { state: a.state, at: a.at });
        assert.equal(Math.sign(compareMarks(a, b)) + Math.sign(compareMarks(b, a)), 0);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(marks, marks, (x, y) => {
        const xy = mergeMarks(x, y).merged;
        const yx = mergeMarks(y, x).merged;
        assert.deepEqual(new Map([...xy].sort()), new Map([...yx].sort()));
        assert.deepEqual(mergeMarks(xy, y).changed, []);
      }),
    );
  });

  it('window A unticks what window B ticked earlier: B imports the untick and mirrors it back', async () => {
    let t = 0;
    const now = () => new Date(iso(t++));
    const a = new ProgressStore(new JsonMemento(), { now });
    const b = new ProgressStore(new JsonMemento(), { now });
    let file = new Map<string, Mark>();
    const sync = async (s: ProgressStore) => {
      await s.mergeMarks('p', S, file);
      file = mergeMarks(file, s.marks('p', S)).merged;
    };
    await b.markSelf('p', S, 'm');
    await sync(b);
    await sync(a);
    assert.ok(a.get('p', S, 'm'));
    await a.clear('p', S, 'm');
    await sync(a);
    await sync(b);
    assert.equal(b.get('p', S, 'm'), undefined, "B does not bring back the milestone A unticked");
    await sync(a);
    assert.equal(a.get('p', S, 'm'), undefined);
  });

  it('two stores interleaving ticks, unticks and syncs end equal, with the last change winning (property)', async () => {
    const op = fc.record({ who: fc.constantFrom(0, 1), kind: fc.constantFrom('tick', 'untick', 'check-pass', 'check-fail', 'sync'), m: fc.constantFrom('a', 'b', 'constructor', '__proto__') });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        let t = 0;
        const now = () => new Date(iso(t++));
        const mementos = [new JsonMemento(), new JsonMemento()];
        let stores = mementos.map((m) => new ProgressStore(m, { now }));
        let file = new Map<string, Mark>();
        const last = new Map<string, boolean>();
        const sync = async (s: ProgressStore) => {
          await s.mergeMarks('p', S, file);
          file = mergeMarks(file, s.marks('p', S)).merged;
        };
        for (const [i, o] of ops.entries()) {
          const s = stores[o.who] as ProgressStore;
          const had = s.get('p', S, o.m) !== undefined;
          if (o.kind === 'sync') await sync(s);
          else if (o.kind === 'tick' || o.kind === 'check-pass') {
            if (o.kind === 'tick') await s.markSelf('p', S, o.m);
            else await s.applyChecks('p', S, new Map([[o.m, true]]));
            if (!had) last.set(o.m, true);
          } else if (o.kind === 'untick') {
            if (await s.clear('p', S, o.m)) last.set(o.m, false);
          } else if ((await s.applyChecks('p', S, new Map([[o.m, false]]))).length > 0) last.set(o.m, false);
          if (i % 7 === 6) {
            // a window reload in the middle: the store is read back from its memento
            await Promise.all(stores.map((x) => x.flush()));
            stores = mementos.map((m) => new ProgressStore(m, { now }));
          }
        }
        const [a, b] = stores as [ProgressStore, ProgressStore];
        await sync(a);
        await sync(b);
        await sync(a);
        assert.deepEqual(new Map([...a.ticks('p', S)].sort()), new Map([...b.ticks('p', S)].sort()));
        for (const [m, done] of last) assert.equal(a.get('p', S, m) !== undefined, done, m);
        assertPrototypeClean();
      }),
      { numRuns: 300 },
    );
  });
});

describe('progress store: per-milestone data (extension point)', () => {
  it('keeps hints, solution and verification history per milestone, versioned, across a reload', async () => {
    const memento = new JsonMemento();
    const store = new ProgressStore(memento);
    assert.equal(store.milestoneData('p', S, 'm'), undefined);
    assert.ok(await store.updateMilestoneData('p', S, 'm', (d) => ({ ...d, hintsRevealed: (d.hintsRevealed ?? 0) + 1, verifications: [{ result: 'failing', at: iso(1) }] })));
    assert.ok(await store.updateMilestoneData('p', S, 'm', (d) => ({ ...d, solutionViewedAt: iso(2), verifications: [...(d.verifications ?? []), { result: 'verified', at: iso(3) }] })));
    await store.flush();
    const again = new ProgressStore(memento);
    assert.deepEqual(again.milestoneData('p', S, 'm'), { v: 1, hintsRevealed: 1, solutionViewedAt: iso(2), verifications: [{ result: 'failing', at: iso(1) }, { result: 'verified', at: iso(3) }] });
    assert.equal(again.has('p', S), false, 'data alone is not progress');
  });

  it('a record of a newer data version is kept verbatim and never overwritten', async () => {
    const memento = new JsonMemento();
    const future = { v: 2, hints: { revealed: [1, 2] } };
    await memento.update(STORE_KEY, { schema: 1, projects: { p: { [S]: { version: 1, ticks: { m: { state: 'self', at: iso(0) } }, data: { m: future } } } } });
    const store = new ProgressStore(memento);
    await store.ready;
    assert.equal(memento.updates, 1, 'read as it is, not rewritten');
    assert.equal(store.milestoneData('p', S, 'm'), undefined);
    assert.equal(await store.updateMilestoneData('p', S, 'm', () => ({ v: 1, hintsRevealed: 5 })), false);
    await store.markSelf('p', S, 'other');
    await store.flush();
    assert.deepEqual(memento.get<StoredProgress>(STORE_KEY)?.projects.p?.[S]?.data, { m: future });
  });
});
