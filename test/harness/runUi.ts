// npm run test:ui: runs the UI tests (dist/test/ui/**/*.test.js) with mocha in Node. Each test
// file drives a real workbench through test/ui/fixture.ts (code-server + headless chromium)
// and saves screenshots under test-results/ui/. Prints "ui: N passed, N failed" and exits
// non-zero when anything failed.
import Mocha from 'mocha';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer, findChromium } from './codeServer';
import { extensionMain, repoRoot, testResultsDir } from './paths';
import { exitWith, fail, runCleanups, startWatchdog } from './process';
import { summaryLine } from './results';
import { testFiles } from './testFiles';

const WATCHDOG_MS = Number(process.env.LP_WATCHDOG_MS ?? 45 * 60_000);
const uiDist = join(repoRoot, 'dist', 'test', 'ui');

async function main(): Promise<void> {
  // Not installCrashHandlers(): mocha reports uncaught errors as test failures itself.
  startWatchdog(WATCHDOG_MS, 'the UI test run');
  const started = Date.now();
  if (!existsSync(extensionMain)) await fail(`${extensionMain} is missing — run \`node scripts/build.mjs\` (npm run build) first`);
  const files = testFiles(uiDist);
  if (files.length === 0) await fail(`no UI tests (*.test.js) under ${uiDist} — run \`node scripts/build.mjs\` (npm run build) first`);
  findChromium();
  await ensureCodeServer(); // before mocha, so an install never counts against a test's timeout

  rmSync(join(testResultsDir, 'ui'), { recursive: true, force: true }); // screenshots of this run only
  const grep = process.env.LP_UI_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 180_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of files) mocha.addFile(file);
  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve) => {
    const runner = mocha.run(() => {
      resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 });
    });
  });
  await runCleanups(); // anything a test forgot to close
  let failed = stats.failures;
  if (stats.passes === 0 && failed === 0) {
    console.error('✗ the UI suite ran no test');
    failed = 1;
  }
  console.log(`ui: finished in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${join(testResultsDir, 'ui')}`);
  console.log(summaryLine('ui', { passed: stats.passes, failed, pending: stats.pending }));
  await exitWith(failed > 0 ? 1 : 0);
}

main().catch((err: unknown) => fail(`UI run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
