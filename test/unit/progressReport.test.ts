import * as assert from 'node:assert/strict';
import { pseudo } from '../../src/core/l10n';
import { countDone, nextOpenMilestone, progressBySkill } from '../../src/core/progress/model';
import { buildProgressReport } from '../../src/core/progress/report';
import type { MilestoneDetail } from '../../src/core/progress/verifications';
import type { Tick } from '../../src/core/progress/store';
import type { MilestoneDef, TemplateManifest } from '../../src/core/scaffold/types';
import { bundledIndex, bundledTemplate } from './helpers';

describe('progress model and report', () => {
  let manifest: TemplateManifest;
  let first: MilestoneDef;
  let second: MilestoneDef;
  let ticks: Map<string, Tick>;
  beforeEach(() => {
    manifest = bundledTemplate('pytorch-image-classifier').manifest;
    const [one, two] = manifest.milestones;
    if (!one || !two) throw new Error('the starter has fewer than two milestones');
    first = one;
    second = two;
    ticks = new Map<string, Tick>([
      [one.id, { state: 'verified', at: '2025-03-01T10:00:00.000Z' }],
      [two.id, { state: 'self', at: '2025-03-02T10:00:00.000Z' }],
    ]);
  });

  it('counts done, finds the next open milestone, and publishes progress per served skill', () => {
    assert.deepEqual(countDone(manifest.milestones, ticks), { done: 2, total: manifest.milestones.length });
    assert.equal(nextOpenMilestone(manifest.milestones, ticks)?.id, manifest.milestones[2]?.id);
    assert.equal(nextOpenMilestone(manifest.milestones, new Map()), first);
    const bySkill = progressBySkill([{ manifest, ticks }]);
    assert.deepEqual(bySkill.get(manifest.skill), { done: 2, total: manifest.milestones.length });
  });

  it('reports role and level, milestones with dates and how they were confirmed, and the gap to the next level', () => {
    const index = bundledIndex();
    const text = buildProgressReport({
      index,
      path: { role: 'ml-engineer', current: 'junior', target: 'middle' },
      projects: [{ name: 'cifar_classifier', folder: 'cifar_classifier', manifest, ticks }],
      now: new Date('2025-03-03T00:00:00.000Z'),
    });
    assert.match(text, /^# Learning Paths progress report/);
    assert.match(text, /\*\*Role:\*\* ML Engineer/i);
    assert.match(text, /\*\*Current level:\*\* Junior/);
    assert.match(text, new RegExp(`2 of ${manifest.milestones.length} milestones done`));
    assert.match(text, /\| ✅ \| Run the offline smoke test \| 2025-03-01 \| verified \(epochs\\_completed >= 1 in outputs\/metrics.json\) \|/);
    assert.match(text, /\| 2025-03-02 \| self-reported \|/);
    assert.match(text, /## Gap to the next level/);
    const cells = index.cells('ml-engineer', 'middle');
    assert.deepEqual(cells.map((c) => c.skill.id), ['ml-pipelines', 'pytorch', 'ml-technical-fluency']);
    for (const { skill } of cells) assert.ok(text.includes(`**${skill.title}**`), skill.title);
  });

  it('pseudo-locale: every sentence, heading and label of the report is translated; catalog and project text stay data', () => {
    const index = bundledIndex();
    const details = new Map<string, MilestoneDetail>([
      [second.id, { tests: { state: 'failing', at: 1, failure: 'boom' }, data: { v: 1, hintsRevealed: 1, solutionViewedAt: '2025-03-02T11:00:00.000Z', verifications: [{ result: 'failing', at: '2025-03-02T10:00:00.000Z' }] } }],
    ]);
    const text = buildProgressReport({
      index,
      path: { role: 'ml-engineer', current: 'junior', target: 'middle' },
      projects: [{ name: 'cifar_classifier', folder: 'cifar_classifier', manifest, ticks, details }],
      now: new Date('2025-03-03T00:00:00.000Z'),
      t: pseudo,
    });
    // Remove every translated span (innermost first): what is left is Markdown, numbers and data.
    let bare = text;
    for (let before = ''; before !== bare; ) {
      before = bare;
      bare = bare.replace(/⟦[^⟦⟧]*⟧/g, '');
    }
    for (const english of ['progress report', 'Generated', 'Role:', 'Current level', 'Target level', 'Practice projects', 'milestones done', 'Folder', 'Milestone', 'Done on', 'Confirmed', 'self-reported', 'verified', 'Tests, hints', 'Tests:', 'Hints revealed', 'Verification history', 'Reference solution viewed', 'Gap to the next level', 'expected to do', 'Practised here', 'serves this directly', '(required)', '(optional)']) {
      const at = bare.indexOf(english);
      assert.equal(at, -1, `untranslated "${english}" in the report: …${bare.slice(Math.max(0, at - 60), at + 60)}…`);
    }
    assert.match(text, /^# ⟦Learning Paths progress report⟧/);
    assert.match(text, /\| ⟦Milestone⟧ \| ⟦Done on⟧ \| ⟦Confirmed⟧ \|/);
    assert.match(text, /⟦⟦Tests: failing⟧ — boom⟧/);
    assert.ok(text.includes(manifest.title), 'the starter title is data');
  });

  it('without a chosen path says so and shows no gap', () => {
    const text = buildProgressReport({ index: bundledIndex(), projects: [], now: new Date() });
    assert.match(text, /No role and level chosen yet/);
    assert.match(text, /No scaffolded practice project/);
    assert.doesNotMatch(text, /Gap to the next level/);
  });
});
