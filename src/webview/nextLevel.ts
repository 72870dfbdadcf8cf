/** "To reach the next level": what the next level expects that the current one does not, and what serves it. */
import type { NextLevel, SkillPageModel } from '../shared/skillPageModel';
import { h, icon } from './dom';
import { tr } from './strings';
import { badge, collapsible, projectCard, requiredBadge, type Actions } from './widgets';

function changeText(change: Extract<NextLevel, { kind: 'gap' }>['change']): string {
  switch (change) {
    case 'becomesRequired':
      return tr('becomesRequired');
    case 'becomesOptional':
      return tr('becomesOptional');
    case 'staysRequired':
      return tr('staysRequired');
    case 'staysOptional':
      return tr('staysOptional');
    case 'new':
      return tr('newForRole');
  }
}

export function renderNextLevel(model: SkillPageModel, actions: Actions, openKeys: Set<string>): HTMLElement {
  const n = model.nextLevel;
  const section = (title: string, ...body: (HTMLElement | null)[]) =>
    h('section', { id: 'next-level', class: 'card next-level', 'aria-labelledby': 'next-level-heading', 'data-kind': n.kind }, h('h2', { id: 'next-level-heading' }, icon('arrow-circle-up'), ' ', title), ...body);

  switch (n.kind) {
    case 'noRole':
      return section(tr('toReachNext'), h('p', { class: 'muted' }, tr('noRoleExpectations')));
    case 'top':
      return section(
        tr('topLevel', n.level.title),
        h('p', null, tr('topLevelBody', n.level.title, n.role.title)),
      );
    case 'noExpectation':
      return section(
        tr('toReach', n.to.title, n.role.title),
        h('p', { class: 'muted' }, tr('noExpectationFor', model.skill.title, n.role.title, n.to.title)),
      );
    case 'gap':
      return section(tr('toReach', n.to.title, n.role.title), ...gapBody(model, n, actions, openKeys));
  }
}

function gapBody(model: SkillPageModel, n: Extract<NextLevel, { kind: 'gap' }>, actions: Actions, openKeys: Set<string>): (HTMLElement | null)[] {
  const transition = h(
    'p',
    { class: 'transition' },
    h('span', { class: 'level-from' }, n.from.title, ' ', n.current ? requiredBadge(n.current.required) : h('span', { class: 'muted' }, tr('noExpectation'))),
    ' ',
    icon('arrow-right'),
    ' ',
    h('span', { class: 'level-to' }, n.to.title, ' ', requiredBadge(n.next.required)),
    h('span', { class: 'muted change' }, ` · ${changeText(n.change)}`),
  );

  const terms = n.newTerms.length
    ? h(
        'div',
        { class: 'cover' },
        h('h3', null, tr('whatToCover')),
        h(
          'ul',
          { class: 'terms', 'aria-label': tr('newAt', n.to.title) },
          n.newTerms.map((t) => h('li', null, badge('term', t))),
        ),
      )
    : h('p', { class: 'muted' }, tr('sameWording', n.to.title, n.from.title));

  const points = h(
    'div',
    { class: 'expects' },
    h('h3', null, tr('whatExpects', n.to.title)),
    h(
      'ul',
      { class: 'points' },
      n.points.map((p) =>
        h(
          'li',
          { class: p.covered ? 'covered' : undefined },
          p.segments.map((s) => (s.added ? h('mark', { class: 'added' }, s.text) : s.text)),
          p.covered ? h('span', { class: 'muted' }, ` ${tr('alreadyCovered')}`) : null,
        ),
      ),
    ),
    h('p', { class: 'muted hint' }, h('mark', { class: 'added sample' }, tr('highlighted')), ' ', tr('highlightedAfter', n.from.title)),
  );

  const currentKey = 'next:current';
  const current = n.current
    ? collapsible(
        tr('startingPoint', n.from.title),
        currentKey,
        openKeys.has(currentKey),
        (open) => (open ? openKeys.add(currentKey) : openKeys.delete(currentKey)),
        h('p', { class: 'expectation' }, n.current.text),
      )
    : null;

  const progress = model.progress
    ? h('p', { class: 'progress' }, icon('checklist'), ' ', tr('milestonesDone', model.progress.done, model.progress.total, model.skill.title))
    : null;

  const projects = h(
    'div',
    { class: 'serving' },
    h('h3', null, tr('servingProjects')),
    n.projects.length
      ? h('div', { class: 'project-list' }, n.projects.map((p) => projectCard(p, actions, { headingLevel: 4, keyPrefix: 'next', openKeys, compact: true })))
      : h('p', { class: 'muted' }, tr('noServing', n.to.title)),
  );

  return [transition, terms, points, current, progress, projects];
}
