/**
 * The CodeLens above an exercise's stub (`TODO(milestone: <id>)`, core/verify/stubs.ts): what each
 * lens says and which command it runs: Verify with the exercise's state ("failing · 2 of 3 tests",
 * "verified 3 min ago"), Hint (n of m), Compare with Reference Solution. The same state the
 * Milestones view shows (testsStatus.ts), in the few words a lens has room for. Pure; UI text
 * through `Translate`.
 */
import type { Translate } from '../l10n';
import type { CheckResult } from '../progress/checks';
import type { Tick } from '../progress/store';
import type { MilestoneDef } from '../scaffold/types';
import { relativeTime } from './testsStatus';

export interface StubLensInput {
  milestone: MilestoneDef;
  tick?: Tick;
  /** The last evaluation's tests verdict, if evaluated. */
  tests?: CheckResult['tests'];
  /** Hints revealed so far (the progress store's count). */
  hintsRevealed?: number;
  /** Whether the template has a reference solution for the milestone. */
  hasSolution: boolean;
  /** Now, in ms since the epoch. */
  now: number;
  /** Restricted Mode: Verify runs nothing. */
  restricted?: boolean;
  /** Why the last Verify wrote no report, until a report exists. */
  runProblem?: string;
}

/** Which command a lens runs (learningPaths.verifyMilestone, showHint, compareSolution). */
export type StubLensAction = 'verify' | 'hint' | 'compare';

export interface StubLens {
  action: StubLensAction;
  /** The lens text; `$(icon)` is a codicon. */
  title: string;
  tooltip: string;
}

/** "failing · 2 of 3 tests", "verified 3 min ago", … or undefined before any evaluation. */
export function stubState(t: Translate, i: Pick<StubLensInput, 'tick' | 'tests' | 'now' | 'runProblem'>): string | undefined {
  const s = i.tests;
  if (!s) return undefined;
  const wasVerified = i.tick?.state === 'verified';
  const total = s.counts ? s.counts.passed + s.counts.failed + s.counts.skipped : 0;
  switch (s.state) {
    case 'verified':
      return s.at !== undefined ? t('verified {0}', relativeTime(t, s.at, i.now)) : t('verified');
    case 'failing': {
      const c = s.counts;
      const lead = wasVerified ? t('was verified, now failing') : t('failing');
      if (!c || total === 0) return lead;
      if (c.failed > 0) return t('{0} · {1} of {2} tests', lead, c.failed, total);
      return t('{0} · {1} of {2} tests skipped', lead, c.skipped, total);
    }
    case 'stale':
      return t('changed since the last run');
    case 'invalid':
      return t('cannot be checked');
    case 'not-run':
      return i.runProblem ? t('no test report') : t('not run yet');
    default:
      return undefined;
  }
}

/** The lenses above one stub, in order; a lens only for what the milestone offers. */
export function stubLenses(t: Translate, i: StubLensInput): StubLens[] {
  const out: StubLens[] = [];
  const m = i.milestone;
  if (m.check?.kind === 'tests') {
    const state = stubState(t, i);
    const tips = [t('Run the tests of "{0}".', m.title)];
    if (i.tests?.failure && i.tests.state === 'failing') tips.push(t('First failure: {0}', i.tests.failure));
    if (i.runProblem && i.tests?.state === 'not-run') tips.push(i.runProblem);
    if (i.restricted) tips.push(t('Restricted Mode: Verify runs project code and is disabled until you trust this workspace.'));
    out.push({ action: 'verify', title: state ? t('$(beaker) Verify · {0}', state) : t('$(beaker) Verify'), tooltip: tips.join('\n') });
  }
  const hints = m.hints?.length ?? 0;
  if (hints > 0) {
    const revealed = Math.min(Math.max(0, Math.floor(i.hintsRevealed ?? 0)), hints);
    out.push(
      revealed < hints
        ? { action: 'hint', title: t('$(lightbulb) Hint ({0} of {1})', revealed + 1, hints), tooltip: t('Reveal hint {0} of {1} of "{2}".', revealed + 1, hints, m.title) }
        : { action: 'hint', title: t('$(lightbulb) Hints ({0} of {1})', hints, hints), tooltip: t('Show the {0} hints of "{1}" again.', hints, m.title) },
    );
  }
  if (i.hasSolution) out.push({ action: 'compare', title: t('$(diff) Compare with Reference Solution'), tooltip: t('Compare your file with the reference solution of "{0}" (recorded as "solution viewed").', m.title) });
  return out;
}
