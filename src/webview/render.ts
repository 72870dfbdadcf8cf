/** Composes the whole page from its view model: header, role and level controls, next level, tabs. */
import type { SkillPageModel, SkillPageViewModel } from '../shared/skillPageModel';
import type { TabId } from '../shared/protocol';
import { h, icon, on, srOnly, type Child } from './dom';
import { renderMatrix } from './matrix';
import { renderNextLevel } from './nextLevel';
import { renderCareer, renderInterview, renderProjects, renderStages, renderTools } from './sections';
import { tr } from './strings';
import { badge, iconButton, type Actions } from './widgets';

export interface PageActions extends Actions {
  choosePath(): void;
  selectRole(role: string): void;
  selectLevel(level: string): void;
  revealInTree(): void;
}

export interface ViewState {
  tab: TabId;
  fullText: boolean;
  /** Keys of the collapsibles the learner opened (kept across re-renders). */
  openKeys: Set<string>;
}

export interface PageContext {
  actions: PageActions;
  view: ViewState;
  onTab(tab: TabId): void;
  onFullText(full: boolean): void;
}

export function renderPage(model: SkillPageViewModel, ctx: PageContext): Node[] {
  if (model.kind === 'missing') {
    return [
      h(
        'main',
        { id: 'main', class: 'missing' },
        h('h1', null, icon('warning'), ' ', tr('missingTitle')),
        h('p', null, tr('missingBody', model.skill)),
      ),
    ];
  }
  return [renderHeader(model, ctx), h('main', { id: 'main', 'aria-labelledby': 'skill-title' }, renderControls(model, ctx), renderNextLevel(model, ctx.actions, ctx.view.openKeys), renderTabs(model, ctx))];
}

function renderHeader(model: SkillPageModel, ctx: PageContext): HTMLElement {
  const s = model.skill;
  const where: Child[] = [];
  if (s.domain) where.push(h('span', { class: 'domain' }, h('span', { class: 'label' }, tr('domain')), ' ', s.domain));
  if (s.group) where.push(h('span', { class: 'group' }, h('span', { class: 'label' }, tr('group')), ' ', s.group));
  if (s.updated) where.push(h('span', { class: 'updated' }, h('span', { class: 'label' }, tr('updated')), ' ', s.updated));

  const reveal = iconButton('list-tree', tr('showInTree'), { secondary: true, 'data-key': 'header:reveal' });
  on(reveal, 'click', () => ctx.actions.revealInTree());

  return h(
    'header',
    { class: 'page-header' },
    h('div', { class: 'title-row' }, h('h1', { id: 'skill-title' }, icon('mortar-board', 'title-icon'), ' ', s.title), h('div', { class: 'header-actions' }, reveal)),
    h('p', { class: 'summary' }, s.summary),
    where.length ? h('p', { class: 'where' }, where) : null,
    s.tags.length ? h('ul', { class: 'tags chips', 'aria-label': tr('tags') }, s.tags.map((t) => h('li', null, badge('tag', t)))) : null,
    model.figures.length
      ? h(
          'dl',
          { class: 'figures', 'aria-label': tr('figures') },
          model.figures.map((f) =>
            h('div', { class: `figure figure-${f.id}` }, h('dt', null, icon(f.id === 'aiRisk' ? 'robot' : f.id === 'demand' ? 'graph-line' : 'briefcase'), ' ', f.label), h('dd', { 'aria-label': f.description }, f.value)),
          ),
        )
      : null,
    s.whyItMatters ? h('p', { class: 'why' }, h('strong', null, tr('whyItMattersLead')), ' ', s.whyItMatters) : null,
  );
}

/**
 * A select whose choice re-renders the page commits on intent: a pick from its list (mouse, or
 * Enter in the open list) at once; arrow keys and type-ahead on the closed select (which change
 * its value on Windows and Linux) only move the choice, committed by Enter or by leaving the
 * select, and Escape puts the committed one back. So a keyboard user walks the options without
 * the page rebuilding under them (WCAG 3.2.2, On Input).
 */
function commitOnIntent(select: HTMLSelectElement, committed: string, commit: (value: string) => void): void {
  let moved = false;
  const done = () => {
    moved = false;
    if (select.value && select.value !== committed) commit(select.value);
  };
  select.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') done();
    else if (ev.key === 'Escape' && moved) {
      moved = false;
      select.value = committed;
    } else if (ev.altKey || ev.key === 'F4' || ev.key === ' ') {
      // These open the list: what is picked there commits (change) at once.
      moved = false;
    } else if (ev.key !== 'Tab' && ev.key !== 'Shift') moved = true;
  });
  select.addEventListener('change', () => {
    if (!moved) done();
  });
  select.addEventListener('blur', () => {
    if (moved) done();
  });
}

/**
 * The role and level pickers are native selects, styled with the theme's dropdown colours: keyboard,
 * type-ahead and screen-reader support come with them, and a vscode-single-select (about a third of
 * the page's script, and its slowest first update) bought nothing more for lists of five to seven.
 */
function renderControls(model: SkillPageModel, ctx: PageContext): HTMLElement {
  const roleSelect = h(
    'select',
    { id: 'role-select', 'data-key': 'role-select', class: 'role-select' },
    model.roles.map((r) => h('option', { value: r.id, selected: r.id === model.selection.role }, r.mine ? tr('yourRoleOption', r.title) : r.title)),
  );
  commitOnIntent(roleSelect, model.selection.role ?? '', (role) => ctx.actions.selectRole(role));

  const levelSelect = h(
    'select',
    { id: 'level-select', 'data-key': 'level-select', class: 'level-select' },
    model.levels.map((l) => h('option', { value: l.id, selected: l.id === model.selection.level }, l.mine ? tr('yourLevelOption', l.title) : l.title)),
  );
  commitOnIntent(levelSelect, model.selection.level ?? '', (level) => ctx.actions.selectLevel(level));

  const choose = h('button', { type: 'button', class: 'link', 'data-key': 'choose-path' }, model.learner ? tr('changePath') : tr('choosePath'));
  on(choose, 'click', () => ctx.actions.choosePath());
  const path = model.learner
    ? h('p', { class: 'path muted' }, icon('location'), ' ', tr('yourPath', model.learner.role.title, model.learner.level.title), ' ', choose)
    : h('p', { class: 'path muted' }, icon('info'), ' ', tr('noPath'), ' ', choose, ' ', tr('noPathAfter'));

  return h(
    'section',
    { class: 'controls', 'aria-label': tr('roleAndLevel') },
    h('div', { class: 'control' }, h('label', { for: 'role-select', id: 'role-label' }, tr('role')), roleSelect),
    h('div', { class: 'control' }, h('label', { for: 'level-select', id: 'level-label' }, tr('currentLevel')), levelSelect),
    path,
  );
}

interface Tab {
  id: TabId;
  title: string;
  count?: number;
  body: () => Node;
}

function renderTabs(model: SkillPageModel, ctx: PageContext): HTMLElement {
  const { actions, view } = ctx;
  const tabs: Tab[] = [{ id: 'expectations', title: tr('tabExpectations'), body: () => renderMatrix(model.matrix, view.fullText, ctx.onFullText) }];
  if (model.stages.length) tabs.push({ id: 'stages', title: tr('tabStages'), count: model.stages.length, body: () => renderStages(model) });
  tabs.push({ id: 'projects', title: tr('tabProjects'), count: model.projects.length, body: () => renderProjects(model, actions, view.openKeys) });
  if (model.tools.length) tabs.push({ id: 'tools', title: tr('tabTools'), count: model.tools.reduce((n, c) => n + c.tools.length, 0), body: () => renderTools(model) });
  if (model.interview.length) tabs.push({ id: 'interview', title: tr('tabInterview'), count: model.interview.length, body: () => renderInterview(model, view.openKeys) });
  tabs.push({ id: 'career', title: tr('tabCareer'), body: () => renderCareer(model, actions.selectRole) });

  const selected = Math.max(0, tabs.findIndex((t) => t.id === view.tab));
  // Only the shown tab's content is built; the others are built the first time they are picked
  // (this is most of a render: the first paint and every switch in place build one tab, not six).
  const panels = tabs.map((t, i) => h('vscode-tab-panel', { 'data-tab': t.id }, h('h2', { class: 'sr-only' }, t.title), i === selected ? t.body() : null));
  const built = new Set([selected]);
  const el = h(
    'vscode-tabs',
    { 'selected-index': selected, class: 'tabs', 'aria-label': tr('skillDetails') },
    tabs.flatMap((t, i) => [
      h(
        'vscode-tab-header',
        { 'data-tab': t.id, 'data-key': `tab:${t.id}` },
        t.title,
        t.count !== undefined ? h('span', { class: 'badge counter', slot: 'content-after', 'aria-hidden': 'true' }, String(t.count)) : null,
        t.count !== undefined ? srOnly(` (${t.count})`) : null,
      ),
      panels[i] as HTMLElement,
    ]),
  );
  el.addEventListener('vsc-tabs-select', (ev) => {
    const index = ev.detail.selectedIndex;
    const tab = tabs[index];
    if (!tab) return;
    if (!built.has(index)) {
      built.add(index);
      panels[index]?.appendChild(tab.body());
    }
    ctx.onTab(tab.id);
  });
  return el;
}
