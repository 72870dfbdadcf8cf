// npm run test:desktop: the same integration suite as test:integration, in desktop VS Code
// (Electron) through @vscode/test-electron, for machines that can download VS Code into
// .vscode-test/. Where the download is impossible (no route to Microsoft's update server, as
// on the CI machines) it fails at once with that reason; use npm run test:integration there.
// On Linux without a display, run it under xvfb-run.
import { downloadAndUnzipVSCode, runTests, TestRunFailedError } from '@vscode/test-electron';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionMain, fixtureWorkspace, integrationIndex, repoRoot } from './paths';
import { errorMessage, exitWith, fail, installCrashHandlers, registerCleanup, startWatchdog, withTimeout } from './process';
import { INTEGRATION_RESULT_PREFIX, parseResultLine, summaryLine, type Counts } from './results';

const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
const WATCHDOG_MS = Number(process.env.LP_WATCHDOG_MS ?? 30 * 60_000);

async function main(): Promise<void> {
  installCrashHandlers();
  startWatchdog(WATCHDOG_MS, 'the desktop integration run');
  if (!existsSync(integrationIndex) || !existsSync(extensionMain)) {
    await fail(`${existsSync(extensionMain) ? integrationIndex : extensionMain} is missing — run \`npm run build\` first`);
  }

  const version = process.env.LP_VSCODE_VERSION ?? 'stable';
  let vscodeExecutablePath: string;
  try {
    console.log(`desktop: getting VS Code ${version} (cached in .vscode-test/)`);
    // `timeout` is the download's idle timeout; the whole download is bounded too
    vscodeExecutablePath = await withTimeout(
      downloadAndUnzipVSCode({ version, timeout: 30_000 }),
      DOWNLOAD_TIMEOUT_MS,
      'downloading VS Code',
    );
  } catch (err) {
    await fail(
      `could not download VS Code ${version} for the desktop run: ${errorMessage(err)}\n` +
        '  test:desktop needs a machine that can reach Microsoft\'s VS Code update server.\n' +
        '  Here, run the same suite in code-server instead: npm run test:integration',
    );
    return;
  }

  const workspaceRoot = mkdtempSync(join(tmpdir(), 'lp-desktop-ws-'));
  const removeWorkspace = () => rmSync(workspaceRoot, { recursive: true, force: true });
  registerCleanup(async () => removeWorkspace(), removeWorkspace);
  const workspace = join(workspaceRoot, 'workspace');
  cpSync(fixtureWorkspace, workspace, { recursive: true });

  // test-electron pipes VS Code's output through our stdout: pick the suite's result line out of it
  let counts: Counts | undefined;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.includes(INTEGRATION_RESULT_PREFIX)) {
      for (const line of text.split('\n')) counts = parseResultLine(line) ?? counts;
    }
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;

  let code: number;
  try {
    code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: integrationIndex,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (err) {
    if (err instanceof TestRunFailedError) code = typeof err.code === 'number' ? err.code : 1;
    else {
      await fail(`could not run VS Code: ${errorMessage(err)}`);
      return;
    }
  }
  counts ??= { passed: 0, failed: code === 0 ? 0 : 1, pending: 0 };
  if (code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 };
  console.log(summaryLine('desktop', counts));
  await exitWith(code === 0 ? 0 : 1);
}

main().catch((err: unknown) => fail(`desktop run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
