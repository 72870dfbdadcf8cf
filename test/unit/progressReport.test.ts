import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { countDone, nextOpenMilestone, progressBySkill } from '../../src/core/progress/model';
import { buildProgressReport } from '../../src/core/progress/report';
import type { Tick } from '../../src/core/progress/store';
import { readTemplates } from '../../src/core/scaffold/templateFiles';
import { bundledIndex, repoRoot } from './helpers';

describe('progress model and report', () => {
  const templates = readTemplates(resolve(repoRoot, 'data', 'templates')).templates;
  const cifar = templates.find((t) => t.manifest.id === 'pytorch-image-classifier');
  if (!cifar) throw new Error('the pytorch-image-classifier starter is missing');
  const manifest = cifar.manifest;
  const [first, second] = manifest.milestones;
  if (!first || !second) throw new Error('the starter has fewer than two milestones');
  const ticks = new Map<string, Tick>([
    [first.id, { state: 'verified', at: '2025-03-01T10:00:00.000Z' }],
    [second.id, { state: 'self', at: '2025-03-02T10:00:00.000Z' }],
  ]);

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
    assert.ok(cells.length > 0);
    for (const { skill } of cells) assert.ok(text.includes(`**${skill.title}**`), skill.title);
  });

  it('without a chosen path says so and shows no gap', () => {
    const text = buildProgressReport({ index: bundledIndex(), projects: [], now: new Date() });
    assert.match(text, /No role and level chosen yet/);
    assert.match(text, /No scaffolded practice project/);
    assert.doesNotMatch(text, /Gap to the next level/);
  });
});
