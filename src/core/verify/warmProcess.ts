/**
 * One warm Python process (media/python/warm_pytest.py) for one project and interpreter: started
 * with the project folder as its working directory, it imports the heavy modules once and forks a
 * fresh child per run. Runs go one at a time; a cancel or a timeout ends the child's process group
 * (SIGTERM, then SIGKILL after a grace period) and the warm process stays. Node-only, no vscode.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { LineDecoder, encodeRunRequest, parseServerMessage, type ServerMessage } from './warmProtocol';

export interface WarmProcessOptions {
  python: string;
  cwd: string;
  script: string;
  /** Modules to import up front (pytest always). */
  preload: readonly string[];
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

/** How one forked run ended. `broken`: the warm process failed (not the tests): run it cold. */
export type WarmRunResult =
  | { kind: 'exited'; code: number | undefined; signal: number | undefined; rssKb: number }
  | { kind: 'cancelled' }
  | { kind: 'timedOut' }
  | { kind: 'broken'; reason: string };

export interface WarmRunRequest {
  args: readonly string[];
  env?: Readonly<Record<string, string>>;
  timeoutMs: number;
  graceMs: number;
  onOutput?: (chunk: string) => void;
  signal?: AbortSignal;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export class WarmProcess {
  readonly pid: number | undefined;
  /** Resolves once the heavy imports are done; a string says why the process never got ready. */
  readonly ready: Promise<Extract<ServerMessage, { type: 'ready' }> | string>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly decoder = new LineDecoder();
  private listener: ((m: ServerMessage) => void) | undefined;
  private deathListener: ((reason: string) => void) | undefined;
  private dead: string | undefined;
  private nextId = 1;
  /** The process group of the child running now. */
  private current: number | undefined;
  private stderrTail = '';
  /** The runs queued on this process, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  runs = 0;
  /** The modules the process imported up front (once ready). */
  preloaded: readonly string[] = [];

  constructor(options: WarmProcessOptions) {
    this.child = spawn(options.python, [options.script, ...options.preload], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.pid = this.child.pid;
    let readyResolve: (v: Extract<ServerMessage, { type: 'ready' }> | string) => void = () => undefined;
    this.ready = new Promise((resolve) => (readyResolve = resolve));
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-2000);
    });
    this.child.stdout.on('data', (chunk: string) => {
      const { lines, error } = this.decoder.push(chunk);
      if (error) return this.fail(error);
      for (const line of lines) {
        const m = parseServerMessage(line);
        if (typeof m === 'string') return this.fail(`protocol: ${m}`);
        if (m.type === 'ready') {
          this.preloaded = m.preloaded;
          readyResolve(m);
        }
        else if (m.type === 'error') options.log(`warm process: ${m.message}`);
        else this.listener?.(m);
      }
    });
    this.child.stdin.on('error', () => undefined);
    this.child.on('error', (err: NodeJS.ErrnoException) => this.fail(`${options.python}: ${err.code ?? err.message}`));
    this.child.on('close', (code, signal) => {
      const tail = this.stderrTail.trim().split('\n').pop() ?? '';
      this.fail(`the warm process ended (${signal ?? `exit ${code ?? '?'}`})${tail ? `: ${tail.slice(0, 200)}` : ''}`);
    });
    const onDeath = (reason: string) => readyResolve(reason);
    this.deathListener = onDeath;
  }

  get alive(): boolean {
    return this.dead === undefined;
  }

  private fail(reason: string): void {
    if (this.dead !== undefined) return;
    this.dead = reason;
    this.kill();
    this.deathListener?.(reason);
    this.deathListener = undefined;
  }

  /** Runs one forked child; queued behind any run in progress. Never rejects. */
  run(req: WarmRunRequest): Promise<WarmRunResult> {
    const result = this.queue.then(() => this.runNow(req));
    this.queue = result;
    return result;
  }

  private runNow(req: WarmRunRequest): Promise<WarmRunResult> {
    if (this.dead !== undefined) return Promise.resolve({ kind: 'broken', reason: this.dead });
    if (req.signal?.aborted) return Promise.resolve({ kind: 'cancelled' });
    const id = this.nextId++;
    this.runs++;
    return new Promise((resolve) => {
      let childPid: number | undefined;
      let ending: 'cancelled' | 'timedOut' | undefined;
      let killTimer: NodeJS.Timeout | undefined;
      const stop = (why: 'cancelled' | 'timedOut') => {
        ending ??= why;
        if (childPid === undefined) return; // ended as soon as it starts
        killGroup(childPid, 'SIGTERM');
        killTimer ??= setTimeout(() => childPid !== undefined && killGroup(childPid, 'SIGKILL'), req.graceMs);
      };
      const timer = setTimeout(() => stop('timedOut'), req.timeoutMs);
      const onAbort = () => stop('cancelled');
      req.signal?.addEventListener('abort', onAbort, { once: true });
      const finish = (r: WarmRunResult) => {
        clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        req.signal?.removeEventListener('abort', onAbort);
        this.listener = undefined;
        this.deathListener = undefined;
        this.current = undefined;
        // A grandchild that ignored SIGTERM dies with its group.
        if (ending && childPid !== undefined) killGroup(childPid, 'SIGKILL');
        resolve(r);
      };
      this.deathListener = (reason) => finish(ending ? { kind: ending } : { kind: 'broken', reason });
      this.listener = (m) => {
        if (!('id' in m) || m.id !== id) return;
        if (m.type === 'started') {
          childPid = m.pid;
          this.current = m.pid;
          if (ending) stop(ending);
        } else if (m.type === 'output') req.onOutput?.(m.data);
        else if (m.type === 'exit') finish(ending ? { kind: ending } : { kind: 'exited', code: m.code, signal: m.signal, rssKb: m.rssKb });
      };
      this.child.stdin.write(encodeRunRequest(id, req.args, req.env));
    });
  }

  /** Ends the process and any child it is running (each child leads its own process group). */
  kill(): void {
    this.dead ??= 'stopped';
    this.child.stdin.end();
    if (this.current !== undefined) killGroup(this.current, 'SIGKILL');
    if (this.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) killGroup(this.pid, 'SIGKILL');
    this.deathListener?.(this.dead);
  }
}
