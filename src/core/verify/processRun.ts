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
/** Node's timers hold at most 2^31 - 1 ms; a longer timeout would fire at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/**
 * After the process itself exits, how long its output pipes may stay open: a grandchild it left
 * running (a server, a `sleep &`) holds them, and would otherwise keep the run from ending.
 */
export const DRAIN_MS = 500;

/** A timeout in ms that a timer can hold: at least 1, at most MAX_TIMEOUT_MS (NaN: the most). */
export function timerMs(ms: number): number {
  return Number.isNaN(ms) ? MAX_TIMEOUT_MS : Math.min(MAX_TIMEOUT_MS, Math.max(1, Math.floor(ms)));
}

/** Why a process could not start, in one line. */
export function startErrorText(command: string, err: NodeJS.ErrnoException): string {
  const why = err.code === 'ENOENT' ? 'not found' : err.code === 'EACCES' ? 'permission denied (not executable?)' : (err.code ?? err.message);
  return `${command}: ${why}`;
}

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
    let drainTimer: NodeJS.Timeout | undefined;
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const child = spawn(req.command, [...req.args], {
      cwd: req.cwd,
      env: req.env ?? process.env,
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    // The whole group, even after its leader exited: a grandchild may still run in it.
    const stop = () => {
      if (settled || child.pid === undefined) return;
      killTree(child.pid, 'SIGTERM');
      killTimer ??= setTimeout(() => {
        if (child.pid !== undefined) killTree(child.pid, 'SIGKILL');
      }, req.graceMs ?? DEFAULT_GRACE_MS);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timerMs(req.timeoutMs));
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
      if (drainTimer) clearTimeout(drainTimer);
      req.signal?.removeEventListener('abort', onAbort);
      // The group may outlive its leader (a grandchild that ignores SIGTERM, or holds the pipes): a run leaves nothing behind.
      if (child.pid !== undefined) killTree(child.pid, 'SIGKILL');
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ ...result, timedOut, cancelled, durationMs: Date.now() - t0 });
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => req.onOutput?.(chunk, 'stdout'));
    child.stderr.on('data', (chunk: string) => req.onOutput?.(chunk, 'stderr'));
    child.on('error', (err: NodeJS.ErrnoException) => finish({ exitCode: undefined, signal: undefined, startError: startErrorText(req.command, err) }));
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      // Its output normally ends with it; a grandchild holding the pipes gets DRAIN_MS, then the group is ended.
      drainTimer = setTimeout(() => finish({ exitCode: code ?? undefined, signal: signal ?? undefined }), DRAIN_MS);
    });
    child.on('close', (code, signal) => finish({ exitCode: (exited?.code ?? code) ?? undefined, signal: (exited?.signal ?? signal) ?? undefined }));
  });
}
