// The skill page in the pseudo locale: the builder's sentences, the strings table the host sends,
// and the DOM the webview renders from them (through a tiny DOM shim: the render code only creates
// elements, sets attributes and properties, and appends children) hold no untranslated UI text.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { english, pseudo } from '../../src/core/l10n';
import type { TemplateManifest } from '../../src/core/scaffold/types';
import { buildSkillPage } from '../../src/core/view/skillPageModel';
import { TAB_IDS, type TabId } from '../../src/shared/protocol';
import { skillPageStrings } from '../../src/shared/skillPageStrings';
import type { SkillPageViewModel } from '../../src/shared/skillPageModel';
import { renderPage, type PageContext } from '../../src/webview/render';
import { tr, useStrings } from '../../src/webview/strings';
import { bundledIndex, repoRoot } from './helpers';
import { dataTexts, untranslated } from './untranslated';
import type { CatalogIndex } from '../../src/core/catalog/catalogIndex';

// ── A DOM just big enough for src/webview's render code ─────────────────────────────────────
class FakeNode {
  readonly childNodes: FakeNode[] = [];
  appendChild<T extends FakeNode>(child: T): T {
    this.childNodes.push(child);
    return child;
  }
}
class FakeText extends FakeNode {
  constructor(readonly data: string) {
    super();
  }
}
class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>();
  readonly updateComplete = Promise.resolve(true);
  readonly shadowRoot = null;
  [property: string]: unknown;
  constructor(readonly tagName: string) {
    super();
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  addEventListener(): void {}
  cloneNode(deep?: boolean): FakeElement {
    const copy = new FakeElement(this.tagName);
    for (const [k, v] of this.attributes) copy.attributes.set(k, v);
    if (deep) for (const c of this.childNodes) copy.appendChild(c instanceof FakeElement ? c.cloneNode(true) : c instanceof FakeText ? new FakeText(c.data) : c);
    return copy;
  }
}

function withDom<T>(fn: () => T): T {
  const g = globalThis as { document?: unknown };
  const saved = g.document;
  g.document = {
    createElement: (tag: string) => new FakeElement(tag),
    createElementNS: (_ns: string, tag: string) => new FakeElement(tag),
    createTextNode: (data: string) => new FakeText(data),
  };
  try {
    return fn();
  } finally {
    g.document = saved;
  }
}

/** Every piece of text a person can see or hear: text nodes, labels, titles, headings. */
function visibleTexts(nodes: readonly FakeNode[]): string[] {
  const out: string[] = [];
  const walk = (n: FakeNode): void => {
    if (n instanceof FakeText) out.push(n.data);
    if (n instanceof FakeElement) {
      // data-label: a matrix cell's level, shown before it when a narrow page stacks the table.
      for (const a of ['aria-label', 'title', 'label', 'data-label']) {
        const v = n.attributes.get(a);
        if (v !== undefined) out.push(v);
      }
      for (const p of ['label', 'heading']) if (typeof n[p] === 'string') out.push(n[p] as string);
    }
    n.childNodes.forEach(walk);
  };
  nodes.forEach(walk);
  return out;
}

const noop = () => undefined;
const ctx = (tab: TabId): PageContext => ({
  view: { tab, fullText: false, openKeys: new Set() },
  actions: { choosePath: noop, selectRole: noop, selectLevel: noop, revealInTree: noop, scaffold: noop, openSkill: noop },
  onTab: noop,
  onFullText: noop,
});

/** The page's texts with each tab shown in turn (a tab's content is built when it is shown). */
function render(model: SkillPageViewModel): string[] {
  return withDom(() => TAB_IDS.flatMap((tab) => visibleTexts(renderPage(model, ctx(tab)) as unknown as FakeNode[])));
}

/** Model fields that are codes, not text (ids, keys, enums). */
const CODES = new Set(['id', 'key', 'kind', 'change', 'difficulty', 'level', 'project']);

function modelTexts(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => modelTexts(x, out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) if (!CODES.has(k)) modelTexts(x, out);
  return out;
}

describe('skill page in the pseudo locale', () => {
  let index: CatalogIndex;
  let starters: TemplateManifest[];
  let data: string[];
  let runs: Set<string>;

  /** Every bundled skill, for every role and level, with and without a path; and a missing skill. */
  function models(t: typeof pseudo): SkillPageViewModel[] {
    const out: SkillPageViewModel[] = [buildSkillPage({ index, skill: 'no-such-skill', translate: t })];
    for (const s of index.skills) {
      out.push(buildSkillPage({ index, skill: s.id, starters, translate: t }));
      out.push(buildSkillPage({ index, skill: s.id, starters, path: { role: 'ml-engineer', current: 'junior', target: 'senior' }, progress: { done: 2, total: 5 }, translate: t }));
      for (const r of index.roles) for (const l of index.levels) out.push(buildSkillPage({ index, skill: s.id, role: r.id, level: l.id, starters, translate: t }));
    }
    return out;
  }

  // Built in beforeEach, not while the file loads: mutation testing ties the code they run to the tests.
  beforeEach(() => {
    index = bundledIndex();
    starters = (JSON.parse(readFileSync(join(repoRoot, 'dist', 'templates.json'), 'utf8')) as { manifest: TemplateManifest }[]).map((t) => t.manifest);
    data = dataTexts(index.catalog, starters, ['no-such-skill']);
    // The expectation diff splits catalog sentences into runs of words: those runs are catalog text too.
    const diffRuns = models(pseudo).flatMap((m) =>
      m.kind === 'skill' && m.nextLevel.kind === 'gap' ? [...m.nextLevel.newTerms, ...m.nextLevel.points.flatMap((p) => [p.text, ...p.segments.map((x) => x.text)])] : [],
    );
    runs = new Set(diffRuns);
    data.push(...dataTexts(diffRuns));
    data.sort((a, b) => b.length - a.length);
  });

  beforeEach(() => useStrings(new Map(Object.entries(skillPageStrings(pseudo)))));
  afterEach(() => useStrings(new Map()));

  it('the check itself finds English outside ⟦…⟧ and lets catalog text through', () => {
    assert.equal(untranslated('⟦To reach Senior as ML Engineer⟧', data), undefined);
    assert.equal(untranslated(`${index.skills[0]?.title} · 3/10`, data), undefined);
    assert.equal(untranslated('Demand', data), 'demand');
    assert.equal(untranslated('⟦Role⟧ (your role)', data), '(your role)');
  });

  it('every kind of next-level section and every tab is covered', () => {
    const kinds = new Set(models(pseudo).map((m) => (m.kind === 'skill' ? m.nextLevel.kind : 'missing')));
    assert.deepEqual([...kinds].sort(), ['gap', 'missing', 'noExpectation', 'top']);
  });

  it('the builder’s sentences (figures, reasons, serves labels, career facts) are all translated', () => {
    let checked = 0;
    for (const m of models(pseudo)) {
      for (const text of modelTexts(m)) {
        if (runs.has(text)) continue;
        assert.equal(untranslated(text, data), undefined, `untranslated in the model: ${JSON.stringify(text)}`);
        checked++;
      }
    }
    assert.ok(checked > 1000, `${checked} strings checked`);
  });

  it('the webview’s rendered DOM has no untranslated text', () => {
    let checked = 0;
    for (const m of models(pseudo)) {
      for (const text of render(m)) {
        if (runs.has(text)) continue;
        assert.equal(untranslated(text, data), undefined, `untranslated on the page of ${m.kind === 'skill' ? m.skill.id : m.skill}: ${JSON.stringify(text)}`);
        checked++;
      }
    }
    assert.ok(checked > 5000, `${checked} texts checked`);
  });

  it('in English the same page reads as before, with the host’s strings filled in', () => {
    useStrings(new Map(Object.entries(skillPageStrings(english))));
    try {
      assert.equal(tr('toReach', 'Senior', 'ML Engineer'), 'To reach Senior as ML Engineer');
      const texts = render(buildSkillPage({ index, skill: 'pytorch', role: 'ml-engineer', level: 'junior', starters, translate: english }));
      for (const expected of ['To reach Middle as ML Engineer', 'What to cover to advance', 'Show in Skills view', 'Practice projects', 'Required']) {
        assert.ok(texts.includes(expected), `${expected} in ${JSON.stringify(texts.slice(0, 40))}`);
      }
    } finally {
      useStrings(new Map(Object.entries(skillPageStrings(pseudo))));
    }
  });

  it('the webview holds no text of its own: without the host’s table it shows keys, not English', () => {
    useStrings(new Map());
    try {
      assert.equal(tr('toReach', 'Senior', 'ML Engineer'), 'toReach');
    } finally {
      useStrings(new Map(Object.entries(skillPageStrings(pseudo))));
    }
  });
});
