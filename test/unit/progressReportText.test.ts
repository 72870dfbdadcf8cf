// The Markdown progress report, line by line (src/core/progress/report.ts), over a small fake
// catalog index: headings, counts, the milestone table, details and the gap to the next level.
import * as assert from 'node:assert/strict';
import type { CatalogIndex } from '../../src/core/catalog/catalogIndex';
import { pseudo } from '../../src/core/l10n';
import { md } from '../../src/core/progress/markdown';
import { buildProgressReport, type ReportProject } from '../../src/core/progress/report';
import type { Tick } from '../../src/core/progress/storeFormat';
import type { MilestoneDef, TemplateManifest } from '../../src/core/scaffold/types';

interface FakeLevel {
  id: string;
  title: string;
  order: number;
}

function fakeIndex(options: { expectations?: boolean } = {}): CatalogIndex {
  const levels: FakeLevel[] = [
    { id: 'junior', title: 'Junior', order: 1 },
    { id: 'middle', title: 'Middle', order: 2 },
    { id: 'senior', title: 'Senior', order: 3 },
  ];
  const roles = [{ id: 'mle', title: 'ML Engineer' }];
  const skills = { py: { id: 'py', title: 'Py_thon' }, ops: { id: 'ops', title: 'Ops' } };
  const exp = (text: string, required: boolean) => ({ text, required });
  const cells = new Map<string, { skill: { id: string; title: string }; expectation: { text: string; required: boolean } }[]>([
    ['mle/middle', options.expectations === false ? [] : [{ skill: skills.py, expectation: exp('Writes *clean* code', true) }, { skill: skills.ops, expectation: exp('Runs jobs', false) }]],
    ['mle/senior', [{ skill: skills.py, expectation: exp('Designs libraries', true) }]],
  ]);
  const expectations = new Map([['py/mle/junior', exp('Writes scripts', true)]]);
  const index = {
    role: (id: string) => roles.find((r) => r.id === id),
    level: (id: string) => levels.find((l) => l.id === id),
    nextLevel: (id: string) => {
      const l = levels.find((x) => x.id === id);
      return l && levels.find((x) => x.order === l.order + 1);
    },
    cells: (role: string, level: string) => cells.get(`${role}/${level}`) ?? [],
    expectation: (skill: string, role: string, level: string) => expectations.get(`${skill}/${role}/${level}`),
  };
  return index as unknown as CatalogIndex;
}

function milestone(id: string, extra: Partial<MilestoneDef> = {}): MilestoneDef {
  return { id, title: `Do ${id}`, done: 'done', file: 'src/a.py', serves: [], ...extra };
}

function manifest(milestones: MilestoneDef[], extra: Partial<TemplateManifest> = {}): TemplateManifest {
  return {
    id: 'starter-x',
    version: 3,
    title: 'Starter X',
    description: '',
    skill: 'py',
    level: 'junior',
    roles: ['mle'],
    defaultName: 'x',
    smokeCommand: '',
    runCommand: '',
    testCommand: '',
    milestones,
    ...extra,
  };
}

const NOW = new Date('2025-03-03T12:00:00.000Z');

describe('report Markdown escaping (core/progress/markdown)', () => {
  it('line breaks become spaces; Markdown characters are escaped', () => {
    assert.equal(md('a\nb\r\nc'), 'a b c');
    assert.equal(md('\\ ` * _ [ ] < | # x'), '\\\\ \\` \\* \\_ \\[ \\] \\< \\| \\# x');
  });
});

describe('progress report text (core/progress/report)', () => {
  let projects: ReportProject[];
  beforeEach(() => {
    const m1 = milestone('a', { check: { kind: 'fileExists', path: '{{package}}/out.txt' }, serves: [{ skill: 'py', role: 'mle', level: 'middle' }] });
    const m2 = milestone('b', { serves: [{ skill: 'py', role: 'mle', level: 'senior' }, { skill: 'py', project: 'p', step: 1 }] });
    const m3 = milestone('c', { title: 'Ship {{package}}', serves: [{ skill: 'py', role: 'mle', level: 'middle' }, { skill: 'ops', role: 'mle', level: 'middle' }] });
    const m4 = milestone('d', { serves: [{ skill: 'py', role: 'other', level: 'middle' }, { skill: 'ops', role: 'mle', level: 'junior' }] });
    projects = [
      {
        name: 'pkg_one',
        folder: 'work/`one`',
        manifest: manifest([m1, m2, m3, m4]),
        ticks: new Map<string, Tick>([
          ['a', { state: 'verified', at: '2025-03-01T10:00:00.000Z' }],
          ['b', { state: 'verified', at: '2025-03-02T10:00:00.000Z' }],
          ['c', { state: 'self', at: '2025-03-02' }],
        ]),
      },
    ];
  });

  it('one project, a path with a target: every line', () => {
    const text = buildProgressReport({ index: fakeIndex(), path: { role: 'mle', current: 'junior', target: 'middle' }, projects, now: NOW });
    assert.equal(
      text,
      [
        '# Learning Paths progress report',
        '',
        '_Generated 2025-03-03._',
        '',
        '**Role:** ML Engineer  ',
        '**Current level:** Junior  ',
        '**Target level:** Middle  ',
        '',
        '## Practice projects',
        '',
        '3 of 4 milestones done across 1 project.',
        '',
        '### pkg\\_one — Starter X',
        '',
        "Folder `work/'one'` · starter `starter-x` v3 · level Junior · **3/4** done",
        '',
        '| | Milestone | Done on | Confirmed |',
        '|---|---|---|---|',
        '| ✅ | Do a | 2025-03-01 | verified (pkg\\_one/out.txt exists) |',
        '| ✅ | Do b | 2025-03-02 | verified |',
        '| ✅ | Ship {{package}} | 2025-03-02 | self-reported |',
        '| ⬜ | Do d |  |  |',
        '',
        '## Gap to the next level',
        '',
        'What Middle ML Engineers are expected to do, next to what you have practised here:',
        '',
        '- **Py\\_thon** (required): Writes \\*clean\\* code',
        '  - At Junior: Writes scripts',
        '  - Practised here: 3/4 milestones done',
        '  - ✅ serves this directly: Do a (pkg\\_one)',
        '  - ✅ serves this directly: Ship pkg\\_one (pkg\\_one)',
        '- **Ops** (optional): Runs jobs',
        '  - Practised here: 1/2 milestones done',
        '  - ✅ serves this directly: Ship pkg\\_one (pkg\\_one)',
        '',
      ].join('\n'),
    );
  });

  it('two projects, the target level is the current one, details per milestone, the next level after it', () => {
    const second: ReportProject = {
      name: 'two',
      folder: 'two',
      manifest: manifest([milestone('x', { serves: [{ skill: 'py', role: 'mle', level: 'senior' }] })], { id: 'other', version: 1, title: 'Other', level: 'unknown-level' }),
      ticks: new Map(),
      details: new Map([['x', { tests: { state: 'stale' as const, at: 1 } }]]),
    };
    const text = buildProgressReport({ index: fakeIndex(), path: { role: 'mle', current: 'middle', target: 'middle' }, projects: [...projects, second], now: NOW });
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(4, 12), ['**Role:** ML Engineer  ', '**Current level:** Middle  ', '', '## Practice projects', '', '3 of 5 milestones done across 2 projects.', '', '### pkg\\_one — Starter X']);
    const at = lines.indexOf('### two — Other');
    assert.deepEqual(lines.slice(at, at + 14), [
      '### two — Other',
      '',
      'Folder `two` · starter `other` v1 · level unknown-level · **0/1** done',
      '',
      '| | Milestone | Done on | Confirmed |',
      '|---|---|---|---|',
      '| ⬜ | Do x |  |  |',
      '',
      '#### Tests, hints and solutions',
      '',
      '- **Do x**',
      '  - Tests: files changed since the last run (verify again)',
      '',
      '## Gap to the next level',
    ]);
    const gap = lines.indexOf('## Gap to the next level');
    assert.deepEqual(lines.slice(gap), [
      '## Gap to the next level',
      '',
      'What Senior ML Engineers are expected to do, next to what you have practised here:',
      '',
      '- **Py\\_thon** (required): Designs libraries',
      '  - Practised here: 3/5 milestones done',
      '  - ✅ serves this directly: Do b (pkg\\_one)',
      '  - ⬜ serves this directly: Do x (two)',
      '',
    ]);
  });

  it('a target below the current level: the next level after the current one', () => {
    const text = buildProgressReport({ index: fakeIndex(), path: { role: 'mle', current: 'middle', target: 'junior' }, projects, now: NOW });
    assert.ok(text.includes('**Current level:** Middle  \n**Target level:** Junior  \n\n'));
    assert.ok(text.includes('What Senior ML Engineers are expected'));
  });

  it('a target beyond the next level: the gap to the target', () => {
    const text = buildProgressReport({ index: fakeIndex(), path: { role: 'mle', current: 'junior', target: 'senior' }, projects, now: NOW });
    assert.ok(text.includes('**Target level:** Senior  \n'));
    assert.ok(text.includes('\nWhat Senior ML Engineers are expected to do, next to what you have practised here:\n\n- **Py\\_thon** (required): Designs libraries\n  - At Junior: Writes scripts\n  - Practised here: 3/4 milestones done\n  - ✅ serves this directly: Do b (pkg\\_one)\n'));
  });

  it('a pattern check is described without its pattern; a date that is not ISO is shown as it is', () => {
    const m = milestone('p', { check: { kind: 'fileMatches', path: 'a.py', pattern: 'secret+', flags: 'i' } });
    const p: ReportProject = { name: 'n', folder: 'f', manifest: manifest([m]), ticks: new Map<string, Tick>([['p', { state: 'verified', at: 'soon 2025-03-01' }]]) };
    const text = buildProgressReport({ index: fakeIndex(), projects: [p], now: NOW });
    assert.ok(text.includes('| ✅ | Do p | soon 2025-03-01 | verified (a.py matches the expected pattern) |'), text);
  });

  it('the top level: nothing further; no expectations: says so', () => {
    const top = buildProgressReport({ index: fakeIndex(), path: { role: 'mle', current: 'senior', target: 'senior' }, projects: [], now: NOW });
    assert.ok(top.endsWith('## Gap to the next level\n\nSenior is the top level; nothing further is expected.\n'), top);
    assert.ok(top.includes('No scaffolded practice project in this workspace yet (run **Learning Paths: Scaffold Practice Project…**).\n\n## Gap'));
    const none = buildProgressReport({ index: fakeIndex({ expectations: false }), path: { role: 'mle', current: 'junior', target: 'middle' }, projects: [], now: NOW });
    assert.ok(
      none.endsWith('What Middle ML Engineers are expected to do, next to what you have practised here:\n\nThe catalog has no expectations for ML Engineer at Middle.\n\n'),
      none,
    );
  });

  it('an unknown role or level: no role lines and no gap', () => {
    for (const path of [
      { role: 'nobody', current: 'junior', target: 'middle' },
      { role: 'mle', current: 'nowhere', target: 'middle' },
    ]) {
      const text = buildProgressReport({ index: fakeIndex(), path, projects: [], now: NOW });
      assert.deepEqual(text.split('\n').slice(3, 7), ['', 'No role and level chosen yet (run **Learning Paths: Choose My Role and Level**), so the gap to the next level is not shown.', '', '## Practice projects']);
      assert.ok(!text.includes('Gap'));
    }
    const unknownTarget = buildProgressReport({ index: fakeIndex(), path: { role: 'mle', current: 'junior', target: 'gone' }, projects: [], now: NOW });
    assert.ok(unknownTarget.includes('**Current level:** Junior  \n\n## Practice projects'));
    assert.ok(unknownTarget.includes('What Middle ML Engineers'));
  });

  it('a practised skill without any project: says no practice project yet', () => {
    const text = buildProgressReport({ index: fakeIndex(), path: { role: 'mle', current: 'junior', target: 'middle' }, projects: [], now: NOW });
    assert.ok(text.includes('- **Ops** (optional): Runs jobs\n  - Practised here: no practice project yet\n'));
  });

  it('pseudo-locale: the one-project count and the plain verified label are translated', () => {
    const text = buildProgressReport({ index: fakeIndex(), projects, now: NOW, t: pseudo });
    assert.ok(text.includes('⟦3 of 4 milestones done across 1 project.⟧'));
    assert.ok(text.includes('| ✅ | Do b | 2025-03-02 | ⟦verified⟧ |'));
    assert.ok(text.includes('| ✅ | Do a | 2025-03-01 | ⟦verified (⟦pkg\\_one/out.txt exists⟧)⟧ |'));
  });
});
