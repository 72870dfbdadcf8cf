/**
 * Activation in the real VS Code (code-server): the extension host's own activation time (code
 * loading + activate call, as shown by "Developer: Show Running Extensions") for Learning Paths and
 * for an empty extension generated here, loaded alternately in the same server in the same run.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/harness/browser';
import { startCodeServer, workbenchUrl, type CodeServer } from '../test/harness/codeServer';
import { fixtureWorkspace, repoRoot } from '../test/harness/paths';
import { median } from './stats';

const EMPTY_ID = 'bench.empty-floor';

/** Writes the empty floor extension: one command, nothing else. */
export function writeEmptyExtension(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'empty-floor',
      displayName: 'Empty Floor',
      publisher: 'bench',
      version: '0.0.1',
      engines: { vscode: '^1.90.0' },
      main: './extension.js',
      activationEvents: [],
      contributes: { commands: [{ command: 'emptyFloor.hello', title: 'Hello', category: 'Empty Floor' }] },
    }),
  );
  writeFileSync(
    join(dir, 'extension.js'),
    "exports.activate = function (context) { context.subscriptions.push(require('vscode').commands.registerCommand('emptyFloor.hello', () => 1)); };\nexports.deactivate = function () {};\n",
  );
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 20_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
}

/** Opens Running Extensions and reads "Activation: N ms" of the extension with this id or name. */
async function readActivation(page: Page, names: string[]): Promise<number> {
  await runCommand(page, 'Developer: Show Running Extensions');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const text = await page.locator('.editor-instance').first().innerText().catch(() => '');
    const lines = text.split('\n').map((l) => l.trim());
    const at = lines.findIndex((l) => names.includes(l));
    if (at >= 0) {
      for (const line of lines.slice(at, at + 6)) {
        const m = /Activation:\s*(\d+(?:\.\d+)?)\s*ms/.exec(line);
        if (m) return Number(m[1]);
      }
    }
    await page.waitForTimeout(300);
  }
  throw new Error(`Running Extensions did not list ${names.join(' / ')} with an activation time`);
}

async function measureOnce(server: CodeServer, workspace: string, ext: { path: string; command: string; names: string[] }): Promise<number> {
  const { browser, close } = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 2400 } });
    await page.goto(workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: ext.path }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(2500); // let start-up work settle before activating
    await runCommand(page, ext.command);
    await page.waitForTimeout(1000);
    return await readActivation(page, ext.names);
  } finally {
    await close();
  }
}

export interface ActivationResult {
  ours: number;
  empty: number;
  oursRuns: number[];
  emptyRuns: number[];
}

export async function measureActivation(runs: number): Promise<ActivationResult> {
  const root = mkdtempSync(join(tmpdir(), 'lp-bench-act-'));
  const workspace = join(root, 'workspace');
  cpSync(fixtureWorkspace, workspace, { recursive: true });
  const emptyDir = join(root, 'empty-floor');
  writeEmptyExtension(emptyDir);
  const server = await startCodeServer({ workspace });
  const ours = { path: repoRoot, command: 'Learning Paths: Show Catalog Summary', names: ['Learning Paths', 'learning-paths.learning-paths'] };
  const empty = { path: emptyDir, command: 'Empty Floor: Hello', names: ['Empty Floor', EMPTY_ID] };
  const oursRuns: number[] = [];
  const emptyRuns: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // Alternate the order each round so drift hits both alike.
      const order = i % 2 === 0 ? [ours, empty] : [empty, ours];
      for (const ext of order) (ext === ours ? oursRuns : emptyRuns).push(await measureOnce(server, workspace, ext));
    }
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return { ours: median(oursRuns), empty: median(emptyRuns), oursRuns, emptyRuns };
}
