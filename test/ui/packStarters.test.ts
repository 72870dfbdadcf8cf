// A person with a team content pack in the workspace (`.learning-paths/starters/team-add/`): the
// Scaffold picker lists the team's starter marked with its pack; picking it, naming the project
// and ticking "Add a CI workflow" writes the project with its workflow. New Starter asks an id,
// writes the authoring skeleton, and will not take an id that already exists.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writePackStarter } from '../shared/packStarter';
import { useWorkbench, type Workbench } from './fixture';

describe('Starters in content packs in the workbench', function () {
  this.timeout(240_000);
  let wb: Workbench;

  useWorkbench({ container: 'Learning Paths' }, (w) => (wb = w));

  const input = () => wb.page.locator('.quick-input-widget .quick-input-box input');
  const title = (text: string) => wb.page.locator('.quick-input-widget .quick-input-title', { hasText: text });
  const pickRow = (text: string) => wb.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();

  it("the Scaffold picker lists the team's starter, marked with its pack, and scaffolds it with a CI workflow", async () => {
    writePackStarter(join(wb.workspace, '.learning-paths', 'starters'));
    // The pack loads in a worker after the file watcher fires: open the picker until it lists the starter.
    const end = Date.now() + 60_000;
    for (;;) {
      await wb.runCommand('Learning Paths: Scaffold Practice Project…');
      await title('starter').waitFor();
      await input().fill('Team adder');
      await wb.page.waitForTimeout(300);
      if ((await pickRow('Team adder').count()) > 0) break;
      await wb.page.keyboard.press('Escape');
      if (Date.now() > end) assert.fail('the pack starter never appeared in the picker');
      await wb.page.waitForTimeout(1000);
    }
    const text = await pickRow('Team adder').innerText();
    await wb.screenshot('pack-starter-in-picker');
    assert.match(text, /pack \.learning-paths/);
    await wb.page.keyboard.press('Enter');

    await title('project name').waitFor();
    assert.equal(await input().inputValue(), 'team_project');
    await wb.page.keyboard.press('Enter');

    await title('options').waitFor();
    await pickRow('Add a CI workflow').click();
    await wb.screenshot('scaffold-options-ci-workflow');
    await wb.page.keyboard.press('Enter');
    const created = await wb.readNotifications({ containing: 'Created', timeoutMs: 30_000 });
    assert.ok(created.some((m) => m.includes('team_project')), JSON.stringify(created));
    assert.ok(existsSync(join(wb.workspace, 'team_project', 'team_project', 'main.py')));
    assert.ok(existsSync(join(wb.workspace, 'team_project', '.github', 'workflows', 'learning-path.yml')), 'the CI workflow was written');
  });

  it('New Starter writes the skeleton, and refuses an id that exists', async () => {
    await wb.runCommand('Learning Paths: New Starter…');
    await title('New Starter').waitFor();
    await input().fill('ui-team-starter');
    await wb.page.waitForTimeout(400);
    await wb.page.keyboard.press('Enter');
    await wb.readNotifications({ containing: 'Created the starter', timeoutMs: 30_000 });
    assert.ok(existsSync(join(wb.workspace, '.learning-paths', 'starters', 'ui-team-starter', 'template.yaml')));
    await wb.page.locator('.tabs-container .tab', { hasText: 'template.yaml' }).first().waitFor({ timeout: 15_000 });

    await wb.runCommand('Learning Paths: New Starter…');
    await title('New Starter').waitFor();
    await input().fill('ui-team-starter');
    await wb.page.locator('.quick-input-widget .quick-input-message', { hasText: 'already exists' }).waitFor();
    await wb.screenshot('new-starter-refuses-existing-id');
    await wb.page.keyboard.press('Escape');
  });
});
