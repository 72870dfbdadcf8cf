/**
 * Warm test runs (issue 20): a TestRunner (runner.ts) that keeps one Python process per project
 * folder and interpreter with the heavy imports done (pytest, numpy, torch, and the heavy packages
 * the requirements name), and forks a fresh child per run that runs `pytest.main(<plan args after
 * -m pytest>)` with the same JUnit report path. About 0.1× a cold `python -m pytest` of one
 * exercise on this kind of machine (see README, Performance).
 *
 *   const runner = new WarmTestRunner({ isTrusted: () => vscode.workspace.isTrusted, log, idleMs, memoryMb });
 *   const outcome = await runner.run({ cwd, python, plans, timeoutMs, onOutput, signal });
 *   runner.warmUp(cwd, python);  // optional: start the process before the first run
 *   runner.dispose();            // with the window: ends every warm process and running child
 *
 * Options: `isTrusted` (required; checked before every run: nothing runs, warm or cold, in
 * Restricted Mode), `log` (one line per restart and fallback), `idleMs` (default 10 min: a process
 * with no run for that long ends), `memoryMb` (default 1536: a process whose resident memory is over
 * it after a run ends, and the next run starts a new one).
 *
 * Correct first:
 * - the learner's modules are never imported in the warm process: each child imports them fresh;
 * - the process restarts when the interpreter (its path or its file), a requirements*.txt, the
 *   top pyproject.toml or any conftest.py changes (core/verify/warmProtocol.ts restartReason);
 * - Windows (no fork), a plan that is not `-m pytest`, a process that fails to start or dies, a
 *   protocol error, or a child killed by a signal nobody sent all run cold (core/verify/processRun.ts),
 *   and two warm failures in a row leave that project cold until its fingerprint changes.
 * Node-only: no vscode, so plain mocha tests run it against a real Python.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runProcess } from './processRun';
import type { TestRunner, TestRunOutcome, TestRunRequest } from './runner';
import { WarmProcess } from './warmProcess';
import { pytestArgs, restartReason, type Fingerprint } from './warmProtocol';
import { projectFingerprint, readRequirements } from './warmFiles';

export interface WarmTestRunnerOptions {
  /** Workspace trust: in Restricted Mode nothing runs, and no warm process starts. */
  isTrusted: () => boolean;
  log?: (line: string) => void;
  /** A warm process with no run for this long ends (default 10 minutes). */
  idleMs?: number;
  /** A warm process over this resident size after a run ends (default 1536 MB). */
  memoryMb?: number;
  /** Tests only: the platform (win32 runs cold) and where the Python server script is. */
  platform?: NodeJS.Platform;
  serverScript?: string;
  /** How long the heavy imports may take before the run goes cold (default 60 s). */
  startTimeoutMs?: number;
  /** The modules to import up front instead of numpy, torch and the requirements' heavy ones (pytest always). */
  preload?: readonly string[];
  /** Between SIGTERM and SIGKILL of a cancelled child's group (default 3 s). */
  graceMs?: number;
}

interface Slot {
  python: string;
  process: WarmProcess;
  fingerprint: Fingerprint;
  idle?: NodeJS.Timeout;
}

const DEFAULT_IDLE_MS = 10 * 60_000;
const DEFAULT_MEMORY_MB = 1536;

/** media/python/warm_pytest.py, found from the bundle (dist/), the tests (dist/test/unit/) or the sources. */
export function defaultServerScript(from = __dirname): string {
  let dir = from;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'media', 'python', 'warm_pytest.py');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return join(from, '..', 'media', 'python', 'warm_pytest.py');
}

/** Runs the plans cold, one `python -m pytest` process each, within one deadline. */
export async function runCold(req: TestRunRequest, t0 = Date.now()): Promise<TestRunOutcome> {
  let exitCode: number | undefined;
  for (const plan of req.plans) {
    const left = req.timeoutMs - (Date.now() - t0);
    if (left <= 0) return { kind: 'timedOut', warm: false, durationMs: Date.now() - t0 };
    const r = await runProcess({
      command: req.python,
      args: plan.args,
      cwd: req.cwd,
      env: { ...process.env, ...req.env },
      timeoutMs: left,
      onOutput: (chunk) => req.onOutput?.(chunk),
      ...(req.signal ? { signal: req.signal } : {}),
    });
    if (r.startError) return { kind: 'failedToStart', warm: false, durationMs: Date.now() - t0, reason: r.startError };
    if (r.cancelled) return { kind: 'cancelled', warm: false, durationMs: Date.now() - t0 };
    if (r.timedOut) return { kind: 'timedOut', warm: false, durationMs: Date.now() - t0 };
    exitCode = r.exitCode;
  }
  return { kind: 'finished', ...(exitCode !== undefined ? { exitCode } : {}), warm: false, durationMs: Date.now() - t0 };
}

/** The cold runner alone (the fallback, and what Windows gets). */
export class ColdTestRunner implements TestRunner {
  run(req: TestRunRequest): Promise<TestRunOutcome> {
    return runCold(req);
  }
  dispose(): void {
    // nothing to end: every run ends with its process
  }
}

export class WarmTestRunner implements TestRunner {
  private readonly slots = new Map<string, Slot>();
  /** Warm failures in a row per project folder, and the fingerprint they happened with. */
  private readonly failures = new Map<string, { count: number; fingerprint: Fingerprint }>();
  private readonly script: string;
  private disposed = false;

  constructor(private readonly options: WarmTestRunnerOptions) {
    this.script = options.serverScript ?? defaultServerScript();
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  private get platform(): NodeJS.Platform {
    return this.options.platform ?? process.platform;
  }

  /** The warm process of a project, if one runs (for tests and the bench). */
  processOf(cwd: string): { pid: number | undefined; python: string; runs: number; preloaded: readonly string[] } | undefined {
    const slot = this.slots.get(cwd);
    return slot?.process.alive ? { pid: slot.process.pid, python: slot.python, runs: slot.process.runs, preloaded: slot.process.preloaded } : undefined;
  }

  /** Starts the warm process of a project ahead of its first run (nothing in Restricted Mode or on Windows). */
  async warmUp(cwd: string, python: string, env?: Readonly<Record<string, string>>): Promise<boolean> {
    if (this.disposed || !this.options.isTrusted() || this.platform === 'win32') return false;
    const slot = await this.slotFor(cwd, python, env);
    if (!slot) return false;
    const ready = await slot.process.ready;
    if (this.slots.get(cwd) === slot) this.idleLater(cwd, slot);
    return typeof ready !== 'string';
  }

  async run(req: TestRunRequest): Promise<TestRunOutcome> {
    const t0 = Date.now();
    if (!this.options.isTrusted()) return { kind: 'failedToStart', warm: false, durationMs: 0, reason: 'Restricted Mode: tests run only in a trusted workspace' };
    if (this.disposed) return { kind: 'cancelled', warm: false, durationMs: 0 };
    const args = req.plans.map((p) => pytestArgs(p.args));
    if (this.platform === 'win32' || args.some((a) => a === undefined)) return runCold(req, t0);
    const slot = await this.slotFor(req.cwd, req.python, req.env);
    if (!slot) return runCold(req, t0);
    if (slot.idle) clearTimeout(slot.idle);
    const ready = await this.awaitReady(slot, req.signal, req.timeoutMs - (Date.now() - t0));
    if (ready === 'cancelled') return { kind: 'cancelled', warm: true, durationMs: Date.now() - t0 };
    if (ready === 'timedOut') {
      // The run's own deadline passed while the interpreter was still starting: it ends with the run.
      this.end(req.cwd);
      return { kind: 'timedOut', warm: true, durationMs: Date.now() - t0 };
    }
    if (ready !== true) return this.fallBack(req, 0, slot, ready, t0);
    let exitCode: number | undefined;
    for (let i = 0; i < req.plans.length; i++) {
      const left = req.timeoutMs - (Date.now() - t0);
      if (left <= 0) return { kind: 'timedOut', warm: true, durationMs: Date.now() - t0 };
      const r = await slot.process.run({
        args: args[i] ?? [],
        ...(req.env ? { env: req.env } : {}),
        timeoutMs: left,
        graceMs: this.options.graceMs ?? 3000,
        ...(req.onOutput ? { onOutput: req.onOutput } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      });
      if (r.kind === 'cancelled' || r.kind === 'timedOut') {
        this.idleLater(req.cwd, slot);
        return { kind: r.kind, warm: true, durationMs: Date.now() - t0 };
      }
      if (r.kind === 'broken') return this.fallBack(req, i, slot, r.reason, t0);
      if (r.code === undefined) return this.fallBack(req, i, slot, `the forked run ended by signal ${r.signal ?? '?'}`, t0);
      exitCode = r.code;
      const memoryMb = this.options.memoryMb ?? DEFAULT_MEMORY_MB;
      if (r.rssKb > memoryMb * 1024) {
        this.log(`Warm test process of ${req.cwd} uses ${Math.round(r.rssKb / 1024)} MB (cap ${memoryMb} MB): restarting it.`);
        this.end(req.cwd);
      }
    }
    this.failures.delete(req.cwd);
    if (this.slots.get(req.cwd) === slot) this.idleLater(req.cwd, slot);
    return { kind: 'finished', ...(exitCode !== undefined ? { exitCode } : {}), warm: true, durationMs: Date.now() - t0 };
  }

  /** A warm failure: the process ends, the rest of the plans run cold. */
  private async fallBack(req: TestRunRequest, from: number, slot: Slot, reason: string, t0: number): Promise<TestRunOutcome> {
    if (this.disposed) return { kind: 'cancelled', warm: false, durationMs: Date.now() - t0 };
    if (this.slots.get(req.cwd) !== slot) {
      // Ended by this runner while the run went on (a newer run restarted it): not a warm failure.
      this.log(`The warm test process of ${req.cwd} restarted during a run: running it cold.`);
      return runCold({ ...req, plans: req.plans.slice(from) }, t0);
    }
    this.end(req.cwd);
    const count = (this.failures.get(req.cwd)?.count ?? 0) + 1;
    this.failures.set(req.cwd, { count, fingerprint: slot.fingerprint });
    this.log(`Warm test run of ${req.cwd} failed (${reason}): running it cold${count >= 2 ? '; this project runs cold until its requirements, conftest or interpreter change' : ''}.`);
    return runCold({ ...req, plans: req.plans.slice(from) }, t0);
  }

  /** Waits for the warm process: ready (true), a reason to run cold, or the run's end ('cancelled', 'timedOut' when `leftMs` passes first). */
  private awaitReady(slot: Slot, signal: AbortSignal | undefined, leftMs: number): Promise<true | string | 'cancelled' | 'timedOut'> {
    return new Promise((resolve) => {
      const startMs = this.options.startTimeoutMs ?? 60_000;
      const timer = setTimeout(() => resolve(leftMs <= startMs ? 'timedOut' : 'the heavy imports took too long'), Math.max(0, Math.min(startMs, leftMs)));
      const onAbort = () => resolve('cancelled');
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      void slot.process.ready.then((r) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(typeof r === 'string' ? r : r.pytest ? true : 'pytest cannot be imported');
      });
    });
  }

  /** The live process for the project, restarted when its fingerprint changed; undefined: run cold. */
  private async slotFor(cwd: string, python: string, env?: Readonly<Record<string, string>>): Promise<Slot | undefined> {
    const fingerprint = await projectFingerprint(cwd, python, env);
    if (this.disposed) return undefined;
    const failed = this.failures.get(cwd);
    if (failed && failed.count >= 2) {
      if (restartReason(failed.fingerprint, fingerprint) === undefined) return undefined;
      this.failures.delete(cwd);
    }
    const slot = this.slots.get(cwd);
    if (slot?.process.alive) {
      const why = slot.python !== python ? `the interpreter is now ${python}` : restartReason(slot.fingerprint, fingerprint);
      if (why === undefined) return slot;
      this.log(`Restarting the warm test process of ${cwd}: ${why}.`);
    }
    this.end(cwd);
    const preload = this.options.preload ?? readRequirements(cwd);
    const process_ = new WarmProcess({ python, cwd, script: this.script, preload, env: { ...process.env, ...env }, log: (l) => this.log(l) });
    const fresh: Slot = { python, process: process_, fingerprint };
    this.slots.set(cwd, fresh);
    return fresh;
  }

  private idleLater(cwd: string, slot: Slot): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = setTimeout(() => {
      if (this.slots.get(cwd) !== slot) return;
      this.log(`The warm test process of ${cwd} was idle: ending it.`);
      this.end(cwd);
    }, this.options.idleMs ?? DEFAULT_IDLE_MS);
    slot.idle.unref();
  }

  /** Ends the warm process of a project (the next run starts a new one). */
  end(cwd: string): void {
    const slot = this.slots.get(cwd);
    if (!slot) return;
    this.slots.delete(cwd);
    if (slot.idle) clearTimeout(slot.idle);
    slot.process.kill();
  }

  dispose(): void {
    this.disposed = true;
    for (const cwd of [...this.slots.keys()]) this.end(cwd);
  }
}
