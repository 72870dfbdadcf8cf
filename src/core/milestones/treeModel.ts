/**
 * The Milestones tree as plain data: for a project row and a milestone row, its label,
 * description, codicon id and theme colour, tooltip paragraphs, checkbox, context value and
 * accessibility label. The VS Code layer (features/milestones/view.ts) only maps these to
 * TreeItems. Pure: no `vscode`; every UI string goes through the `Translate` it is given.
 * Catalog and project data (milestone titles, project names, paths, dates, check texts) are data
 * and are never translated.
 */
import type { Translate } from '../l10n';
import type { CheckResult } from '../progress/checks';
import type { Tick } from '../progress/store';
import type { MilestoneDef } from '../scaffold/types';
import { contextValueOf, testsDescription, testsIcon, testsTooltip, type RowFeatures, type TestsRowInput } from './testsStatus';

/** Done / total milestones of a project, and how many of the done ones a check verified. */
export interface MilestoneCounts {
  done: number;
  total: number;
  verified: number;
}

export function milestoneCounts(milestones: readonly MilestoneDef[], ticks: ReadonlyMap<string, Tick>): MilestoneCounts {
  let done = 0;
  let verified = 0;
  for (const m of milestones) {
    const tick = ticks.get(m.id);
    if (tick) done++;
    if (tick?.state === 'verified') verified++;
  }
  return { done, total: milestones.length, verified };
}

/**
 * What the last evaluation of a milestone's check said: `none` (the milestone has no check),
 * `notRun` (not evaluated yet), `passing` or `failing`. New kinds of checks (a pytest Task)
 * report through the same states.
 */
export type CheckStatus = 'none' | 'notRun' | 'passing' | 'failing';

export function checkStatus(milestone: MilestoneDef, last: CheckResult | undefined): CheckStatus {
  if (!milestone.check) return 'none';
  if (!last || last.tests?.state === 'not-run') return 'notRun';
  return last.pass ? 'passing' : 'failing';
}

/** A codicon id and an optional theme colour id. */
export interface Icon {
  id: string;
  color?: string;
}

/** One tooltip paragraph; `strong` paragraphs are shown in bold. Text is always rendered as text. */
export interface Paragraph {
  text: string;
  strong?: boolean;
}

/** What a click on a row does. */
export type RowAction = { kind: 'openManifest'; line: number } | { kind: 'openMilestoneFile' };

export interface MilestoneTreeItem {
  id: string;
  label: string;
  description?: string;
  icon: Icon;
  tooltip: Paragraph[];
  /** `project`, `projectProblem`, or `milestone.<open|self|verified>` with `;tests;hints;solution;plot` flags (testsStatus.ts). */
  contextValue: string;
  expanded: boolean | undefined;
  checkbox?: { checked: boolean; tooltip: string };
  accessibilityLabel: string;
  action?: RowAction;
}

/** A project row's input. `where` and `manifestWhere` are workspace-relative paths. */
export interface ProjectRowInput {
  key: string;
  /** The package name from the manifest, when it could be read. */
  name?: string;
  where: string;
  manifestWhere: string;
  /** The starter's title, when this version of Learning Paths has the starter. */
  starterTitle?: string;
  /** The manifest's starter id (shown when the starter is unknown). */
  starter?: string;
  problem?: { message: string; line: number };
  counts: MilestoneCounts;
}

export function projectRowId(key: string): string {
  return `p:${key}`;
}

export function milestoneRowId(projectKey: string, milestone: string): string {
  return `m:${projectKey}#${milestone}`;
}

export function projectItem(t: Translate, p: ProjectRowInput): MilestoneTreeItem {
  const label = p.name ?? p.where;
  const id = projectRowId(p.key);
  if (p.problem || p.starterTitle === undefined) {
    const line = p.problem?.line ?? 1;
    return {
      id,
      label,
      description: p.name !== undefined && p.starter !== undefined ? t('unknown starter {0}', p.starter) : t('manifest error, line {0}', line),
      icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
      tooltip: [{ text: t('{0}:{1}: {2}', p.manifestWhere, line, p.problem?.message ?? '') }],
      contextValue: 'projectProblem',
      expanded: undefined,
      accessibilityLabel: t('{0}, cannot be read: {1}', label, p.problem?.message ?? ''),
      action: { kind: 'openManifest', line },
    };
  }
  const { done, total, verified } = p.counts;
  const complete = done === total && total > 0;
  return {
    id,
    label,
    description: p.where !== label ? t('{0}/{1} · {2}', done, total, p.where) : t('{0}/{1}', done, total),
    icon: complete ? { id: 'pass-filled', color: 'testing.iconPassed' } : { id: 'project' },
    tooltip: [{ text: p.starterTitle, strong: true }, { text: t('{0} of {1} milestones done ({2} verified by a check). Folder: {3}', done, total, verified, p.where) }],
    contextValue: 'project',
    expanded: true,
    accessibilityLabel: t('{0}, {1} of {2} milestones done', label, done, total),
  };
}

/** A milestone row's input. Paths are already resolved for the project's package name. */
export interface MilestoneRowInput {
  projectKey: string;
  milestone: MilestoneDef;
  tick: Tick | undefined;
  /** What done means, with placeholders resolved. */
  done: string;
  /** The milestone's file, project-relative, with placeholders resolved. */
  file: string;
  /** The check in words (see describeCheck), when the milestone has one. */
  checkText?: string;
  check: CheckStatus;
  /** Why the last evaluation passed or failed. */
  checkReason?: string;
  /** For a tests milestone: its verdict and the time to measure "3 min ago" from. */
  testsRow?: TestsRowInput;
  /** The inline actions the row offers (context value flags). */
  features?: RowFeatures;
}

export function milestoneItem(t: Translate, r: MilestoneRowInput): MilestoneTreeItem {
  const { milestone: m, tick } = r;
  const date = tick ? tick.at.slice(0, 10) : '';
  const tooltip: Paragraph[] = [{ text: m.title, strong: true }, { text: r.done }, { text: t('File: {0}', r.file) }];
  if (r.checkText !== undefined) {
    const last =
      r.check === 'passing' ? t('passes: {0}', r.checkReason ?? '') : r.check === 'failing' ? t('not yet: {0}', r.checkReason ?? '') : undefined;
    tooltip.push({ text: last ? t('Check: {0} — {1}', r.checkText, last) : t('Check: {0}', r.checkText) });
  }
  if (r.testsRow) tooltip.push(...testsTooltip(t, tick, r.testsRow).map((text) => ({ text })));
  const tests = r.testsRow ? testsDescription(t, tick, r.testsRow) : undefined;
  const icon = r.testsRow ? testsIcon(tick, r.testsRow.tests) : undefined;
  const base = { id: milestoneRowId(r.projectKey, m.id), label: m.title, expanded: undefined, action: { kind: 'openMilestoneFile' } as const };
  if (tick?.state === 'verified') {
    return {
      ...base,
      description: tests ?? t('verified · {0}', date),
      icon: icon ?? { id: 'verified-filled', color: 'testing.iconPassed' },
      tooltip: [...tooltip, { text: t('Verified by its check on {0}.', date) }],
      contextValue: contextValueOf('milestone.verified', r.features),
      checkbox: { checked: true, tooltip: t('Done — untick to mark it open') },
      accessibilityLabel: tests ? t('{0}, done, verified, {1}', m.title, tests) : t('{0}, done, verified', m.title),
    };
  }
  if (tick) {
    return {
      ...base,
      description: tests ? t('self-reported · {0}', tests) : t('self-reported · {0}', date),
      icon: icon ?? { id: 'account' },
      tooltip: [...tooltip, { text: t('Ticked by hand (self-reported) on {0}.', date) }],
      contextValue: contextValueOf('milestone.self', r.features),
      checkbox: { checked: true, tooltip: t('Done — untick to mark it open') },
      accessibilityLabel: t('{0}, done, self-reported', m.title),
    };
  }
  return {
    ...base,
    ...(tests ? { description: tests } : {}),
    icon: icon ?? { id: m.check ? 'beaker' : 'circle-large-outline' },
    tooltip: [...tooltip, { text: t('Open.') }],
    contextValue: contextValueOf('milestone.open', r.features),
    checkbox: { checked: false, tooltip: t('Mark as done (self-reported)') },
    accessibilityLabel: tests ? t('{0}, open, {1}', m.title, tests) : t('{0}, open', m.title),
  };
}

/** A milestone in a quick pick: codicon, title, and how it was done. */
export function milestonePick(t: Translate, milestone: MilestoneDef, tick: Tick | undefined): { label: string; description: string } {
  const icon = tick?.state === 'verified' ? '$(verified-filled)' : tick ? '$(account)' : '$(circle-large-outline)';
  return { label: `${icon} ${milestone.title}`, description: tick ? (tick.state === 'verified' ? t('verified') : t('self-reported')) : '' };
}

/** A project in a quick pick. */
export function projectPick(t: Translate, name: string, where: string, counts: MilestoneCounts): { label: string; description: string } {
  return { label: name, description: t('{0}/{1} · {2}', counts.done, counts.total, where) };
}
