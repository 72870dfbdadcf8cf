/**
 * The milestone progress store: ticks behind namespaced, versioned keys of a Memento-like
 * storage (the extension passes `workspaceState`). Pure: no `vscode`. The stored shape is in
 * storeFormat.ts, merging mirrored progress in merge.ts.
 *
 * Keys
 *   learningPaths.progress.v1         { schema: 1, projects: … }  (see storeFormat.ts)
 *   learningPaths.progress.v1.backup  { entries: [{ at, reason, value }] }  (newest first, at most 3)
 *
 * Ticks are keyed by the project id from the project's manifest (not its folder), so renaming or
 * moving the folder reconnects; then by starter id and milestone id. Every id is data: it is
 * kept in a `Map`, so `__proto__`, `constructor` or a 10 KB id is stored like any other.
 *
 * Loading never throws: older or looser shapes are migrated; anything that cannot be understood
 * starts clean after a copy of the original value is kept under the backup key. A value written
 * by a newer schema, or one that cannot be read at all, is never written over: the store is then
 * read-only (`readOnly` says why) and every change is refused.
 */
import { mergeMarks, marksOf, type Mark } from './merge';
import {
  emptyEntry,
  isEmptyEntry,
  isRecord,
  MAX_VERIFICATIONS,
  parseStored,
  readEntry,
  serialise,
  serialiseEntry,
  type Entry,
  type MilestoneData,
  type Projects,
  type StoredEntry,
  type StoredProgress,
  type Tick,
} from './storeFormat';

export {
  isIsoDate,
  migrate,
  normaliseTick,
  normaliseTicks,
  SCHEMA,
  tickProblem,
  MILESTONE_DATA_VERSION,
  type MilestoneData,
  type Migration,
  type StoredEntry,
  type StoredProgress,
  type Tick,
  type TickState,
  type VerificationRecord,
} from './storeFormat';
export type { Mark } from './merge';

/** The part of `vscode.Memento` the store needs. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const STORE_KEY = 'learningPaths.progress.v1';
export const BACKUP_KEY = 'learningPaths.progress.v1.backup';
const MAX_BACKUPS = 3;

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
    if (seen.has(cur) || !renames || !Object.hasOwn(renames, cur)) return undefined;
    seen.add(cur);
    const next = renames[cur];
    if (typeof next !== 'string') return undefined;
    cur = next;
  }
  return cur;
}

const better = (a: Tick, b: Tick): Tick => (a.state !== b.state ? (a.state === 'verified' ? a : b) : a.at <= b.at ? a : b);

function reconcileModel(entry: Entry, set: MilestoneSet): Entry {
  const known = new Set(set.milestones.map((m) => m.id));
  const next = emptyEntry(Math.max(set.version, entry.version));
  const place = (id: string, t: Tick) => {
    const target = resolveRename(id, set.renames, known);
    const into = target === undefined ? next.retired : next.ticks;
    const key = target ?? id;
    const cur = into.get(key);
    into.set(key, cur ? better(cur, t) : t);
  };
  // Current ids first, so that a live tick wins over one arriving through a rename.
  for (const [id, t] of entry.ticks) if (known.has(id)) place(id, t);
  for (const [id, t] of entry.ticks) if (!known.has(id)) place(id, t);
  for (const [id, t] of entry.retired) {
    const target = resolveRename(id, set.renames, known);
    if (target !== undefined && !next.ticks.has(target)) next.ticks.set(target, t);
    else if (target === undefined) next.retired.set(id, next.retired.has(id) ? better(next.retired.get(id) as Tick, t) : t);
  }
  for (const [id, at] of entry.unticked) {
    const target = resolveRename(id, set.renames, known);
    if (target !== undefined && !next.ticks.has(target) && !(next.unticked.has(target) && (next.unticked.get(target) as string) > at)) next.unticked.set(target, at);
  }
  for (const [id, d] of entry.data) next.data.set(id, d);
  return next;
}

/**
 * Maps stored ticks onto a starter's current milestones: renamed ids move to their new id,
 * dropped ids are retired (kept aside, not counted), retired ids that exist again come back.
 * Pure; returns the new entry and whether anything changed.
 */
export function reconcileEntry(entry: StoredEntry, set: MilestoneSet): { entry: StoredEntry; changed: boolean } {
  const model = readEntry(entry, new Date(0), [], 'entry') ?? emptyEntry(entry.version);
  const next = serialiseEntry(reconcileModel(model, set));
  return { entry: next, changed: JSON.stringify(next) !== JSON.stringify(entry) };
}

export interface StoreOptions {
  now?: () => Date;
}

/** Ticks of every project, read once from the memento and written through on each change. */
export class ProgressStore {
  private readonly projects: Projects;
  /** Problems found while loading (migrated or dropped data); a backup was kept when non-empty. */
  readonly problems: readonly string[];
  /** Why the store is read-only (the stored value is never written over), or undefined. */
  readonly readOnly: string | undefined;
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
    let unreadable: string | undefined;
    try {
      raw = memento.get<unknown>(STORE_KEY);
    } catch (err) {
      unreadable = `the stored progress could not be read (${String(err)})`;
    }
    const p = unreadable ? { projects: new Map() as Projects, problems: [], changed: false, readOnly: unreadable } : parseStored(raw, this.now());
    this.projects = p.projects;
    this.problems = p.problems;
    this.readOnly = p.readOnly;
    this.writes = Promise.resolve();
    if (p.changed && !p.readOnly) {
      if (p.problems.length > 0) this.enqueue(() => this.backup(raw, p.problems.join('; ')));
      this.enqueue(() => this.memento.update(STORE_KEY, serialise(this.projects)));
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
    // The same value backed up again (another window, a reload) does not push older ones out.
    const same = JSON.stringify(value);
    const others = entries.filter((e) => !(isRecord(e) && JSON.stringify(e.value) === same));
    const entry: BackupEntry = { at: this.now().toISOString(), reason, value };
    await this.memento.update(BACKUP_KEY, { entries: [entry, ...others].slice(0, MAX_BACKUPS) });
  }

  private persist(): Promise<void> {
    if (this.readOnly) return this.writes;
    const value = serialise(this.projects);
    return this.enqueue(() => this.memento.update(STORE_KEY, value));
  }

  /** A deep copy of everything stored. */
  snapshot(): StoredProgress {
    return serialise(this.projects);
  }

  /** Waits for every write made so far. */
  flush(): Promise<void> {
    return this.writes;
  }

  private entry(projectId: string, starter: string): Entry | undefined {
    return this.projects.get(projectId)?.get(starter);
  }

  private entryForWrite(projectId: string, starter: string): Entry {
    let starters = this.projects.get(projectId);
    if (!starters) this.projects.set(projectId, (starters = new Map()));
    let e = starters.get(starter);
    if (!e) starters.set(starter, (e = emptyEntry()));
    return e;
  }

  private dropIfEmpty(projectId: string, starter: string): void {
    const starters = this.projects.get(projectId);
    const e = starters?.get(starter);
    if (!starters || !e || !isEmptyEntry(e)) return;
    starters.delete(starter);
    if (starters.size === 0) this.projects.delete(projectId);
  }

  /** The ticks of one project (a copy). */
  ticks(projectId: string, starter: string): Map<string, Tick> {
    return new Map([...(this.entry(projectId, starter)?.ticks ?? [])].map(([id, t]) => [id, { ...t }]));
  }

  /** Ticks and tombstones of one project (a copy), as mirrored into the project file. */
  marks(projectId: string, starter: string): Map<string, Mark> {
    const e = this.entry(projectId, starter);
    return e ? marksOf(e.ticks, e.unticked) : new Map();
  }

  get(projectId: string, starter: string, milestone: string): Tick | undefined {
    const t = this.entry(projectId, starter)?.ticks.get(milestone);
    return t ? { ...t } : undefined;
  }

  /** Whether the store holds ticks (or retired ticks) for the project. */
  has(projectId: string, starter: string): boolean {
    const e = this.entry(projectId, starter);
    return e !== undefined && (e.ticks.size > 0 || e.retired.size > 0);
  }

  private untick(e: Entry, milestone: string, at: string): void {
    e.ticks.delete(milestone);
    e.unticked.set(milestone, at);
  }

  private setTick(e: Entry, milestone: string, t: Tick): void {
    e.ticks.set(milestone, t);
    e.unticked.delete(milestone);
  }

  /**
   * Ticks a milestone by hand. A verified tick stays verified. Returns the tick now stored
   * (undefined only when the store is read-only and the milestone is not ticked).
   */
  async markSelf(projectId: string, starter: string, milestone: string): Promise<Tick | undefined> {
    const cur = this.entry(projectId, starter)?.ticks.get(milestone);
    if (cur) return { ...cur };
    if (this.readOnly) return undefined;
    const t: Tick = { state: 'self', at: this.now().toISOString() };
    this.setTick(this.entryForWrite(projectId, starter), milestone, t);
    await this.persist();
    return { ...t };
  }

  /** Unticks a milestone (verified or self-reported). Returns whether it was ticked. */
  async clear(projectId: string, starter: string, milestone: string): Promise<boolean> {
    const e = this.entry(projectId, starter);
    if (!e?.ticks.has(milestone) || this.readOnly) return false;
    this.untick(e, milestone, this.now().toISOString());
    await this.persist();
    return true;
  }

  /** Unticks every milestone of a project, retired ones included. Returns how many were ticked. */
  async clearProject(projectId: string, starter: string): Promise<number> {
    const e = this.entry(projectId, starter);
    if (!e || this.readOnly) return 0;
    const n = e.ticks.size;
    const at = this.now().toISOString();
    for (const id of [...e.ticks.keys()]) this.untick(e, id, at);
    e.retired.clear();
    this.dropIfEmpty(projectId, starter);
    await this.persist();
    return n;
  }

  /** Applies check results (milestone id → pass). Returns the ids whose tick changed. */
  async applyChecks(projectId: string, starter: string, results: ReadonlyMap<string, boolean>): Promise<string[]> {
    if (this.readOnly) return [];
    const changed: string[] = [];
    const now = this.now();
    for (const [id, pass] of results) {
      const cur = this.entry(projectId, starter)?.ticks.get(id);
      const next = tickAfterCheck(cur, pass, now);
      if (next === cur) continue;
      const e = this.entryForWrite(projectId, starter);
      if (next) this.setTick(e, id, next);
      else this.untick(e, id, now.toISOString());
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
    if (!e || this.readOnly) return false;
    const next = reconcileModel(e, set);
    if (JSON.stringify(serialiseEntry(next)) === JSON.stringify(serialiseEntry(e))) return false;
    this.entryForWrite(projectId, starter);
    this.projects.get(projectId)?.set(starter, next);
    await this.persist();
    return true;
  }

  /** Adds ticks from elsewhere for milestones not ticked here. Returns the ids added. */
  async importTicks(projectId: string, starter: string, ticks: ReadonlyMap<string, Tick>): Promise<string[]> {
    if (this.readOnly) return [];
    const added: string[] = [];
    for (const [id, t] of ticks) {
      const e = this.entryForWrite(projectId, starter);
      if (!e.ticks.has(id)) {
        this.setTick(e, id, { state: t.state, at: t.at });
        added.push(id);
      }
    }
    this.dropIfEmpty(projectId, starter);
    if (added.length > 0) await this.persist();
    return added;
  }

  /**
   * Merges marks mirrored elsewhere (a project's `.learning-path.json`) by change time: a later
   * untick wins over an older tick and the other way round (see merge.ts). Returns the ids whose
   * tick changed here.
   */
  async mergeMarks(projectId: string, starter: string, remote: ReadonlyMap<string, Mark>): Promise<string[]> {
    if (this.readOnly || remote.size === 0) return [];
    const { merged, changed } = mergeMarks(this.marks(projectId, starter), remote);
    if (changed.length === 0) return [];
    const e = this.entryForWrite(projectId, starter);
    for (const id of changed) {
      const m = merged.get(id) as Mark;
      if (m.state === 'open') this.untick(e, id, m.at);
      else this.setTick(e, id, { state: m.state, at: m.at });
    }
    await this.persist();
    return changed;
  }

  /** The per-milestone data of the current version (undefined when none, or a newer version's). */
  milestoneData(projectId: string, starter: string, milestone: string): MilestoneData | undefined {
    const d = this.entry(projectId, starter)?.data.get(milestone);
    return d && d.v === 1 ? structuredClone(d as MilestoneData) : undefined;
  }

  /** Changes a milestone's data (`update` gets a copy, or `{ v: 1 }`); false when read-only or a newer data version's. */
  async updateMilestoneData(projectId: string, starter: string, milestone: string, update: (cur: MilestoneData) => MilestoneData): Promise<boolean> {
    return (await this.updateMilestonesData(projectId, starter, new Map([[milestone, update]]))).length === 1;
  }

  /** Several milestones' data in one write (each as updateMilestoneData); returns the ids changed. */
  async updateMilestonesData(projectId: string, starter: string, updates: ReadonlyMap<string, (cur: MilestoneData) => MilestoneData>): Promise<string[]> {
    if (this.readOnly) return [];
    const changed: string[] = [];
    for (const [milestone, update] of updates) {
      const cur = this.entry(projectId, starter)?.data.get(milestone);
      if (cur && cur.v !== 1) continue;
      const next = update(cur ? structuredClone(cur as MilestoneData) : { v: 1 });
      if (next.verifications && next.verifications.length > MAX_VERIFICATIONS) next.verifications = next.verifications.slice(-MAX_VERIFICATIONS);
      this.entryForWrite(projectId, starter).data.set(milestone, { ...next, v: 1 });
      changed.push(milestone);
    }
    if (changed.length > 0) await this.persist();
    return changed;
  }
}
