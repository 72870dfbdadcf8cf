/**
 * The verification history of tests milestones and what the progress report says about each
 * milestone beyond its tick: the current test verdict and first failure, the history, hints
 * revealed and "solution viewed". A tests check never unticks a milestone: a failing run is
 * recorded here instead. Pure.
 */
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

/** Markdown escaping for report text (same rules as report.ts). */
const md = (text: string) => text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<|#])/g, '\\$1');
const minute = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/** How many history entries the report shows (newest). */
export const REPORT_HISTORY = 8;

/** Report lines (a bullet and its sub-bullets) for one milestone, or none when there is nothing beyond the tick. */
export function milestoneDetailLines(title: string, hintsTotal: number, tick: Tick | undefined, d: MilestoneDetail | undefined): string[] {
  if (!d) return [];
  const sub: string[] = [];
  const s = d.tests;
  if (s?.state === 'failing') {
    const what = tick?.state === 'verified' ? 'was verified, now failing' : 'failing';
    sub.push(`Tests: ${what}${s.failure ? ` — ${md(s.failure)}` : ''}`);
  } else if (s?.state === 'stale') sub.push('Tests: files changed since the last run (verify again)');
  else if (s?.state === 'invalid') sub.push('Tests: the last report cannot be used');
  const history = d.data?.verifications ?? [];
  if (history.length > 0) {
    const shown = history.slice(-REPORT_HISTORY).map((v) => `${v.result === 'verified' ? '✅ verified' : '❌ failing'} ${minute(v.at)}`);
    sub.push(`Verification history (newest last): ${shown.join(' · ')}${history.length > REPORT_HISTORY ? ` (${history.length - REPORT_HISTORY} earlier not shown)` : ''}`);
  }
  const hints = d.data?.hintsRevealed ?? 0;
  if (hints > 0) sub.push(`Hints revealed: ${Math.min(hints, hintsTotal)} of ${hintsTotal}`);
  if (d.data?.solutionViewedAt) sub.push(`Reference solution viewed on ${md(d.data.solutionViewedAt.slice(0, 10))}`);
  return sub.length === 0 ? [] : [`- **${md(title)}**`, ...sub.map((l) => `  - ${l}`)];
}
