/**
 * The verification history of tests milestones and what the progress report says about each
 * milestone beyond its tick: the current test verdict and first failure, the history, hints
 * revealed and "solution viewed". A tests check never unticks a milestone: a failing run is
 * recorded here instead. Pure.
 */
import { english, type Translate } from '../l10n';
import { md } from './markdown';
import type { CheckResult } from './checks';
import { MAX_FAILURE_CHARS, type MilestoneData, type Tick, type VerificationRecord } from './storeFormat';

/** The history record of a tests verdict: only a report that ran (verified or failing) is one. */
export function verificationOf(tests: CheckResult['tests']): VerificationRecord | undefined {
  if (!tests || tests.at === undefined || (tests.state !== 'verified' && tests.state !== 'failing')) return undefined;
  const at = new Date(tests.at).toISOString();
  return { result: tests.state, at, ...(tests.failure ? { failure: tests.failure.slice(0, MAX_FAILURE_CHARS) } : {}) };
}

/** The data with the record appended, or undefined when the newest record is already this run. */
export function withVerification(data: MilestoneData, record: VerificationRecord): MilestoneData | undefined {
  const last = data.verifications?.[data.verifications.length - 1];
  if (last && last.at === record.at && last.result === record.result) return undefined;
  return { ...data, verifications: [...(data.verifications ?? []), record] };
}

/** What the report knows about one milestone beyond its tick. */
export interface MilestoneDetail {
  /** The last evaluation's tests verdict. */
  tests?: CheckResult['tests'];
  data?: MilestoneData;
}

const minute = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/** How many history entries the report shows (newest). */
export const REPORT_HISTORY = 8;

/** Report lines (a bullet and its sub-bullets) for one milestone, or none when there is nothing beyond the tick. */
export function milestoneDetailLines(title: string, hintsTotal: number, tick: Tick | undefined, d: MilestoneDetail | undefined, t: Translate = english): string[] {
  if (!d) return [];
  const sub: string[] = [];
  const s = d.tests;
  if (s?.state === 'failing') {
    const what = tick?.state === 'verified' ? t('Tests: was verified, now failing') : t('Tests: failing');
    sub.push(s.failure ? t('{0} — {1}', what, md(s.failure)) : what);
  } else if (s?.state === 'stale') sub.push(t('Tests: files changed since the last run (verify again)'));
  else if (s?.state === 'invalid') sub.push(t('Tests: the last report cannot be used'));
  const history = d.data?.verifications ?? [];
  if (history.length > 0) {
    const shown = history.slice(-REPORT_HISTORY).map((v) => (v.result === 'verified' ? t('✅ verified {0}', minute(v.at)) : t('❌ failing {0}', minute(v.at))));
    const line = t('Verification history (newest last): {0}', shown.join(' · '));
    sub.push(history.length > REPORT_HISTORY ? t('{0} ({1} earlier not shown)', line, history.length - REPORT_HISTORY) : line);
  }
  const hints = d.data?.hintsRevealed ?? 0;
  if (hints > 0) sub.push(t('Hints revealed: {0} of {1}', Math.min(hints, hintsTotal), hintsTotal));
  if (d.data?.solutionViewedAt) sub.push(t('Reference solution viewed on {0}', md(d.data.solutionViewedAt.slice(0, 10))));
  return sub.length === 0 ? [] : [`- **${md(title)}**`, ...sub.map((l) => `  - ${l}`)];
}
