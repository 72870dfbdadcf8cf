// A person at the stub: clicks the exercise in the Milestones view, lands on its
// `TODO(milestone: compute-normalisation-stats)` line (selected) in data.py with the CodeLens
// above it — Verify · not run yet | Hint (1 of 3) | Compare with Reference Solution — clicks the
// lens's Verify, and the lens turns to "failing · N of N tests". A screenshot per step.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'node:assert/strict';
import { repoRoot } from '../harness/paths';
import { useWorkbench, type Workbench } from './fixture';

const PROJECT = 'lens_ui';
const EXERCISE = 'Compute normalisation statistics from the training split';
const cli = (...args: string[]) => execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8', timeout: 60_000 });

describe('At the stub: the exercise opens at its stub, with its CodeLens', function () {
  this.timeout(240_000);
  let wb: Workbench;
  const root = mkdtempSync(join(tmpdir(), 'lp-ui-lens-'));
  const workspace = join(root, 'workspace');
  cli('scaffold', 'pytorch-image-classifier', join(workspace, PROJECT), '--name', PROJECT);

  useWorkbench({ workspace, settings: { 'learningPaths.pythonPath': '/usr/bin/python3' }, container: 'Learning Paths' }, (w) => (wb = w));
  after(() => rmSync(root, { recursive: true, force: true }));

  const view = () => wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Milestones' }) }).first();
  const row = () => view().locator('.monaco-list-row', { hasText: EXERCISE }).first();
  const lens = (text: string | RegExp) => wb.page.locator('.editor-instance .codelens-decoration a', { hasText: text }).first();

  it('a click on the exercise opens data.py with the stub line selected and the CodeLens above it', async () => {
    const skillsHeader = wb.page.locator('.pane-header', { hasText: 'Skills' }).first();
    if ((await skillsHeader.getAttribute('aria-expanded')) === 'true') await skillsHeader.click();
    await row().filter({ hasText: 'not run' }).waitFor({ timeout: 60_000 });
    await row().locator('.label-name').first().click();
    await wb.page.locator('.tabs-container .tab', { hasText: 'data.py' }).first().waitFor({ timeout: 20_000 });
    await lens(/Verify · not run yet/).waitFor({ timeout: 30_000 });
    await lens('Hint (1 of 3)').waitFor({ timeout: 10_000 });
    await lens('Compare with Reference Solution').waitFor({ timeout: 10_000 });
    // The stub line is selected: the status bar shows the cursor at the line's end and the selection's length.
    const status = await wb.page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText();
    const stubAt = readFileSync(join(workspace, PROJECT, PROJECT, 'data.py'), 'utf8').split('\n').findIndex((l) => l.includes('TODO(milestone: compute-normalisation-stats)')) + 1;
    assert.ok(stubAt > 1, 'the scaffolded data.py has the stub marker');
    assert.match(status, new RegExp(`^Ln ${stubAt}, Col \\d+ \\(\\d+ selected\\)$`), status);
    await wb.page.waitForTimeout(500);
    await wb.screenshot('stub-lens-not-run');
  });

  it('the lens\'s Verify runs the exercise; the lens then says failing with the count', async () => {
    await lens(/Verify · not run yet/).click();
    await lens(/Verify · failing · \d+ of \d+ tests/).waitFor({ timeout: 120_000 });
    await row().filter({ hasText: 'failing' }).waitFor({ timeout: 10_000 });
    await wb.page.waitForTimeout(500);
    await wb.screenshot('stub-lens-failing');
  });
});
