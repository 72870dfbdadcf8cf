// Four bugs that a review planted in src/core, one at a time, and that the unit suite used to miss
// (issue 24; the fifth, an apostrophe in a display name, is in scaffoldPlan.test.ts). Each test
// here fails on its bug: a flipped tie-break, a first expectation's duplicate, the oldest runs.
import * as assert from 'node:assert/strict';
import { loadCatalog } from '../../src/core/catalog/load';
import type { Catalog } from '../../src/core/catalog/types';
import { formatDiagnostic } from '../../src/core/diagnostics';
import { ProgressStore, reconcileEntry, STORE_KEY, type Tick } from '../../src/core/progress/store';
import { MAX_VERIFICATIONS, type VerificationRecord } from '../../src/core/progress/storeFormat';
import { milestoneDetailLines, REPORT_HISTORY } from '../../src/core/progress/verifications';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString();
const self = (minute: number): Tick => ({ state: 'self', at: at(minute) });
const verified = (minute: number): Tick => ({ state: 'verified', at: at(minute) });

describe('a renamed tick meets a live one (progress/store reconcile)', () => {
  const meet = (live: Tick, renamed: Tick) => reconcileEntry({ version: 1, ticks: { new: live, old: renamed } }, { version: 2, milestones: [{ id: 'new' }], renames: { old: 'new' } }).entry.ticks;

  it('the same state: the earlier tick wins, whichever side it is on', () => {
    assert.deepEqual(meet(self(5), self(1)), { new: self(1) });
    assert.deepEqual(meet(self(1), self(5)), { new: self(1) });
    assert.deepEqual(meet(verified(9), verified(2)), { new: verified(2) });
    assert.deepEqual(meet(verified(2), verified(9)), { new: verified(2) });
  });

  it('a verified tick wins over a self-reported one, earlier or later', () => {
    assert.deepEqual(meet(self(1), verified(5)), { new: verified(5) });
    assert.deepEqual(meet(verified(5), self(1)), { new: verified(5) });
  });

  it('a retired tick whose milestone returns does not replace a live tick', () => {
    const r = reconcileEntry({ version: 2, ticks: { back: self(7) }, retired: { gone: verified(1) } }, { version: 3, milestones: [{ id: 'back' }], renames: { gone: 'back' } });
    assert.deepEqual(r.entry.ticks, { back: self(7) });
    assert.equal(r.entry.retired, undefined);
  });
});

describe("a duplicate of a skill's expectation (catalog merge)", () => {
  const base: Catalog = {
    levels: [
      { id: 'junior', title: 'Junior', order: 1, summary: 'l' },
      { id: 'middle', title: 'Middle', order: 2, summary: 'l' },
    ],
    roles: [{ id: 'ml-engineer', title: 'ML Engineer', summary: 'r' }],
    skills: [],
    careerRelevance: [],
  };
  const skill = (cells: string[]) =>
    `skills:\n  - id: numpy\n    title: NumPy\n    summary: Arrays\n    roles: [ml-engineer]\n    expectations:\n${cells.map((level, i) => `      - { role: ml-engineer, level: ${level}, required: true, text: t${i} }\n`).join('')}`;

  it('of the first expectation is reported at the duplicate, and only the first is kept', () => {
    const r = loadCatalog([{ file: 'p.yaml', text: skill(['junior', 'middle', 'junior']) }], base);
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), ['p.yaml:9:9: skills[0].expectations[2]: duplicate expectation for role "ml-engineer" at level "junior" (first at expectations[0])']);
    assert.deepEqual(r.catalog.skills.find((s) => s.id === 'numpy')?.expectations.map((e) => [e.level, e.text]), [['junior', 't0'], ['middle', 't1']]);
  });

  it('of a later expectation too, naming the first one', () => {
    const r = loadCatalog([{ file: 'p.yaml', text: skill(['junior', 'middle', 'middle']) }], base);
    assert.deepEqual(r.diagnostics.map((d) => [d.field, d.message]), [['skills[0].expectations[2]', 'duplicate expectation for role "ml-engineer" at level "middle" (first at expectations[1])']]);
  });
});

describe('verification history: the newest runs', () => {
  const runs = (n: number): VerificationRecord[] => Array.from({ length: n }, (_, i) => ({ result: i % 2 === 0 ? 'failing' : 'verified', at: at(i) }));

  it(`the report shows the newest ${REPORT_HISTORY} runs, newest last, and how many earlier ones it leaves out`, () => {
    const lines = milestoneDetailLines('M', 0, undefined, { data: { v: 1, verifications: runs(REPORT_HISTORY + 3) } });
    const minutes = Array.from({ length: REPORT_HISTORY }, (_, i) => i + 3);
    const shown = minutes.map((m) => `${m % 2 === 0 ? '❌ failing' : '✅ verified'} 2026-12-01 10:${String(m).padStart(2, '0')}`);
    assert.deepEqual(lines, ['- **M**', `  - Verification history (newest last): ${shown.join(' · ')} (3 earlier not shown)`]);
  });

  it(`exactly ${REPORT_HISTORY} runs: all shown, nothing said about earlier ones`, () => {
    const lines = milestoneDetailLines('M', 0, undefined, { data: { v: 1, verifications: runs(REPORT_HISTORY) } });
    assert.equal(lines.length, 2);
    assert.match(lines[1] ?? '', /10:00 · .* · ✅ verified 2026-12-01 10:07$/);
  });

  it(`the store keeps the newest ${MAX_VERIFICATIONS} runs, in memory and when read back`, async () => {
    const values = new Map<string, unknown>();
    const memento = { get: <T>(k: string) => values.get(k) as T, update: (k: string, v: unknown) => (values.set(k, structuredClone(v)), Promise.resolve()) };
    const store = new ProgressStore(memento);
    await store.ready;
    assert.equal(await store.updateMilestoneData('p', 's', 'm', (d) => ({ ...d, verifications: runs(MAX_VERIFICATIONS + 5) })), true);
    const newest = runs(MAX_VERIFICATIONS + 5).slice(5);
    assert.deepEqual(store.milestoneData('p', 's', 'm')?.verifications, newest);
    assert.deepEqual(new ProgressStore(memento).milestoneData('p', 's', 'm')?.verifications, newest);
    // A stored list that is too long (another version wrote it) is read as its newest runs too.
    values.set(STORE_KEY, { schema: 1, projects: { p: { s: { version: 1, ticks: {}, data: { m: { v: 1, verifications: runs(MAX_VERIFICATIONS + 2) } } } } } });
    assert.deepEqual(new ProgressStore(memento).milestoneData('p', 's', 'm')?.verifications, runs(MAX_VERIFICATIONS + 2).slice(2));
  });
});
