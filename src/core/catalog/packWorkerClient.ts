/**
 * Runs `loadPacks` (packLoad.ts) in a worker thread, so parsing a large or hostile pack never
 * blocks the extension host. One worker per load, with a heap limit and a time limit; it is
 * terminated when done. The merged catalog comes back in slices of skills, each acknowledged
 * from a later event-loop turn: receiving one message is one synchronous deserialisation, and a
 * 1,000-skill catalog in one message would block the host for tens of milliseconds.
 */
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics';
import type { Template } from '../scaffold/types';
import type { Catalog, Skill } from './types';

export interface PackRoot {
  /** A folder or a file. */
  path: string;
  /** True for a workspace's `.learning-paths/`, which need not exist; a missing configured folder is reported. */
  optional: boolean;
  /** A folder the root must resolve into (a workspace's `.learning-paths/` must not link out of the workspace). */
  within?: string;
}

export interface PackLoadRequest {
  base: Catalog;
  roots: PackRoot[];
  /** [path, text] of pack files open with unsaved edits. */
  overrides: [string, string][];
}

export interface PackLoadResult {
  catalog: Catalog;
  /** The packs' starters (scaffold/packStarters.ts), by precedence; each carries its `pack`. */
  starters: Template[];
  /** A hash of `starters` (computed in the worker), so the host sees a change without hashing them. */
  startersHash: string;
  diagnostics: Diagnostic[];
  /** Every pack file found (paths). */
  files: string[];
  /** Non-optional roots that do not exist. */
  missing: string[];
  /** Skill id → a hash of its content, so the host sees what changed without comparing skills. */
  fingerprints: Map<string, string>;
}

/** Worker → host messages. */
export type PackWorkerMessage =
  | { kind: 'skills'; skills: Skill[] }
  | { kind: 'done'; result: Omit<PackLoadResult, 'catalog' | 'fingerprints'> & { catalog: Omit<Catalog, 'skills'>; fingerprints: [string, string][] } }
  | { kind: 'failed'; error: string };

/** Host → worker messages: the request, then one 'next' per slice received. */
export type PackHostMessage = { kind: 'load'; request: PackLoadRequest } | { kind: 'next' };

/** Skills per message: about 0.6 MB of catalog, a few milliseconds to receive. */
export const SKILLS_PER_MESSAGE = 100;

export interface PackWorkerOptions {
  timeoutMs?: number;
  maxHeapMb?: number;
  signal?: AbortSignal;
}

/** Loads the packs in a new worker running `workerFile` (dist/packLoader.js). */
export function loadPacksInWorker(workerFile: string, request: PackLoadRequest, options: PackWorkerOptions = {}): Promise<PackLoadResult> {
  const { timeoutMs = 120_000, maxHeapMb = 2048, signal } = options;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    const skills: Skill[] = [];
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => finish(() => reject(new Error('content pack loading was cancelled')));
    const timer = setTimeout(() => finish(() => reject(new Error(`content packs took longer than ${Math.round(timeoutMs / 1000)} s to load; stopped`))), timeoutMs);
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: PackWorkerMessage) => {
      if (m.kind === 'skills') {
        for (const s of m.skills) skills.push(s);
        // Ask for the next slice from a later turn, so other work runs in between.
        setImmediate(() => !settled && worker.postMessage({ kind: 'next' } satisfies PackHostMessage));
      } else if (m.kind === 'done') {
        const { catalog, fingerprints, ...rest } = m.result;
        finish(() => resolve({ ...rest, catalog: { ...catalog, skills }, fingerprints: new Map(fingerprints) }));
      } else {
        finish(() => reject(new Error(m.error)));
      }
    });
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`the content pack loader stopped (exit code ${code})`))));
    worker.postMessage({ kind: 'load', request } satisfies PackHostMessage);
  });
}
