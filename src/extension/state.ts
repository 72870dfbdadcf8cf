/**
 * Every key Learning Paths keeps in `globalState` / `workspaceState`, with its scope, the type
 * of its value, its version (part of the key: a new shape gets a new key, and the old one is
 * migrated or dropped) and a parser, so nothing read back from storage is trusted unchecked.
 * Features read and write state only through `readState` / `writeState` and these entries.
 *
 * The milestone tick store (src/core/progress/store.ts) owns the migration of its own two keys;
 * they are listed here so this table is complete.
 */
import type * as vscode from 'vscode';
import { BACKUP_KEY, STORE_KEY, type StoredProgress } from '../core/progress/store';
import type { GroupBy, MyPath } from '../core/tree/model';

export interface StateEntry<T> {
  readonly key: string;
  readonly scope: 'global' | 'workspace';
  readonly version: number;
  /** Synced across machines with Settings Sync (global keys only). */
  readonly sync: boolean;
  /** The stored value, checked; undefined when absent or not of the expected shape. */
  parse(value: unknown): T | undefined;
}

/** A scaffold that had to open a folder (the extension host restarts): steps left to do. */
export interface PendingScaffold {
  /** The project folder, as a URI string. */
  project: string;
  /** The README to open, as a URI string. */
  readme?: string;
  /** Date.now() when the scaffold wrote the project. */
  at: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const STATE = {
  /** The learner's path: role, current level, target level. */
  learnerPath: {
    key: 'learningPaths.path.v1',
    scope: 'global',
    version: 1,
    sync: true,
    parse: (v: unknown): MyPath | undefined =>
      isObject(v) && typeof v.role === 'string' && typeof v.current === 'string' && typeof v.target === 'string' ? { role: v.role, current: v.current, target: v.target } : undefined,
  },
  /** How the Skills tree groups: by role (default) or by skill. */
  skillsGroupBy: {
    key: 'learningPaths.tree.groupBy.v1',
    scope: 'global',
    version: 1,
    sync: false,
    parse: (v: unknown): GroupBy | undefined => (v === 'skill' || v === 'role' ? v : undefined),
  },
  /** Steps of a scaffold left for the next activation (see features/scaffold.ts). */
  pendingScaffold: {
    key: 'learningPaths.scaffold.pending.v1',
    scope: 'global',
    version: 1,
    sync: false,
    parse: (v: unknown): PendingScaffold | undefined =>
      isObject(v) && typeof v.project === 'string' && typeof v.at === 'number'
        ? { project: v.project, at: v.at, ...(typeof v.readme === 'string' ? { readme: v.readme } : {}) }
        : undefined,
  },
  /** Milestone ticks of every project (src/core/progress/store.ts migrates and validates them). */
  milestoneTicks: {
    key: STORE_KEY,
    scope: 'workspace',
    version: 1,
    sync: false,
    parse: (v: unknown): StoredProgress | undefined => (isObject(v) ? (v as unknown as StoredProgress) : undefined),
  },
  /** Copies of tick data that could not be read, kept by the store (newest first, at most 3). */
  milestoneTicksBackup: {
    key: BACKUP_KEY,
    scope: 'workspace',
    version: 1,
    sync: false,
    parse: (v: unknown): { entries: unknown[] } | undefined => (isObject(v) && Array.isArray(v.entries) ? { entries: v.entries } : undefined),
  },
} as const satisfies Record<string, StateEntry<unknown>>;

export type StateName = keyof typeof STATE;
export type StateValue<N extends StateName> = NonNullable<ReturnType<(typeof STATE)[N]['parse']>>;

function mementoOf(context: Pick<vscode.ExtensionContext, 'globalState' | 'workspaceState'>, name: StateName): vscode.Memento {
  return STATE[name].scope === 'global' ? context.globalState : context.workspaceState;
}

/** Reads a state entry, checked by its parser. */
export function readState<N extends StateName>(context: Pick<vscode.ExtensionContext, 'globalState' | 'workspaceState'>, name: N): StateValue<N> | undefined {
  return STATE[name].parse(mementoOf(context, name).get<unknown>(STATE[name].key)) as StateValue<N> | undefined;
}

/** Writes (or, with undefined, deletes) a state entry. */
export function writeState<N extends StateName>(context: Pick<vscode.ExtensionContext, 'globalState' | 'workspaceState'>, name: N, value: StateValue<N> | undefined): Thenable<void> {
  return mementoOf(context, name).update(STATE[name].key, value);
}

/** The global keys Settings Sync carries across machines. */
export function syncedKeys(): string[] {
  return Object.values(STATE)
    .filter((e) => e.scope === 'global' && e.sync)
    .map((e) => e.key);
}
