/**
 * Running one project process (pytest, a smoke run) so that it always ends: its own process group,
 * output streamed to the caller (never buffered up to a limit), and on a timeout or a cancel
 * SIGTERM to the whole group, then SIGKILL after a grace period. Used by the CLI and the extension
 * alike. Windows has no process groups: there `taskkill /T /F` ends the tree.
 */
import { spawn, spawnSync } from 'node:child_process';

export interface ProcessRunRequest {
  command: string;
  args: readonly string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Ends the run (SIGTERM, then SIGKILL) after this many milliseconds. */
  timeoutMs: number;
  /** Between SIGTERM and SIGKILL (default 3 s). */
  graceMs?: number;
  /** Every chunk of stdout and stderr, decoded as UTF-8, as it arrives. */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  /** Aborting ends the run like a timeout, reported as cancelled. */
  signal?: AbortSignal;
}

export interface ProcessRunResult {
  /** The exit code, or undefined when a signal ended the process (or it never started). */
  exitCode: number | undefined;
  /** The signal that ended it, if any. */
  signal: NodeJS.Signals | undefined;
  timedOut: boolean;
  cancelled: boolean;
  /** Set when the process could not be started (ENOENT, EACCES): one line, no stack. */
  startError?: string;
  durationMs: number;
}

export const DEFAULT_GRACE_MS = 3000;

function killTree(pid: number, signal: NodeJS.Signals): void {
  try {
    if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    else process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Runs the process to its end; never rejects. */
export function runProcess(req: ProcessRunRequest): Promise<ProcessRunResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const child = spawn(req.command, [...req.args], {
      cwd: req.cwd,
      env: req.env ?? process.env,
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stop = () => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      killTree(child.pid, 'SIGTERM');
      killTimer ??= setTimeout(() => {
        if (child.pid !== undefined) killTree(child.pid, 'SIGKILL');
      }, req.graceMs ?? DEFAULT_GRACE_MS);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, req.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    if (req.signal?.aborted) onAbort();
    else req.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (result: Omit<ProcessRunResult, 'durationMs' | 'timedOut' | 'cancelled'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      req.signal?.removeEventListener('abort', onAbort);
      // The group may outlive its leader (a grandchild that ignores SIGTERM): end it too.
      if ((timedOut || cancelled) && child.pid !== undefined) killTree(child.pid, 'SIGKILL');
      resolve({ ...result, timedOut, cancelled, durationMs: Date.now() - t0 });
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => req.onOutput?.(chunk, 'stdout'));
    child.stderr.on('data', (chunk: string) => req.onOutput?.(chunk, 'stderr'));
    child.on('error', (err: NodeJS.ErrnoException) => finish({ exitCode: undefined, signal: undefined, startError: `${req.command}: ${err.code ?? err.message}` }));
    child.on('close', (code, signal) => finish({ exitCode: code ?? undefined, signal: signal ?? undefined }));
  });
}
