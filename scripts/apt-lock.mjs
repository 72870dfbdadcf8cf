// Running apt-get patiently: on a new Debian or Ubuntu machine, unattended-upgrades often holds
// apt's locks for minutes after boot, and apt-get then fails at once with "Could not get lock".
// runAptPatiently() runs apt-get with `-o DPkg::Lock::Timeout=<seconds left>` (apt itself waits
// for the dpkg frontend lock), and when apt-get still ends on a lock (the lists lock of
// `apt-get update`, or an apt too old for that option) it says what it is waiting for, waits and
// tries again, up to a bound. Past the bound it gives up with the exact command to run.
// Used by scripts/apt-packages.mjs, which `.ci/run`, `npm start` and `npm test` call.

/** How long to wait for apt's locks in all, in seconds (LP_APT_LOCK_WAIT overrides). */
export const DEFAULT_LOCK_WAIT_SECONDS = 600;
/** Between two tries while another process holds the lock (LP_APT_RETRY_SECONDS overrides, for tests). */
export const RETRY_SECONDS = 5;

const LOCK_RE = /Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock directory|is another process using it\?/;
const HOLDER_RE = /held by process (\d+)(?: \(([^)]*)\))?/;

/** Whether apt-get's output says another process holds one of its locks; and who, when it says. */
export function lockProblem(output) {
  if (!LOCK_RE.test(output)) return undefined;
  const m = HOLDER_RE.exec(output);
  return { holder: m ? `${m[2] ? `${m[2]}, ` : ''}pid ${m[1]}` : undefined };
}

/** The bound from the environment: a whole number of seconds >= 0, else the default. */
export function lockWaitSeconds(env) {
  const raw = env.LP_APT_LOCK_WAIT;
  if (raw === undefined || raw === '') return DEFAULT_LOCK_WAIT_SECONDS;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_LOCK_WAIT_SECONDS;
}

/**
 * Runs `apt-get <args>` through `run` until it ends for a reason other than a held lock, or the
 * bound passes. `run(args)` returns `{ status, output }` (output: what apt-get printed, which the
 * runner also shows). Returns `{ ok: true }`, or `{ ok: false, reason }` where reason is one line.
 */
export async function runAptPatiently(args, { run, log, sleep, now, waitSeconds, retrySeconds = RETRY_SECONDS }) {
  const deadline = now() + waitSeconds * 1000;
  let announced = 0;
  for (;;) {
    const left = Math.max(0, Math.ceil((deadline - now()) / 1000));
    const r = await run(['-o', `DPkg::Lock::Timeout=${left}`, ...args]);
    if (r.status === 0) return { ok: true };
    const lock = lockProblem(r.output);
    if (!lock) return { ok: false, reason: `apt-get ${args[0]} failed (exit ${r.status})` };
    if (now() + retrySeconds * 1000 > deadline) {
      return { ok: false, reason: `another process${lock.holder ? ` (${lock.holder})` : ''} still holds apt's lock after ${waitSeconds} s (LP_APT_LOCK_WAIT)` };
    }
    // Say it once, then every 30 s: a line that names what it waits for and for how long at most.
    if (announced === 0 || now() - announced >= 30_000) {
      log(`waiting for apt's lock, held by ${lock.holder ?? 'another process'} (often unattended-upgrades after boot); up to ${left} s more (LP_APT_LOCK_WAIT)`);
      announced = now();
    }
    await sleep(retrySeconds * 1000);
  }
}
