/**
 * The milestone progress store: ticks behind namespaced, versioned keys of a Memento-like
 * storage (the extension passes `workspaceState`). Pure: no `vscode`.
 *
 * Key layout
 *   learningPaths.progress.v1         { schema: 1, projects: { <projectId>: { <starterId>: Entry } } }
 *                                     Entry = { version, ticks: { <milestoneId>: { state, at } }, retired? }
 *   learningPaths.progress.v1.backup  { entries: [{ at, reason, value }] }  (newest first, at most 3)
 *
 * Ticks are keyed by the project id from the project's manifest (not its folder), so renaming or
 * moving the folder reconnects; then by starter id and milestone id. `state` is 'verified' (a
 * check passed) or 'self' (ticked by hand); `at` is an ISO date.
 *
 * Loading never throws: older or looser shapes are migrated (schema 0: no `schema` field, a
 * map of project id → starter id → { version?, ticks }, and tick values of `true`, an ISO date
 * or `{ state, at }`); anything that cannot be understood starts clean after a copy of the
 * original value is kept under the backup key.
 */

export type TickState = 'verified' | 'self';

export interface Tick {
  state: TickState;
  /** ISO date of when the milestone was done. */
  at: string;
}

/** The part of `vscode.Memento` the store needs. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const STORE_KEY = 'learningPaths.progress.v1';
export const BACKUP_KEY = 'learningPaths.progress.v1.backup';
export const SCHEMA = 1;
const MAX_BACKUPS = 3;

export interface StoredEntry {
  /** Starter version the ticks were last reconciled with. */
  version: number;
  ticks: Record<string, Tick>;
  /** Ticks of milestones the current starter version no longer has; restored if they come back. */
  retired?: Record<string, Tick>;
}

export interface StoredProgress {
  schema: 1;
  projects: Record<string, Record<string, StoredEntry>>;
}

export interface BackupEntry {
  at: string;
  reason: string;
  value: unknown;
}

/** What a starter says about its milestones, for reconciling stored ticks after a version bump. */
export interface MilestoneSet {
  version: number;
  milestones: readonly { id: string }[];
  /** Old milestone id → new id. */
  renames?: Readonly<Record<string, string>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** One tick from any shape we have written or a person may write; undefined when it is not a tick. */
export function normaliseTick(v: unknown, fallbackDate: Date): Tick | undefined {
  const fallback = fallbackDate.toISOString();
  if (v === true) return { state: 'self', at: fallback };
  if (typeof v === 'string') return ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)) ? { state: 'self', at: v } : undefined;
  if (!isRecord(v)) return undefined;
  const state = v.state === 'verified' ? 'verified' : v.state === 'self' || v.state === 'done' || v.done === true ? 'self' : undefined;
  if (!state) return undefined;
  const at = typeof v.at === 'string' && !Number.isNaN(Date.parse(v.at)) ? v.at : fallback;
  return { state, at };
}

/** The valid ticks of a `{ id: tick }` record (anything else is skipped). */
export function normaliseTicks(v: unknown, fallbackDate: Date): Map<string, Tick> {
  const out = new Map<string, Tick>();
  if (!isRecord(v)) return out;
  for (const [id, raw] of Object.entries(v)) {
    const t = normaliseTick(raw, fallbackDate);
    if (t && id !== '') out.set(id, t);
  }
  return out;
}

export interface Migration {
  data: StoredProgress;
  /** Why (part of) the stored value was not kept as it was; empty when it was fine. */
  problems: string[];
  /** True when the stored value must be rewritten (migrated or cleaned). */
  changed: boolean;
}

function readEntry(v: unknown, now: Date, problems: string[], where: string): StoredEntry | undefined {
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
  const entry: StoredEntry = { version, ticks: Object.fromEntries(ticks) };
  const retired = normaliseTicks(v.retired, now);
  if (retired.size > 0) entry.retired = Object.fromEntries(retired);
  return entry;
}

/** Turns whatever is stored under STORE_KEY into the current shape. Never throws. */
export function migrate(raw: unknown, now: Date = new Date()): Migration {
  const empty = (): StoredProgress => ({ schema: SCHEMA, projects: {} });
  if (raw === undefined || raw === null) return { data: empty(), problems: [], changed: false };
  if (!isRecord(raw)) return { data: empty(), problems: [`stored progress is a ${Array.isArray(raw) ? 'list' : typeof raw}, not an object`], changed: true };
  let projects: unknown;
  let changed = false;
  if (raw.schema === SCHEMA) projects = raw.projects;
  else if (raw.schema === undefined) {
    projects = raw; // schema 0
    changed = true;
  } else {
    return { data: empty(), problems: [`stored progress has unknown schema ${JSON.stringify(raw.schema)}`], changed: true };
  }
  if (!isRecord(projects)) return { data: empty(), problems: ['stored progress has no projects object'], changed: true };
  const problems: string[] = [];
  const data = empty();
  for (const [projectId, starters] of Object.entries(projects)) {
    if (!isRecord(starters)) {
      problems.push(`project ${projectId}: not an object`);
      continue;
    }
    for (const [starter, v] of Object.entries(starters)) {
      const entry = readEntry(v, now, problems, `project ${projectId}, starter ${starter}`);
      if (entry) (data.projects[projectId] ??= {})[starter] = entry;
    }
  }
  if (!changed && JSON.stringify(data) !== JSON.stringify({ schema: SCHEMA, projects })) changed = true;
  return { data, problems, changed: changed || problems.length > 0 };
}

/** What a check result does to a tick: a pass verifies, a failure reverts only a verified tick. */
export function tickAfterCheck(current: Tick | undefined, pass: boolean, now: Date): Tick | undefined {
  if (pass) {
    if (current?.state === 'verified') return current;
    // A self-reported tick that a check now confirms keeps the date it was done.
    return { state: 'verified', at: current?.at ?? now.toISOString() };
  }
  return current?.state === 'verified' ? undefined : current;
}

/** Follows a rename map from `id` (chains allowed, cycles ignored) to an id in `known`. */
export function resolveRename(id: string, renames: Readonly<Record<string, string>> | undefined, known: ReadonlySet<string>): string | undefined {
  let cur = id;
  const seen = new Set<string>();
  while (!known.has(cur)) {
    if (seen.has(cur) || !renames || !Object.prototype.hasOwnProperty.call(renames, cur)) return undefined;
    seen.add(cur);
    const next = renames[cur];
    if (typeof next !== 'string') return undefined;
    cur = next;
  }
  return cur;
}

const better = (a: Tick, b: Tick): Tick => (a.state !== b.state ? (a.state === 'verified' ? a : b) : a.at <= b.at ? a : b);

/**
 * Maps stored ticks onto a starter's current milestones: renamed ids move to their new id,
 * dropped ids are retired (kept aside, not counted), retired ids that exist again come back.
 * Pure; returns the new entry and whether anything changed.
 */
export function reconcileEntry(entry: StoredEntry, set: MilestoneSet): { entry: StoredEntry; changed: boolean } {
  const known = new Set(set.milestones.map((m) => m.id));
  const ticks: Record<string, Tick> = {};
  const retired: Record<string, Tick> = {};
  const place = (id: string, t: Tick) => {
    const target = resolveRename(id, set.renames, known);
    if (target === undefined) retired[id] = retired[id] ? better(retired[id], t) : t;
    else ticks[target] = ticks[target] ? better(ticks[target], t) : t;
  };
  // Current ids first, so that a live tick wins over one arriving through a rename.
  for (const [id, t] of Object.entries(entry.ticks)) if (known.has(id)) place(id, t);
  for (const [id, t] of Object.entries(entry.ticks)) if (!known.has(id)) place(id, t);
  for (const [id, t] of Object.entries(entry.retired ?? {})) {
    const target = resolveRename(id, set.renames, known);
    if (target !== undefined && ticks[target] === undefined) ticks[target] = t;
    else if (target === undefined) retired[id] = retired[id] ? better(retired[id], t) : t;
  }
  const next: StoredEntry = { version: Math.max(set.version, entry.version), ticks };
  if (Object.keys(retired).length > 0) next.retired = retired;
  return { entry: next, changed: JSON.stringify(next) !== JSON.stringify(entry) };
}

export interface StoreOptions {
  now?: () => Date;
}

/** Ticks of every project, read once from the memento and written through on each change. */
export class ProgressStore {
  private data: StoredProgress;
  /** Problems found while loading (migrated or dropped data); a backup was kept when non-empty. */
  readonly problems: readonly string[];
  /** Resolves when the load-time migration (and backup) have been written. */
  readonly ready: Promise<void>;
  private writes: Promise<void>;
  private readonly now: () => Date;

  constructor(
    private readonly memento: MementoLike,
    options: StoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    let raw: unknown;
    try {
      raw = memento.get<unknown>(STORE_KEY);
    } catch (err) {
      raw = { unreadable: String(err) };
    }
    const m = migrate(raw, this.now());
    this.data = m.data;
    this.problems = m.problems;
    this.writes = Promise.resolve();
    if (m.changed) {
      if (m.problems.length > 0) this.enqueue(() => this.backup(raw, m.problems.join('; ')));
      this.enqueue(() => this.memento.update(STORE_KEY, this.data));
    }
    this.ready = this.writes;
  }

  private enqueue(write: () => PromiseLike<void>): Promise<void> {
    // A failed write must not block later ones; it is reported to the caller that made it.
    const next = this.writes.then(write, write);
    this.writes = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  private async backup(value: unknown, reason: string): Promise<void> {
    const old = this.memento.get<unknown>(BACKUP_KEY);
    const entries = isRecord(old) && Array.isArray(old.entries) ? (old.entries as unknown[]) : [];
    const entry: BackupEntry = { at: this.now().toISOString(), reason, value };
    await this.memento.update(BACKUP_KEY, { entries: [entry, ...entries].slice(0, MAX_BACKUPS) });
  }

  private persist(): Promise<void> {
    const snapshot = structuredClone(this.data);
    return this.enqueue(() => this.memento.update(STORE_KEY, snapshot));
  }

  /** A deep copy of everything stored. */
  snapshot(): StoredProgress {
    return structuredClone(this.data);
  }

  /** Waits for every write made so far. */
  flush(): Promise<void> {
    return this.writes;
  }

  private entry(projectId: string, starter: string): StoredEntry | undefined {
    return this.data.projects[projectId]?.[starter];
  }

  private entryForWrite(projectId: string, starter: string): StoredEntry {
    const starters = (this.data.projects[projectId] ??= {});
    return (starters[starter] ??= { version: 0, ticks: {} });
  }

  private dropIfEmpty(projectId: string, starter: string): void {
    const e = this.entry(projectId, starter);
    if (e && Object.keys(e.ticks).length === 0 && !e.retired) {
      const starters = this.data.projects[projectId];
      if (starters) {
        delete starters[starter];
        if (Object.keys(starters).length === 0) delete this.data.projects[projectId];
      }
    }
  }

  /** The ticks of one project (a copy). */
  ticks(projectId: string, starter: string): Map<string, Tick> {
    return new Map(Object.entries(this.entry(projectId, starter)?.ticks ?? {}).map(([id, t]) => [id, { ...t }]));
  }

  get(projectId: string, starter: string, milestone: string): Tick | undefined {
    const t = this.entry(projectId, starter)?.ticks[milestone];
    return t ? { ...t } : undefined;
  }

  /** Whether the store holds anything for the project (ticks or retired ticks). */
  has(projectId: string, starter: string): boolean {
    return this.entry(projectId, starter) !== undefined;
  }

  /** Ticks a milestone by hand. A verified tick stays verified. Returns the tick now stored. */
  async markSelf(projectId: string, starter: string, milestone: string): Promise<Tick> {
    const e = this.entryForWrite(projectId, starter);
    const cur = e.ticks[milestone];
    if (cur) return { ...cur };
    const t: Tick = { state: 'self', at: this.now().toISOString() };
    e.ticks[milestone] = t;
    await this.persist();
    return { ...t };
  }

  /** Unticks a milestone (verified or self-reported). Returns whether it was ticked. */
  async clear(projectId: string, starter: string, milestone: string): Promise<boolean> {
    const e = this.entry(projectId, starter);
    if (!e?.ticks[milestone]) return false;
    delete e.ticks[milestone];
    this.dropIfEmpty(projectId, starter);
    await this.persist();
    return true;
  }

  /** Unticks every milestone of a project, retired ones included. Returns how many were ticked. */
  async clearProject(projectId: string, starter: string): Promise<number> {
    const e = this.entry(projectId, starter);
    if (!e) return 0;
    const n = Object.keys(e.ticks).length;
    const starters = this.data.projects[projectId];
    if (starters) {
      delete starters[starter];
      if (Object.keys(starters).length === 0) delete this.data.projects[projectId];
    }
    await this.persist();
    return n;
  }

  /** Applies check results (milestone id → pass). Returns the ids whose tick changed. */
  async applyChecks(projectId: string, starter: string, results: ReadonlyMap<string, boolean>): Promise<string[]> {
    const changed: string[] = [];
    const now = this.now();
    for (const [id, pass] of results) {
      const cur = this.entry(projectId, starter)?.ticks[id];
      const next = tickAfterCheck(cur, pass, now);
      if (next === cur) continue;
      if (next) this.entryForWrite(projectId, starter).ticks[id] = next;
      else delete this.entryForWrite(projectId, starter).ticks[id];
      changed.push(id);
    }
    if (changed.length > 0) {
      this.dropIfEmpty(projectId, starter);
      await this.persist();
    }
    return changed;
  }

  /** Maps stored ticks onto the starter's current milestones (see reconcileEntry). Returns whether anything changed. */
  async reconcile(projectId: string, starter: string, set: MilestoneSet): Promise<boolean> {
    const e = this.entry(projectId, starter);
    if (!e) return false;
    const r = reconcileEntry(e, set);
    if (!r.changed) return false;
    (this.data.projects[projectId] ??= {})[starter] = r.entry;
    await this.persist();
    return true;
  }

  /** Adds ticks from elsewhere (a project manifest) for milestones not ticked here. Returns the ids added. */
  async importTicks(projectId: string, starter: string, ticks: ReadonlyMap<string, Tick>): Promise<string[]> {
    const added: string[] = [];
    for (const [id, t] of ticks) {
      const e = this.entryForWrite(projectId, starter);
      if (!e.ticks[id]) {
        e.ticks[id] = { state: t.state, at: t.at };
        added.push(id);
      }
    }
    this.dropIfEmpty(projectId, starter);
    if (added.length > 0) await this.persist();
    return added;
  }
}
