/**
 * The stored shape of milestone progress, and reading it back. Pure: no `vscode`, no I/O.
 *
 * In memory every id-keyed collection is a `Map` (project id → starter id → entry, milestone id →
 * tick, …): ids come from files a person can edit, and a `__proto__` or `constructor` key must be
 * data, never a property lookup. The stored JSON is built with `Object.fromEntries` (own data
 * properties, even for `__proto__`) and read with `Object.entries`, never with `obj[id]`.
 *
 * Stored value (schema 1; every field after `ticks` is optional, so older versions of Learning
 * Paths read what this one writes and simply ignore the rest):
 *   { schema: 1, projects: { <projectId>: { <starterId>: {
 *       version,                         starter version the ticks were reconciled with
 *       ticks:    { <milestoneId>: { state: 'verified' | 'self', at } },
 *       retired?: { <milestoneId>: Tick }       ticks of milestones the starter no longer has
 *       unticked?: { <milestoneId>: ISO date }  when a milestone was last unticked (tombstones,
 *                                               so a later untick wins over an older tick when
 *                                               mirrored progress is merged)
 *       data?:    { <milestoneId>: MilestoneData }  per-milestone data of other features
 *   } } } }
 */

export type TickState = 'verified' | 'self';

export interface Tick {
  state: TickState;
  /** ISO date of when the milestone was done. */
  at: string;
}

export const SCHEMA = 1;

/** One verification of a milestone's check (for a history other features will show). */
export interface VerificationRecord {
  result: 'verified' | 'failing';
  at: string;
  /** The first failing assertion (at most MAX_FAILURE_CHARS). */
  failure?: string;
}
export const MAX_FAILURE_CHARS = 300;

/**
 * Per-milestone data beside the tick: the extension point for hints, solutions and a
 * verification history. Versioned by `v`: a record with a `v` newer than MILESTONE_DATA_VERSION
 * (written by a newer Learning Paths) is kept exactly as it is and never overwritten.
 */
export interface MilestoneData {
  v: 1;
  /** How many hints the learner has revealed. */
  hintsRevealed?: number;
  /** When the learner first opened the reference solution. */
  solutionViewedAt?: string;
  /** Newest last; bounded by whoever appends (see MAX_VERIFICATIONS). */
  verifications?: VerificationRecord[];
}
export const MILESTONE_DATA_VERSION = 1;
export const MAX_VERIFICATIONS = 50;

export interface StoredEntry {
  /** Starter version the ticks were last reconciled with. */
  version: number;
  ticks: Record<string, Tick>;
  /** Ticks of milestones the current starter version no longer has; restored if they come back. */
  retired?: Record<string, Tick>;
  /** Milestone id → ISO date it was last unticked. */
  unticked?: Record<string, string>;
  /** Milestone id → its data (MilestoneData, or a newer version's record kept verbatim). */
  data?: Record<string, MilestoneData | { v: number }>;
}

export interface StoredProgress {
  schema: 1;
  projects: Record<string, Record<string, StoredEntry>>;
}

/** One starter's progress in a project, in memory. */
export interface Entry {
  version: number;
  ticks: Map<string, Tick>;
  retired: Map<string, Tick>;
  unticked: Map<string, string>;
  /** MilestoneData, or a record of a newer data version (kept verbatim). */
  data: Map<string, MilestoneData | { v: number }>;
}

export type Projects = Map<string, Map<string, Entry>>;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const emptyEntry = (version = 0): Entry => ({ version, ticks: new Map(), retired: new Map(), unticked: new Map(), data: new Map() });

export const isEmptyEntry = (e: Entry): boolean => e.ticks.size === 0 && e.retired.size === 0 && e.unticked.size === 0 && e.data.size === 0;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A real calendar date in ISO 8601 form (`2024-02-30`, `2024-13-01`, `yesterday` are not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  if (d > days || h > 23 || mi > 59 || sec > 59) return false;
  return !Number.isNaN(Date.parse(s));
}

/** Why a stored or hand-written tick value is not a tick, or undefined when it is one. */
export function tickProblem(v: unknown): string | undefined {
  if (v === true) return undefined;
  if (typeof v === 'string') return isIsoDate(v) ? undefined : `${JSON.stringify(v.slice(0, 40))} is not a date (expected an ISO date such as 2025-01-31)`;
  if (!isRecord(v)) return `${v === null ? 'null' : Array.isArray(v) ? 'a list' : JSON.stringify(v)} is not a tick (expected { "state": "self" | "verified", "at": ISO date })`;
  const state = v.state === 'verified' || v.state === 'self' || v.state === 'done' || v.done === true;
  if (!state) return `state ${JSON.stringify(v.state ?? null)} is not "self" or "verified"`;
  if (v.at !== undefined && (typeof v.at !== 'string' || !isIsoDate(v.at))) return `"at": ${JSON.stringify(v.at)} is not an ISO date`;
  return undefined;
}

/** One tick from any shape we have written or a person may write; undefined when it is not a tick. */
export function normaliseTick(v: unknown, fallbackDate: Date): Tick | undefined {
  const fallback = fallbackDate.toISOString();
  if (v === true) return { state: 'self', at: fallback };
  if (typeof v === 'string') return isIsoDate(v) ? { state: 'self', at: v } : undefined;
  if (!isRecord(v)) return undefined;
  const state = v.state === 'verified' ? 'verified' : v.state === 'self' || v.state === 'done' || v.done === true ? 'self' : undefined;
  if (!state) return undefined;
  // A tick whose date cannot be read is still a tick (nothing is lost); tickProblem reports it.
  return { state, at: typeof v.at === 'string' && isIsoDate(v.at) ? v.at : fallback };
}

/** The valid ticks of a `{ id: tick }` record (anything else is skipped). */
export function normaliseTicks(v: unknown, fallbackDate: Date): Map<string, Tick> {
  const out = new Map<string, Tick>();
  if (!isRecord(v)) return out;
  for (const [id, raw] of Object.entries(v)) {
    const t = normaliseTick(raw, fallbackDate);
    if (t) out.set(id, t);
  }
  return out;
}

/** A MilestoneData record as stored, cleaned; a newer version's record comes back verbatim. */
export function normaliseMilestoneData(v: unknown): MilestoneData | { v: number } | undefined {
  if (!isRecord(v) || typeof v.v !== 'number' || !Number.isInteger(v.v) || v.v < 1) return undefined;
  if (v.v > MILESTONE_DATA_VERSION) return structuredClone(v) as { v: number };
  const out: MilestoneData = { v: 1 };
  if (typeof v.hintsRevealed === 'number' && Number.isInteger(v.hintsRevealed) && v.hintsRevealed > 0) out.hintsRevealed = v.hintsRevealed;
  if (typeof v.solutionViewedAt === 'string' && isIsoDate(v.solutionViewedAt)) out.solutionViewedAt = v.solutionViewedAt;
  if (Array.isArray(v.verifications)) {
    const list = v.verifications.filter(
      (x): x is VerificationRecord => isRecord(x) && (x.result === 'verified' || x.result === 'failing') && typeof x.at === 'string' && isIsoDate(x.at),
    );
    if (list.length > 0) {
      out.verifications = list
        .slice(-MAX_VERIFICATIONS)
        .map((x) => ({ result: x.result, at: x.at, ...(typeof x.failure === 'string' && x.failure !== '' ? { failure: x.failure.slice(0, MAX_FAILURE_CHARS) } : {}) }));
    }
  }
  return out;
}

export function readEntry(v: unknown, now: Date, problems: string[], where: string): Entry | undefined {
  if (!isRecord(v)) {
    problems.push(`${where}: not an object`);
    return undefined;
  }
  // schema 0 allowed the ticks directly under the starter id
  const tickSource = isRecord(v.ticks) ? v.ticks : v.version === undefined && v.ticks === undefined ? v : undefined;
  if (tickSource === undefined) {
    problems.push(`${where}: no ticks`);
    return undefined;
  }
  const ticks = normaliseTicks(tickSource, now);
  const dropped = Object.keys(tickSource).length - ticks.size;
  if (dropped > 0) problems.push(`${where}: ${dropped} unreadable tick(s) dropped`);
  const version = typeof v.version === 'number' && Number.isInteger(v.version) && v.version >= 0 ? v.version : 0;
  const entry = emptyEntry(version);
  for (const [id, t] of ticks) entry.ticks.set(id, t);
  for (const [id, t] of normaliseTicks(v.retired, now)) entry.retired.set(id, t);
  if (isRecord(v.unticked)) {
    for (const [id, at] of Object.entries(v.unticked)) if (typeof at === 'string' && isIsoDate(at) && !entry.ticks.has(id)) entry.unticked.set(id, at);
  }
  if (isRecord(v.data)) {
    for (const [id, raw] of Object.entries(v.data)) {
      const d = normaliseMilestoneData(raw);
      if (d) entry.data.set(id, d);
    }
  }
  return entry;
}

const record = <T>(m: ReadonlyMap<string, T>, copy: (v: T) => T): Record<string, T> => Object.fromEntries([...m].map(([k, v]) => [k, copy(v)]));
const copyTick = (t: Tick): Tick => ({ state: t.state, at: t.at });

export function serialiseEntry(e: Entry): StoredEntry {
  const out: StoredEntry = { version: e.version, ticks: record(e.ticks, copyTick) };
  if (e.retired.size > 0) out.retired = record(e.retired, copyTick);
  if (e.unticked.size > 0) out.unticked = record(e.unticked, (s) => s);
  if (e.data.size > 0) out.data = record(e.data, (d) => structuredClone(d));
  return out;
}

export function serialise(projects: Projects): StoredProgress {
  return {
    schema: SCHEMA,
    projects: Object.fromEntries([...projects].map(([id, starters]) => [id, Object.fromEntries([...starters].map(([s, e]) => [s, serialiseEntry(e)]))])),
  };
}

export interface Parsed {
  projects: Projects;
  problems: string[];
  /** True when the stored value must be rewritten (migrated or cleaned). */
  changed: boolean;
  /** Set when the value must never be written over (a newer schema, or it could not be read). */
  readOnly?: string;
}

/** Reads whatever is stored into the in-memory model. Never throws. */
export function parseStored(raw: unknown, now: Date): Parsed {
  const projects: Projects = new Map();
  if (raw === undefined || raw === null) return { projects, problems: [], changed: false };
  if (!isRecord(raw)) return { projects, problems: [`stored progress is a ${Array.isArray(raw) ? 'list' : typeof raw}, not an object`], changed: true };
  let source: unknown;
  let changed = false;
  let readOnly: string | undefined;
  if (raw.schema === SCHEMA) source = raw.projects;
  else if (raw.schema === undefined) {
    source = raw; // schema 0
    changed = true;
  } else if (typeof raw.schema === 'number' && Number.isInteger(raw.schema) && raw.schema > SCHEMA) {
    // Written by a newer Learning Paths: show what can be understood, never write over it.
    readOnly = `the stored progress was written by a newer version of Learning Paths (schema ${raw.schema}; this version knows schema ${SCHEMA})`;
    source = raw.projects;
  } else {
    return { projects, problems: [`stored progress has unknown schema ${JSON.stringify(raw.schema)}`], changed: true };
  }
  if (!isRecord(source)) {
    if (readOnly) return { projects, problems: [], changed: false, readOnly };
    return { projects, problems: ['stored progress has no projects object'], changed: true };
  }
  const problems: string[] = [];
  for (const [projectId, starters] of Object.entries(source)) {
    if (!isRecord(starters)) {
      problems.push(`project ${projectId}: not an object`);
      continue;
    }
    for (const [starter, v] of Object.entries(starters)) {
      const entry = readEntry(v, now, problems, `project ${projectId}, starter ${starter}`);
      if (!entry) continue;
      let map = projects.get(projectId);
      if (!map) projects.set(projectId, (map = new Map()));
      map.set(starter, entry);
    }
  }
  if (readOnly) return { projects, problems: [], changed: false, readOnly };
  if (!changed && JSON.stringify(serialise(projects)) !== JSON.stringify({ schema: SCHEMA, projects: source })) changed = true;
  return { projects, problems, changed: changed || problems.length > 0 };
}

export interface Migration {
  data: StoredProgress;
  /** Why (part of) the stored value was not kept as it was; empty when it was fine. */
  problems: string[];
  /** True when the stored value must be rewritten (migrated or cleaned); never when readOnly. */
  changed: boolean;
  /** Why the stored value must be left as it is (a newer schema); undefined normally. */
  readOnly?: string;
}

/** Turns whatever is stored under STORE_KEY into the current shape. Never throws. */
export function migrate(raw: unknown, now: Date = new Date()): Migration {
  const p = parseStored(raw, now);
  const m: Migration = { data: serialise(p.projects), problems: p.problems, changed: p.changed };
  if (p.readOnly) m.readOnly = p.readOnly;
  return m;
}
