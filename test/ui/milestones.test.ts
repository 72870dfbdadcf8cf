// A person scaffolds a starter from the command palette (starter QuickPick, name input with
// validation), sees the README and the milestones, ticks a milestone's checkbox in the
// Milestones view, reads the status bar, clicks it to reach the next open milestone, and finds
// the tick still there after reloading the window.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useWorkbench, type Workbench } from './fixture';

const PROJECT = 'cifar_ui';
const STARTER = 'pytorch-image-classifier';
/** The bundled starter as built into dist/: its milestone count and a milestone with no check (ticked by hand). */
const starter = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'templates.json'), 'utf8')) as { manifest: { id: string; milestones: { title: string; check?: unknown }[] } }[]).find((t) => t.manifest.id === STARTER);
if (!starter) throw new Error(`dist/templates.json has no ${STARTER}`);
const TOTAL = starter.manifest.milestones.length;
const SELF_REPORTED = starter.manifest.milestones.find((m) => !m.check)?.title ?? 'no self-reported milestone';

describe('Scaffold a practice project and tick a milestone in the workbench', function () {
  this.timeout(240_000);
  let wb: Workbench;

  useWorkbench({ container: 'Learning Paths' }, (w) => (wb = w));

  const view = () => wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Milestones' }) }).first();
  const row = (text: string) => view().locator('.monaco-list-row', { hasText: text }).first();
  const checkbox = (text: string) => row(text).locator('.custom-view-tree-node-item-checkbox').first();
  const statusItem = () => wb.page.locator('.statusbar-item', { hasText: /^\s*\d+\/\d+\s*$/ }).first();
  const isChecked = async (text: string) => {
    const box = checkbox(text);
    const aria = await box.getAttribute('aria-checked');
    if (aria !== null) return aria === 'true';
    // A class token, not a substring: "unchecked" must not read as checked.
    return ((await box.getAttribute('class')) ?? '').split(/\s+/).includes('checked');
  };

  /** Collapses the Skills view so that the Milestones view has the room. */
  const focusMilestones = async () => {
    const skillsHeader = wb.page.locator('.pane-header', { hasText: 'Skills' }).first();
    if ((await skillsHeader.getAttribute('aria-expanded')) === 'true') await skillsHeader.click();
    const header = wb.page.locator('.pane-header', { hasText: 'Milestones' }).first();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  };

  it('shows the Milestones welcome view while no project exists', async () => {
    await focusMilestones();
    await view().getByText('No practice project in this workspace yet', { exact: false }).waitFor();
    await wb.screenshot('milestones-empty');
  });

  it('scaffolds a starter through the palette: starter pick, name validation, README and milestones', async () => {
    await wb.runCommand('Learning Paths: Scaffold Practice Project…');
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'CIFAR-10' }).first().waitFor();
    const starterRows = await wb.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    await wb.screenshot('scaffold-pick-starter');
    assert.ok(starterRows.length >= 2, JSON.stringify(starterRows));
    await input.fill('CIFAR-10');
    await wb.page.waitForTimeout(300);
    await wb.page.keyboard.press('Enter');

    // name: prefilled with the starter's default; an invalid name is explained, not accepted
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'project name' }).waitFor();
    assert.equal(await input.inputValue(), 'cifar_classifier');
    await input.fill('My Project');
    const message = wb.page.locator('.quick-input-widget .quick-input-message');
    await message.filter({ hasText: 'Not a valid project name' }).waitFor();
    await wb.screenshot('scaffold-name-invalid');
    await input.fill(PROJECT);
    await wb.page.waitForTimeout(400);
    await wb.page.keyboard.press('Enter');
    // options (Add a CI workflow, off by default): Enter scaffolds without it
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'options' }).waitFor();
    await wb.page.waitForTimeout(300);
    await wb.page.keyboard.press('Enter');

    // the README opens (markdown preview) and the project shows up with its milestones
    await wb.page.locator('.tabs-container .tab', { hasText: 'README' }).first().waitFor({ timeout: 30_000 });
    await row(PROJECT).waitFor({ timeout: 30_000 });
    await row('Run the offline smoke test').waitFor();
    await wb.page.waitForTimeout(800);
    await wb.screenshot('scaffold-done-readme-and-milestones');
    const manifest = join(wb.workspace, PROJECT, '.learning-path.json');
    assert.ok(existsSync(manifest), `${manifest} was not written`);
    assert.equal((JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name, PROJECT);
    assert.ok(existsSync(join(wb.workspace, PROJECT, PROJECT, 'train.py')));
    assert.ok(!existsSync(join(wb.workspace, PROJECT, '.github')), 'no CI workflow unless asked for');
    assert.match(await row(PROJECT).innerText(), new RegExp(`0/${TOTAL}`));
    assert.equal(await isChecked(SELF_REPORTED), false);
    assert.match((await statusItem().innerText()).trim(), new RegExp(`^0/${TOTAL}$`));
  });

  it('ticks a milestone checkbox in the view; the status bar counts it', async () => {
    await checkbox(SELF_REPORTED).click();
    await row(SELF_REPORTED).filter({ hasText: 'self-reported' }).waitFor();
    assert.equal(await isChecked(SELF_REPORTED), true);
    await wb.page.locator('.statusbar-item', { hasText: new RegExp(`^\\s*1/${TOTAL}\\s*$`) }).first().waitFor();
    assert.match(await row(PROJECT).innerText(), new RegExp(`1/${TOTAL}`));
    await statusItem().hover();
    await wb.page.waitForTimeout(1200);
    await wb.screenshot('milestone-ticked-status-bar');
  });

  it('clicking the status bar item reveals the next open milestone', async () => {
    await statusItem().click();
    const selected = view().locator('.monaco-list-row.selected');
    await selected.filter({ hasText: 'Run the offline smoke test' }).first().waitFor();
    await wb.page.waitForTimeout(500);
    await wb.screenshot('next-milestone-revealed');
  });

  it('keeps the tick after the window reloads', async () => {
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // the workbench restores the side bar a moment after it appears; openContainer must not race it
    await wb.page
      .locator('.part.sidebar:not(.empty)')
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined);
    await wb.openContainer('Learning Paths');
    await focusMilestones();
    await row(SELF_REPORTED).waitFor({ timeout: 30_000 });
    await row(SELF_REPORTED).filter({ hasText: 'self-reported' }).waitFor();
    assert.equal(await isChecked(SELF_REPORTED), true);
    await wb.page.locator('.statusbar-item', { hasText: new RegExp(`^\\s*1/${TOTAL}\\s*$`) }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('tick-kept-after-reload');
  });
});
