/** The tabbed reference sections: learning stages, practice projects, tools, interview questions, career. */
import type { SkillPageModel } from '../shared/skillPageModel';
import { h, icon } from './dom';
import { tr } from './strings';
import { badge, collapsible, projectCard, skillLink, type Actions } from './widgets';

export function renderStages(model: SkillPageModel): HTMLElement {
  if (model.stages.length === 0) return h('p', { class: 'muted' }, tr('noStages'));
  return h(
    'ol',
    { class: 'stages' },
    model.stages.map((s, i) =>
      h(
        'li',
        { class: 'stage' },
        h('h3', null, h('span', { class: 'stage-number', 'aria-hidden': 'true' }, String(i + 1)), ' ', s.title),
        h('h4', null, icon('target'), ' ', tr('focus')),
        h('ul', null, s.focus.map((f) => h('li', null, f))),
        s.pitfalls.length ? [h('h4', null, icon('warning'), ' ', tr('pitfalls')), h('ul', { class: 'pitfalls' }, s.pitfalls.map((p) => h('li', null, p)))] : null,
      ),
    ),
  );
}

export function renderProjects(model: SkillPageModel, actions: Actions, openKeys: Set<string>): HTMLElement {
  if (model.projects.length === 0) return h('p', { class: 'muted' }, tr('noProjects'));
  const related = model.related.length
    ? h('p', { class: 'muted' }, tr('alsoRelated'), ' ', model.related.map((r, i) => [i > 0 ? ', ' : '', skillLink(r.title, r.id, actions)]), '.')
    : null;
  return h('div', { class: 'projects' }, related, model.projects.map((p) => projectCard(p, actions, { headingLevel: 3, keyPrefix: 'tab', openKeys })));
}

export function renderTools(model: SkillPageModel): HTMLElement {
  if (model.tools.length === 0) return h('p', { class: 'muted' }, tr('noTools'));
  return h(
    'div',
    { class: 'tools' },
    model.tools.map((c) => {
      const table = h(
        'table',
        { class: 'lp-table tool-table', 'aria-label': c.title },
        h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'tool-name-col' }, tr('toolName')), h('th', { scope: 'col' }, tr('toolPurpose')))),
        h(
          'tbody',
          null,
          c.tools.map((t) => h('tr', null, h('th', { scope: 'row', class: 'tool-name' }, t.name), h('td', { 'data-label': tr('toolPurpose') }, t.purpose))),
        ),
      );
      return h('section', { class: 'tool-category', 'aria-label': c.title }, h('h3', null, icon('tools'), ' ', c.title), table);
    }),
  );
}

export function renderInterview(model: SkillPageModel, openKeys: Set<string>): HTMLElement {
  if (model.interview.length === 0) return h('p', { class: 'muted' }, tr('noInterview'));
  return h(
    'div',
    { class: 'interview' },
    h('p', { class: 'muted' }, tr('tryAnswering')),
    model.interview.map((q, i) => {
      const key = `interview:${q.id}`;
      // The question stays readable in full; the answer is collapsed until asked for.
      return h(
        'section',
        { class: 'question', 'aria-labelledby': `question-${i}` },
        h('h3', { id: `question-${i}` }, icon('question'), ' ', q.question),
        collapsible(
          tr('strategyAndAnswer'),
          key,
          openKeys.has(key),
          (open) => (open ? openKeys.add(key) : openKeys.delete(key)),
          h(
            'div',
            { class: 'answer' },
            h('h4', null, icon('lightbulb'), ' ', tr('strategy')),
            h('p', null, q.strategy),
            h('h4', null, icon('comment'), ' ', tr('sampleAnswer')),
            h('p', null, q.sampleAnswer),
          ),
        ),
      );
    }),
  );
}

export function renderCareer(model: SkillPageModel, selectRole: (role: string) => void): HTMLElement {
  const c = model.career.view;
  if (!c) {
    const roleTitle = model.roles.find((r) => r.id === model.selection.role)?.title ?? tr('thisRole');
    return h(
      'div',
      null,
      h('p', { class: 'muted' }, tr('noCareer', model.skill.title, roleTitle)),
      model.career.availableFor.length
        ? h(
            'p',
            null,
            tr('careerFor'),
            ' ',
            model.career.availableFor.map((r, i) => {
              const b = h('button', { type: 'button', class: 'link', 'data-role': r.id }, r.title);
              b.addEventListener('click', () => selectRole(r.id));
              return [i > 0 ? ', ' : '', b];
            }),
            '.',
          )
        : null,
    );
  }
  return h(
    'div',
    { class: 'career' },
    h('h3', null, tr('careerTitle', c.skillLabel ?? model.skill.title, c.role.title)),
    h('p', null, c.roleSummary),
    h('dl', { class: 'facts' }, c.facts.map((f) => h('div', null, h('dt', null, f.label), h('dd', null, f.value)))),
    h('h4', null, tr('skillCluster')),
    h('ul', { class: 'chips' }, c.skillClusters.map((s) => h('li', null, badge(undefined, s)))),
    c.adjacentSkills.length ? [h('h4', null, tr('adjacentSkills')), h('ul', { class: 'chips' }, c.adjacentSkills.map((s) => h('li', null, badge(undefined, s))))] : null,
    h('h4', null, tr('whyItMatters')),
    h('p', null, c.whyItMatters),
    c.bands.length
      ? [
          h('h4', null, tr('bands')),
          h('dl', { class: 'bands' }, c.bands.map((b) => h('div', null, h('dt', null, bandTitle(b.band)), h('dd', null, b.text)))),
        ]
      : null,
    c.evidence.length
      ? [
          h('h4', null, tr('evidence')),
          h(
            'ul',
            { class: 'evidence' },
            c.evidence.map((e) => h('li', null, h('p', null, e.finding), h('p', { class: 'muted source' }, icon('references'), ' ', e.source))),
          ),
        ]
      : null,
  );
}

function bandTitle(band: string): string {
  const b = band.toLowerCase();
  return b === 'mid' ? 'Mid' : b.charAt(0).toUpperCase() + b.slice(1);
}
