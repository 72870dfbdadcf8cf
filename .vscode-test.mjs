// @vscode/test-cli configuration: the integration suite (dist/test/integration/*.test.js; not restricted/) in
// desktop VS Code. Run it with `npm run test:desktop`, which builds, downloads VS Code with a
// bounded timeout (failing at once, with the reason, where it cannot: offline machines use
// `npm run test:integration`, the same suite in code-server) and then calls
// `vscode-test --config .vscode-test.mjs` with LP_VSCODE_EXECUTABLE set to that download.
// `npx vscode-test` alone works too on a machine that can download VS Code.
// On Linux without a display, run it under xvfb-run.
import { defineConfig } from '@vscode/test-cli';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A fresh copy of the fixture workspace for every run (the suite writes into it).
const workspaceRoot = mkdtempSync(join(tmpdir(), 'lp-desktop-ws-'));
const workspace = join(workspaceRoot, 'workspace');
cpSync(new URL('./test/fixtures/workspace', import.meta.url), workspace, { recursive: true });
process.on('exit', () => rmSync(workspaceRoot, { recursive: true, force: true }));

const executable = process.env.LP_VSCODE_EXECUTABLE;

export default defineConfig({
  label: 'integration',
  // Not restricted/: those run in the Restricted Mode half of `npm run test:integration` (workspace trust on).
  files: 'dist/test/integration/*.test.js',
  version: process.env.LP_VSCODE_VERSION ?? 'stable',
  ...(executable ? { useInstallation: { fromPath: executable } } : {}),
  download: { timeout: 30_000 },
  workspaceFolder: workspace,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  // The skill page reports its first paint only when a test asks (see src/extension/main.ts).
  env: { LEARNING_PATHS_MEASURE_PAINT: '1' },
  mocha: { ui: 'bdd', timeout: 60_000, color: false },
});
