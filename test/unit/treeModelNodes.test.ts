// The Skills tree model (src/core/tree/model.ts) over small hand-made catalogs: every node's
// label, description, accessibility label, marks and context value; ids; parents; paging; the
// ref that reveals a skill; tooltips.
import * as assert from 'node:assert/strict';
import { CatalogIndex } from '../../src/core/catalog/catalogIndex';
import { english } from '../../src/core/l10n';
import { cellTooltip, childrenOf, escapeMarkdown, nodeId, PAGE_SIZE, parentOf, refForSkill, type MyPath, type NodeRef, type TreeContext } from '../../src/core/tree/model';
import { pagedCatalog, smallCatalog, wideCatalog } from './catalogFixtures';

describe('Skills tree nodes (core/tree/model)', () => {
  let index: CatalogIndex;
  beforeEach(() => {
    index = new CatalogIndex(smallCatalog());
  });
  const ctx = (over: Partial<TreeContext> = {}): TreeContext => ({ index, groupBy: 'role', t: english, ...over });
  const progress = (skill: string) => (skill === 'beta' ? { done: 2, total: 5 } : undefined);
  const mlJunior: MyPath = { role: 'ml', current: 'junior', target: 'senior' };

  it('ids of every kind of node', () => {
    const cell = { kind: 'cell', skill: 's', role: 'r', level: 'l' } as const;
    assert.deepEqual(
      [
        nodeId({ kind: 'role', role: 'r' }),
        nodeId({ kind: 'roleLevel', role: 'r', level: 'l' }),
        nodeId({ kind: 'skill', skill: 's' }),
        nodeId({ kind: 'skillRole', skill: 's', role: 'r' }),
        nodeId({ ...cell, under: 'role' }),
        nodeId({ ...cell, under: 'skill' }),
        nodeId({ kind: 'page', parent: undefined, start: 500, end: 1000 }),
        nodeId({ kind: 'page', parent: { kind: 'skill', skill: 's' }, start: 0, end: 500 }),
      ],
      ['role:r', 'role:r/level:l', 'skill:s', 'skill:s/role:r', 'role:r/level:l/skill:s', 'skill:s/role:r/level:l', 'root/page:500', 'skill:s/page:0'],
    );
  });

  it('by role, without a path: the roles in catalog order, none marked', () => {
    assert.deepEqual(childrenOf(ctx(), undefined), [
      { ref: { kind: 'role', role: 'ml' }, id: 'role:ml', label: 'ML Engineer', accessibilityLabel: 'ML Engineer', collapsible: true, expanded: false, contextValue: 'role' },
      { ref: { kind: 'role', role: 'ds' }, id: 'role:ds', label: 'Data Scientist', accessibilityLabel: 'Data Scientist', collapsible: true, expanded: false, contextValue: 'role' },
      { ref: { kind: 'role', role: 'empty' }, id: 'role:empty', label: 'Empty Role', accessibilityLabel: 'Empty Role', collapsible: true, expanded: false, contextValue: 'role' },
    ]);
  });

  it('by role, with a path: my role first, described and expanded, the others in catalog order', () => {
    const roots = childrenOf(ctx({ path: { role: 'ds', current: 'junior', target: 'senior' } }), undefined);
    assert.deepEqual(roots[0], { ref: { kind: 'role', role: 'ds' }, id: 'role:ds', label: 'Data Scientist', description: 'my path', accessibilityLabel: 'Data Scientist, my path', collapsible: true, expanded: true, contextValue: 'role' });
    assert.deepEqual(
      roots.map((r) => [r.id, r.expanded, r.description]),
      [
        ['role:ds', true, 'my path'],
        ['role:ml', false, undefined],
        ['role:empty', false, undefined],
      ],
    );
  });

  it('a path role the catalog lacks is shown by its id', () => {
    const roots = childrenOf(ctx({ path: { role: 'ghost', current: 'junior', target: 'senior' } }), undefined);
    assert.deepEqual(roots.map((r) => r.id), ['role:ml', 'role:ds', 'role:empty']);
    const ref: NodeRef = { kind: 'role', role: 'ghost' };
    assert.deepEqual(childrenOf(ctx({ path: { role: 'ghost', current: 'junior', target: 'senior' } }), ref).map((l) => [l.label, l.accessibilityLabel]), [
      ['Junior', 'ghost, Junior, your level: 0 required, 0 optional'],
      ['Middle', 'ghost, Middle, next level: 0 required, 0 optional'],
      ['Senior', 'ghost, Senior, your target: 0 required, 0 optional'],
    ]);
  });

  it("the levels of my role: counts, my current, next and target level marked, current and next expanded, empty levels not collapsible", () => {
    assert.deepEqual(childrenOf(ctx({ path: mlJunior }), { kind: 'role', role: 'ml' }), [
      {
        ref: { kind: 'roleLevel', role: 'ml', level: 'junior' },
        id: 'role:ml/level:junior',
        label: 'Junior',
        description: 'your level · 2 required, 3 optional',
        accessibilityLabel: 'ML Engineer, Junior, your level: 2 required, 3 optional',
        collapsible: true,
        expanded: true,
        pathMark: 'current',
        contextValue: 'level',
      },
      {
        ref: { kind: 'roleLevel', role: 'ml', level: 'middle' },
        id: 'role:ml/level:middle',
        label: 'Middle',
        description: 'next level · 1 required, 1 optional',
        accessibilityLabel: 'ML Engineer, Middle, next level: 1 required, 1 optional',
        collapsible: true,
        expanded: true,
        pathMark: 'next',
        contextValue: 'level',
      },
      {
        ref: { kind: 'roleLevel', role: 'ml', level: 'senior' },
        id: 'role:ml/level:senior',
        label: 'Senior',
        description: 'your target · 0 required, 0 optional',
        accessibilityLabel: 'ML Engineer, Senior, your target: 0 required, 0 optional',
        collapsible: false,
        expanded: false,
        pathMark: 'target',
        contextValue: 'level',
      },
    ]);
  });

  it('a level that is neither current, next nor target has no mark', () => {
    const levels = childrenOf(ctx({ path: { role: 'ml', current: 'middle', target: 'middle' } }), { kind: 'role', role: 'ml' });
    assert.deepEqual(
      levels.map((l) => [l.id, l.pathMark, l.expanded, l.description]),
      [
        ['role:ml/level:junior', undefined, false, '2 required, 3 optional'],
        ['role:ml/level:middle', 'current', true, 'your level · 1 required, 1 optional'],
        ['role:ml/level:senior', 'next', true, 'next level · 0 required, 0 optional'],
      ],
    );
    assert.equal('pathMark' in (levels[0] ?? {}), false);
  });

  it('without a path, no level and no cell is marked', () => {
    assert.deepEqual(
      childrenOf(ctx(), { kind: 'role', role: 'ml' }).map((l) => [l.id, l.description, l.expanded, 'pathMark' in l]),
      [
        ['role:ml/level:junior', '2 required, 3 optional', false, false],
        ['role:ml/level:middle', '1 required, 1 optional', false, false],
        ['role:ml/level:senior', '0 required, 0 optional', false, false],
      ],
    );
    assert.deepEqual(
      childrenOf(ctx({ groupBy: 'skill' }), { kind: 'skillRole', skill: 'zeta', role: 'ml' }).map((c) => [c.id, c.description, 'pathMark' in c]),
      [
        ['skill:zeta/role:ml/level:junior', 'Required', false],
        ['skill:zeta/role:ml/level:middle', 'Optional', false],
      ],
    );
  });

  it('at the last level there is no next level to mark', () => {
    assert.deepEqual(
      childrenOf(ctx({ path: { role: 'ml', current: 'senior', target: 'junior' } }), { kind: 'role', role: 'ml' }).map((l) => [l.id, l.pathMark]),
      [
        ['role:ml/level:junior', 'target'],
        ['role:ml/level:middle', undefined],
        ['role:ml/level:senior', 'current'],
      ],
    );
  });

  it('the levels of another role than mine carry no marks', () => {
    assert.deepEqual(childrenOf(ctx({ path: mlJunior }), { kind: 'role', role: 'ds' }), [
      { ref: { kind: 'roleLevel', role: 'ds', level: 'junior' }, id: 'role:ds/level:junior', label: 'Junior', description: '0 required, 1 optional', accessibilityLabel: 'Data Scientist, Junior: 0 required, 1 optional', collapsible: true, expanded: false, contextValue: 'level' },
      { ref: { kind: 'roleLevel', role: 'ds', level: 'middle' }, id: 'role:ds/level:middle', label: 'Middle', description: '2 required, 0 optional', accessibilityLabel: 'Data Scientist, Middle: 2 required, 0 optional', collapsible: true, expanded: false, contextValue: 'level' },
      { ref: { kind: 'roleLevel', role: 'ds', level: 'senior' }, id: 'role:ds/level:senior', label: 'Senior', description: '1 required, 0 optional', accessibilityLabel: 'Data Scientist, Senior: 1 required, 0 optional', collapsible: true, expanded: false, contextValue: 'level' },
    ]);
  });

  it('the cells of a role and level: skill labels, required or optional, milestone progress, no path marks', () => {
    assert.deepEqual(childrenOf(ctx({ path: mlJunior, progress }), { kind: 'roleLevel', role: 'ml', level: 'junior' }), [
      {
        ref: { kind: 'cell', skill: 'beta', role: 'ml', level: 'junior', under: 'role' },
        id: 'role:ml/level:junior/skill:beta',
        label: 'beta',
        description: 'Required · 2/5 milestones',
        accessibilityLabel: 'ML Engineer, Junior, beta, required, 2 of 5 milestones done',
        collapsible: false,
        required: true,
        contextValue: 'cell.required',
      },
      { ref: { kind: 'cell', skill: 'zeta', role: 'ml', level: 'junior', under: 'role' }, id: 'role:ml/level:junior/skill:zeta', label: 'zeta tools', description: 'Required', accessibilityLabel: 'ML Engineer, Junior, zeta tools, required', collapsible: false, required: true, contextValue: 'cell.required' },
      { ref: { kind: 'cell', skill: 'alpha-beta', role: 'ml', level: 'junior', under: 'role' }, id: 'role:ml/level:junior/skill:alpha-beta', label: 'Alpha_Beta', description: 'Optional', accessibilityLabel: 'ML Engineer, Junior, Alpha_Beta, optional', collapsible: false, required: false, contextValue: 'cell.optional' },
      { ref: { kind: 'cell', skill: 'alphabet', role: 'ml', level: 'junior', under: 'role' }, id: 'role:ml/level:junior/skill:alphabet', label: 'Alphabet', description: 'Optional', accessibilityLabel: 'ML Engineer, Junior, Alphabet, optional', collapsible: false, required: false, contextValue: 'cell.optional' },
      { ref: { kind: 'cell', skill: 'gamma', role: 'ml', level: 'junior', under: 'role' }, id: 'role:ml/level:junior/skill:gamma', label: 'Gamma', description: 'Optional', accessibilityLabel: 'ML Engineer, Junior, Gamma, optional', collapsible: false, required: false, contextValue: 'cell.optional' },
    ]);
  });

  it('by skill: skills in catalog order, described by group and milestone progress', () => {
    assert.deepEqual(childrenOf(ctx({ groupBy: 'skill', progress }), undefined), [
      { ref: { kind: 'skill', skill: 'zeta' }, id: 'skill:zeta', label: 'zeta tools', description: 'Tooling', accessibilityLabel: 'zeta tools', collapsible: true, contextValue: 'skill' },
      { ref: { kind: 'skill', skill: 'alphabet' }, id: 'skill:alphabet', label: 'Alphabet', accessibilityLabel: 'Alphabet', collapsible: true, contextValue: 'skill' },
      { ref: { kind: 'skill', skill: 'alpha-beta' }, id: 'skill:alpha-beta', label: 'Alpha_Beta', accessibilityLabel: 'Alpha_Beta', collapsible: true, contextValue: 'skill' },
      { ref: { kind: 'skill', skill: 'beta' }, id: 'skill:beta', label: 'beta', description: 'Core · 2/5 milestones', accessibilityLabel: 'beta, 2 of 5 milestones done', collapsible: true, contextValue: 'skill' },
      { ref: { kind: 'skill', skill: 'gamma' }, id: 'skill:gamma', label: 'Gamma', accessibilityLabel: 'Gamma', collapsible: true, contextValue: 'skill' },
      { ref: { kind: 'skill', skill: 'dup-1' }, id: 'skill:dup-1', label: 'Dup', accessibilityLabel: 'Dup', collapsible: true, contextValue: 'skill' },
      { ref: { kind: 'skill', skill: 'dup-2' }, id: 'skill:dup-2', label: 'dup', accessibilityLabel: 'dup', collapsible: true, contextValue: 'skill' },
    ]);
  });

  it('a skill without a group but with progress is described by its progress alone', () => {
    const only = childrenOf(ctx({ groupBy: 'skill', progress: (s) => (s === 'gamma' ? { done: 0, total: 3 } : undefined) }), undefined).find((n) => n.id === 'skill:gamma');
    assert.deepEqual([only?.description, only?.accessibilityLabel], ['0/3 milestones', 'Gamma, 0 of 3 milestones done']);
  });

  it("the roles of a skill: how many of their levels require it, my role expanded", () => {
    assert.deepEqual(childrenOf(ctx({ groupBy: 'skill', path: mlJunior }), { kind: 'skill', skill: 'beta' }), [
      { ref: { kind: 'skillRole', skill: 'beta', role: 'ml' }, id: 'skill:beta/role:ml', label: 'ML Engineer', description: 'required at 1 of 1 levels', accessibilityLabel: 'beta, ML Engineer: required at 1 of 1 levels', collapsible: true, expanded: true, contextValue: 'skillRole' },
      { ref: { kind: 'skillRole', skill: 'beta', role: 'ds' }, id: 'skill:beta/role:ds', label: 'Data Scientist', description: 'required at 0 of 1 levels', accessibilityLabel: 'beta, Data Scientist: required at 0 of 1 levels', collapsible: true, expanded: false, contextValue: 'skillRole' },
    ]);
    assert.deepEqual(
      childrenOf(ctx({ groupBy: 'skill' }), { kind: 'skill', skill: 'zeta' }).map((r) => [r.id, r.description, r.accessibilityLabel, r.expanded]),
      [
        ['skill:zeta/role:ml', 'required at 1 of 2 levels', 'zeta tools, ML Engineer: required at 1 of 2 levels', false],
        ['skill:zeta/role:ds', 'required at 1 of 1 levels', 'zeta tools, Data Scientist: required at 1 of 1 levels', false],
      ],
    );
  });

  it('the levels of a skill and role: level labels, marks on my role only', () => {
    assert.deepEqual(childrenOf(ctx({ groupBy: 'skill', path: mlJunior, progress }), { kind: 'skillRole', skill: 'zeta', role: 'ml' }), [
      { ref: { kind: 'cell', skill: 'zeta', role: 'ml', level: 'junior', under: 'skill' }, id: 'skill:zeta/role:ml/level:junior', label: 'Junior', description: 'Required · your level', accessibilityLabel: 'ML Engineer, Junior, zeta tools, required', collapsible: false, required: true, pathMark: 'current', contextValue: 'cell.required' },
      { ref: { kind: 'cell', skill: 'zeta', role: 'ml', level: 'middle', under: 'skill' }, id: 'skill:zeta/role:ml/level:middle', label: 'Middle', description: 'Optional · next level', accessibilityLabel: 'ML Engineer, Middle, zeta tools, optional', collapsible: false, required: false, pathMark: 'next', contextValue: 'cell.optional' },
    ]);
    const target = childrenOf(ctx({ groupBy: 'skill', path: { role: 'ds', current: 'junior', target: 'senior' }, progress }), { kind: 'skillRole', skill: 'zeta', role: 'ds' });
    assert.deepEqual(
      target.map((c) => [c.id, c.description, c.pathMark]),
      [['skill:zeta/role:ds/level:senior', 'Required · your target', 'target']],
    );
    const other = childrenOf(ctx({ groupBy: 'skill', path: mlJunior, progress }), { kind: 'skillRole', skill: 'beta', role: 'ds' });
    assert.deepEqual(
      other.map((c) => [c.id, c.description, c.accessibilityLabel, 'pathMark' in c]),
      [['skill:beta/role:ds/level:junior', 'Optional · 2/5 milestones', 'Data Scientist, Junior, beta, optional, 2 of 5 milestones done', false]],
    );
  });

  it('cells and pages of nothing have no children', () => {
    assert.deepEqual(childrenOf(ctx(), { kind: 'cell', skill: 'zeta', role: 'ml', level: 'junior', under: 'role' }), []);
    assert.deepEqual(childrenOf(ctx(), { kind: 'page', parent: { kind: 'cell', skill: 'zeta', role: 'ml', level: 'junior', under: 'role' }, start: 0, end: 5 }), []);
  });

  it('parents: a role or skill is at the root, a level under its role, a role of a skill under the skill, a cell under what it was listed in', () => {
    const c = ctx();
    assert.deepEqual(
      [
        parentOf(c, { kind: 'role', role: 'ml' }),
        parentOf(c, { kind: 'skill', skill: 'beta' }),
        parentOf(c, { kind: 'roleLevel', role: 'ml', level: 'junior' }),
        parentOf(c, { kind: 'skillRole', skill: 'beta', role: 'ds' }),
        parentOf(c, { kind: 'cell', skill: 'beta', role: 'ml', level: 'junior', under: 'role' }),
        parentOf(c, { kind: 'cell', skill: 'beta', role: 'ml', level: 'junior', under: 'skill' }),
        parentOf(c, { kind: 'page', parent: { kind: 'skill', skill: 'beta' }, start: 0, end: 1 }),
      ],
      [
        undefined,
        undefined,
        { kind: 'role', role: 'ml' },
        { kind: 'skill', skill: 'beta' },
        { kind: 'roleLevel', role: 'ml', level: 'junior' },
        { kind: 'skillRole', skill: 'beta', role: 'ml' },
        { kind: 'skill', skill: 'beta' },
      ],
    );
  });

  it('the ref that shows a skill, grouped by skill: its cell when role and level have an expectation, else the skill', () => {
    const c = ctx({ groupBy: 'skill', path: mlJunior });
    assert.deepEqual(refForSkill(c, 'zeta', 'ml', 'middle'), { kind: 'cell', skill: 'zeta', role: 'ml', level: 'middle', under: 'skill' });
    assert.deepEqual(refForSkill(c, 'zeta', 'ml', 'senior'), { kind: 'skill', skill: 'zeta' });
    assert.deepEqual(refForSkill(c, 'zeta', 'ml'), { kind: 'skill', skill: 'zeta' });
    assert.deepEqual(refForSkill(c, 'zeta', undefined, 'junior'), { kind: 'skill', skill: 'zeta' });
    assert.deepEqual(refForSkill(c, 'zeta'), { kind: 'skill', skill: 'zeta' });
    assert.equal(refForSkill(c, 'nothing', 'ml', 'junior'), undefined);
  });

  it('the ref that shows a skill, grouped by role: the cell at the given, my or the first role and level', () => {
    const c = ctx({ path: { role: 'ds', current: 'middle', target: 'senior' } });
    assert.deepEqual(refForSkill(c, 'zeta', 'ml', 'middle'), { kind: 'cell', skill: 'zeta', role: 'ml', level: 'middle', under: 'role' });
    // My role, at its first level with the skill when my current level has none.
    assert.deepEqual(refForSkill(c, 'zeta'), { kind: 'cell', skill: 'zeta', role: 'ds', level: 'senior', under: 'role' });
    // My role at my current level.
    assert.deepEqual(refForSkill(c, 'dup-2'), { kind: 'cell', skill: 'dup-2', role: 'ds', level: 'middle', under: 'role' });
    // My current level, though the skill starts earlier.
    assert.deepEqual(refForSkill(ctx({ path: { role: 'ml', current: 'middle', target: 'senior' } }), 'zeta'), { kind: 'cell', skill: 'zeta', role: 'ml', level: 'middle', under: 'role' });
    // A role without the skill: the role itself.
    assert.deepEqual(refForSkill(c, 'gamma'), { kind: 'role', role: 'ds' });
    assert.deepEqual(refForSkill(c, 'zeta', 'ml', 'senior'), { kind: 'role', role: 'ml' });
    // No path: the skill's first role and level.
    assert.deepEqual(refForSkill(ctx(), 'zeta'), { kind: 'cell', skill: 'zeta', role: 'ml', level: 'junior', under: 'role' });
    assert.deepEqual(refForSkill(ctx(), 'zeta', 'ds'), { kind: 'cell', skill: 'zeta', role: 'ds', level: 'senior', under: 'role' });
    assert.deepEqual(refForSkill(ctx(), 'beta', undefined, 'junior'), { kind: 'cell', skill: 'beta', role: 'ml', level: 'junior', under: 'role' });
    assert.equal(refForSkill(ctx(), 'nothing'), undefined);
  });

  it('a skill with no known role has no ref when grouped by role', () => {
    const lonely = new CatalogIndex({ ...smallCatalog(), skills: [{ id: 'lonely', title: 'Lonely', summary: 's', roles: [], expectations: [] }] });
    assert.equal(refForSkill({ index: lonely, groupBy: 'role', t: english }, 'lonely'), undefined);
    assert.deepEqual(refForSkill({ index: lonely, groupBy: 'skill', t: english }, 'lonely'), { kind: 'skill', skill: 'lonely' });
  });

  it('tooltips: the skill, role and level titles, required or optional, and the text, all escaped', () => {
    assert.equal(cellTooltip(english, index, 'alpha-beta', 'ml', 'junior'), '**Alpha\\_Beta** — ML Engineer, Junior (optional)\n\nml at junior');
    assert.equal(cellTooltip(english, index, 'zeta', 'ds', 'senior'), '**zeta tools** — Data Scientist, Senior (required)\n\nds at senior');
    assert.equal(cellTooltip(english, index, 'ghost', 'nobody', 'never'), '**ghost** — nobody, never (optional)\n\n');
  });

  it('escapes every Markdown character with a backslash and <, > and & as entities', () => {
    assert.equal(escapeMarkdown('\\`*_{}[]()#+-.!|~'), '\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\#\\+\\-\\.\\!\\|\\~');
    assert.equal(escapeMarkdown('<b>&amp;</b> plain'), '&lt;b&gt;&amp;amp;&lt;/b&gt; plain');
  });
});

describe('Skills tree paging (core/tree/model)', () => {
  let index: CatalogIndex;
  beforeEach(() => {
    index = new CatalogIndex(pagedCatalog(1001, 501));
  });
  const ctx = (over: Partial<TreeContext> = {}): TreeContext => ({ index, groupBy: 'skill', t: english, ...over });

  it('more than 500 children become pages of 500, labelled by their range', () => {
    const pages = childrenOf(ctx(), undefined);
    assert.deepEqual(pages, [
      { ref: { kind: 'page', parent: undefined, start: 0, end: 500 }, id: 'root/page:0', label: '1–500 of 1001', accessibilityLabel: 'Items 1 to 500 of 1001', collapsible: true, contextValue: 'page' },
      { ref: { kind: 'page', parent: undefined, start: 500, end: 1000 }, id: 'root/page:500', label: '501–1000 of 1001', accessibilityLabel: 'Items 501 to 1000 of 1001', collapsible: true, contextValue: 'page' },
      { ref: { kind: 'page', parent: undefined, start: 1000, end: 1001 }, id: 'root/page:1000', label: '1001–1001 of 1001', accessibilityLabel: 'Items 1001 to 1001 of 1001', collapsible: true, contextValue: 'page' },
    ]);
    const second = childrenOf(ctx(), pages[1]?.ref);
    assert.equal(second.length, PAGE_SIZE);
    assert.deepEqual([second[0]?.id, second.at(-1)?.id], ['skill:k0500', 'skill:k0999']);
    assert.deepEqual(childrenOf(ctx(), pages[2]?.ref).map((n) => n.id), ['skill:k1000']);
  });

  it('1,000 children are two full pages', () => {
    const thousand = new CatalogIndex(pagedCatalog(1000, 1));
    assert.deepEqual(
      childrenOf({ index: thousand, groupBy: 'skill', t: english }, undefined).map((p) => p.id),
      ['root/page:0', 'root/page:500'],
    );
  });

  it('more than 500 levels, roles of a skill, or levels of a skill and role are paged; the first page holds the first of them', () => {
    const wide = new CatalogIndex(wideCatalog());
    const c: TreeContext = { index: wide, groupBy: 'role', t: english };
    const role: NodeRef = { kind: 'role', role: 'r0000' };
    const levelPages = childrenOf(c, role);
    assert.deepEqual(levelPages.map((p) => [p.id, p.label]), [['role:r0000/page:0', '1–500 of 501'], ['role:r0000/page:500', '501–501 of 501']]);
    assert.deepEqual(childrenOf(c, levelPages[1]?.ref).map((n) => [n.id, n.label]), [['role:r0000/level:l0500', 'Level 0500']]);
    const skill: NodeRef = { kind: 'skill', skill: 'wide' };
    const rolePages = childrenOf({ ...c, groupBy: 'skill' }, skill);
    assert.deepEqual(rolePages.map((p) => p.id), ['skill:wide/page:0', 'skill:wide/page:500']);
    assert.deepEqual(childrenOf(c, rolePages[1]?.ref).map((n) => [n.id, n.description]), [['skill:wide/role:r0500', 'required at 0 of 1 levels']]);
    const skillRole: NodeRef = { kind: 'skillRole', skill: 'wide', role: 'r0000' };
    const cellPages = childrenOf({ ...c, groupBy: 'skill' }, skillRole);
    assert.deepEqual(cellPages.map((p) => p.id), ['skill:wide/role:r0000/page:0', 'skill:wide/role:r0000/page:500']);
    assert.deepEqual(childrenOf(c, cellPages[1]?.ref).map((n) => [n.id, n.label]), [['skill:wide/role:r0000/level:l0500', 'Level 0500']]);
    // The first of each list is on the first page (the "wide" cell is the last of 601 cells at junior).
    assert.deepEqual(parentOf(c, { kind: 'roleLevel', role: 'r0000', level: 'junior' }), { kind: 'page', parent: role, start: 0, end: 500 });
    assert.deepEqual(parentOf(c, { kind: 'cell', skill: 'wide', role: 'r0000', level: 'junior', under: 'skill' }), { kind: 'page', parent: skillRole, start: 0, end: 500 });
    assert.deepEqual(parentOf(c, { kind: 'cell', skill: 'wide', role: 'r0000', level: 'junior', under: 'role' }), { kind: 'page', parent: { kind: 'roleLevel', role: 'r0000', level: 'junior' }, start: 500, end: 601 });
  });

  it('exactly 500 children are not paged', () => {
    const exact = new CatalogIndex(pagedCatalog(PAGE_SIZE, 1));
    const roots = childrenOf({ index: exact, groupBy: 'skill', t: english }, undefined);
    assert.equal(roots.length, PAGE_SIZE);
    assert.deepEqual([roots[0]?.id, roots.at(-1)?.id], ['skill:k0000', 'skill:k0499']);
    assert.deepEqual(parentOf({ index: exact, groupBy: 'skill', t: english }, { kind: 'skill', skill: 'k0499' }), undefined);
  });

  it('the cells of a role and level are paged too, and a cell’s parent is its page', () => {
    const c = ctx({ groupBy: 'role' });
    const level: NodeRef = { kind: 'roleLevel', role: 'r0000', level: 'junior' };
    const pages = childrenOf(c, level);
    assert.deepEqual(
      pages.map((p) => [p.id, p.label]),
      [
        ['role:r0000/level:junior/page:0', '1–500 of 1001'],
        ['role:r0000/level:junior/page:500', '501–1000 of 1001'],
        ['role:r0000/level:junior/page:1000', '1001–1001 of 1001'],
      ],
    );
    // The titles run backwards: the cells list k1000 first and k0000 last.
    assert.deepEqual(childrenOf(c, pages[2]?.ref).map((n) => n.id), ['role:r0000/level:junior/skill:k0000']);
    const cell = (skill: string): NodeRef => ({ kind: 'cell', skill, role: 'r0000', level: 'junior', under: 'role' });
    assert.deepEqual(parentOf(c, cell('k1000')), { kind: 'page', parent: level, start: 0, end: 500 });
    assert.deepEqual(parentOf(c, cell('k0300')), { kind: 'page', parent: level, start: 500, end: 1000 });
    assert.deepEqual(parentOf(c, cell('k0700')), { kind: 'page', parent: level, start: 0, end: 500 });
    assert.deepEqual(parentOf(c, cell('k0000')), { kind: 'page', parent: level, start: 1000, end: 1001 });
    assert.deepEqual(parentOf(c, pages[1]?.ref as NodeRef), level);
  });

  it('a skill’s parent is the page that lists it', () => {
    const c = ctx();
    assert.deepEqual(parentOf(c, { kind: 'skill', skill: 'k0499' }), { kind: 'page', parent: undefined, start: 0, end: 500 });
    assert.deepEqual(parentOf(c, { kind: 'skill', skill: 'k0500' }), { kind: 'page', parent: undefined, start: 500, end: 1000 });
    assert.deepEqual(parentOf(c, { kind: 'skill', skill: 'k1000' }), { kind: 'page', parent: undefined, start: 1000, end: 1001 });
  });

  it('roles are paged in path order: my role is first, on the first page', () => {
    const c = ctx({ groupBy: 'role', path: { role: 'r0500', current: 'junior', target: 'middle' } });
    const pages = childrenOf(c, undefined);
    assert.deepEqual(pages.map((p) => p.label), ['1–500 of 501', '501–501 of 501']);
    assert.deepEqual(childrenOf(c, pages[0]?.ref).slice(0, 2).map((r) => r.id), ['role:r0500', 'role:r0000']);
    assert.deepEqual(childrenOf(c, pages[1]?.ref).map((r) => r.id), ['role:r0499']);
    assert.deepEqual(parentOf(c, { kind: 'role', role: 'r0500' }), { kind: 'page', parent: undefined, start: 0, end: 500 });
    assert.deepEqual(parentOf(c, { kind: 'role', role: 'r0499' }), { kind: 'page', parent: undefined, start: 500, end: 501 });
    assert.deepEqual(parentOf(c, { kind: 'role', role: 'r0498' }), { kind: 'page', parent: undefined, start: 0, end: 500 });
  });
});
