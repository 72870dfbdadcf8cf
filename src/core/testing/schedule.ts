/**
 * Verify on save, scheduled: saves of one project within the debounce window become one run; a
 * project never has two runs at once; a save while a run is going cancels that run and starts a
 * new one once it has ended. Pure: the timer and the run are injected, so it is unit-tested with
 * a fake clock.
 */

export interface SchedulerClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Runs the exercises `ids` of a project; resolves when the run has ended (whatever its outcome). */
export type ScheduledRun = (projectKey: string, ids: readonly string[], signal: AbortSignal) => Promise<void>;

interface ProjectSlot {
  /** Exercises saved since the last run started. */
  pending: Set<string>;
  timer?: unknown;
  running?: { controller: AbortController; done: Promise<void> };
  /** Bumped by every start: only the newest start that waited for an old run goes on. */
  generation: number;
}

export const DEFAULT_SAVE_DEBOUNCE_MS = 300;

export class SaveScheduler {
  private readonly slots = new Map<string, ProjectSlot>();
  private disposed = false;

  constructor(
    private readonly run: ScheduledRun,
    private readonly clock: SchedulerClock,
    private readonly debounceMs: number = DEFAULT_SAVE_DEBOUNCE_MS,
  ) {}

  /** A file of `ids` was saved in project `projectKey`. */
  saved(projectKey: string, ids: readonly string[]): void {
    if (this.disposed || ids.length === 0) return;
    const slot = this.slots.get(projectKey) ?? { pending: new Set<string>(), generation: 0 };
    this.slots.set(projectKey, slot);
    for (const id of ids) slot.pending.add(id);
    if (slot.timer !== undefined) this.clock.clearTimeout(slot.timer);
    slot.timer = this.clock.setTimeout(() => {
      slot.timer = undefined;
      void this.start(projectKey, slot);
    }, this.debounceMs);
  }

  /** True while a run or a debounced save of the project is outstanding. */
  busy(projectKey: string): boolean {
    const slot = this.slots.get(projectKey);
    return slot !== undefined && (slot.timer !== undefined || slot.running !== undefined);
  }

  private async start(projectKey: string, slot: ProjectSlot): Promise<void> {
    const generation = ++slot.generation;
    const previous = slot.running;
    if (previous) {
      // Newer cancels older; the new run starts only once the old one has ended.
      previous.controller.abort();
      await previous.done;
      if (generation !== slot.generation) return; // a newer start took over while we waited
    }
    if (this.disposed || slot.pending.size === 0) return;
    const ids = [...slot.pending];
    slot.pending.clear();
    const controller = new AbortController();
    const done = this.run(projectKey, ids, controller.signal).then(
      () => undefined,
      () => undefined,
    );
    const running = { controller, done };
    slot.running = running;
    await done;
    if (slot.running === running) slot.running = undefined;
    if (slot.timer === undefined && slot.running === undefined && slot.pending.size === 0) this.slots.delete(projectKey);
  }

  /** Cancels every run and forgets every pending save. */
  dispose(): void {
    this.disposed = true;
    for (const slot of this.slots.values()) {
      if (slot.timer !== undefined) this.clock.clearTimeout(slot.timer);
      slot.running?.controller.abort();
    }
    this.slots.clear();
  }
}
