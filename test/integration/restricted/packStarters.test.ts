// Restricted Mode and a content pack's starter (a cloned repository's `.learning-paths/starters/`):
// its files are data until the learner runs them. Loading, listing and scaffolding it run nothing
// (a conftest.py that would leave a mark never runs), and Verify keeps its trust rule: it runs
// no Task in an untrusted workspace.
import * as assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { VerifyRun } from '../../../src/extension/features/milestones/verifyRunner';
import type { ScaffoldResult } from '../../../src/extension/features/scaffold';
import type { TestApi } from '../../../src/extension/testApi';
import { PACK_EXERCISE, PACK_STARTER, writePackStarter } from '../../shared/packStarter';
import { api } from '../api';

const waitFor = async (what: string, cond: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('Restricted Mode: a pack starter is data until the learner runs it', function () {
  this.timeout(120_000);
  let a: TestApi;
  let root: vscode.Uri;
  let result: ScaffoldResult | undefined;
  const marker = () => join(root.fsPath, 'conftest-ran.txt');

  before(async () => {
    a = await api();
    await a.milestones.ready;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder && folder.scheme === 'file');
    root = folder;
    // Project code that would leave a mark in the workspace if anything ran it.
    writePackStarter(join(root.fsPath, '.learning-paths', 'starters'), { 'conftest.py': `open(${JSON.stringify(marker())}, "w").write("ran")\n` });
  });

  after(async () => {
    if (result) await vscode.workspace.fs.delete(result.target, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    rmSync(join(root.fsPath, '.learning-paths'), { recursive: true, force: true });
    rmSync(marker(), { force: true });
    await waitFor('the pack starter to go', () => !a.services.templates().some((t) => t.pack !== undefined));
  });

  it('loads and scaffolds in an untrusted workspace, running nothing', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await waitFor('the pack starter', () => a.services.templates().some((t) => t.manifest.id === PACK_STARTER));
    result = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: PACK_STARTER, folder: root, name: 'restricted_pack', openReadme: false });
    assert.ok(result, 'scaffolding works in Restricted Mode');
    assert.ok(existsSync(join(result.target.fsPath, 'conftest.py')), 'the file was written');
    assert.equal(existsSync(marker()), false, 'and never run');
  });

  it('Verify runs no Task for its exercise', async () => {
    assert.ok(result);
    await a.milestones.progress.refresh();
    let started = 0;
    const listener = vscode.tasks.onDidStartTask(() => started++);
    try {
      const run = await vscode.commands.executeCommand<VerifyRun | undefined>('learningPaths.verifyMilestone', { projectId: result.projectId, milestone: PACK_EXERCISE });
      assert.equal(run?.outcome, 'untrusted');
    } finally {
      listener.dispose();
    }
    assert.equal(started, 0, 'no task started');
    assert.equal(existsSync(marker()), false, 'the conftest.py never ran');
  });
});
