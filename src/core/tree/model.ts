/**
 * The Skills tree as pure data: which nodes a parent has, their labels, descriptions, and
 * accessibility labels. The VS Code layer only maps these nodes to TreeItems.
 * No level ever hands the tree more than PAGE_SIZE siblings: bigger lists are paged.
 * Every word it adds to catalog text goes through the context's `t` (vscode.l10n.t in the extension).
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Translate } from '../l10n';

export const PAGE_SIZE = 500;

export type GroupBy = 'role' | 'skill';

export interface MyPath {
  role: string;
  current: string;
  target: string;
}

export type NodeRef =
  | { kind: 'role'; role: string }
  | { kind: 'roleLevel'; role: string; level: string }
  | { kind: 'skill'; skill: string }
  | { kind: 'skillRole'; skill: string; role: string }
  | { kind: 'cell'; skill: string; role: string; level: string; under: GroupBy }
  | { kind: 'page'; parent: NodeRef | undefined; start: number; end: number };

export interface TreeNode {
  ref: NodeRef;
  id: string;
  label: string;
  description?: string;
  accessibilityLabel: string;
  collapsible: boolean;
  /** Expanded by default (the learner's role and its current level). */
  expanded?: boolean;
  /** Cells only. */
  required?: boolean;
  /** Marks the learner's current or next level. */
  pathMark?: 'current' | 'next' | 'target';
  contextValue: string;
}

export interface TreeContext {
  index: CatalogIndex;
  groupBy: GroupBy;
  path?: MyPath;
  /** Milestone progress of a skill, when any scaffolded project serves it. */
  progress?: (skill: string) => { done: number; total: number } | undefined;
  /** Translates the words the tree adds (labels, counts, marks). */
  t: Translate;
}

export function nodeId(ref: NodeRef): string {
  switch (ref.kind) {
    case 'role':
      return `role:${ref.role}`;
    case 'roleLevel':
      return `role:${ref.role}/level:${ref.level}`;
    case 'skill':
      return `skill:${ref.skill}`;
    case 'skillRole':
      return `skill:${ref.skill}/role:${ref.role}`;
    case 'cell':
      return ref.under === 'role' ? `role:${ref.role}/level:${ref.level}/skill:${ref.skill}` : `skill:${ref.skill}/role:${ref.role}/level:${ref.level}`;
    case 'page':
      return `${ref.parent ? nodeId(ref.parent) : 'root'}/page:${ref.start}`;
  }
}

/** The children of `parent` (undefined = root), paged to at most PAGE_SIZE. */
export function childrenOf(ctx: TreeContext, parent: NodeRef | undefined): TreeNode[] {
  if (parent?.kind === 'page') return allChildren(ctx, parent.parent, parent.start, parent.end);
  const count = childCount(ctx, parent);
  if (count <= PAGE_SIZE) return allChildren(ctx, parent, 0, count);
  const pages: TreeNode[] = [];
  for (let start = 0; start < count; start += PAGE_SIZE) {
    const end = Math.min(count, start + PAGE_SIZE);
    const ref: NodeRef = { kind: 'page', parent, start, end };
    const label = ctx.t('{0}–{1} of {2}', start + 1, end, count);
    pages.push({ ref, id: nodeId(ref), label, accessibilityLabel: ctx.t('Items {0} to {1} of {2}', start + 1, end, count), collapsible: true, contextValue: 'page' });
  }
  return pages;
}

function childCount(ctx: TreeContext, parent: NodeRef | undefined): number {
  const { index } = ctx;
  if (!parent) return ctx.groupBy === 'role' ? index.roles.length : index.skills.length;
  switch (parent.kind) {
    case 'role':
      return index.levels.length;
    case 'roleLevel':
      return index.cells(parent.role, parent.level).length;
    case 'skill':
      return index.rolesOfSkill(parent.skill).length;
    case 'skillRole':
      return index.levelsOf(parent.skill, parent.role).length;
    default:
      return 0;
  }
}

function allChildren(ctx: TreeContext, parent: NodeRef | undefined, start: number, end: number): TreeNode[] {
  const { index, path, t } = ctx;
  if (!parent) {
    if (ctx.groupBy === 'role') return rolesInPathOrder(ctx).slice(start, end).map((r) => roleNode(ctx, r.id));
    return index.skills.slice(start, end).map((s) => skillNode(ctx, s.id));
  }
  switch (parent.kind) {
    case 'role':
      return index.levels.slice(start, end).map((l) => {
        const ref: NodeRef = { kind: 'roleLevel', role: parent.role, level: l.id };
        const cells = index.cells(parent.role, l.id);
        const required = cells.filter((c) => c.expectation.required).length;
        const mark = path?.role === parent.role ? markOf(ctx, l.id) : undefined;
        const counts = t('{0} required, {1} optional', required, cells.length - required);
        const roleTitle = index.role(parent.role)?.title ?? parent.role;
        return {
          ref,
          id: nodeId(ref),
          label: l.title,
          description: mark ? `${markLabel(t, mark)} · ${counts}` : counts,
          accessibilityLabel: `${roleTitle}, ${l.title}${mark ? `, ${markLabel(t, mark)}` : ''}: ${counts}`,
          collapsible: cells.length > 0,
          expanded: mark === 'current' || mark === 'next',
          ...(mark ? { pathMark: mark } : {}),
          contextValue: 'level',
        };
      });
    case 'roleLevel':
      return index
        .cells(parent.role, parent.level)
        .slice(start, end)
        .map((c) => cellNode(ctx, c.skill.id, parent.role, parent.level, 'role'));
    case 'skill':
      return index
        .rolesOfSkill(parent.skill)
        .slice(start, end)
        .map((r) => {
          const ref: NodeRef = { kind: 'skillRole', skill: parent.skill, role: r.id };
          const levels = index.levelsOf(parent.skill, r.id);
          const required = levels.filter((l) => index.expectation(parent.skill, r.id, l.id)?.required).length;
          const skillTitle = index.skill(parent.skill)?.title ?? parent.skill;
          return {
            ref,
            id: nodeId(ref),
            label: r.title,
            description: t('required at {0} of {1} levels', required, levels.length),
            accessibilityLabel: `${skillTitle}, ${r.title}: ${t('required at {0} of {1} levels', required, levels.length)}`,
            collapsible: true,
            expanded: path?.role === r.id,
            contextValue: 'skillRole',
          };
        });
    case 'skillRole':
      return index
        .levelsOf(parent.skill, parent.role)
        .slice(start, end)
        .map((l) => cellNode(ctx, parent.skill, parent.role, l.id, 'skill'));
    default:
      return [];
  }
}

function rolesInPathOrder(ctx: TreeContext) {
  const roles = [...ctx.index.roles];
  const mine = ctx.path?.role;
  return mine ? [...roles.filter((r) => r.id === mine), ...roles.filter((r) => r.id !== mine)] : roles;
}

function markOf(ctx: TreeContext, level: string): 'current' | 'next' | 'target' | undefined {
  const p = ctx.path;
  if (!p) return undefined;
  if (level === p.current) return 'current';
  if (level === ctx.index.nextLevel(p.current)?.id) return 'next';
  if (level === p.target) return 'target';
  return undefined;
}

function markLabel(t: Translate, mark: 'current' | 'next' | 'target'): string {
  return mark === 'current' ? t('your level') : mark === 'next' ? t('next level') : t('your target');
}

function roleNode(ctx: TreeContext, role: string): TreeNode {
  const r = ctx.index.role(role);
  const ref: NodeRef = { kind: 'role', role };
  const mine = ctx.path?.role === role;
  return {
    ref,
    id: nodeId(ref),
    label: r?.title ?? role,
    ...(mine ? { description: ctx.t('my path') } : {}),
    accessibilityLabel: mine ? ctx.t('{0}, my path', r?.title ?? role) : (r?.title ?? role),
    collapsible: true,
    expanded: mine,
    contextValue: 'role',
  };
}

function skillNode(ctx: TreeContext, skill: string): TreeNode {
  const s = ctx.index.skill(skill);
  const ref: NodeRef = { kind: 'skill', skill };
  const progress = ctx.progress?.(skill);
  const description = [s?.group, progress ? ctx.t('{0}/{1} milestones', progress.done, progress.total) : undefined].filter(Boolean).join(' · ');
  return {
    ref,
    id: nodeId(ref),
    label: s?.title ?? skill,
    ...(description ? { description } : {}),
    accessibilityLabel: progress ? ctx.t('{0}, {1} of {2} milestones done', s?.title ?? skill, progress.done, progress.total) : (s?.title ?? skill),
    collapsible: true,
    contextValue: 'skill',
  };
}

function cellNode(ctx: TreeContext, skill: string, role: string, level: string, under: GroupBy): TreeNode {
  const { index, t } = ctx;
  const e = index.expectation(skill, role, level);
  const required = e?.required === true;
  const ref: NodeRef = { kind: 'cell', skill, role, level, under };
  const roleTitle = index.role(role)?.title ?? role;
  const levelTitle = index.level(level)?.title ?? level;
  const skillTitle = index.skill(skill)?.title ?? skill;
  const progress = ctx.progress?.(skill);
  const req = required ? t('Required') : t('Optional');
  const parts = [req, progress ? t('{0}/{1} milestones', progress.done, progress.total) : undefined];
  const mark = under === 'skill' && ctx.path?.role === role ? markOf(ctx, level) : undefined;
  if (mark) parts.push(markLabel(t, mark));
  return {
    ref,
    id: nodeId(ref),
    label: under === 'role' ? skillTitle : levelTitle,
    description: parts.filter(Boolean).join(' · '),
    accessibilityLabel: [roleTitle, levelTitle, skillTitle, required ? t('required') : t('optional'), progress ? t('{0} of {1} milestones done', progress.done, progress.total) : undefined]
      .filter(Boolean)
      .join(', '),
    collapsible: false,
    required,
    ...(mark ? { pathMark: mark } : {}),
    contextValue: required ? 'cell.required' : 'cell.optional',
  };
}

/** Markdown for a cell's tooltip (resolved lazily). Catalog text is escaped, never markup. */
export function cellTooltip(t: Translate, index: CatalogIndex, skill: string, role: string, level: string): string {
  const e = index.expectation(skill, role, level);
  const s = index.skill(skill);
  const head = `**${escapeMarkdown(s?.title ?? skill)}** — ${escapeMarkdown(index.role(role)?.title ?? role)}, ${escapeMarkdown(index.level(level)?.title ?? level)} (${e?.required ? t('required') : t('optional')})`;
  return `${head}\n\n${escapeMarkdown(e?.text ?? '')}`;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** The parent of a node, for TreeView.reveal (pages are resolved by position). */
export function parentOf(ctx: TreeContext, ref: NodeRef): NodeRef | undefined {
  const direct = directParent(ref);
  if (ref.kind === 'page') return ref.parent;
  const siblings = childCount(ctx, direct);
  if (siblings <= PAGE_SIZE) return direct;
  const position = positionOf(ctx, ref, direct);
  const start = Math.floor(position / PAGE_SIZE) * PAGE_SIZE;
  return { kind: 'page', parent: direct, start, end: Math.min(siblings, start + PAGE_SIZE) };
}

function directParent(ref: NodeRef): NodeRef | undefined {
  switch (ref.kind) {
    case 'role':
    case 'skill':
      return undefined;
    case 'roleLevel':
      return { kind: 'role', role: ref.role };
    case 'skillRole':
      return { kind: 'skill', skill: ref.skill };
    case 'cell':
      return ref.under === 'role' ? { kind: 'roleLevel', role: ref.role, level: ref.level } : { kind: 'skillRole', skill: ref.skill, role: ref.role };
    case 'page':
      return ref.parent;
  }
}

function positionOf(ctx: TreeContext, ref: NodeRef, parent: NodeRef | undefined): number {
  const { index } = ctx;
  if (ref.kind === 'role') return rolesInPathOrder(ctx).findIndex((r) => r.id === ref.role);
  if (ref.kind === 'skill') return index.skills.findIndex((s) => s.id === ref.skill);
  if (ref.kind === 'cell' && parent?.kind === 'roleLevel') return index.cells(ref.role, ref.level).findIndex((c) => c.skill.id === ref.skill);
  return 0;
}

/** A ref for the node that shows `skill` for the learner: the cell under their role and level, else the skill. */
export function refForSkill(ctx: TreeContext, skill: string, role?: string, level?: string): NodeRef | undefined {
  const { index } = ctx;
  if (!index.skill(skill)) return undefined;
  if (ctx.groupBy === 'skill') {
    if (role && level && index.expectation(skill, role, level)) return { kind: 'cell', skill, role, level, under: 'skill' };
    return { kind: 'skill', skill };
  }
  const r = role ?? ctx.path?.role ?? index.rolesOfSkill(skill)[0]?.id;
  if (!r) return undefined;
  const l = level ?? (ctx.path && index.expectation(skill, r, ctx.path.current) ? ctx.path.current : index.levelsOf(skill, r)[0]?.id);
  return l && index.expectation(skill, r, l) ? { kind: 'cell', skill, role: r, level: l, under: 'role' } : { kind: 'role', role: r };
}
