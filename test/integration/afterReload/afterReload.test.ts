// A real window reload, part 2 of 2: runs only in the extension host that Developer: Reload Window
// started (test/harness/runIntegration.ts), after part 1 (test/integration/reload/) wrote before.json.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { RELOAD_DIR_ENV } from '../../harness/testFiles';
import { waitFor } from '../../shared/helpers';
import { api } from '../api';
import { RELOAD_MILESTONE, type BeforeReload } from '../reload/shared';

describe('window reload, part 2 of 2: after Developer: Reload Window', function () {
  this.timeout(60_000);
  let recorded: BeforeReload;

  before(() => {
    const dir = process.env[RELOAD_DIR_ENV];
    assert.ok(dir, `${RELOAD_DIR_ENV} is not set`);
    recorded = JSON.parse(readFileSync(join(dir, 'before.json'), 'utf8')) as BeforeReload;
  });

  it('runs in a new extension host process, and the one before it has exited', async () => {
    assert.notEqual(process.pid, recorded.pid, 'the same extension host process as before the reload');
    const gone = () => {
      try {
        process.kill(recorded.pid, 0);
        return false;
      } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'ESRCH';
      }
    };
    await waitFor(`the extension host before the reload (pid ${recorded.pid}) to exit`, gone);
  });

  it('the tick survived: the same tick in the store, checked in the Milestones view, counted', async () => {
    const a = await api();
    await a.milestones.ready;
    const project = a.milestones.index.projects.find((p) => p.manifest?.projectId === recorded.projectId);
    assert.ok(project, `project ${recorded.projectId} is not in the Milestones view after the reload`);
    assert.deepEqual(a.milestones.progress.ticks(project).get(RELOAD_MILESTONE), { state: 'self', at: recorded.at });
    const provider = a.milestones.view.provider;
    const node = provider.getChildren(provider.projectNode(project)).find((n) => n.kind === 'milestone' && n.milestone.id === RELOAD_MILESTONE);
    assert.ok(node, 'the milestone row');
    const item = provider.getTreeItem(node);
    const state = typeof item.checkboxState === 'object' ? item.checkboxState.state : item.checkboxState;
    assert.equal(state, vscode.TreeItemCheckboxState.Checked);
    assert.match(String(item.description), /^self-reported/);
    assert.deepEqual(a.milestones.progress.counts(project), recorded.counts);
  });
});
