import * as assert from 'node:assert/strict';
import { generateCatalog } from '../../bench/generate';
import { CatalogIndex } from '../../src/core/catalog/catalogIndex';
import { english, pseudo } from '../../src/core/l10n';
import { cellTooltip, childrenOf, nodeId, PAGE_SIZE, parentOf, refForSkill, type NodeRef, type TreeContext } from '../../src/core/tree/model';
import { bundledIndex } from './helpers';
import { dataTexts, untranslated } from './untranslated';

describe('skills tree model', () => {
  let index: CatalogIndex;
  beforeEach(() => {
    index = bundledIndex();
  });
  const ctx = (over: Partial<TreeContext> = {}): TreeContext => ({ index, groupBy: 'role', t: english, ...over });

  it('by role: roles, then the five levels in order, then skills with required/optional', () => {
    const roots = childrenOf(ctx(), undefined);
    assert.equal(roots.length, 7);
    const ml = roots.find((n) => n.label === 'ML Engineer');
    assert.ok(ml);
    const levels = childrenOf(ctx(), ml.ref);
    assert.deepEqual(levels.map((l) => l.label), ['Junior', 'Middle', 'Senior', 'Lead', 'Principal']);
    const junior = childrenOf(ctx(), levels[0]?.ref);
    const pytorch = junior.find((n) => n.label === 'PyTorch');
    const pipelines = junior.find((n) => n.label === 'ML Pipelines');
    assert.equal(pytorch?.required, true);
    assert.equal(pipelines?.required, true);
    assert.match(pytorch?.description ?? '', /^Required/);
    assert.equal(pytorch?.accessibilityLabel, 'ML Engineer, Junior, PyTorch, required');
  });

  it('Computer Vision Engineer at Junior lists PyTorch as optional', () => {
    const cells = childrenOf(ctx(), { kind: 'roleLevel', role: 'computer-vision-engineer', level: 'junior' });
    const pytorch = cells.find((n) => n.label === 'PyTorch');
    assert.equal(pytorch?.required, false);
    assert.equal(pytorch?.contextValue, 'cell.optional');
    assert.match(pytorch?.accessibilityLabel ?? '', /optional$/);
  });

  it('required cells come before optional ones', () => {
    const cells = childrenOf(ctx(), { kind: 'roleLevel', role: 'llm-engineer', level: 'senior' });
    const flags = cells.map((c) => c.required);
    assert.deepEqual(flags, [...flags].sort((a, b) => Number(b) - Number(a)));
  });

  it('by skill: skill, then the roles it appears in, then levels', () => {
    const c = ctx({ groupBy: 'skill' });
    const roots = childrenOf(c, undefined);
    assert.deepEqual(roots.map((r) => r.label).sort(), ['ML Pipelines', 'PyTorch', 'Technical fluency in ML model architectures, training pipelines, and evaluation metrics'].sort());
    const roles = childrenOf(c, { kind: 'skill', skill: 'pytorch' });
    assert.equal(roles.length, 5);
    const levels = childrenOf(c, { kind: 'skillRole', skill: 'pytorch', role: 'ml-engineer' });
    assert.deepEqual(levels.map((l) => l.label), ['Junior', 'Middle', 'Senior', 'Lead', 'Principal']);
    assert.deepEqual(levels.map((l) => l.required), [true, true, true, true, true]);
  });

  it('my path puts the role first, expanded, and marks the current and next level', () => {
    const c = ctx({ path: { role: 'data-scientist', current: 'middle', target: 'lead' } });
    const roots = childrenOf(c, undefined);
    assert.equal(roots[0]?.label, 'Data Scientist');
    assert.equal(roots[0]?.expanded, true);
    const levels = childrenOf(c, roots[0]?.ref);
    assert.equal(levels.find((l) => l.label === 'Middle')?.pathMark, 'current');
    assert.equal(levels.find((l) => l.label === 'Senior')?.pathMark, 'next');
    assert.equal(levels.find((l) => l.label === 'Lead')?.pathMark, 'target');
    assert.match(levels.find((l) => l.label === 'Middle')?.accessibilityLabel ?? '', /your level/);
  });

  it('shows milestone progress on skills once milestones exist', () => {
    const c = ctx({ progress: (s) => (s === 'pytorch' ? { done: 2, total: 7 } : undefined) });
    const cells = childrenOf(c, { kind: 'roleLevel', role: 'ml-engineer', level: 'junior' });
    assert.match(cells.find((n) => n.label === 'PyTorch')?.description ?? '', /2\/7 milestones/);
    assert.doesNotMatch(cells.find((n) => n.label === 'ML Pipelines')?.description ?? '', /milestones/);
  });

  it('tooltips escape catalog text instead of rendering it as Markdown or HTML', () => {
    const hostile = new CatalogIndex({
      ...index.catalog,
      skills: [{ id: 'x', title: '<img src=x onerror=alert(1)>', summary: 's', roles: ['ml-engineer'], expectations: [{ role: 'ml-engineer', level: 'junior', required: true, text: '[click](javascript:alert(1)) <script>bad()</script>' }] }],
    });
    const md = cellTooltip(english, hostile, 'x', 'ml-engineer', 'junior');
    assert.ok(!md.includes('<img') && !md.includes('<script>') && !md.includes('](javascript:'), md);
  });

  it('ids are unique across the whole tree', () => {
    const seen = new Set<string>();
    const walk = (c: TreeContext, parent: NodeRef | undefined) => {
      for (const n of childrenOf(c, parent)) {
        assert.ok(!seen.has(n.id), n.id);
        seen.add(n.id);
        if (n.collapsible) walk(c, n.ref);
      }
    };
    walk(ctx(), undefined);
    walk(ctx({ groupBy: 'skill' }), undefined);
    assert.ok(seen.size > 100);
  });

  it('getParent inverts getChildren, so reveal works', () => {
    const c = ctx();
    const ref = refForSkill(c, 'pytorch', 'ml-engineer', 'senior');
    assert.deepEqual(ref, { kind: 'cell', skill: 'pytorch', role: 'ml-engineer', level: 'senior', under: 'role' });
    const parent = parentOf(c, ref as NodeRef);
    assert.deepEqual(parent, { kind: 'roleLevel', role: 'ml-engineer', level: 'senior' });
    assert.ok(childrenOf(c, parent).some((n) => n.id === nodeId(ref as NodeRef)));
  });

  it('never hands the tree more than 500 siblings: 10,000 skills are paged', () => {
    const big = new CatalogIndex(generateCatalog(10_000));
    const c: TreeContext = { index: big, groupBy: 'skill', t: english };
    const pages = childrenOf(c, undefined);
    assert.equal(pages.length, 20);
    assert.equal(pages[0]?.label, '1–500 of 10000');
    const first = childrenOf(c, pages[0]?.ref);
    assert.equal(first.length, PAGE_SIZE);
    const r = childrenOf({ index: big, groupBy: 'role', t: english }, { kind: 'roleLevel', role: 'ml-engineer', level: 'junior' });
    assert.deepEqual(r.map((n) => n.ref.kind), new Array<string>(20).fill('page'));
    assert.deepEqual([r[0]?.label, r[19]?.label], ['1–500 of 10000', '9501–10000 of 10000']);
    const inner = childrenOf({ index: big, groupBy: 'role', t: english }, r[3]?.ref);
    assert.equal(inner.length, PAGE_SIZE);
    // A skill deep in the list reveals through its page.
    const deep = { kind: 'skill', skill: 'skill-7777' } as const;
    const page = parentOf(c, deep);
    assert.equal(page?.kind, 'page');
    assert.ok(childrenOf(c, page).some((n) => n.id === 'skill:skill-7777'));
  });
});

describe('skills tree model in the pseudo locale', () => {
  let index: CatalogIndex;
  let data: string[];
  beforeEach(() => {
    index = bundledIndex();
    data = dataTexts(index.catalog);
  });

  it('labels, descriptions, accessibility labels and tooltips hold no untranslated text', () => {
    let checked = 0;
    const check = (text: string | undefined, where: string) => {
      if (text === undefined) return;
      assert.equal(untranslated(text, data), undefined, `${where}: ${JSON.stringify(text)}`);
      checked++;
    };
    const walk = (c: TreeContext, parent: NodeRef | undefined) => {
      for (const n of childrenOf(c, parent)) {
        check(n.label, `${n.id} label`);
        check(n.description, `${n.id} description`);
        check(n.accessibilityLabel, `${n.id} accessibility label`);
        if (n.ref.kind === 'cell') check(cellTooltip(pseudo, index, n.ref.skill, n.ref.role, n.ref.level).replace(/\\/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'), `${n.id} tooltip`);
        if (n.collapsible) walk(c, n.ref);
      }
    };
    const progress = () => ({ done: 2, total: 5 });
    for (const groupBy of ['role', 'skill'] as const) {
      walk({ index, groupBy, t: pseudo }, undefined);
      walk({ index, groupBy, t: pseudo, path: { role: 'ml-engineer', current: 'junior', target: 'lead' }, progress }, undefined);
    }
    // Pages of a big catalog.
    const big = new CatalogIndex(generateCatalog(1_200));
    for (const n of childrenOf({ index: big, groupBy: 'skill', t: pseudo }, undefined)) {
      check(n.label, n.id);
      check(n.accessibilityLabel, n.id);
    }
    assert.ok(checked > 500, `${checked} texts checked`);
  });

  it('the check catches English that skipped translation', () => {
    const node = childrenOf({ index, groupBy: 'role', t: english }, undefined)[0];
    assert.ok(node);
    const level = childrenOf({ index, groupBy: 'role', t: english }, node.ref)[0];
    assert.ok(level?.description && untranslated(level.description, data) !== undefined, 'English counts are found');
  });
});
