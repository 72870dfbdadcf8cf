/**
 * Runs `loadPacks` (packLoad.ts) in a worker thread, so parsing a large or hostile pack never
 * blocks the extension host: the host only posts the request and receives the merged catalog.
 * One worker per load, with a heap limit and a time limit; it is terminated when done.
 */
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics';
import type { Catalog } from './types';

export interface PackRoot {
  /** A folder or a file. */
  path: string;
  /** True for a workspace's `.learning-paths/`, which need not exist; a missing configured folder is reported. */
  optional: boolean;
}

export interface PackLoadRequest {
  base: Catalog;
  roots: PackRoot[];
  /** [path, text] of pack files open with unsaved edits. */
  overrides: [string, string][];
}

export interface PackLoadResult {
  catalog: Catalog;
  diagnostics: Diagnostic[];
  /** Every pack file found (paths). */
  files: string[];
  /** Non-optional roots that do not exist. */
  missing: string[];
}

export type PackWorkerReply = { ok: true; result: PackLoadResult } | { ok: false; error: string };

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
    worker.once('message', (reply: PackWorkerReply) => finish(() => (reply.ok ? resolve(reply.result) : reject(new Error(reply.error)))));
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`the content pack loader stopped (exit code ${code})`))));
    worker.postMessage(request);
  });
}
