// Process hygiene for the harness: a cleanup registry that also runs on exit and on signals,
// a global watchdog so nothing hangs past a bounded time, and bounded child processes that
// run in their own process group so a stop kills every descendant.
//
// Each harness file is bundled separately by esbuild, so a module-level registry would be
// duplicated per bundle (the UI runner and each UI test file hold their own copy). The state
// therefore lives on globalThis under a registered symbol: every copy shares it.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

interface Cleanup {
  /** Graceful, asynchronous stop (used on normal shutdown, signals and the watchdog). */
  run: () => Promise<void>;
  /** Last-resort synchronous stop (used from process 'exit', where nothing async can run). */
  runSync: () => void;
}

interface HarnessState {
  cleanups: Set<Cleanup>;
  handlersInstalled: boolean;
  exiting: boolean;
}

const stateKey = Symbol.for('learningPaths.harness.state');

function state(): HarnessState {
  const holder = globalThis as unknown as Record<symbol, HarnessState | undefined>;
  let s = holder[stateKey];
  if (!s) {
    s = { cleanups: new Set(), handlersInstalled: false, exiting: false };
    holder[stateKey] = s;
  }
  return s;
}

/** Registers a cleanup; returns a function that unregisters it (call it once the resource is released). */
export function registerCleanup(run: () => Promise<void>, runSync: () => void): () => void {
  installExitHandlers();
  const entry: Cleanup = { run, runSync };
  state().cleanups.add(entry);
  return () => {
    state().cleanups.delete(entry);
  };
}

/** Runs every registered cleanup (newest first), each bounded to `perCleanupMs`. */
export async function runCleanups(perCleanupMs = 15_000): Promise<void> {
  const entries = [...state().cleanups].reverse();
  for (const entry of entries) {
    if (!state().cleanups.has(entry)) continue; // released meanwhile
    try {
      await withTimeout(entry.run(), perCleanupMs, 'cleanup');
    } catch (err) {
      console.error(`cleanup failed (${errorMessage(err)}); forcing it`);
      try {
        entry.runSync();
      } catch {
        // nothing more can be done
      }
    }
    // removed only once done: an exit in the middle still runs it synchronously
    state().cleanups.delete(entry);
  }
}

function runCleanupsSync(): void {
  const entries = [...state().cleanups].reverse();
  state().cleanups.clear();
  for (const entry of entries) {
    try {
      entry.runSync();
    } catch {
      // keep going: every other resource still has to go
    }
  }
}

/** True once the process has started shutting down (exitWith, fail, a signal or the watchdog). */
export function isExiting(): boolean {
  return state().exiting;
}

/**
 * Cleans up, prints the reason (if any) and exits with `code`. Never returns. A second call
 * while the first one is still cleaning up just waits for it (the first code wins).
 */
export async function exitWith(code: number, reason?: string): Promise<never> {
  const s = state();
  if (s.exiting) {
    if (reason) console.error(reason);
    return new Promise<never>(() => undefined); // the first exitWith ends the process
  }
  s.exiting = true;
  if (reason) (code === 0 ? console.log : console.error)(reason);
  await runCleanups();
  process.exit(code);
}

/** Prints a clear failure reason, cleans up and exits non-zero. Never returns. */
export function fail(reason: string, code = 1): Promise<never> {
  return exitWith(code, `✗ ${reason}`);
}

/** Installs (once) the handlers that stop every registered resource on exit, signals and crashes. */
export function installExitHandlers(): void {
  const s = state();
  if (s.handlersInstalled) return;
  s.handlersInstalled = true;
  process.on('exit', runCleanupsSync);
  const onSignal = (signal: NodeJS.Signals, code: number) => {
    if (s.exiting) {
      // second Ctrl+C: stop right now
      runCleanupsSync();
      process.exit(code);
    }
    void exitWith(code, `\nreceived ${signal}: stopping`);
  };
  process.on('SIGINT', () => onSignal('SIGINT', 130));
  process.on('SIGTERM', () => onSignal('SIGTERM', 143));
  process.on('SIGHUP', () => onSignal('SIGHUP', 129));
}

/**
 * For standalone drivers (not inside mocha, which reports uncaught errors as test failures):
 * any uncaught error prints its reason, stops every resource and exits 1.
 */
export function installCrashHandlers(): void {
  installExitHandlers();
  process.on('uncaughtException', (err) => {
    void fail(`unexpected error: ${err.stack ?? String(err)}`);
  });
  process.on('unhandledRejection', (err) => {
    void fail(`unhandled promise rejection: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  });
}

/**
 * Starts the global watchdog: if the run is still going after `ms`, it prints what timed out,
 * stops every registered resource and exits with 124 (the `timeout` command's code).
 */
export function startWatchdog(ms: number, what: string): () => void {
  installExitHandlers();
  const timer = setTimeout(() => {
    void fail(`watchdog: ${what} did not finish within ${Math.round(ms / 1000)} s — stopping everything`, 124);
  }, ms);
  timer.unref();
  return () => clearTimeout(timer);
}

/** Rejects with a clear message if `promise` is not settled within `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Sends `signal` to the whole process group led by `pid`; ignores a group that is already gone. */
export function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** True while any process of the group led by `pid` is alive. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the group, then SIGKILL after `graceMs` if anything in it is still alive. */
export async function stopGroup(pid: number, graceMs = 5_000): Promise<void> {
  if (!killGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!groupAlive(pid)) return;
    await sleep(100);
  }
  killGroup(pid, 'SIGKILL');
  const killDeadline = Date.now() + 2_000;
  while (Date.now() < killDeadline && groupAlive(pid)) await sleep(50);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface BoundedOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Append stdout and stderr to this file instead of inheriting the terminal. */
  logFile?: string;
}

/**
 * Runs a command in its own process group, bounded by `timeoutMs` (then the whole group is
 * killed). Resolves with the exit code (or 124 on timeout); never rejects for a non-zero exit.
 */
export function runBounded(command: string, args: string[], options: BoundedOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const fd = options.logFile ? openSync(options.logFile, 'a') : undefined;
    let child: ChildProcess;
    try {
      child = spawn(command, args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: fd === undefined ? ['ignore', 'inherit', 'inherit'] : ['ignore', fd, fd],
        detached: true, // own session and process group (setsid)
      });
    } catch (err) {
      if (fd !== undefined) closeSync(fd);
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const pid = child.pid;
    const unregister = registerCleanup(
      async () => {
        if (pid) await stopGroup(pid, 2_000);
      },
      () => {
        if (pid) killGroup(pid, 'SIGKILL');
      },
    );
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid) killGroup(pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      unregister();
      if (fd !== undefined) closeSync(fd);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // the command may have left children behind in its group: take them down too
      if (pid) killGroup(pid, 'SIGKILL');
      unregister();
      if (fd !== undefined) closeSync(fd);
      resolve(timedOut ? 124 : (code ?? (signal ? 128 : 1)));
    });
  });
}

/** The last `lines` lines of a text file ('' if it does not exist). */
export function tail(file: string, lines = 40): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8').trimEnd().split('\n');
  return text.slice(-lines).join('\n');
}
