// A person browses the Skills view: Learning Paths → Skills → ML Engineer → Junior, chooses a path
// through the QuickPicks, and still finds it after the window (and extension host) reloads.
import * as assert from 'node:assert/strict';
import { useWorkbench, type Workbench } from './fixture';

describe('Skills view in the workbench', function () {
  this.timeout(240_000);
  let wb: Workbench;

  useWorkbench({ container: 'Learning Paths' }, (w) => (wb = w));

  const row = (text: string) => wb.container('learningPaths').locator('.monaco-list-row', { hasText: text }).first();

  it('expands ML Engineer → Junior and shows PyTorch and ML Pipelines as required', async () => {
    await row('ML Engineer').click();
    await row('Junior').click();
    await wb.page.waitForTimeout(500);
    const rows = await wb.viewRows('learningPaths');
    const pytorch = rows.find((r) => r.startsWith('PyTorch'));
    const pipelines = rows.find((r) => r.startsWith('ML Pipelines'));
    await wb.screenshot('skills-ml-engineer-junior');
    assert.match(pytorch ?? '', /Required/, JSON.stringify(rows));
    assert.match(pipelines ?? '', /Required/, JSON.stringify(rows));
    const aria = await row('PyTorch').getAttribute('aria-label');
    assert.equal(aria, 'ML Engineer, Junior, PyTorch, required');
  });

  it('works from the keyboard: arrow keys move through the rows', async () => {
    await row('ML Engineer').click();
    await wb.page.keyboard.press('ArrowDown');
    const focused = await wb.container('learningPaths').locator('.monaco-list-row.focused').first().getAttribute('aria-label');
    assert.ok(focused && focused.length > 0, 'a row is focused');
  });

  it('chooses a path through the QuickPicks and keeps it after a window reload', async () => {
    await wb.runCommand('Learning Paths: Choose My Role and Level');
    const pick = async (text: string) => {
      const input = wb.page.locator('.quick-input-widget .quick-input-box input');
      await input.fill(text);
      await wb.page.waitForTimeout(300);
      await wb.page.keyboard.press('Enter');
      await wb.page.waitForTimeout(400);
    };
    await pick('Data Scientist');
    await pick('Middle');
    await wb.screenshot('choose-path-target');
    await pick('Senior');
    await wb.readNotifications({ containing: 'Your path' });
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await wb.openContainer('Learning Paths');
    const first = wb.container('learningPaths').locator('.monaco-list-row', { hasText: 'Data Scientist' }).first();
    await first.waitFor({ timeout: 30_000 });
    await wb.page.waitForTimeout(800);
    const rows = await wb.viewRows('learningPaths');
    await wb.screenshot('path-after-reload');
    const ds = rows.find((r) => r.startsWith('Data Scientist'));
    assert.match(ds ?? '', /my path/, JSON.stringify(rows));
    assert.ok(rows.some((r) => /^Middle.*your level/.test(r)), JSON.stringify(rows));
    assert.ok(rows.some((r) => /^Senior.*next level/.test(r)), JSON.stringify(rows));
  });
});
