// npm run test:integration: runs the integration suite (dist/test/integration/index.js) in the
// extension host of a real VS Code — code-server in headless chromium.
//
// How the result comes back: the workbench loads the suite through the `payload` URL
// parameter (extensionTestsPath). Every console.log in the extension host, mocha's reporter
// included, reaches the page's codeAutomationLog(level, message) function, which this driver
// exposes and prints; when run() settles the workbench calls codeAutomationExit(0 | 1). The
// driver prints the closing line "integration: N passed, N failed", stops chromium and
// code-server, and exits with that code.
//
// A real window reload (the normal run, not --restricted): part one of the reload test
// (test/integration/reload/) records the extension host and the state it left in before.json;
// the driver then writes the phase file, runs Developer: Reload Window from the command palette
// (the workbench reloads and starts a new extension host, which runs the suite again), and
// index.ts, seeing the phase, runs only test/integration/afterReload/. Both parts' counts add up.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { ensureCodeServer, findChromium, startCodeServer, workbenchUrl } from './codeServer';
import { extensionMain, fixtureWorkspace, integrationIndex, repoRoot } from './paths';
import { errorMessage, exitWith, fail, installCrashHandlers, registerCleanup, startWatchdog, tail, withTimeout } from './process';
import type { Page } from 'playwright-core';
import { RELOAD_DIR_ENV, RELOAD_PHASE_AFTER, RESTRICTED_ENV } from './testFiles';
import { INTEGRATION_START_MARKER, parseMochaSummary, parseResultLine, summaryLine, type Counts } from './results';

const SUITE_TIMEOUT_MS = Number(process.env.LP_INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);
const WATCHDOG_MS = Number(process.env.LP_WATCHDOG_MS ?? 45 * 60_000);
const VERBOSE = process.env.LP_VERBOSE === '1';

/**
 * codeAutomationLog gets the console call's arguments (printf-style: a format string and its
 * values), as an array or as that array in JSON; turn them back into the printed text.
 */
function formatLogMessage(message: unknown): string {
  let args: unknown = message;
  if (typeof args === 'string' && args.startsWith('[')) {
    try {
      args = JSON.parse(args);
    } catch {
      // a plain string that happens to start with '['
    }
  }
  if (Array.isArray(args)) return format(...(args as unknown[]));
  return typeof args === 'string' ? args : JSON.stringify(args);
}

/** Runs a command from the workbench's command palette, as a person would (F1, type, Enter). */
async function runPaletteCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
}

async function main(): Promise<void> {
  installCrashHandlers();
  startWatchdog(WATCHDOG_MS, 'the integration run');
  const started = Date.now();

  if (!existsSync(integrationIndex)) {
    await fail(`${integrationIndex} is missing — run \`node scripts/build.mjs\` (npm run build) first`);
  }
  if (!existsSync(extensionMain)) {
    await fail(`${extensionMain} is missing — run \`node scripts/build.mjs\` (npm run build) first`);
  }
  findChromium();
  await ensureCodeServer();

  const workspaceRoot = mkdtempSync(join(tmpdir(), 'lp-integration-ws-'));
  const removeWorkspace = () => rmSync(workspaceRoot, { recursive: true, force: true });
  registerCleanup(async () => removeWorkspace(), removeWorkspace);
  const workspace = join(workspaceRoot, 'workspace');
  cpSync(fixtureWorkspace, workspace, { recursive: true });

  // --restricted: workspace trust on, the folder untrusted (Restricted Mode); the suite then runs
  // only the files under test/integration/restricted/ (test/integration/index.ts), the normal run all others.
  const restricted = process.argv.includes('--restricted');
  const reloadDir = restricted ? undefined : mkdtempSync(join(tmpdir(), 'lp-integration-reload-'));
  if (reloadDir) {
    const removeReloadDir = () => rmSync(reloadDir, { recursive: true, force: true });
    registerCleanup(async () => removeReloadDir(), removeReloadDir);
  }
  const server = await startCodeServer({
    workspace,
    env: { LEARNING_PATHS_MEASURE_PAINT: '1', ...(restricted ? { [RESTRICTED_ENV]: '1' } : {}), ...(reloadDir ? { [RELOAD_DIR_ENV]: reloadDir } : {}) },
    ...(restricted ? { workspaceTrust: true } : {}),
  });
  const { browser } = await launchBrowser();
  const page = await browser.newPage();

  const output: string[] = [];
  let counts: Counts | undefined;
  let resolveExit: (code: number) => void = () => undefined;
  /** The next codeAutomationExit (one per run of the suite: before and after the window reload). */
  const nextExit = () =>
    new Promise<number>((resolve) => {
      resolveExit = resolve;
    });
  let exitCode = nextExit();
  // Workbench log lines arrive here too; they are shown only before the suite starts when
  // LP_VERBOSE=1, or when the suite never starts (they then explain why).
  const preamble: string[] = [];
  let suiteStarted = false;
  await page.exposeFunction('codeAutomationLog', (level: unknown, message: unknown) => {
    for (const line of formatLogMessage(message).split('\n')) {
      if (line.includes(INTEGRATION_START_MARKER)) {
        suiteStarted = true;
        continue;
      }
      const result = parseResultLine(line);
      if (result) {
        counts = result;
        continue; // machine-readable; the closing line below says the same for people
      }
      if (!suiteStarted && !VERBOSE) {
        preamble.push(`[${String(level)}] ${line}`);
        continue;
      }
      output.push(line);
      if (level === 'error') console.error(line);
      else console.log(line);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code: unknown) => {
    resolveExit(typeof code === 'number' ? code : 1);
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('crash', () => resolveExit(70));
  if (VERBOSE) page.on('console', (msg) => console.log(`[browser ${msg.type()}] ${msg.text()}`));

  const url = workbenchUrl({
    port: server.port,
    folder: workspace,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: integrationIndex,
  });
  console.log(`integration: VS Code ${server.url} (code-server), workspace ${workspace}${restricted ? ' (Restricted Mode)' : ''}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

  /** Waits for one run of the suite to report, and reads its exit code and counts. */
  const awaitSuite = async (what: string): Promise<{ code: number; counts: Counts }> => {
    let code: number;
    try {
      code = await withTimeout(exitCode, SUITE_TIMEOUT_MS, what);
    } catch (err) {
      if (!suiteStarted) console.error(`workbench log:\n  ${preamble.slice(-40).join('\n  ')}`);
      if (pageErrors.length) console.error(`page errors:\n  ${pageErrors.slice(-10).join('\n  ')}`);
      console.error(`--- code-server log (tail) ---\n${tail(server.logFile, 30)}\n---`);
      return fail(`${errorMessage(err)}: the workbench never reported a result (is the extension host up? set LP_VERBOSE=1 for browser logs)`);
    }
    if (!suiteStarted) console.error(`✗ ${what} never started; workbench log:\n  ${preamble.slice(-40).join('\n  ')}`);
    if (code === 70) console.error('✗ the workbench page crashed');
    let c = counts ?? parseMochaSummary(output.join('\n'));
    if (!c) {
      console.error(`✗ ${what} reported no mocha results (did run() throw before mocha started? see the log above)`);
      c = { passed: 0, failed: 1, pending: 0 };
      if (code === 0) code = 1;
    }
    if (code === 0 && c.failed > 0) code = 1;
    if (code !== 0 && c.failed === 0) c = { ...c, failed: 1 }; // the suite failed outside a test
    return { code, counts: c };
  };

  const first = await awaitSuite('the integration suite');
  let code = first.code;
  let total = first.counts;
  if (reloadDir && existsSync(join(reloadDir, 'before.json')) && first.code !== 70) {
    // The second run: a real window reload, a new extension host, the after-reload tests.
    writeFileSync(join(reloadDir, 'phase'), RELOAD_PHASE_AFTER);
    counts = undefined;
    suiteStarted = false;
    output.length = 0;
    preamble.length = 0;
    exitCode = nextExit();
    console.log('integration: Developer: Reload Window (a new extension host), then the after-reload tests');
    await runPaletteCommand(page, 'Developer: Reload Window');
    const second = await awaitSuite('the after-reload tests');
    if (second.code !== 0) code = second.code;
    total = { passed: total.passed + second.counts.passed, failed: total.failed + second.counts.failed, pending: total.pending + second.counts.pending };
  } else if (reloadDir) {
    console.log('integration: no window reload (the reload test did not run: LP_INTEGRATION_GREP, or it failed before recording)');
  }
  console.log(`integration: finished in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${code})`);
  console.log(summaryLine(restricted ? 'restricted' : 'integration', total));
  await exitWith(code);
}

main().catch((err: unknown) => fail(`integration run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
