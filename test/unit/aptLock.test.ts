// Issue 23: the apt step waits for a lock another process holds, then installs; past its bound it
// ends with the exact command. The pure loop (scripts/apt-lock.mjs) with a fake apt-get and clock,
// then scripts/apt-packages.mjs end to end with a fake apt-get on PATH that holds the lock twice.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './helpers';

type AptLock = typeof import('../../scripts/apt-lock.mjs', { with: { 'resolution-mode': 'import' } });

const LOCKED = 'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?\n';

/** A fake clock and an apt-get that reports the lock `lockedRuns` times, then the given status. */
function fakeApt(lockedRuns: number, finalStatus = 0, finalOutput = '') {
  let t = 1_000_000;
  const calls: string[][] = [];
  const logs: string[] = [];
  const io = {
    run: (args: string[]) => {
      calls.push(args);
      return calls.length <= lockedRuns ? { status: 100, output: LOCKED } : { status: finalStatus, output: finalOutput };
    },
    log: (line: string) => logs.push(line),
    sleep: async (ms: number) => {
      t += ms;
    },
    now: () => t,
    waitSeconds: 60,
  };
  return { io, calls, logs };
}

describe('apt lock wait (scripts/apt-lock.mjs)', () => {
  // An ES module (scripts are .mjs), imported once; typed by scripts/apt-lock.d.mts.
  let lockProblem: AptLock['lockProblem'];
  let lockWaitSeconds: AptLock['lockWaitSeconds'];
  let runAptPatiently: AptLock['runAptPatiently'];
  let DEFAULT_LOCK_WAIT_SECONDS: number;
  before(async () => {
    ({ lockProblem, lockWaitSeconds, runAptPatiently, DEFAULT_LOCK_WAIT_SECONDS } = await import('../../scripts/apt-lock.mjs'));
  });

  it('recognises apt-get lock failures and names the holder', () => {
    assert.deepEqual(lockProblem(LOCKED), { holder: 'unattended-upgr, pid 4242' });
    assert.deepEqual(lockProblem('E: Could not get lock /var/lib/apt/lists/lock. It is held by process 17\n'), { holder: 'pid 17' });
    assert.deepEqual(lockProblem('E: Unable to lock directory /var/lib/apt/lists/\n'), { holder: undefined });
    assert.equal(lockProblem('E: Unable to locate package nosuchpackage\n'), undefined);
  });

  it('waits while another process holds the lock, saying what it waits for, then installs', async () => {
    const { io, calls, logs } = fakeApt(3);
    assert.deepEqual(await runAptPatiently(['install', '-y', 'chromium'], io), { ok: true });
    assert.equal(calls.length, 4, 'three locked tries, then the one that installs');
    assert.deepEqual(calls[0], ['-o', 'DPkg::Lock::Timeout=60', 'install', '-y', 'chromium']);
    assert.deepEqual(calls[3], ['-o', 'DPkg::Lock::Timeout=45', 'install', '-y', 'chromium'], 'apt itself waits for what is left of the bound');
    assert.equal(logs.length, 1, 'one line, not one per try');
    assert.match(logs[0] ?? '', /^waiting for apt's lock, held by unattended-upgr, pid 4242 .*up to 60 s more/);
  });

  it('gives up past the bound with a reason that names the holder (no endless wait)', async () => {
    const { io, calls } = fakeApt(1000);
    const r = await runAptPatiently(['update'], { ...io, waitSeconds: 20 });
    assert.deepEqual(r, { ok: false, reason: "another process (unattended-upgr, pid 4242) still holds apt's lock after 20 s (LP_APT_LOCK_WAIT)" });
    assert.equal(calls.length, 5, 'tries at 0, 5, 10, 15 and 20 s, none after');
  });

  it('does not retry a failure that is not a lock', async () => {
    const { io, calls, logs } = fakeApt(0, 100, 'E: Unable to locate package nosuchpackage\n');
    assert.deepEqual(await runAptPatiently(['install', 'nosuchpackage'], io), { ok: false, reason: 'apt-get install failed (exit 100)' });
    assert.equal(calls.length, 1);
    assert.deepEqual(logs, []);
  });

  it('reads its bound from LP_APT_LOCK_WAIT, whole seconds only', () => {
    assert.equal(lockWaitSeconds({}), DEFAULT_LOCK_WAIT_SECONDS);
    assert.equal(lockWaitSeconds({ LP_APT_LOCK_WAIT: '90' }), 90);
    assert.equal(lockWaitSeconds({ LP_APT_LOCK_WAIT: '0' }), 0);
    assert.equal(lockWaitSeconds({ LP_APT_LOCK_WAIT: 'soon' }), DEFAULT_LOCK_WAIT_SECONDS);
    assert.equal(lockWaitSeconds({ LP_APT_LOCK_WAIT: '-3' }), DEFAULT_LOCK_WAIT_SECONDS);
  });
});

describe('scripts/apt-packages.mjs with a fake apt-get that holds the lock (no root needed)', function () {
  this.timeout(30_000);
  let bin: string;
  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), 'lp-fake-apt-'));
    const script = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    script('dpkg-query', 'exit 0'); // nothing installed: every listed package is missing
    script('sudo', '[ "$1" = -n ] && shift; exec "$@"'); // passwordless sudo when not root
    // apt-get: logs its arguments; `install` reports the lock for the first LOCKED_RUNS calls
    script(
      'apt-get',
      [
        'echo "$*" >> "$FAKE_APT_LOG"',
        'case " $* " in *" install "*)',
        '  n=$(grep -c " install " "$FAKE_APT_LOG")',
        '  if [ "$n" -le "$LOCKED_RUNS" ]; then',
        '    echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)" >&2',
        '    echo "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?" >&2',
        '    exit 100',
        '  fi;;',
        'esac',
        'exit 0',
      ].join('\n'),
    );
  });
  afterEach(() => rmSync(bin, { recursive: true, force: true }));

  const runScript = (env: Record<string, string>) =>
    spawnSync(process.execPath, [join(repoRoot, 'scripts', 'apt-packages.mjs'), 'test'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, FAKE_APT_LOG: join(bin, 'calls.log'), LP_APT_RETRY_SECONDS: '1', LP_SKIP_APT: '', ...env },
    });

  it('waits for the lock and then installs (it failed at once before the wait)', () => {
    const r = runScript({ LOCKED_RUNS: '2', LP_APT_LOCK_WAIT: '20' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /npm test: waiting for apt's lock, held by unattended-upgr, pid 4242/);
    const calls = readFileSync(join(bin, 'calls.log'), 'utf8').trim().split('\n');
    assert.equal(calls.filter((c) => / install /.test(` ${c} `)).length, 3, calls.join('\n'));
    assert.match(calls[calls.length - 1] ?? '', /^-o DPkg::Lock::Timeout=\d+ install -y -q --no-install-recommends .*chromium/);
  });

  it('past its bound it ends with the exact command to run', () => {
    const r = runScript({ LOCKED_RUNS: '1000', LP_APT_LOCK_WAIT: '2' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /✗ another process \(unattended-upgr, pid 4242\) still holds apt's lock after 2 s/);
    assert.match(r.stderr, /Run it yourself, then try again:\n {4}(sudo )?apt-get update && (sudo )?apt-get install -y --no-install-recommends .*chromium/);
  });
});
