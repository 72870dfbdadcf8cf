// First UI journey: a person opens Learning Paths from the activity bar, sees its two views and
// runs "Show Catalog Summary" from the command palette. One screenshot per step under
// test-results/ui/.
import * as assert from 'node:assert/strict';
import { useWorkbench, type Workbench } from './fixture';

describe('workbench: Learning Paths container and catalog summary', function () {
  this.timeout(180_000);
  let wb: Workbench;

  useWorkbench({ prepare: (w) => w.screenshot('workbench-opened') }, (w) => (wb = w));

  it('opens the Learning Paths container from the activity bar', async () => {
    const item = wb.page.locator('.activitybar li.action-item', { has: wb.page.locator('a.action-label[aria-label^="Learning Paths"]') }).first();
    const sideBarTitle = () => wb.page.locator('.part.sidebar .composite.title h2').first().innerText();
    await wb.openContainer('Learning Paths');
    await wb.screenshot('learning-paths-container');
    assert.equal(await item.getAttribute('aria-selected'), 'true', 'the activity bar marks Learning Paths as the shown container');
    assert.match(await sideBarTitle(), /^learning paths$/i);
  });

  it('shows the Skills and Milestones views', async () => {
    await wb.openContainer('Learning Paths'); // no-op when already open
    const titles = await wb.viewTitles('learningPaths');
    assert.ok(titles.includes('Skills'), `view headers: ${JSON.stringify(titles)}`);
    assert.ok(titles.includes('Milestones'), `view headers: ${JSON.stringify(titles)}`);
    await wb.screenshot('skills-and-milestones-views');
  });

  it('runs "Learning Paths: Show Catalog Summary" from the command palette', async () => {
    await wb.runCommand('Learning Paths: Show Catalog Summary');
    const messages = await wb.readNotifications({ containing: 'skills' });
    await wb.screenshot('catalog-summary-notification');
    const summary = messages.find((m) => m.includes('skills'));
    assert.ok(summary, `notifications: ${JSON.stringify(messages)}`);
    assert.match(summary, /\d+ skills/);
  });
});
