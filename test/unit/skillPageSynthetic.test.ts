// The skill page view model over a small synthetic catalog (src/core/view/skillPageModel.ts):
// every part of the model, exactly, for a few selections.
import * as assert from 'node:assert/strict';
import { CatalogIndex } from '../../src/core/catalog/catalogIndex';
import type { Catalog } from '../../src/core/catalog/types';
import { english, type Translate } from '../../src/core/l10n';
import type { MilestoneDef, TemplateManifest } from '../../src/core/scaffold/types';
import { buildSkillPage, type SkillPageInput } from '../../src/core/view/skillPageModel';
import type { NextLevel, SkillPageModel } from '../../src/shared/skillPageModel';

function catalog(): Catalog {
  return {
    levels: [
      { id: 'senior', title: 'Senior', order: 3, summary: 'Leads.' },
      { id: 'junior', title: 'Junior', order: 1, summary: 'Learns.' },
      { id: 'middle', title: 'Middle', order: 2, summary: 'Delivers.' },
    ],
    roles: [
      { id: 'r1', title: 'Role One', summary: '' },
      { id: 'r2', title: 'Role Two', summary: '' },
      { id: 'r3', title: 'Role Three', summary: '' },
      { id: 'r4', title: 'Role Four', summary: '' },
      { id: 'r5', title: 'Role Five', summary: '' },
    ],
    skills: [
      {
        id: 'main',
        title: 'Main Skill',
        summary: 'The main skill.',
        domain: 'Dom',
        group: 'Grp',
        tags: ['t1'],
        updated: '2025-01-01',
        whyItMatters: 'Because.',
        figures: { averageDemand: 7.5, aiRiskPercent: 20, careers: 3, categories: 2 },
        roles: ['r1', 'r2'],
        expectations: [
          { role: 'r1', level: 'junior', required: true, text: 'Trains small models.' },
          { role: 'r1', level: 'middle', required: true, text: 'Trains small models with schedulers.' },
          { role: 'r1', level: 'senior', required: false, text: 'Mentors.' },
          { role: 'r2', level: 'junior', required: false, text: 'Reads code.' },
          { role: 'r2', level: 'middle', required: false, text: 'Reads models.' },
          { role: 'r2', level: 'senior', required: true, text: 'Reviews models.' },
          { role: 'r5', level: 'middle', required: false, text: 'Ships models here.' },
        ],
        learningStages: [
          { id: 'st1', title: 'Stage 1', focus: ['f1'], pitfalls: ['p1'] },
          { id: 'st2', title: 'Stage 2', focus: ['f2'] },
        ],
        practiceProjects: [
          { id: 'p1', title: 'Project One', difficulty: 'beginner', scenario: 'Scenario one.', steps: ['Step a', 'Step b'] },
          { id: 'p2', title: 'Project Two', difficulty: 'advanced', scenario: 'Scenario two.', steps: ['Only step'], starter: 'st-explicit' },
        ],
        tools: [{ id: 'tc', title: 'Tools', tools: [{ name: 'hammer', purpose: 'hits', extra: 1 } as { name: string; purpose: string }] }],
        interviewQuestions: [{ id: 'q1', question: 'Why?', strategy: 'Think.', sampleAnswer: 'Because.' }],
      },
      {
        id: 'rel',
        title: 'Related Skill',
        summary: '',
        tags: ['main'],
        figures: { careers: 0 },
        roles: [],
        expectations: [],
        practiceProjects: [{ id: 'rp', title: 'Related Project', difficulty: 'intermediate', scenario: 'Rel.', steps: ['r-step'] }],
      },
      { id: 'rel-empty', title: 'Tagged Without Projects', summary: '', tags: ['main'], roles: [], expectations: [], practiceProjects: [] },
      { id: 'rel-none', title: 'Tagged Without Project List', summary: '', tags: ['main'], roles: [], expectations: [] },
      {
        id: 'other',
        title: 'Other Skill',
        summary: '',
        tags: ['other'],
        figures: { averageDemand: 5 },
        roles: [],
        expectations: [],
        practiceProjects: [{ id: 'op', title: 'Other Project', difficulty: 'intermediate', scenario: 'Other.', steps: ['o-step'] }],
      },
    ],
    careerRelevance: [
      {
        id: 'c1',
        skill: 'main',
        role: 'r3',
        skillLabel: 'Main (as r3)',
        roleSummary: 'R3 summary.',
        payUplift: '+10%',
        timeToProficiency: '6 months',
        breadth: 'wide',
        demandProfile: 'high',
        skillClusters: ['c'],
        adjacentSkills: ['a'],
        whyItMatters: 'Why r3.',
        bands: [{ band: 'B1', text: 'Band one.' }],
        evidence: [{ finding: 'F', source: 'S' }],
      },
      {
        id: 'c2',
        skill: 'main',
        role: 'r1',
        roleSummary: 'R1 summary.',
        payUplift: '+5%',
        timeToProficiency: '3 months',
        breadth: 'narrow',
        demandProfile: 'medium',
        skillClusters: [],
        adjacentSkills: [],
        whyItMatters: 'Why r1.',
        bands: [],
      },
      { id: 'c3', skill: 'other', role: 'r2', roleSummary: '', payUplift: '', timeToProficiency: '', breadth: '', demandProfile: '', skillClusters: [], adjacentSkills: [], whyItMatters: '', bands: [] },
    ],
  };
}

function ms(id: string, serves: MilestoneDef['serves']): MilestoneDef {
  return { id, title: `MS ${id}`, done: `${id} done.`, file: 'f.py', serves };
}

function starter(id: string, over: Partial<TemplateManifest>): TemplateManifest {
  return { id, version: 1, title: `Starter ${id}`, description: `About ${id}.`, skill: 'main', level: 'junior', roles: [], defaultName: 'x', smokeCommand: '', runCommand: '', testCommand: '', milestones: [], ...over };
}

function starters(): TemplateManifest[] {
  return [
    starter('st-a', { practiceProject: 'p1', milestones: [ms('a1', [{ skill: 'main', project: 'p1', step: 2 }]), ms('a2', [{ skill: 'main', role: 'r1', level: 'middle' }])] }),
    starter('st-explicit', { skill: 'other', level: 'nowhere', milestones: [ms('e1', [{ skill: 'other', project: 'op', step: 1 }])] }),
    starter('st-c', { skill: 'other', practiceProject: 'op', level: 'middle', roles: ['r2'], milestones: [ms('c1', [{ skill: 'main', role: 'r2', level: 'senior' }])] }),
    starter('st-d', { skill: 'ghost', level: 'senior', milestones: [ms('d1', [{ skill: 'main', project: 'nope', step: 4 }, { skill: 'ghost', role: 'r9', level: 'l9' }])] }),
    starter('st-e', { skill: 'other', milestones: [ms('e9', [{ skill: 'other', role: 'r1', level: 'junior' }])] }),
  ];
}

function build(over: Partial<SkillPageInput> = {}, t: Translate = english): SkillPageModel {
  const m = buildSkillPage({ index: new CatalogIndex(catalog()), skill: 'main', starters: starters(), translate: t, ...over });
  assert.equal(m.kind, 'skill');
  return m as SkillPageModel;
}

type Gap = Extract<NextLevel, { kind: 'gap' }>;
function gapOf(m: SkillPageModel): Gap {
  assert.equal(m.nextLevel.kind, 'gap');
  return m.nextLevel as Gap;
}
const J = { id: 'junior', title: 'Junior' };
const M = { id: 'middle', title: 'Middle' };
const S = { id: 'senior', title: 'Senior' };

describe('skill page model over a synthetic catalog (core/view/skillPageModel)', () => {
  it('header, figures, stages, tools, interview, related: catalog data as it is', () => {
    const m = build();
    assert.deepEqual(m.skill, { id: 'main', title: 'Main Skill', summary: 'The main skill.', domain: 'Dom', group: 'Grp', tags: ['t1'], updated: '2025-01-01', whyItMatters: 'Because.' });
    assert.deepEqual(m.figures, [
      { id: 'demand', label: 'Demand', value: '7.5/10', description: 'average demand 7.5 out of 10' },
      { id: 'aiRisk', label: 'AI risk', value: '20%', description: '20 percent at risk of automation by AI' },
      { id: 'careers', label: 'Careers', value: '3', description: '3 careers' },
      { id: 'categories', label: 'Categories', value: '2', description: '2 categories' },
    ]);
    assert.deepEqual(m.stages, [
      { id: 'st1', title: 'Stage 1', focus: ['f1'], pitfalls: ['p1'] },
      { id: 'st2', title: 'Stage 2', focus: ['f2'], pitfalls: [] },
    ]);
    assert.deepEqual(m.tools, [{ id: 'tc', title: 'Tools', tools: [{ name: 'hammer', purpose: 'hits' }] }]);
    assert.deepEqual(m.interview, [{ id: 'q1', question: 'Why?', strategy: 'Think.', sampleAnswer: 'Because.' }]);
    assert.deepEqual(m.related, [{ id: 'rel', title: 'Related Skill' }]);
    assert.equal(Object.hasOwn(m, 'progress'), false);
    assert.deepEqual(build({ progress: { done: 2, total: 5 } }).progress, { done: 2, total: 5 });
  });

  it('a skill with few fields: no optional header fields, only the figures it has, no stages or tools', () => {
    const m = build({ skill: 'rel' });
    assert.deepEqual(m.skill, { id: 'rel', title: 'Related Skill', summary: '', tags: ['main'] });
    assert.deepEqual(m.figures, [{ id: 'careers', label: 'Careers', value: '0', description: '0 careers' }]);
    assert.deepEqual([m.stages, m.tools, m.interview, m.related], [[], [], [], []]);
    assert.deepEqual(m.roles, []);
    assert.deepEqual(m.selection, { level: 'junior' });
    assert.deepEqual(m.nextLevel, { kind: 'noRole' });
    assert.deepEqual(m.career, { availableFor: [] });
    assert.deepEqual(m.matrix.rows, []);
    const other = build({ skill: 'other', starters: [] });
    assert.deepEqual(other.figures, [{ id: 'demand', label: 'Demand', value: '5/10', description: 'average demand 5 out of 10' }]);
    assert.deepEqual(other.skill.tags, ['other']);
    assert.deepEqual(other.related, [], 'a skill tagged with its own id is not related to itself');
    assert.deepEqual(other.projects.map((p) => p.key), ['other/op']);
    const bare = buildSkillPage({ index: new CatalogIndex({ ...catalog(), skills: [{ id: 'b', title: 'B', summary: '', roles: [], expectations: [] }] }), skill: 'b', translate: english }) as SkillPageModel;
    assert.deepEqual([bare.figures, bare.skill.tags, bare.projects], [[], [], []]);
    assert.deepEqual(other.roles, [{ id: 'r2', title: 'Role Two', mine: false, hasExpectations: false }]);
    assert.deepEqual(other.career.availableFor, [{ id: 'r2', title: 'Role Two' }]);
  });

  it('the learner path: roles, levels, selection, learner and matrix', () => {
    const m = build({ path: { role: 'r1', current: 'junior', target: 'senior' } });
    assert.deepEqual(m.roles, [
      { id: 'r1', title: 'Role One', mine: true, hasExpectations: true },
      { id: 'r2', title: 'Role Two', mine: false, hasExpectations: true },
      { id: 'r3', title: 'Role Three', mine: false, hasExpectations: false },
      { id: 'r5', title: 'Role Five', mine: false, hasExpectations: true },
    ]);
    assert.deepEqual(m.levels, [
      { ...J, mine: true },
      { ...M, mine: false },
      { ...S, mine: false },
    ]);
    assert.deepEqual(m.selection, { role: 'r1', level: 'junior' });
    assert.deepEqual(m.pinned, {});
    assert.deepEqual(m.learner, { role: { id: 'r1', title: 'Role One' }, level: J });
    assert.deepEqual(m.matrix.levels, [
      { ...J, summary: 'Learns.', selected: true, mine: true },
      { ...M, summary: 'Delivers.', selected: false, mine: false },
      { ...S, summary: 'Leads.', selected: false, mine: false },
    ]);
    const cell = (level: string, e: { text: string; required: boolean } | undefined, mine: boolean, selected: boolean, next: boolean) => ({ level, ...(e ? { expectation: e } : {}), mine, selected, next });
    assert.deepEqual(m.matrix.rows, [
      {
        role: { id: 'r1', title: 'Role One' },
        selected: true,
        mine: true,
        cells: [
          cell('junior', { text: 'Trains small models.', required: true }, true, true, false),
          cell('middle', { text: 'Trains small models with schedulers.', required: true }, false, false, true),
          cell('senior', { text: 'Mentors.', required: false }, false, false, false),
        ],
      },
      {
        role: { id: 'r2', title: 'Role Two' },
        selected: false,
        mine: false,
        cells: [
          cell('junior', { text: 'Reads code.', required: false }, false, false, false),
          cell('middle', { text: 'Reads models.', required: false }, false, false, false),
          cell('senior', { text: 'Reviews models.', required: true }, false, false, false),
        ],
      },
      {
        role: { id: 'r5', title: 'Role Five' },
        selected: false,
        mine: false,
        cells: [cell('junior', undefined, false, false, false), cell('middle', { text: 'Ships models here.', required: false }, false, false, false), cell('senior', undefined, false, false, false)],
      },
    ]);
  });

  it('projects: the skill own, a related skill, a starter of another skill that serves it, a starter without a catalog project', () => {
    const m = build({ path: { role: 'r1', current: 'junior', target: 'senior' }, starterPacks: new Map([['st-d', 'Pack D'], ['st-zzz', 'unused']]) });
    assert.deepEqual(m.projects, [
      {
        key: 'main/p1',
        project: 'p1',
        title: 'Project One',
        difficulty: 'beginner',
        level: J,
        scenario: 'Scenario one.',
        steps: [
          { number: 1, text: 'Step a', milestones: [] },
          { number: 2, text: 'Step b', milestones: ['MS a1'] },
        ],
        starter: {
          id: 'st-a',
          title: 'Starter st-a',
          description: 'About st-a.',
          level: J,
          milestones: [
            { id: 'a1', title: 'MS a1', done: 'a1 done.', serves: ['Step 2 of Project One'], servesNextLevel: false },
            { id: 'a2', title: 'MS a2', done: 'a2 done.', serves: ['Main Skill: Role One · Middle'], servesNextLevel: false },
          ],
        },
        reason: 'A practice project of this skill.',
      },
      {
        key: 'main/p2',
        project: 'p2',
        title: 'Project Two',
        difficulty: 'advanced',
        level: S,
        scenario: 'Scenario two.',
        steps: [{ number: 1, text: 'Only step', milestones: [] }],
        starter: {
          id: 'st-explicit',
          title: 'Starter st-explicit',
          description: 'About st-explicit.',
          milestones: [{ id: 'e1', title: 'MS e1', done: 'e1 done.', serves: ['Step 1 of Other Project'], servesNextLevel: false }],
        },
        reason: 'A practice project of this skill.',
      },
      {
        key: 'rel/rp',
        project: 'rp',
        title: 'Related Project',
        difficulty: 'intermediate',
        level: M,
        scenario: 'Rel.',
        steps: [{ number: 1, text: 'r-step', milestones: [] }],
        from: { id: 'rel', title: 'Related Skill' },
        reason: 'A project of a related skill (tagged main).',
      },
      {
        key: 'other/op',
        project: 'op',
        title: 'Other Project',
        difficulty: 'intermediate',
        level: M,
        scenario: 'Other.',
        steps: [{ number: 1, text: 'o-step', milestones: [] }],
        starter: {
          id: 'st-c',
          title: 'Starter st-c',
          description: 'About st-c.',
          level: M,
          milestones: [{ id: 'c1', title: 'MS c1', done: 'c1 done.', serves: ['Main Skill: Role Two · Senior'], servesNextLevel: false }],
        },
        from: { id: 'other', title: 'Other Skill' },
        reason: "Its starter's milestones serve Main Skill.",
      },
      {
        key: 'starter:st-d',
        title: 'Starter st-d',
        level: S,
        scenario: 'About st-d.',
        steps: [],
        starter: {
          id: 'st-d',
          title: 'Starter st-d',
          description: 'About st-d.',
          pack: 'Pack D',
          level: S,
          milestones: [{ id: 'd1', title: 'MS d1', done: 'd1 done.', serves: ['Step 4', 'ghost: r9 · l9'], servesNextLevel: false }],
        },
        reason: 'A starter project whose milestones serve Main Skill.',
      },
    ]);
  });

  it('a starter that serves the skill, of the skill itself but found by its starter id: not marked as from another skill', () => {
    const own = starter('st-own', { skill: 'main', level: 'nowhere', milestones: [ms('o1', [{ skill: 'main', project: 'p1', step: 1 }])] });
    const c = catalog();
    const mainSkill = c.skills[0];
    if (!mainSkill?.practiceProjects?.[1]) throw new Error('fixture');
    mainSkill.practiceProjects[1].starter = 'st-own';
    const m = buildSkillPage({ index: new CatalogIndex(c), skill: 'main', starters: [own], translate: english });
    assert.equal(m.kind, 'skill');
    const projects = (m as SkillPageModel).projects;
    assert.deepEqual(projects.map((p) => [p.key, p.starter?.id, p.from, p.level?.id]), [
      ['main/p1', undefined, undefined, 'junior'],
      ['main/p2', 'st-own', undefined, 'senior'],
      ['rel/rp', undefined, { id: 'rel', title: 'Related Skill' }, 'middle'],
    ]);
    assert.deepEqual(projects[1]?.steps, [{ number: 1, text: 'Only step', milestones: [] }], 'its milestone serves step 1 of p1, not of p2');
    const noStarterSkill = starter('st-x', { skill: 'main', milestones: [] });
    const c2 = catalog();
    const m2 = buildSkillPage({ index: new CatalogIndex(c2), skill: 'main', starters: [noStarterSkill], translate: english }) as SkillPageModel;
    assert.deepEqual(m2.projects.at(-1), {
      key: 'starter:st-x',
      title: 'Starter st-x',
      level: J,
      scenario: 'About st-x.',
      steps: [],
      starter: { id: 'st-x', title: 'Starter st-x', description: 'About st-x.', level: J, milestones: [] },
      reason: 'A starter project whose milestones serve Main Skill.',
    });
    const lost = buildSkillPage({ index: new CatalogIndex(catalog()), skill: 'main', starters: [starter('st-y', { skill: 'main', level: 'nowhere', practiceProject: 'gone' })], translate: english }) as SkillPageModel;
    assert.deepEqual(lost.projects.at(-1), {
      key: 'starter:st-y',
      title: 'Starter st-y',
      scenario: 'About st-y.',
      steps: [],
      starter: { id: 'st-y', title: 'Starter st-y', description: 'About st-y.', milestones: [] },
      reason: 'A starter project whose milestones serve Main Skill.',
    });
  });

  it('a second starter for a project of this skill is listed again without a "from"; a project found by its starter id', () => {
    const c = catalog();
    const otherSkill = c.skills.find((x) => x.id === 'other');
    if (!otherSkill?.practiceProjects?.[0]) throw new Error('fixture');
    otherSkill.practiceProjects[0].starter = 'st-q';
    const list = [
      starter('st-a', { practiceProject: 'p1' }),
      starter('st-b', { practiceProject: 'p1', level: 'middle' }),
      starter('st-q', { skill: 'other', level: 'senior', milestones: [ms('q1', [{ skill: 'main', project: 'p1', step: 1 }])] }),
    ];
    const m = buildSkillPage({ index: new CatalogIndex(c), skill: 'main', starters: list, translate: english }) as SkillPageModel;
    assert.deepEqual(
      m.projects.map((p) => [p.key, p.starter?.id, p.from?.id, p.level?.id, p.reason]),
      [
        ['main/p1', 'st-a', undefined, 'junior', 'A practice project of this skill.'],
        ['main/p2', undefined, undefined, 'senior', 'A practice project of this skill.'],
        ['rel/rp', undefined, 'rel', 'middle', 'A project of a related skill (tagged main).'],
        ['main/p1', 'st-b', undefined, 'middle', "Its starter's milestones serve Main Skill."],
        ['other/op', 'st-q', 'other', 'senior', "Its starter's milestones serve Main Skill."],
      ],
    );
    assert.equal(Object.hasOwn(m.projects[3] ?? {}, 'from'), false);
  });

  it('which starters are listed: serving any milestone is enough, a related project keeps its starter, a project id alone does not match', () => {
    const list = [
      starter('st-rel', { skill: 'rel', practiceProject: 'rp', milestones: [ms('r1', [{ skill: 'main', role: 'r1', level: 'junior' }])] }),
      starter('st-half', { skill: 'ghost', milestones: [ms('h1', [{ skill: 'ghost', role: 'r1', level: 'junior' }]), ms('h2', [{ skill: 'main', role: 'r1', level: 'junior' }])] }),
      starter('st-empty', { skill: 'ghost', milestones: [] }),
      starter('st-same-id', { skill: 'other', practiceProject: 'p1', milestones: [] }),
    ];
    const m = buildSkillPage({ index: new CatalogIndex(catalog()), skill: 'main', starters: list, translate: english }) as SkillPageModel;
    assert.deepEqual(
      m.projects.map((p) => [p.key, p.starter?.id]),
      [
        ['main/p1', undefined],
        ['main/p2', undefined],
        ['rel/rp', 'st-rel'],
        ['starter:st-half', 'st-half'],
      ],
    );
  });

  it('a milestone that serves a step and the next level counts for both; a step of another skill with the same project id does not', () => {
    const list = [
      starter('st-two', {
        practiceProject: 'p1',
        milestones: [
          ms('both', [
            { skill: 'main', project: 'p1', step: 1 },
            { skill: 'main', role: 'r1', level: 'middle' },
          ]),
          ms('foreign', [{ skill: 'other', project: 'p1', step: 1 }]),
        ],
      }),
    ];
    const m = buildSkillPage({ index: new CatalogIndex(catalog()), skill: 'main', role: 'r1', level: 'junior', starters: list, translate: english }) as SkillPageModel;
    assert.deepEqual(m.projects[0]?.steps, [
      { number: 1, text: 'Step a', milestones: ['MS both'] },
      { number: 2, text: 'Step b', milestones: [] },
    ]);
    assert.deepEqual(gapOf(m).projects[0]?.starter?.milestones.map((x) => [x.id, x.servesNextLevel]), [
      ['both', true],
      ['foreign', false],
    ]);
  });

  it('a starter aimed at the next level whose milestones serve other skills, roles or levels is aimed, not direct', () => {
    const near = starter('st-near', {
      skill: 'ghost',
      level: 'middle',
      milestones: [
        ms('n1', [{ skill: 'main', role: 'r2', level: 'middle' }]),
        ms('n2', [{ skill: 'other', role: 'r1', level: 'middle' }]),
        ms('n3', [
          { skill: 'main', role: 'r1', level: 'junior' },
          { skill: 'ghost', project: 'x', step: 2 },
          { skill: 'rel-none', project: 'x', step: 3 },
        ]),
      ],
    });
    const m = buildSkillPage({ index: new CatalogIndex(catalog()), skill: 'main', role: 'r1', level: 'junior', starters: [near], translate: english }) as SkillPageModel;
    const g = gapOf(m);
    assert.deepEqual(
      g.projects.map((p) => [p.key, p.reason, p.starter?.milestones.map((x) => x.servesNextLevel)]),
      [
        ['rel/rp', 'Aimed at Middle.', undefined],
        ['starter:st-near', 'Aimed at Middle.', [false, false, false]],
      ],
    );
    assert.deepEqual(m.projects.at(-1)?.starter?.milestones.map((x) => x.serves), [['Main Skill: Role Two · Middle'], ['Other Skill: Role One · Middle'], ['Main Skill: Role One · Junior', 'Step 2', 'Step 3']]);
  });

  it('career data for a role the catalog does not have: offered by its id', () => {
    const c = catalog();
    c.careerRelevance.push({ ...(c.careerRelevance[1] as Catalog['careerRelevance'][number]), id: 'c9', role: 'ghost-role' });
    const m = buildSkillPage({ index: new CatalogIndex(c), skill: 'main', translate: english }) as SkillPageModel;
    assert.deepEqual(m.career.availableFor, [
      { id: 'r3', title: 'Role Three' },
      { id: 'r1', title: 'Role One' },
      { id: 'ghost-role', title: 'ghost-role' },
    ]);
    assert.deepEqual(m.roles.map((r) => r.id), ['r1', 'r2', 'r3', 'r5']);
  });

  it('the gap Junior → Middle for the learner: stays required, the starter that serves it first, projects aimed at it', () => {
    const m = build({ path: { role: 'r1', current: 'junior', target: 'senior' }, starterPacks: new Map([['st-a', 'Pack A']]) });
    const g = gapOf(m);
    assert.deepEqual([g.role, g.from, g.to, g.current, g.next, g.change], [
      { id: 'r1', title: 'Role One' },
      J,
      M,
      { text: 'Trains small models.', required: true },
      { text: 'Trains small models with schedulers.', required: true },
      'staysRequired',
    ]);
    assert.deepEqual(g.newTerms, ['schedulers']);
    assert.deepEqual(g.points, [
      {
        text: 'Trains small models with schedulers.',
        segments: [
          { text: 'Trains small models with ', added: false },
          { text: 'schedulers', added: true },
          { text: '.', added: false },
        ],
        covered: false,
      },
    ]);
    assert.deepEqual(
      g.projects.map((p) => [p.key, p.reason, p.starter?.pack, p.starter?.milestones.map((x) => x.servesNextLevel)]),
      [
        ['main/p1', 'Its milestones serve Role One · Middle in Main Skill.', 'Pack A', [false, true]],
        ['rel/rp', 'Aimed at Middle.', undefined, undefined],
      ],
    );
    assert.equal(m.projects[0]?.starter?.pack, 'Pack A');
  });

  it('a pinned role and level: becomes required at Senior; direct starters first, then those aimed at it (for any role or this one)', () => {
    const m = build({ role: 'r2', level: 'middle', path: { role: 'r1', current: 'junior', target: 'senior' } });
    assert.deepEqual(m.selection, { role: 'r2', level: 'middle' });
    assert.deepEqual(m.pinned, { role: 'r2', level: 'middle' });
    assert.deepEqual(m.learner, { role: { id: 'r1', title: 'Role One' }, level: J });
    assert.deepEqual(
      m.matrix.rows.map((r) => [r.role.id, r.selected, r.mine, r.cells.map((c) => `${c.mine ? 'M' : '-'}${c.selected ? 'S' : '-'}${c.next ? 'N' : '-'}`).join(' ')]),
      [
        ['r1', false, true, 'M-- --- ---'],
        ['r2', true, false, '--- -S- --N'],
        ['r5', false, false, '--- --- ---'],
      ],
    );
    assert.deepEqual(m.matrix.levels.map((l) => [l.id, l.selected, l.mine]), [
      ['junior', false, true],
      ['middle', true, false],
      ['senior', false, false],
    ]);
    const g = gapOf(m);
    assert.equal(g.change, 'becomesRequired');
    assert.deepEqual(g.current, { text: 'Reads models.', required: false });
    assert.deepEqual(
      g.projects.map((p) => [p.key, p.reason, p.starter?.milestones.map((x) => x.servesNextLevel)]),
      [
        ['other/op', 'Its milestones serve Role Two · Senior in Main Skill.', [true]],
        ['main/p2', 'Aimed at Senior.', [false]],
        ['starter:st-d', 'Aimed at Senior.', [false]],
      ],
    );
  });

  it('every kind of change between levels, the top level and no expectation', () => {
    const change = (role: string, level: string) => build({ role, level }).nextLevel;
    assert.equal(gapOf(build({ role: 'r1', level: 'middle' })).change, 'becomesOptional');
    assert.equal(gapOf(build({ role: 'r2', level: 'junior' })).change, 'staysOptional');
    const fresh = gapOf(build({ role: 'r5', level: 'junior' }));
    assert.equal(fresh.change, 'new');
    assert.equal(Object.hasOwn(fresh, 'current'), false);
    assert.deepEqual(fresh.next, { text: 'Ships models here.', required: false });
    assert.deepEqual(fresh.newTerms, ['Ships models here'], "with no expectation now, only the skill's name is known");
    assert.deepEqual(change('r5', 'middle'), { kind: 'noExpectation', role: { id: 'r5', title: 'Role Five' }, from: M, to: S });
    assert.deepEqual(change('r2', 'senior'), { kind: 'top', role: { id: 'r2', title: 'Role Two' }, level: S });
  });

  it('a role with career data only: its first level, no expectation, its career view', () => {
    const m = build({ role: 'r3' });
    assert.deepEqual(m.selection, { role: 'r3', level: 'junior' });
    assert.deepEqual(m.pinned, { role: 'r3' });
    assert.deepEqual(m.nextLevel, { kind: 'noExpectation', role: { id: 'r3', title: 'Role Three' }, from: J, to: M });
    assert.deepEqual(m.matrix.rows.map((r) => [r.role.id, r.selected]), [
      ['r1', false],
      ['r2', false],
      ['r5', false],
    ]);
    assert.deepEqual(m.career, {
      availableFor: [
        { id: 'r3', title: 'Role Three' },
        { id: 'r1', title: 'Role One' },
      ],
      view: {
        role: { id: 'r3', title: 'Role Three' },
        skillLabel: 'Main (as r3)',
        roleSummary: 'R3 summary.',
        facts: [
          { label: 'Pay uplift', value: '+10%' },
          { label: 'Time to proficiency', value: '6 months' },
          { label: 'Breadth', value: 'wide' },
          { label: 'Demand', value: 'high' },
        ],
        skillClusters: ['c'],
        adjacentSkills: ['a'],
        whyItMatters: 'Why r3.',
        bands: [{ band: 'B1', text: 'Band one.' }],
        evidence: [{ finding: 'F', source: 'S' }],
      },
    });
    assert.deepEqual(build({ role: 'r1' }).career.view, {
      role: { id: 'r1', title: 'Role One' },
      roleSummary: 'R1 summary.',
      facts: [
        { label: 'Pay uplift', value: '+5%' },
        { label: 'Time to proficiency', value: '3 months' },
        { label: 'Breadth', value: 'narrow' },
        { label: 'Demand', value: 'medium' },
      ],
      skillClusters: [],
      adjacentSkills: [],
      whyItMatters: 'Why r1.',
      bands: [],
      evidence: [],
    });
  });

  it('defaults: the first role with expectations at its first level; a role first offered for its expectations on a later level', () => {
    const m = build();
    assert.deepEqual(m.selection, { role: 'r1', level: 'junior' });
    assert.deepEqual(m.pinned, {});
    assert.equal(m.learner, undefined);
    assert.deepEqual(m.roles.map((r) => r.mine), [false, false, false, false]);
    const c = catalog();
    const r3 = c.roles.splice(2, 1);
    c.roles.unshift(...r3);
    const careerFirst = buildSkillPage({ index: new CatalogIndex(c), skill: 'main', translate: english }) as SkillPageModel;
    assert.deepEqual(careerFirst.roles.map((r) => r.id), ['r3', 'r1', 'r2', 'r5']);
    assert.deepEqual(careerFirst.selection, { role: 'r1', level: 'junior' }, 'the first role with expectations, not the first role');
    const r5 = build({ role: 'r5' });
    assert.deepEqual(r5.selection, { role: 'r5', level: 'middle' }, 'its first level with an expectation');
    assert.deepEqual(r5.pinned, { role: 'r5' });
    assert.deepEqual(build({ level: 'senior' }).pinned, { level: 'senior' });
    assert.deepEqual(build({ role: 'r4', level: 'nowhere' }).selection, { role: 'r1', level: 'junior' }, 'a role not offered and an unknown level are ignored');
    assert.deepEqual(build({ role: 'r4', level: 'nowhere' }).pinned, {});
  });

  it("the learner's own role is offered even without expectations; a path with an unknown role or level is no path", () => {
    const m = build({ path: { role: 'r4', current: 'middle', target: 'senior' } });
    assert.deepEqual(m.roles.map((r) => [r.id, r.mine, r.hasExpectations]), [
      ['r1', false, true],
      ['r2', false, true],
      ['r3', false, false],
      ['r4', true, false],
      ['r5', false, true],
    ]);
    assert.deepEqual(m.selection, { role: 'r4', level: 'middle' });
    assert.deepEqual(m.nextLevel, { kind: 'noExpectation', role: { id: 'r4', title: 'Role Four' }, from: M, to: S });
    assert.deepEqual(m.matrix.rows.map((r) => r.mine), [false, false, false]);
    assert.deepEqual(m.learner, { role: { id: 'r4', title: 'Role Four' }, level: M });
    for (const path of [
      { role: 'nobody', current: 'junior', target: 'senior' },
      { role: 'r1', current: 'nowhere', target: 'senior' },
    ]) {
      const p = build({ path });
      assert.equal(p.learner, undefined);
      assert.deepEqual(p.levels.map((l) => l.mine), [false, false, false]);
      assert.deepEqual(p.roles.map((r) => r.id), ['r1', 'r2', 'r3', 'r5']);
    }
  });

  it('sentences go through the translator with their arguments', () => {
    const t: Translate = (msg, ...args) => `[${msg}|${args.join('|')}]`;
    const m = build({ path: { role: 'r1', current: 'junior', target: 'senior' } }, t);
    assert.deepEqual(m.figures.map((f) => [f.label, f.description]), [
      ['[Demand|]', '[average demand {0} out of 10|7.5]'],
      ['[AI risk|]', '[{0} percent at risk of automation by AI|20]'],
      ['[Careers|]', '[{0} careers|3]'],
      ['[Categories|]', '[{0} categories|2]'],
    ]);
    assert.deepEqual(m.projects.map((p) => p.reason), [
      '[A practice project of this skill.|]',
      '[A practice project of this skill.|]',
      '[A project of a related skill (tagged {0}).|main]',
      "[Its starter's milestones serve {0}.|Main Skill]",
      '[A starter project whose milestones serve {0}.|Main Skill]',
    ]);
    assert.deepEqual(m.projects[0]?.starter?.milestones[0]?.serves, ['[Step {0} of {1}|2|Project One]']);
    assert.deepEqual(m.projects[4]?.starter?.milestones[0]?.serves, ['[Step {0}|4]', 'ghost: r9 · l9']);
    assert.deepEqual(gapOf(m).projects.map((p) => p.reason), ['[Its milestones serve {0} · {1} in {2}.|Role One|Middle|Main Skill]', '[Aimed at {0}.|Middle]']);
    assert.deepEqual(m.career.view?.facts.map((f) => f.label), ['[Pay uplift|]', '[Time to proficiency|]', '[Breadth|]', '[Demand|]']);
  });

  it('a skill not in the catalog', () => {
    assert.deepEqual(buildSkillPage({ index: new CatalogIndex(catalog()), skill: 'nope', translate: english }), { kind: 'missing', skill: 'nope' });
  });
});
