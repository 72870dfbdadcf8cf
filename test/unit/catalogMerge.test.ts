// Turning parsed files into fragments (src/core/catalog/fragment.ts), merging them in precedence
// order with the cross-entry checks (merge.ts), the loaders on top (load.ts) and field paths
// (jsonPath.ts). A fake `locate` puts each diagnostic at line = path length, column 2 for a key.
import * as assert from 'node:assert/strict';
import { bundledSource, toFragment, type FragmentSource } from '../../src/core/catalog/fragment';
import { formatPath } from '../../src/core/catalog/jsonPath';
import { compilePacks, loadCatalog, parseCatalogFile } from '../../src/core/catalog/load';
import { mergeFragments, suggest } from '../../src/core/catalog/merge';
import type { Catalog, CareerRelevance, Skill } from '../../src/core/catalog/types';
import { formatDiagnostic, type Diagnostic, type Locate } from '../../src/core/diagnostics';
import { ex, smallCatalog } from './catalogFixtures';

const locate: Locate = (path, target = 'value') => ({ line: path.length, column: target === 'key' ? 2 : 1, endLine: path.length, endColumn: 9 });
const show = (ds: Diagnostic[]) => ds.map((d) => `${formatDiagnostic(d)} [${d.endLine}:${d.endColumn}]`);
const relevance = (id: string, skill: string, role: string): CareerRelevance => ({
  id,
  skill,
  role,
  roleSummary: 'r',
  payUplift: 'p',
  timeToProficiency: 't',
  breadth: 'b',
  demandProfile: 'd',
  skillClusters: [],
  adjacentSkills: [],
  whyItMatters: 'w',
  bands: [],
});
/** The problems of the packs (the small catalog itself has two, in its skill "gamma"). */
const packProblems = (ds: Diagnostic[]) => show(ds.filter((d) => d.file !== '(bundled catalog)'));
const project = (skill: string, id: string, title = id.toUpperCase()) => ({ skill, id, title, difficulty: 'beginner', scenario: 's', steps: ['a'] });

describe('catalog fragments (core/catalog/fragment)', () => {
  it('an empty file is an empty fragment', () => {
    for (const value of [undefined, null]) {
      const { source, diagnostics } = toFragment('e.yaml', value, locate);
      assert.deepEqual([source.file, source.fragment, source.indexOf.size, diagnostics], ['e.yaml', {}, 0, []]);
      assert.equal(source.locate, locate);
    }
  });

  it('a file that is not a mapping is one problem naming the lists it may hold', () => {
    for (const value of ['text', 3, ['a'], true]) {
      const { source, diagnostics } = toFragment('x.yaml', value, locate);
      assert.deepEqual(source.fragment, {});
      assert.deepEqual(show(diagnostics), ['x.yaml:0:1: expected a mapping with any of levels, roles, skills, practiceProjects, careerRelevance [0:9]']);
    }
  });

  it('an unknown top-level key points at the key; an empty list is skipped; a list that is not a list is one problem', () => {
    const { source, diagnostics } = toFragment('k.yaml', { colours: [], levels: null, careerRelevance: undefined, roles: { id: 'x' }, skills: 'none', toString: [] }, locate);
    assert.deepEqual(source.fragment, {});
    assert.deepEqual(show(diagnostics), [
      'k.yaml:1:2: colours: unknown top-level field "colours"; expected one of levels, roles, skills, practiceProjects, careerRelevance [1:9]',
      'k.yaml:1:1: roles: expected a list of role entries [1:9]',
      'k.yaml:1:1: skills: expected a list of skill entries [1:9]',
      'k.yaml:1:2: toString: unknown top-level field "toString"; expected one of levels, roles, skills, practiceProjects, careerRelevance [1:9]',
    ]);
  });

  it('keeps valid entries with their index in the file, drops invalid ones and later duplicates with a problem each', () => {
    const good = { id: 'a-role', title: 'A', summary: 's' };
    const dup = { id: 'a-role', title: 'A again', summary: 's' };
    const other = { id: 'b-role', title: 'B', summary: 's' };
    const { source, diagnostics } = toFragment('r.yaml', { roles: [{ id: 'bad' }, good, dup, other], levels: [] }, locate);
    assert.deepEqual(source.fragment, { roles: [good, other], levels: [] });
    assert.deepEqual([source.indexOf.get(good), source.indexOf.get(other), source.indexOf.get(dup)], [1, 3, undefined]);
    assert.deepEqual(show(diagnostics), [
      'r.yaml:2:1: roles[0]: missing required field "title" [2:9]',
      'r.yaml:2:1: roles[0]: missing required field "summary" [2:9]',
      'r.yaml:3:1: roles[2].id: duplicate id "a-role" (first defined at roles[1]) [3:9]',
    ]);
  });

  it('an unknown field of an entry points at its key', () => {
    const { diagnostics } = toFragment('f.yaml', { levels: [{ id: 'x-level', title: 'X', order: 1, summary: 's', colour: 'red' }] }, locate);
    assert.deepEqual(show(diagnostics), ['f.yaml:3:2: levels[0].colour: unknown field "colour"; expected one of id, title, order, summary [3:9]']);
  });

  it('career relevance entries are told apart by id alone', () => {
    const a = relevance('cr', 'beta', 'ml');
    const b = relevance('cr', 'zeta', 'ml');
    const { source, diagnostics } = toFragment('c.yaml', { careerRelevance: [a, b] }, locate);
    assert.deepEqual(source.fragment, { careerRelevance: [a] });
    assert.deepEqual(show(diagnostics), ['c.yaml:3:1: careerRelevance[1].id: duplicate id "cr" (first defined at careerRelevance[0]) [3:9]']);
  });

  it('practice projects are told apart by skill and id', () => {
    const p1 = project('beta', 'p');
    const p2 = project('zeta', 'p');
    const p3 = project('beta', 'p', 'Again');
    const { source, diagnostics } = toFragment('p.yaml', { practiceProjects: [p1, p2, p3] }, locate);
    assert.deepEqual(source.fragment, { practiceProjects: [p1, p2] });
    assert.deepEqual(show(diagnostics), ['p.yaml:3:1: practiceProjects[2].id: duplicate id "p" (first defined at practiceProjects[0]) [3:9]']);
  });

  it('the bundled catalog is a source at no position', () => {
    const catalog = smallCatalog();
    const source = bundledSource(catalog);
    assert.deepEqual([source.file, source.fragment, source.indexOf.size, source.locate(['skills', 3], 'key')], ['(bundled catalog)', catalog, 0, { line: 1, column: 1, endLine: 1, endColumn: 1 }]);
  });
});

describe('field paths (core/catalog/jsonPath)', () => {
  it('dots between names, brackets around indexes, (file) for the whole file', () => {
    assert.deepEqual(
      [formatPath([]), formatPath(['skills']), formatPath([3]), formatPath(['skills', 0, 'expectations', 3, 'role']), formatPath([0, 'id']), formatPath([0, 1])],
      ['(file)', 'skills', '[3]', 'skills[0].expectations[3].role', '[0].id', '[0][1]'],
    );
  });
});

describe('merging fragments (core/catalog/merge)', () => {
  let base: Catalog;
  beforeEach(() => {
    base = smallCatalog();
  });
  const source = (file: string, value: unknown): FragmentSource => {
    const { source: s, diagnostics } = toFragment(file, value, locate);
    assert.deepEqual(show(diagnostics), []);
    return s;
  };

  it('later sources replace earlier entries by id; origins say where each entry came from', () => {
    const a = source('a.yaml', { roles: [{ id: 'ml', title: 'ML (a)', summary: 's' }, { id: 'new-role', title: 'New', summary: 's' }] });
    const b = source('b.yaml', { roles: [{ id: 'ml', title: 'ML (b)', summary: 's' }], levels: [{ id: 'lead', title: 'Lead', order: 4, summary: 's' }] });
    const r = mergeFragments([bundledSource(base), a, b]);
    assert.deepEqual(packProblems(r.diagnostics), []);
    assert.deepEqual(r.catalog.roles.map((x) => `${x.id}:${x.title}`), ['ml:ML (b)', 'ds:Data Scientist', 'empty:Empty Role', 'new-role:New']);
    assert.deepEqual(r.catalog.levels.map((l) => l.id), ['junior', 'middle', 'senior', 'lead']);
    const origin = (key: string) => {
      const o = r.origins.get(key);
      return o ? `${o.source.file}@${formatPath(o.path)}` : undefined;
    };
    assert.deepEqual(
      ['role:ml', 'role:new-role', 'level:lead', 'level:junior', 'skill:beta', 'careerRelevance:beta-ds', 'role:ghost'].map(origin),
      ['b.yaml@roles[0]', 'a.yaml@roles[1]', 'b.yaml@levels[0]', '(bundled catalog)@levels[0]', '(bundled catalog)@skills[0]', '(bundled catalog)@careerRelevance[0]', undefined],
    );
  });

  it('every cross-entry problem, at the entry that has it, with a suggestion when an id is close', () => {
    const a = source('a.yaml', {
      roles: [{ id: 'mlops', title: 'MLOps', summary: 's' }],
      levels: [{ id: 'lead', title: 'Lead', order: 2, summary: 's' }],
      skills: [
        {
          id: 'new',
          title: 'New',
          summary: 's',
          roles: ['ml', 'mll', 'zzzzzzzz'],
          expectations: [ex('ml', 'junior', true), ex('mlopz', 'junior', true), ex('ds', 'junior', true), ex('ml', 'senoir', true), ex('ml', 'junior', false), ex('mlops', 'middle', false), ex('ml', 'middle', false)],
        },
        { id: 'no-roles', title: 'N', summary: 's', roles: [], expectations: [ex('ml', 'junior', true)] },
      ],
      practiceProjects: [project('beta', 'p1'), project('bata', 'p2')],
      careerRelevance: [relevance('cr', 'nwe', 'mlpos'), relevance('cr-ok', 'new', 'mlops')],
    });
    const r = mergeFragments([bundledSource(base), a]);
    assert.deepEqual(show(r.diagnostics), [
      'a.yaml:3:1: practiceProjects[1].skill: unknown skill id "bata" (did you mean "beta"?) [3:9]',
      '(bundled catalog):1:1: skills[0].expectations[1].role: unknown role id "ghost" [1:1]',
      '(bundled catalog):1:1: skills[0].expectations[2].level: unknown level id "nowhere" [1:1]',
      'a.yaml:4:1: skills[0].roles[1]: unknown role id "mll" (did you mean "ml"?) [4:9]',
      'a.yaml:4:1: skills[0].roles[2]: unknown role id "zzzzzzzz" [4:9]',
      'a.yaml:5:1: skills[0].expectations[1].role: unknown role id "mlopz" (did you mean "mlops"?) [5:9]',
      'a.yaml:5:1: skills[0].expectations[2].role: role "ds" is not listed in this skill\'s roles (ml, mll, zzzzzzzz) [5:9]',
      'a.yaml:5:1: skills[0].expectations[3].level: unknown level id "senoir" (did you mean "senior"?) [5:9]',
      'a.yaml:4:1: skills[0].expectations[4]: duplicate expectation for role "ml" at level "junior" (first at expectations[0]) [4:9]',
      'a.yaml:5:1: skills[0].expectations[5].role: role "mlops" is not listed in this skill\'s roles (ml, mll, zzzzzzzz) [5:9]',
      'a.yaml:5:1: skills[1].expectations[0].role: role "ml" is not listed in this skill\'s roles (none) [5:9]',
      'a.yaml:3:1: careerRelevance[0].skill: unknown skill id "nwe" (did you mean "new"?) [3:9]',
      'a.yaml:3:1: careerRelevance[0].role: unknown role id "mlpos" (did you mean "mlops"?) [3:9]',
      'a.yaml:3:1: warning: levels[0].order: level "lead" has the same order 2 as "middle" [3:9]',
    ]);
    assert.deepEqual(
      r.diagnostics.map((d) => d.severity),
      [...Array<string>(13).fill('error'), 'warning'],
    );
    // Bad cells are dropped and their skills kept; relevance with an unknown skill or role is dropped.
    const skill = (id: string) => r.catalog.skills.find((s) => s.id === id);
    assert.deepEqual(skill('new')?.expectations, [ex('ml', 'junior', true), ex('ml', 'middle', false)]);
    assert.deepEqual(skill('no-roles')?.expectations, []);
    assert.deepEqual(skill('gamma')?.expectations, [ex('ml', 'junior', false)]);
    assert.deepEqual(r.catalog.careerRelevance.map((c) => c.id), ['alphabet-ml', 'beta-ds', 'cr-ok']);
    assert.deepEqual(r.catalog.levels.map((l) => `${l.id}:${l.order}`), ['junior:1', 'middle:2', 'lead:2', 'senior:3']);
  });

  it('a skill with nothing dropped is passed on as it is', () => {
    const r = mergeFragments([bundledSource(base)]);
    assert.equal(r.catalog.skills[0], base.skills[0]);
    assert.notEqual(r.catalog.skills[4], base.skills[4], 'gamma lost two cells: a copy');
    assert.equal(r.catalog.roles[0], base.roles[0]);
  });

  it('a relevance entry for a known skill but an unknown role is dropped with one problem', () => {
    const r = mergeFragments([bundledSource(base), source('c.yaml', { careerRelevance: [relevance('half', 'beta', 'nobody-at-all')] })]);
    assert.deepEqual(packProblems(r.diagnostics), ['c.yaml:3:1: careerRelevance[0].role: unknown role id "nobody-at-all" [3:9]']);
    assert.deepEqual(r.catalog.careerRelevance.map((c) => c.id), ['alphabet-ml', 'beta-ds']);
  });

  it('practice projects join an existing skill, replace one with the same id, and lose their skill field', () => {
    const withProject: Skill = { ...base.skills[3], practiceProjects: [{ id: 'keep', title: 'Keep', difficulty: 'advanced', scenario: 's', steps: ['x'] }, { id: 'p1', title: 'Old', difficulty: 'advanced', scenario: 's', steps: ['x'] }] } as Skill;
    base.skills[3] = withProject;
    const a = source('a.yaml', { practiceProjects: [project('beta', 'p1', 'New P1'), project('zeta', 'z1')] });
    const b = source('b.yaml', { practiceProjects: [project('beta', 'p2')] });
    const r = mergeFragments([bundledSource(base), a, b]);
    assert.deepEqual(packProblems(r.diagnostics), []);
    assert.deepEqual(r.catalog.skills.find((s) => s.id === 'beta')?.practiceProjects, [
      { id: 'keep', title: 'Keep', difficulty: 'advanced', scenario: 's', steps: ['x'] },
      { id: 'p1', title: 'New P1', difficulty: 'beginner', scenario: 's', steps: ['a'] },
      { id: 'p2', title: 'P2', difficulty: 'beginner', scenario: 's', steps: ['a'] },
    ]);
    assert.deepEqual(r.catalog.skills.find((s) => s.id === 'zeta')?.practiceProjects, [{ id: 'z1', title: 'Z1', difficulty: 'beginner', scenario: 's', steps: ['a'] }]);
    assert.equal(withProject.practiceProjects?.length, 2, 'the bundled skill itself is not changed');
  });

  it('a practice project for a skill that only a later source defines is unknown where it stands', () => {
    const a = source('a.yaml', { practiceProjects: [project('later', 'p')] });
    const b = source('b.yaml', { skills: [{ id: 'later', title: 'Later', summary: 's', roles: [], expectations: [] }] });
    const r = mergeFragments([bundledSource(base), a, b]);
    assert.deepEqual(packProblems(r.diagnostics), ['a.yaml:3:1: practiceProjects[0].skill: unknown skill id "later" [3:9]']);
    assert.equal(r.catalog.skills.find((s) => s.id === 'later')?.practiceProjects, undefined);
  });

  it('duplicate practice project ids within a skill are reported at the later one', () => {
    const p = { id: 'twice', title: 'T', difficulty: 'beginner', scenario: 's', steps: ['a'] };
    const a = source('a.yaml', { skills: [{ id: 'dupe', title: 'D', summary: 's', roles: [], expectations: [], practiceProjects: [{ ...p, id: 'once' }, p, p] }] });
    const r = mergeFragments([bundledSource(base), a]);
    assert.deepEqual(packProblems(r.diagnostics), ['a.yaml:5:1: skills[0].practiceProjects[2].id: duplicate practice project id "twice" [5:9]']);
  });

  it('a level redefined with its own order is no clash; two levels sharing an order are', () => {
    const a = source('a.yaml', { levels: [{ id: 'junior', title: 'Junior', order: 1, summary: 's' }] });
    assert.deepEqual(packProblems(mergeFragments([bundledSource(base), a]).diagnostics), []);
    const b = source('b.yaml', { levels: [{ id: 'first', title: 'First', order: 1, summary: 's' }, { id: 'third', title: 'Third', order: 3, summary: 's' }] });
    assert.deepEqual(packProblems(mergeFragments([bundledSource(base), b]).diagnostics), [
      'b.yaml:3:1: warning: levels[0].order: level "first" has the same order 1 as "junior" [3:9]',
      'b.yaml:3:1: warning: levels[1].order: level "third" has the same order 3 as "senior" [3:9]',
    ]);
  });

  it('suggests the closest known id within max(2, a third of its length) edits, only among ids of similar length', () => {
    assert.deepEqual(
      [
        suggest('ml-enginer', ['data-scientist', 'ml-engineer']),
        suggest('ab', ['xy', 'abcd']),
        suggest('ab', ['xy', 'abc']),
        suggest('ab', ['abcde']),
        suggest('abc', ['abcde']),
        suggest('abcdefghi', ['abcdefxyz']),
        suggest('abcdefghi', ['abcdefxyzw']),
        suggest('abcdefghijkl', ['abcdefgh']),
        suggest('abcdefghijkl', ['abcdefghi']),
        suggest('junoir', ['senior', 'junior']),
        suggest('x', []),
        suggest('kitten', ['sitting']),
        suggest('same', ['same']),
        suggest('abcd', ['abxd', 'abcx']),
      ],
      [
        ' (did you mean "ml-engineer"?)',
        ' (did you mean "xy"?)',
        ' (did you mean "abc"?)',
        '',
        ' (did you mean "abcde"?)',
        ' (did you mean "abcdefxyz"?)',
        '',
        '',
        ' (did you mean "abcdefghi"?)',
        ' (did you mean "junior"?)',
        '',
        '',
        ' (did you mean "same"?)',
        ' (did you mean "abxd"?)',
      ],
    );
  });
});

describe('catalog loading (core/catalog/load)', () => {
  let base: Catalog;
  beforeEach(() => {
    base = smallCatalog();
  });

  it('a file that is not YAML is its problems and an empty fragment; a YAML warning is kept with the entries', () => {
    const bad = parseCatalogFile('bad.yaml', 'roles: [\n');
    assert.deepEqual([bad.source.file, bad.source.fragment, bad.source.indexOf.size], ['bad.yaml', {}, 0]);
    assert.deepEqual(bad.diagnostics.map((d) => [d.severity, d.field]), [['error', '(file)']]);
    assert.deepEqual(bad.source.locate(['roles']), { line: 1, column: 8, endLine: 2, endColumn: 1 });
    const ok = parseCatalogFile('ok.json', '{"roles": [{"id": "x-role", "title": "X", "summary": "s"}, {"id": 3}]}');
    assert.deepEqual(ok.source.fragment, { roles: [{ id: 'x-role', title: 'X', summary: 's' }] });
    assert.deepEqual(ok.diagnostics.map(formatDiagnostic), ['ok.json:1:60: roles[1]: missing required field "title"', 'ok.json:1:60: roles[1]: missing required field "summary"', 'ok.json:1:67: roles[1].id: expected text, found number 3']);
  });

  it('a YAML warning comes before the problems of the entries', () => {
    const r = parseCatalogFile('w.yaml', '%FOO bar\n---\nroles:\n  - id: w-role\n    title: W\n');
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), ['w.yaml:1:1: warning: Unknown directive %FOO', 'w.yaml:4:5: roles[0]: missing required field "summary"']);
    assert.deepEqual(r.source.fragment, { roles: [] });
  });

  it('without a base, the files alone are the catalog; file problems come before cross-entry ones', () => {
    const r = loadCatalog([
      { file: 'a.yaml', text: 'levels:\n  - { id: one, title: One, order: 1, summary: s }\nroles:\n  - { id: r-one, title: R, summary: s }\n' },
      { file: 'b.yaml', text: 'skills:\n  - { id: s-one, title: S, summary: s, roles: [r-one, r-two], expectations: [] }\n  - { id: 7 }\n' },
    ]);
    assert.deepEqual(r.catalog, {
      levels: [{ id: 'one', title: 'One', order: 1, summary: 's' }],
      roles: [{ id: 'r-one', title: 'R', summary: 's' }],
      skills: [{ id: 's-one', title: 'S', summary: 's', roles: ['r-one', 'r-two'], expectations: [] }],
      careerRelevance: [],
    });
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), [
      'b.yaml:3:5: skills[1]: missing required field "title"',
      'b.yaml:3:5: skills[1]: missing required field "summary"',
      'b.yaml:3:5: skills[1]: missing required field "roles"',
      'b.yaml:3:5: skills[1]: missing required field "expectations"',
      'b.yaml:3:11: skills[1].id: expected text, found number 7',
      'b.yaml:2:55: skills[0].roles[1]: unknown role id "r-two"',
    ]);
  });

  it('compilePacks: each kind of entry once, later files winning, empty kinds left out, problems against the base', () => {
    const { fragment, diagnostics } = compilePacks(
      [
        { file: 'a.yaml', text: 'practiceProjects:\n  - { skill: beta, id: p, title: First, difficulty: beginner, scenario: s, steps: [a] }\n  - { skill: zeta, id: p, title: Zeta, difficulty: beginner, scenario: s, steps: [a] }\n' },
        { file: 'b.yaml', text: 'practiceProjects:\n  - { skill: beta, id: p, title: Second, difficulty: beginner, scenario: s, steps: [a] }\nlevels:\n  - { id: top, title: Top, order: 9, summary: s }\n' },
        { file: 'c.yaml', text: 'roles:\n  - { id: extra, title: Extra, summary: s, colour: red }\n' },
      ],
      base,
    );
    assert.deepEqual(fragment, {
      levels: [{ id: 'top', title: 'Top', order: 9, summary: 's' }],
      practiceProjects: [
        { skill: 'beta', id: 'p', title: 'Second', difficulty: 'beginner', scenario: 's', steps: ['a'] },
        { skill: 'zeta', id: 'p', title: 'Zeta', difficulty: 'beginner', scenario: 's', steps: ['a'] },
      ],
    });
    assert.deepEqual(diagnostics.map(formatDiagnostic), [
      'c.yaml:2:44: roles[0].colour: unknown field "colour"; expected one of id, title, summary, skillClusters',
      '(bundled catalog):1:1: skills[0].expectations[1].role: unknown role id "ghost"',
      '(bundled catalog):1:1: skills[0].expectations[2].level: unknown level id "nowhere"',
    ]);
  });

  it('on top of a base, the files override and extend it', () => {
    const r = loadCatalog([{ file: 'a.yaml', text: 'roles:\n  - { id: ds, title: Data (team), summary: s }\n  - { id: extra, title: Extra, summary: s }\n' }], base);
    assert.deepEqual(r.catalog.roles.map((x) => `${x.id}:${x.title}`), ['ml:ML Engineer', 'ds:Data (team)', 'empty:Empty Role', 'extra:Extra']);
    assert.deepEqual(r.catalog.skills.map((x) => x.id), ['zeta', 'alphabet', 'alpha-beta', 'beta', 'gamma', 'dup-1', 'dup-2']);
    assert.equal(r.origins.get('role:ds')?.source.file, 'a.yaml');
    assert.equal(r.origins.get('role:ml')?.source.file, '(bundled catalog)');
  });

  it('compilePacks keeps one career relevance entry per id, the later one', () => {
    const entry = (skill: string) => `careerRelevance:\n  - { id: cr, skill: ${skill}, role: ml, roleSummary: r, payUplift: p, timeToProficiency: t, breadth: b, demandProfile: d, skillClusters: [], adjacentSkills: [], whyItMatters: w, bands: [] }\n`;
    const { fragment } = compilePacks([{ file: 'a.yaml', text: entry('beta') }, { file: 'b.yaml', text: entry('zeta') }], base);
    assert.deepEqual(fragment.careerRelevance?.map((c) => `${c.id}:${c.skill}`), ['cr:zeta']);
  });

  it('compilePacks of nothing is an empty fragment', () => {
    const { fragment, diagnostics } = compilePacks([{ file: 'empty.yaml', text: '' }], { ...base, skills: [], careerRelevance: [] });
    assert.deepEqual([fragment, diagnostics], [{}, []]);
  });
});
