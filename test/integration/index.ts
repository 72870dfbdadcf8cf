// Entry point of the integration suite. VS Code (code-server in CI, desktop VS Code through
// @vscode/test-electron) loads this module in the real extension host, via
// extensionTestsPath, and awaits run(): resolving means the suite passed, rejecting that it
// failed. The reporter writes with console.log, which the extension host forwards to the
// driver (codeAutomationLog in the browser, stdout on the desktop).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { integrationFiles, RELOAD_DIR_ENV, RELOAD_PHASE_AFTER, RESTRICTED_ENV } from '../harness/testFiles';

// Marker lines the code-server driver (test/harness/runIntegration.ts) reads; keep them in
// sync with test/harness/results.ts. START separates the workbench's own log lines from the
// suite's output; RESULT carries the counts for the closing "integration: N passed, N failed".
export const START_MARKER = 'LP_INTEGRATION_START';
export const RESULT_PREFIX = 'LP_INTEGRATION_RESULT ';

export function run(): Promise<void> {
  console.log(START_MARKER);
  // LP_INTEGRATION_GREP=<text> runs only the tests whose full title contains it (see test/README.md).
  const grep = process.env.LP_INTEGRATION_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  // dist/test/integration/**/*.test.js; those under restricted/ only in the Restricted Mode run, those
  // under afterReload/ only in the extension host that the harness's window reload started
  const reloadDir = process.env[RELOAD_DIR_ENV];
  const phase = reloadDir !== undefined && existsSync(join(reloadDir, 'phase')) ? readFileSync(join(reloadDir, 'phase'), 'utf8') : '';
  const files = integrationFiles(__dirname, process.env[RESTRICTED_ENV] === '1', phase === RELOAD_PHASE_AFTER);
  if (files.length === 0) return Promise.reject(new Error(`no integration tests (*.test.js) found under ${__dirname}`));
  for (const file of files) mocha.addFile(file);
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        const failed = stats?.failures ?? failures;
        const pending = stats?.pending ?? 0;
        console.log(`${RESULT_PREFIX}${JSON.stringify({ passed, failed, pending })}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else if (passed === 0) reject(new Error('the integration suite ran no test'));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
