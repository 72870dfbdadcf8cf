// npm run test:integration: runs the integration suite (dist/test/integration/index.js) in the
// extension host of a real VS Code — code-server in headless chromium.
//
// How the result comes back: the workbench loads the suite through the `payload` URL
// parameter (extensionTestsPath). Every console.log in the extension host, mocha's reporter
// included, reaches the page's codeAutomationLog(level, message) function, which this driver
// exposes and prints; when run() settles the workbench calls codeAutomationExit(0 | 1). The
// driver prints the closing line "integration: N passed, N failed", stops chromium and
// code-server, and exits with that code.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { ensureCodeServer, findChromium, startCodeServer, workbenchUrl } from './codeServer';
import { extensionMain, fixtureWorkspace, integrationIndex, repoRoot } from './paths';
import { errorMessage, exitWith, fail, installCrashHandlers, registerCleanup, startWatchdog, tail, withTimeout } from './process';
import { RESTRICTED_ENV } from './testFiles';
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
  const server = await startCodeServer({
    workspace,
    env: { LEARNING_PATHS_MEASURE_PAINT: '1', ...(restricted ? { [RESTRICTED_ENV]: '1' } : {}) },
    ...(restricted ? { workspaceTrust: true } : {}),
  });
  const { browser } = await launchBrowser();
  const page = await browser.newPage();

  const output: string[] = [];
  let counts: Counts | undefined;
  let resolveExit: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
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

  let code: number;
  try {
    code = await withTimeout(exitCode, SUITE_TIMEOUT_MS, 'the integration suite');
  } catch (err) {
    if (!suiteStarted) console.error(`workbench log:\n  ${preamble.slice(-40).join('\n  ')}`);
    if (pageErrors.length) console.error(`page errors:\n  ${pageErrors.slice(-10).join('\n  ')}`);
    console.error(`--- code-server log (tail) ---\n${tail(server.logFile, 30)}\n---`);
    await fail(`${errorMessage(err)}: the workbench never reported a result (is the extension host up? set LP_VERBOSE=1 for browser logs)`);
    return;
  }
  if (!suiteStarted) console.error(`✗ the suite never started; workbench log:\n  ${preamble.slice(-40).join('\n  ')}`);
  if (code === 70) console.error('✗ the workbench page crashed');

  counts ??= parseMochaSummary(output.join('\n'));
  if (!counts) {
    console.error('✗ the suite reported no mocha results (did run() throw before mocha started? see the log above)');
    counts = { passed: 0, failed: 1, pending: 0 };
    if (code === 0) code = 1;
  }
  if (code === 0 && counts.failed > 0) code = 1;
  if (code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 }; // the suite failed outside a test
  console.log(`integration: finished in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${code})`);
  console.log(summaryLine(restricted ? 'restricted' : 'integration', counts));
  await exitWith(code);
}

main().catch((err: unknown) => fail(`integration run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
