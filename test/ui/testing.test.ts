// The loop as a learner meets it, in the workbench: Verify an exercise, see the failure inline at
// the stub's raise in their own file (and the gutter mark), then, with a wrong value, the failure
// at the test's assertion as "actual != expected", and VS Code's diff in the peek. Screenshots for
// the README. Debian's /usr/bin/python3 (with pytest) through learningPaths.pythonPath.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../harness/paths';
import { useWorkbench, type Workbench } from './fixture';

const PROJECT = 'loop_ui';
const EXERCISE = 'Score drift with the population stability index (PSI)';
const INLINE = '.monaco-editor .test-error-content-widget, .monaco-editor .test-message-inline-content';
const cli = (...args: string[]) => execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8', timeout: 60_000 });

describe('The loop in the editor: the failure at the stub, and the diff', function () {
  this.timeout(240_000);
  let wb: Workbench;
  const root = mkdtempSync(join(tmpdir(), 'lp-ui-testing-'));
  const workspace = join(root, 'workspace');
  const projectDir = join(workspace, PROJECT);
  cli('scaffold', 'ml-pipeline', projectDir, '--name', PROJECT);
  const exerciseFile = join(projectDir, PROJECT, 'drift_psi.py');

  useWorkbench({ workspace, viewport: { width: 1680, height: 900 }, settings: { 'learningPaths.pythonPath': '/usr/bin/python3', 'learningPaths.verifyOnSave': 'off' }, container: 'Learning Paths' }, (w) => (wb = w));
  after(() => rmSync(root, { recursive: true, force: true }));

  const view = () => wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Milestones' }) }).first();
  const row = () => view().locator('.monaco-list-row', { hasText: EXERCISE }).first();
  const clickVerify = async () => {
    const button = row().locator('.action-label[aria-label="Verify Milestone"]').first();
    await row().hover();
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    await button.click();
  };
  const openFile = async (name: string) => {
    // F1 from anywhere (Test Results' terminal may hold the focus), then the palette's text
    // without '>' is Quick Open's file search.
    await wb.page.keyboard.press('Escape');
    await wb.page.locator('.monaco-workbench').first().click({ position: { x: 640, y: 16 } }).catch(() => undefined);
    await wb.page.keyboard.press('F1');
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(name);
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor({ timeout: 15_000 });
  };

  const goToLine = async (line: number) => {
    await wb.page.locator('.monaco-editor .view-lines').first().click();
    await wb.page.keyboard.press('Control+G');
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${line}`);
    await wb.page.keyboard.press('Enter');
    await wb.page.waitForTimeout(300);
  };

  it('after Verify, the failure shows inline at the stub\'s raise in the learner\'s file', async () => {
    const skillsHeader = wb.page.locator('.pane-header', { hasText: 'Skills' }).first();
    if ((await skillsHeader.getAttribute('aria-expanded')) === 'true') await skillsHeader.click();
    await row().waitFor({ timeout: 30_000 });
    await openFile('drift_psi.py');
    await clickVerify();
    await row().filter({ hasText: 'failing' }).waitFor({ timeout: 90_000 });
    const inline = wb.page.locator(INLINE).filter({ hasText: 'NotImplementedError' }).first();
    await inline.waitFor({ state: 'attached', timeout: 30_000 });
    assert.match(await inline.textContent() ?? '', /NotImplementedError: Score drift with the population stability index/);
    await goToLine(24);
    await inline.waitFor({ state: 'visible', timeout: 10_000 });
    await wb.page.waitForTimeout(600);
    await wb.screenshot('loop-failure-inline-at-the-stub');
  });

  it('a wrong value: "actual != expected" at the assertion, and the peek offers the diff', async () => {
    const stub = readFileSync(exerciseFile, 'utf8');
    writeFileSync(exerciseFile, stub.replace('raise NotImplementedError("Score drift with the population stability index (PSI)")', 'if len(reference_counts) != len(current_counts):\n        raise ValueError("bins")\n    return 0.5'));
    await wb.page.mouse.move(900, 600);
    await clickVerify();
    await openFile('test_psi_drift_score.py');
    // pytest.approx(0.4·ln(0.9/0.5) + 0.4·ln(0.5/0.1)) = 0.8788…, the stand-in returns 0.5.
    const inline = wb.page.locator(INLINE).filter({ hasText: '0.5 != 0.8788' }).first();
    await inline.waitFor({ state: 'attached', timeout: 90_000 });
    const testText = readFileSync(join(projectDir, 'milestones', 'test_psi_drift_score.py'), 'utf8');
    const line = testText.split('\n').findIndex((l) => l.includes('assert value == pytest.approx(expected, rel=1e-3)')) + 1;
    assert.ok(line > 0);
    await goToLine(line + 4);
    await inline.waitFor({ state: 'visible', timeout: 10_000 });
    await wb.page.waitForTimeout(600);
    await wb.screenshot('loop-assertion-inline-actual-vs-expected');
    await inline.click();
    const peek = wb.page.locator('.peekview-widget').first();
    await peek.waitFor({ timeout: 20_000 });
    await peek.locator('.monaco-diff-editor').first().waitFor({ timeout: 20_000 });
    await wb.page.waitForTimeout(800);
    await wb.screenshot('loop-peek-diff-expected-actual');
  });
});
