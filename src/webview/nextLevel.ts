/** "To reach the next level": what the next level expects that the current one does not, and what serves it. */
import type { NextLevel, SkillPageModel } from '../shared/skillPageModel';
import { h, icon } from './dom';
import { collapsible, projectCard, requiredBadge, type Actions } from './widgets';

const CHANGE: Record<string, string> = {
  becomesRequired: 'becomes required',
  becomesOptional: 'becomes optional',
  staysRequired: 'required at both levels',
  staysOptional: 'optional at both levels',
  new: 'new for this role',
};

export function renderNextLevel(model: SkillPageModel, actions: Actions, openKeys: Set<string>): HTMLElement {
  const n = model.nextLevel;
  const section = (title: string, ...body: (HTMLElement | null)[]) =>
    h('section', { id: 'next-level', class: 'card next-level', 'aria-labelledby': 'next-level-heading', 'data-kind': n.kind }, h('h2', { id: 'next-level-heading' }, icon('arrow-circle-up'), ' ', title), ...body);

  switch (n.kind) {
    case 'noRole':
      return section('To reach the next level', h('p', { class: 'muted' }, 'No role of this skill has expectations in the catalog.'));
    case 'top':
      return section(
        `${n.level.title} is the top level`,
        h('p', null, `${n.level.title} is the highest level in the matrix, so there is no next level for ${n.role.title}. The expectations above are the ones to keep meeting.`),
      );
    case 'noExpectation':
      return section(
        `To reach ${n.to.title} as ${n.role.title}`,
        h('p', { class: 'muted' }, `The matrix has no ${model.skill.title} expectation for ${n.role.title} at ${n.to.title}.`),
      );
    case 'gap':
      return section(`To reach ${n.to.title} as ${n.role.title}`, ...gapBody(model, n, actions, openKeys));
  }
}

function gapBody(model: SkillPageModel, n: Extract<NextLevel, { kind: 'gap' }>, actions: Actions, openKeys: Set<string>): (HTMLElement | null)[] {
  const transition = h(
    'p',
    { class: 'transition' },
    h('span', { class: 'level-from' }, n.from.title, ' ', n.current ? requiredBadge(n.current.required) : h('span', { class: 'muted' }, '(no expectation)')),
    ' ',
    icon('arrow-right'),
    ' ',
    h('span', { class: 'level-to' }, n.to.title, ' ', requiredBadge(n.next.required)),
    h('span', { class: 'muted change' }, ` · ${CHANGE[n.change] ?? n.change}`),
  );

  const terms = n.newTerms.length
    ? h(
        'div',
        { class: 'cover' },
        h('h3', null, 'What to cover to advance'),
        h(
          'ul',
          { class: 'terms', 'aria-label': `New at ${n.to.title}` },
          n.newTerms.map((t) => h('li', null, h('vscode-badge', { class: 'term' }, t))),
        ),
      )
    : h('p', { class: 'muted' }, `${n.to.title} words this skill like ${n.from.title} does: deepen the same practice.`);

  const points = h(
    'div',
    { class: 'expects' },
    h('h3', null, `What ${n.to.title} expects`),
    h(
      'ul',
      { class: 'points' },
      n.points.map((p) =>
        h(
          'li',
          { class: p.covered ? 'covered' : undefined },
          p.segments.map((s) => (s.added ? h('mark', { class: 'added' }, s.text) : s.text)),
          p.covered ? h('span', { class: 'muted' }, ' (you already cover this)') : null,
        ),
      ),
    ),
    h('p', { class: 'muted hint' }, h('mark', { class: 'added sample' }, 'Highlighted'), ` words are not in the ${n.from.title} expectation.`),
  );

  const currentKey = 'next:current';
  const current = n.current
    ? collapsible(
        `What ${n.from.title} expects (your starting point)`,
        currentKey,
        openKeys.has(currentKey),
        (open) => (open ? openKeys.add(currentKey) : openKeys.delete(currentKey)),
        h('p', { class: 'expectation' }, n.current.text),
      )
    : null;

  const progress = model.progress
    ? h('p', { class: 'progress' }, icon('checklist'), ` ${model.progress.done} of ${model.progress.total} milestones done in your projects for ${model.skill.title}.`)
    : null;

  const projects = h(
    'div',
    { class: 'serving' },
    h('h3', null, 'Practice projects that serve it'),
    n.projects.length
      ? h('div', { class: 'project-list' }, n.projects.map((p) => projectCard(p, actions, { headingLevel: 4, keyPrefix: 'next', openKeys, compact: true })))
      : h('p', { class: 'muted' }, `No practice project or starter is aimed at ${n.to.title} for this skill yet; see the Practice projects tab for the others.`),
  );

  return [transition, terms, points, current, progress, projects];
}
