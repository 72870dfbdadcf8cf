// npm run test:desktop: the same integration suite as test:integration, in desktop VS Code
// (Electron), run by @vscode/test-cli with .vscode-test.mjs — what extension authors expect.
// This driver downloads VS Code first with a bounded timeout, so a machine that cannot reach
// Microsoft's update server (as the CI machines here) fails at once with that reason instead of
// hanging in the download; use npm run test:integration (code-server) there.
// On Linux without a display, run it under xvfb-run.
import { downloadAndUnzipVSCode } from '@vscode/test-electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { extensionMain, integrationIndex, repoRoot } from './paths';
import { errorMessage, exitWith, fail, installCrashHandlers, runBounded, startWatchdog, withTimeout } from './process';

const DOWNLOAD_TIMEOUT_MS = Number(process.env.LP_DOWNLOAD_TIMEOUT_MS ?? 10 * 60_000);
const WATCHDOG_MS = Number(process.env.LP_WATCHDOG_MS ?? 30 * 60_000);

async function main(): Promise<void> {
  installCrashHandlers();
  startWatchdog(WATCHDOG_MS, 'the desktop integration run');
  if (!existsSync(integrationIndex) || !existsSync(extensionMain)) {
    await fail(`${existsSync(extensionMain) ? integrationIndex : extensionMain} is missing — run \`npm run build\` first`);
  }
  const version = process.env.LP_VSCODE_VERSION ?? 'stable';
  let executable: string;
  try {
    console.log(`desktop: getting VS Code ${version} (cached in .vscode-test/)`);
    // `timeout` is the download's idle timeout; the whole download is bounded too
    executable = await withTimeout(downloadAndUnzipVSCode({ version, timeout: 30_000 }), DOWNLOAD_TIMEOUT_MS, 'downloading VS Code');
  } catch (err) {
    await fail(
      `could not download VS Code ${version} for the desktop run: ${errorMessage(err)}\n` +
        "  test:desktop needs a machine that can reach Microsoft's VS Code update server.\n" +
        '  Here, run the same suite in code-server instead: npm run test:integration',
    );
    return;
  }
  const cli = join(repoRoot, 'node_modules', '@vscode', 'test-cli', 'out', 'bin.mjs');
  const code = await runBounded(process.execPath, [cli, '--config', join(repoRoot, '.vscode-test.mjs')], {
    cwd: repoRoot,
    env: { ...process.env, LP_VSCODE_EXECUTABLE: executable },
    timeoutMs: WATCHDOG_MS,
  });
  console.log(`desktop: ${code === 0 ? 'passed' : `failed (exit ${code})`}`);
  await exitWith(code === 0 ? 0 : 1);
}

main().catch((err: unknown) => fail(`desktop run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
