// A person verifies an exercise in the workbench: clicks the inline Verify action on the
// milestone, watches pytest run in the terminal (a VS Code Task), reads the failing assertion in
// the row's tooltip, applies the reference solution with the CLI, clicks Verify again and sees the
// tick. Debian's /usr/bin/python3 (with pytest) through learningPaths.pythonPath.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../harness/paths';
import type { Locator } from 'playwright-core';
import { useWorkbench, type Workbench } from './fixture';

const PROJECT = 'verify_ui';
const EXERCISE = 'Score drift with the population stability index (PSI)';
const cli = (...args: string[]) => execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8', timeout: 60_000 });

describe('Verify an exercise in the workbench: fail, apply the solution, pass', function () {
  this.timeout(240_000);
  let wb: Workbench;
  const root = mkdtempSync(join(tmpdir(), 'lp-ui-verify-'));
  const workspace = join(root, 'workspace');
  const projectDir = join(workspace, PROJECT);
  cli('scaffold', 'ml-pipeline', projectDir, '--name', PROJECT);

  useWorkbench({ workspace, settings: { 'learningPaths.pythonPath': '/usr/bin/python3' }, container: 'Learning Paths' }, (w) => (wb = w));
  after(() => rmSync(root, { recursive: true, force: true }));

  const view = () => wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Milestones' }) }).first();
  const row = () => view().locator('.monaco-list-row', { hasText: EXERCISE }).first();
  const verifyButton = () => row().locator('.action-label[aria-label="Verify Milestone"]').first();
  const clickVerify = async () => {
    await row().hover();
    await verifyButton().waitFor({ state: 'visible', timeout: 10_000 });
    await verifyButton().click();
  };

  /**
   * Right-clicks the milestone, picks an entry of its context menu and waits for `until`; again
   * (up to three times) when a busy workbench swallowed the click while the menu faded in.
   */
  const contextMenu = async (entry: string, until: Locator) => {
    for (let attempt = 1; ; attempt++) {
      await wb.page.keyboard.press('Escape');
      await wb.page.mouse.move(900, 600);
      await row().locator('.label-name').first().click({ button: 'right' });
      const item = wb.page.locator('.context-view .monaco-menu .action-item', { hasText: entry }).first();
      await item.waitFor({ timeout: 10_000 });
      await wb.page.waitForTimeout(400);
      if (attempt === 1) await wb.screenshot(`context-menu-${entry}`);
      await item.click();
      const done = await until.waitFor({ timeout: 15_000 }).then(
        () => true,
        () => false,
      );
      if (done) return;
      if (attempt === 3) assert.fail(`"${entry}" from the context menu showed nothing after three tries`);
    }
  };

  it('shows the exercise as not run, with an inline Verify action', async () => {
    const skillsHeader = wb.page.locator('.pane-header', { hasText: 'Skills' }).first();
    if ((await skillsHeader.getAttribute('aria-expanded')) === 'true') await skillsHeader.click();
    await row().waitFor({ timeout: 30_000 });
    await row().filter({ hasText: 'not run' }).waitFor({ timeout: 30_000 });
    await row().hover();
    await verifyButton().waitFor({ state: 'visible' });
    await wb.screenshot('verify-not-run');
  });

  it('Verify runs the tests in the terminal; the row fails with the NotImplementedError in its tooltip', async () => {
    await clickVerify();
    await row().filter({ hasText: 'failing' }).waitFor({ timeout: 90_000 });
    await wb.page.locator('.statusbar-item', { hasText: /failing/ }).first().waitFor({ timeout: 10_000 });
    await wb.screenshot('verify-failing-terminal-and-status-bar');
    // The row's tooltip: hover its label (again, if the workbench was busy and no hover came).
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'First failure' }).first();
    for (let attempt = 1; ; attempt++) {
      await wb.page.mouse.move(900, 600);
      await wb.page.waitForTimeout(300);
      await row().locator('.label-name').first().hover();
      const shown = await hover.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (shown) break;
      if (attempt === 3) assert.fail('no tooltip with the first failure after three hovers');
    }
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /First failure: psi_from_counts still raises NotImplementedError/);
    await wb.screenshot('verify-failing-tooltip');
  });

  it('after the CLI applies the reference solution, Verify ticks the milestone', async () => {
    assert.match(cli('solution', projectDir, 'psi-drift-score', '--apply'), /applied the reference solution/);
    await wb.page.mouse.move(900, 600);
    await clickVerify();
    await wb.page.waitForTimeout(3000);
    await wb.screenshot('verify-again-clicked');
    await row().filter({ hasText: /verified (just now|1 min ago)/ }).waitFor({ timeout: 90_000 });
    const box = row().locator('.custom-view-tree-node-item-checkbox').first();
    // A class token, not a substring: "unchecked" must not read as checked.
    const checked = (await box.getAttribute('aria-checked')) ?? String(((await box.getAttribute('class')) ?? '').split(/\s+/).includes('checked'));
    assert.equal(checked, 'true');
    await wb.page.locator('.statusbar-item', { hasText: /^\s*1\/10\s*$/ }).first().waitFor({ timeout: 10_000 });
    assert.equal(await wb.page.locator('.statusbar-item', { hasText: /failing/ }).count(), 0, 'no failing count once the run passed');
    await wb.page.mouse.move(900, 600);
    await wb.page.waitForTimeout(500);
    await wb.screenshot('verify-verified-ticked');
  });

  it('Show Hint opens the first hint in a Markdown preview', async () => {
    await contextMenu('Show Hint', wb.page.locator('.tabs-container .tab', { hasText: 'psi-drift-score.md' }).first());
    const preview = wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await preview.getByText('Hint 1 of 3').waitFor({ timeout: 20_000 });
    await wb.screenshot('show-hint-preview');
  });

  it('Compare with Reference Solution asks once, then opens the diff: reference left, yours right', async () => {
    const dialog = wb.page.locator('.monaco-dialog-box');
    await contextMenu('Compare with Reference Solution', dialog.getByText('Compare "Score drift', { exact: false }));
    await wb.screenshot('compare-confirm');
    await dialog.getByRole('button', { name: 'Show Reference Solution' }).click();
    await wb.page.locator('.tabs-container .tab', { hasText: 'reference solution ↔ yours' }).first().waitFor({ timeout: 20_000 });
    await wb.page.locator('.monaco-diff-editor').first().waitFor({ timeout: 20_000 });
    await wb.page.waitForTimeout(800);
    await wb.screenshot('compare-diff');
  });
});
