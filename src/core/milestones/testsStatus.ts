/**
 * How a milestone with a `tests` check looks in the Milestones tree: verified / failing / not
 * run / stale / invalid, "verified 3 min ago" (relative to a `now` the caller passes), the first
 * failing assertion, and "was verified, now failing" when a verified tick meets a failing run (a
 * tests check never unticks: the failure goes into the verification history). Also the flags
 * the row's context value carries for the inline actions. Pure; UI text through `Translate`.
 */
import type { Translate } from '../l10n';
import type { CheckResult } from '../progress/checks';
import type { Tick } from '../progress/store';
import type { MilestoneDef } from '../scaffold/types';

export type TestsState = NonNullable<CheckResult['tests']>['state'];

/** What the row of a tests milestone needs beyond the ordinary row input. */
export interface TestsRowInput {
  /** The last evaluation's tests verdict (from the JUnit report), if evaluated. */
  tests?: CheckResult['tests'];
  /** Now, in ms since the epoch (the tree passes Date.now(); tests pass a fixed time). */
  now: number;
  /** Restricted Mode: Verify is disabled. */
  restricted?: boolean;
  /** Why the last Verify wrote no report (pytest missing, a crash), until a report exists. */
  runProblem?: string;
}

/** "just now", "3 min ago", "2 h ago", "4 d ago" (a time in the future counts as just now). */
export function relativeTime(t: Translate, at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return t('just now');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('{0} min ago', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('{0} h ago', hours);
  return t('{0} d ago', Math.floor(hours / 24));
}

/** The row's description for a tests milestone, or undefined to keep the ordinary one. */
export function testsDescription(t: Translate, tick: Tick | undefined, r: TestsRowInput): string | undefined {
  const s = r.tests;
  if (!s) return undefined;
  const ago = s.at !== undefined ? relativeTime(t, s.at, r.now) : undefined;
  const wasVerified = tick?.state === 'verified';
  switch (s.state) {
    case 'verified':
      return ago ? t('verified {0}', ago) : t('verified');
    case 'failing':
      return wasVerified ? t('was verified, now failing') : ago ? t('failing · ran {0}', ago) : t('failing');
    case 'stale':
      return wasVerified ? t('verified · changed since, verify again') : t('changed since the last run · verify again');
    case 'invalid':
      return wasVerified ? t('was verified, now cannot be checked') : t('cannot be checked');
    case 'not-run':
      return r.runProblem ? t('no test report · see Test Results') : wasVerified ? undefined : t('not run · Verify');
    default:
      return undefined;
  }
}

/** Tooltip paragraphs for a tests milestone: the verdict, the first failure, and Restricted Mode. */
export function testsTooltip(t: Translate, tick: Tick | undefined, r: TestsRowInput): string[] {
  const out: string[] = [];
  const s = r.tests;
  if (s?.state === 'failing' && tick?.state === 'verified') out.push(t('Was verified, now failing: the tick stays, the failure is kept in the verification history.'));
  if (s?.failure) out.push(t('First failure: {0}', s.failure));
  if (s?.state === 'not-run') out.push(r.runProblem ?? t('Not run yet: use Verify to run its tests.'));
  if (r.restricted) out.push(t('Restricted Mode: Verify runs project code and is disabled until you trust this workspace.'));
  return out;
}

/** An icon for a tests milestone that is not ticked (or whose verified tick now fails). */
export function testsIcon(tick: Tick | undefined, tests: CheckResult['tests']): { id: string; color?: string } | undefined {
  if (!tests) return undefined;
  if (tests.state === 'failing' || tests.state === 'invalid') return tick?.state === 'verified' ? { id: 'warning', color: 'problemsWarningIcon.foreground' } : { id: 'error', color: 'testing.iconFailed' };
  if (tests.state === 'stale' && !tick) return { id: 'history' };
  return undefined;
}

/** What a row offers beside ticking: Verify (tests check), Show Hint, Compare (a solution), Open Plot (its file exists). */
export interface RowFeatures {
  tests: boolean;
  hints: boolean;
  solution: boolean;
  plot: boolean;
}

export function rowFeatures(m: MilestoneDef, has: { solution: boolean; plotExists: boolean }): RowFeatures {
  return { tests: m.check?.kind === 'tests', hints: (m.hints?.length ?? 0) > 0, solution: has.solution, plot: m.plot !== undefined && has.plotExists };
}

/**
 * The context value: `milestone.<open|self|verified>` followed by `;tests`, `;hints`,
 * `;solution`, `;plot` for what the row offers (package.json's menus match them).
 */
export function contextValueOf(base: 'milestone.open' | 'milestone.self' | 'milestone.verified', f: RowFeatures | undefined): string {
  if (!f) return base;
  return [base, ...(['tests', 'hints', 'solution', 'plot'] as const).filter((k) => f[k])].join(';');
}
