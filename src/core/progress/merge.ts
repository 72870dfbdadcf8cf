/**
 * Merging milestone progress from two places (this window's store and the progress mirrored into
 * the project's `.learning-path.json` by another window or machine). Pure.
 *
 * Every milestone has a mark: done (`self` or `verified`, `at` = when it was done) or `open`
 * (`at` = when it was unticked; a tombstone). Marks merge per milestone, last change wins: an
 * untick made later wins over an older tick, a tick made later wins over an older untick. Ties
 * go to the done mark (nothing is lost), then to `verified`. This is a max over a total order, so
 * the merge is commutative, associative and idempotent: however the windows exchange their
 * marks, they end with the same progress.
 */
import { isIsoDate, type Tick, type TickState } from './storeFormat';

export type MarkState = TickState | 'open';

export interface Mark {
  state: MarkState;
  /** ISO date of the last change: when it was done, or when it was unticked. */
  at: string;
}

const RANK: Readonly<Record<MarkState, number>> = { open: 0, self: 1, verified: 2 };

function time(at: string): number {
  const t = Date.parse(at);
  return Number.isNaN(t) ? -Infinity : t;
}

/** Negative when `a` loses to `b`, positive when it wins, 0 when they are the same mark. */
export function compareMarks(a: Mark, b: Mark): number {
  return time(a.at) - time(b.at) || RANK[a.state] - RANK[b.state] || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
}

/** The mark that wins; either when one is missing. */
export function mergeMark(a: Mark | undefined, b: Mark | undefined): Mark | undefined {
  const m = !a ? b : !b ? a : compareMarks(a, b) >= 0 ? a : b;
  return m && { state: m.state, at: m.at };
}

/** Marks of one project: its ticks, and the tombstones of milestones not ticked. */
export function marksOf(ticks: ReadonlyMap<string, Tick>, unticked: ReadonlyMap<string, string> = new Map()): Map<string, Mark> {
  const out = new Map<string, Mark>();
  for (const [id, at] of unticked) if (!ticks.has(id)) out.set(id, { state: 'open', at });
  for (const [id, t] of ticks) out.set(id, { state: t.state, at: t.at });
  return out;
}

/** Splits marks back into ticks and tombstones. */
export function splitMarks(marks: ReadonlyMap<string, Mark>): { ticks: Map<string, Tick>; unticked: Map<string, string> } {
  const ticks = new Map<string, Tick>();
  const unticked = new Map<string, string>();
  for (const [id, m] of marks) {
    if (m.state === 'open') unticked.set(id, m.at);
    else ticks.set(id, { state: m.state, at: m.at });
  }
  return { ticks, unticked };
}

/** A mark as mirrored in a project file, or undefined when the value is not one (see tickProblem). */
export function readMark(v: unknown): Mark | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const { state, at } = v as { state?: unknown; at?: unknown };
  if (typeof at !== 'string' || !isIsoDate(at)) return undefined;
  return state === 'open' || state === 'self' || state === 'verified' ? { state, at } : undefined;
}

/**
 * Merges `remote` marks into `local` ones. Returns the merged marks and the ids whose local mark
 * changed (so the caller knows what to write).
 */
export function mergeMarks(local: ReadonlyMap<string, Mark>, remote: ReadonlyMap<string, Mark>): { merged: Map<string, Mark>; changed: string[] } {
  const merged = new Map([...local].map(([id, m]): [string, Mark] => [id, { state: m.state, at: m.at }]));
  const changed: string[] = [];
  for (const [id, r] of remote) {
    const l = local.get(id);
    const m = mergeMark(l, r) as Mark;
    if (!l || l.state !== m.state || l.at !== m.at) {
      merged.set(id, { state: m.state, at: m.at });
      changed.push(id);
    }
  }
  return { merged, changed };
}
