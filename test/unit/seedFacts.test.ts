import * as assert from 'node:assert/strict';
import { bundledIndex } from './helpers';
import type { CatalogIndex } from '../../src/core/catalog/catalogIndex';

describe('bundled catalog: the seed facts', () => {
  let index: CatalogIndex;
  beforeEach(() => {
    index = bundledIndex();
  });

  it('has the five levels in order', () => {
    assert.deepEqual(index.levels.map((l) => [l.id, l.order]), [['junior', 1], ['middle', 2], ['senior', 3], ['lead', 4], ['principal', 5]]);
    for (const l of index.levels) assert.ok(l.summary.length > 10, `${l.id} has a one-line meaning`);
  });

  it('has the seven roles, with skill clusters where the seeds give them', () => {
    assert.deepEqual(
      index.roles.map((r) => r.id).sort(),
      ['computer-vision-engineer', 'data-scientist', 'llm-engineer', 'ml-engineer', 'ml-platform-engineer', 'mlops-engineer', 'nlp-engineer'],
    );
    assert.deepEqual(index.role('ml-engineer')?.skillClusters, ['Python', 'TensorFlow', 'PyTorch', 'MLOps', 'Statistics']);
    assert.deepEqual(index.role('ml-platform-engineer')?.skillClusters, ['Kubernetes', 'MLflow', 'Python', 'GPU Infra', 'Model Serving']);
  });

  const grid = (id: string) => {
    const s = index.skill(id);
    assert.ok(s, `skill ${id} exists`);
    return { skill: s, required: s.expectations.filter((e) => e.required).length, optional: s.expectations.filter((e) => !e.required).length };
  };

  it('PyTorch: 5 roles x 5 levels = 25 cells, 19 required and 6 optional', () => {
    const { skill, required, optional } = grid('pytorch');
    assert.equal(skill.roles.length, 5);
    assert.equal(skill.expectations.length, 25);
    assert.equal(required, 19);
    assert.equal(optional, 6);
    assert.equal(skill.domain, 'Machine Learning & AI');
    assert.equal(skill.group, 'Deep Learning');
    assert.equal(index.expectation('pytorch', 'ml-engineer', 'junior')?.required, true);
    assert.equal(index.expectation('pytorch', 'computer-vision-engineer', 'junior')?.required, false);
    assert.match(index.expectation('pytorch', 'ml-engineer', 'senior')?.text ?? '', /DDP/);
  });

  it('ML Pipelines: 6 roles x 5 levels = 30 cells, 21 required and 9 optional', () => {
    const { skill, required, optional } = grid('ml-pipelines');
    assert.equal(skill.roles.length, 6);
    assert.equal(skill.expectations.length, 30);
    assert.equal(required, 21);
    assert.equal(optional, 9);
    assert.equal(skill.group, 'MLOps');
    assert.equal(index.expectation('ml-pipelines', 'ml-engineer', 'junior')?.required, true);
  });

  it('technical fluency: stages, three projects with four steps each, tools, two interview questions, figures', () => {
    const s = index.skill('ml-technical-fluency');
    assert.ok(s);
    assert.equal(s.learningStages?.length, 3);
    assert.deepEqual(
      s.practiceProjects?.map((p) => [p.id, p.difficulty, p.steps.length, p.starter]),
      [
        ['cifar10-image-classification', 'beginner', 4, 'pytorch-image-classifier'],
        ['transformer-text-classification', 'intermediate', 4, 'transformer-text-classifier'],
        ['two-stage-recommender', 'advanced', 4, 'two-stage-recommender'],
      ],
    );
    for (const p of s.practiceProjects ?? []) assert.ok(p.scenario.length > 20);
    assert.match(s.practiceProjects?.[2]?.steps[0] ?? '', /1,?000/);
    assert.equal(s.interviewQuestions?.length, 2);
    for (const q of s.interviewQuestions ?? []) assert.ok(q.strategy && q.sampleAnswer);
    assert.ok((s.tools ?? []).flatMap((c) => c.tools).length >= 8);
    assert.equal(s.figures?.averageDemand, 9.1);
    assert.equal(s.figures?.aiRiskPercent, 15);
  });

  it('career relevance of PyTorch for the ML Engineer and the ML Platform Engineer', () => {
    for (const role of ['ml-engineer', 'ml-platform-engineer']) {
      const r = index.careerRelevance('pytorch', role);
      assert.ok(r, role);
      assert.deepEqual(r.bands.map((b) => b.band.toLowerCase()), ['junior', 'mid', 'senior']);
      assert.ok(r.payUplift && r.timeToProficiency && r.breadth && r.demandProfile);
      assert.ok(r.skillClusters.length >= 5 && r.adjacentSkills.length >= 1);
    }
  });

  it('ML Engineer at Junior expects PyTorch and ML Pipelines as required', () => {
    const cells = index.cells('ml-engineer', 'junior').filter((c) => c.expectation.required).map((c) => c.skill.id);
    assert.ok(cells.includes('pytorch') && cells.includes('ml-pipelines'));
  });
});
