/** Small building blocks shared by the page's sections. */
import type { ExpectationView, ProjectView } from '../shared/skillPageModel';
import { h, icon, on, srOnly, type Attrs, type Child } from './dom';
import type { IconName } from './iconNames';
import { tr } from './strings';

export interface Actions {
  scaffold(starter: string, project: string | undefined): void;
  openSkill(skill: string): void;
}

/**
 * A badge in VS Code's badge colours. A styled span rather than a vscode-badge: the matrix alone
 * shows about forty, and as plain elements they cost the first frame nothing but layout.
 */
export function badge(kind: string | undefined, ...children: Child[]): HTMLElement {
  return h('span', { class: kind ? `badge ${kind}` : 'badge' }, ...children);
}

/**
 * A button in VS Code's button colours (primary, or `secondary`) with a codicon before its label.
 * A native button: focus, keyboard and the button role come with it.
 */
export function iconButton(name: IconName, label: string, attrs: Attrs & { secondary?: boolean; class?: string }): HTMLButtonElement {
  const { secondary, class: extra, ...rest } = attrs;
  const classes = ['lp-button', secondary ? 'secondary' : '', extra ?? ''].filter(Boolean).join(' ');
  return h('button', { ...rest, type: 'button', class: classes }, icon(name), h('span', null, label));
}

/** The Required/Optional badge of an expectation: the word is always shown, never just a colour. */
export function requiredBadge(required: boolean): HTMLElement {
  return badge(
    required ? 'req required' : 'req optional',
    icon(required ? 'pass-filled' : 'circle-large-outline'),
    ' ',
    required ? tr('required') : tr('optional'),
  );
}

export function markBadge(kind: 'you' | 'next' | 'selected'): HTMLElement {
  const text = kind === 'you' ? tr('markYou') : kind === 'next' ? tr('markNext') : tr('markViewing');
  const name = kind === 'you' ? 'location' : kind === 'next' ? 'arrow-circle-up' : 'eye';
  return badge(`mark mark-${kind}`, icon(name), ' ', text);
}

export function expectationText(e: ExpectationView | undefined): Child {
  return e ? h('p', { class: 'expectation' }, e.text) : h('p', { class: 'muted' }, tr('noExpectationHere'));
}

export function heading(level: 2 | 3 | 4, text: Child, attrs: Record<string, string> = {}): HTMLElement {
  return h(level === 2 ? 'h2' : level === 3 ? 'h3' : 'h4', attrs, text);
}

/**
 * A disclosure: a native <details> whose <summary> is the heading, styled like VS Code's
 * collapsible sections. The keyboard and the expanded state screen readers announce come with
 * the element. The summary carries `data-key`: it is what takes focus.
 */
export function collapsible(headingText: string, key: string, open: boolean, onToggle: (open: boolean) => void, ...body: Child[]): HTMLElement {
  const el = h(
    'details',
    { class: 'collapsible', open },
    h('summary', { 'data-key': key }, icon('chevron-right', 'chevron'), h('span', { class: 'collapsible-title' }, headingText)),
    h('div', { class: 'collapsible-body' }, ...body),
  );
  el.addEventListener('toggle', () => onToggle(el.open));
  return el;
}

export function scaffoldButton(p: ProjectView, actions: Actions): HTMLElement | undefined {
  const starter = p.starter;
  if (!starter) return undefined;
  const button = iconButton('rocket', tr('scaffold'), { class: 'scaffold', 'data-starter': starter.id, 'aria-label': tr('scaffoldLabel', p.title) });
  on(button, 'click', () => actions.scaffold(starter.id, p.project));
  return button;
}

/** A button styled as a link, for moving to another skill's page. */
export function skillLink(title: string, skill: string, actions: Actions): HTMLElement {
  const b = h('button', { type: 'button', class: 'link', 'data-skill': skill }, title);
  on(b, 'click', () => actions.openSkill(skill));
  return b;
}

function difficulty(d: string): string {
  return d === 'beginner' ? tr('beginner') : d === 'intermediate' ? tr('intermediate') : d === 'advanced' ? tr('advanced') : d;
}

/** A practice project: title, level, scenario, numbered steps, the starter's milestones, and the Scaffold button. */
export function projectCard(
  p: ProjectView,
  actions: Actions,
  options: { headingLevel: 3 | 4; keyPrefix: string; openKeys: Set<string>; compact?: boolean },
): HTMLElement {
  const meta: Child[] = [];
  if (p.difficulty) meta.push(badge('difficulty', icon('dashboard'), ' ', difficulty(p.difficulty)));
  if (p.level) meta.push(h('span', { class: 'muted' }, tr('forLevel', p.level.title)));
  if (p.from) meta.push(h('span', { class: 'muted from' }, tr('fromSkill'), ' ', skillLink(p.from.title, p.from.id, actions)));
  if (p.starter?.pack) meta.push(h('span', { class: 'muted pack' }, icon('package'), ' ', tr('fromPack', p.starter.pack)));

  const milestones = p.starter?.milestones ?? [];
  const milestoneKey = `${options.keyPrefix}:milestones:${p.key}`;
  const milestoneList = milestones.length
    ? collapsible(
        tr('starterMilestones', milestones.length),
        milestoneKey,
        options.openKeys.has(milestoneKey),
        (open) => (open ? options.openKeys.add(milestoneKey) : options.openKeys.delete(milestoneKey)),
        h(
          'ol',
          { class: 'milestones' },
          milestones.map((m) =>
            h(
              'li',
              { class: m.servesNextLevel ? 'serves-next' : undefined },
              h('span', { class: 'milestone-title' }, m.servesNextLevel ? icon('star-full') : icon('milestone'), ' ', m.title),
              m.servesNextLevel ? srOnly(` ${tr('servesNextLevel')}`) : null,
              h('span', { class: 'milestone-done' }, m.done),
              m.serves.length ? h('span', { class: 'milestone-serves muted' }, tr('serves', m.serves.join('; '))) : null,
            ),
          ),
        ),
      )
    : null;

  const steps = p.steps.length
    ? h(
        'ol',
        { class: 'steps' },
        p.steps.map((s) =>
          h(
            'li',
            null,
            h('span', { class: 'step-text' }, s.text),
            s.milestones.length ? h('span', { class: 'step-milestones muted' }, icon('milestone'), ' ', tr('stepMilestones', s.milestones.join(', '))) : null,
          ),
        ),
      )
    : null;

  const button = scaffoldButton(p, actions);
  return h(
    'article',
    { class: 'project', 'data-key': `${options.keyPrefix}:${p.key}`, 'data-project': p.project ?? p.key },
    heading(options.headingLevel, p.title),
    meta.length ? h('p', { class: 'project-meta' }, meta) : null,
    h('p', { class: 'scenario' }, p.scenario),
    options.compact ? null : steps,
    h('p', { class: 'muted reason' }, p.reason),
    h('div', { class: 'project-actions' }, button ?? h('span', { class: 'muted' }, icon('info'), ' ', tr('noStarter'))),
    milestoneList,
  );
}
