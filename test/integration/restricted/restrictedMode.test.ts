// Restricted Mode, in a real untrusted workspace: `npm run test:integration` runs this file in a
// second code-server started with workspace trust on (no --disable-workspace-trust) and the
// folder never trusted (runIntegration.ts --restricted). Verify explains why it is disabled and
// runs nothing; file and metric checks keep verifying; learningPaths.pythonPath from the
// workspace is not used (restrictedConfigurations).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { VerifyRun } from '../../../src/extension/features/milestones/verifyRunner';
import type { ScaffoldResult } from '../../../src/extension/features/scaffold';
import type { TestApi } from '../../../src/extension/testApi';
import { api } from '../api';

const encoder = new TextEncoder();

describe('Restricted Mode: Verify is disabled, file and metric checks keep working', function () {
  this.timeout(120_000);
  let a: TestApi;
  let result: ScaffoldResult;

  before(async () => {
    a = await api();
    await a.milestones.ready;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    const r = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: 'ml-pipeline', folder: root, name: 'restricted_it' });
    assert.ok(r, 'scaffolding works in Restricted Mode');
    result = r;
    await a.milestones.progress.refresh();
  });

  const project = () => {
    const p = a.milestones.index.projects.find((x) => x.manifest?.projectId === result.projectId);
    assert.ok(p);
    return p;
  };

  it('runs in an untrusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is trusted: this run must start code-server with workspace trust on');
  });

  it('Verify (palette, Milestones view, Testing view, on save) runs nothing and writes no report', async () => {
    // Every run would be a TestRun of the Testing view's controller: count them.
    const controller = a.milestones.testing.controller;
    const original = controller.createTestRun.bind(controller);
    let started = 0;
    controller.createTestRun = (...args) => {
      started++;
      return original(...args);
    };
    try {
      const run = await vscode.commands.executeCommand<VerifyRun | undefined>('learningPaths.verifyMilestone', { projectId: result.projectId, milestone: 'psi-drift-score' });
      assert.equal(run?.outcome, 'untrusted');
      const all = await vscode.commands.executeCommand<{ runs?: VerifyRun[] }>('learningPaths.verifyMilestones', { projectId: result.projectId, silent: true });
      assert.deepEqual(all.runs?.map((r) => r.outcome), ['untrusted']);
      const exercise = controller.items.get(project().key)?.children.get('psi-drift-score');
      assert.ok(exercise, 'the Testing view lists the exercise (discovery runs no code)');
      await a.milestones.testing.profile.runHandler(new vscode.TestRunRequest([exercise]), new vscode.CancellationTokenSource().token);
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(project().folder, project().manifest?.name ?? '', 'drift_psi.py'));
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# saved in Restricted Mode\n'));
      await doc.save();
      await new Promise((r) => setTimeout(r, 2000)); // verify on save's debounce is 300 ms
    } finally {
      controller.createTestRun = original;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    assert.equal(started, 0, 'no test run started');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(project().folder, '.learning-path', 'results'))), 'no results folder');
  });

  it('the tree says why Verify is disabled', () => {
    const provider = a.milestones.view.provider;
    const node = provider.getChildren(provider.projectNode(project())).find((n) => n.kind === 'milestone' && n.milestone.id === 'psi-drift-score');
    assert.ok(node);
    const tooltip = provider.getTreeItem(node).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.match(tooltip.value.replace(/&nbsp;/g, ' '), /Restricted Mode: Verify runs project code/);
  });

  it('metric checks still verify', async () => {
    const metrics = vscode.Uri.joinPath(project().folder, 'outputs', 'metrics.json');
    await vscode.workspace.fs.writeFile(metrics, encoder.encode(JSON.stringify({ metrics: { roc_auc: 0.9 } })));
    const r = await vscode.commands.executeCommand<{ verified: string[] }>('learningPaths.verifyMilestones', { projectId: result.projectId, silent: true, runTests: false });
    const smoke = project().template?.manifest.milestones[0];
    assert.ok(smoke);
    assert.ok(r.verified.includes(smoke.title), JSON.stringify(r));
    assert.equal(a.milestones.progress.ticks(project()).get(smoke.id)?.state, 'verified');
  });

  it('ignores learningPaths.pythonPath from the workspace', async () => {
    await vscode.workspace.getConfiguration('learningPaths').update('pythonPath', '/nonexistent/python', vscode.ConfigurationTarget.Workspace);
    try {
      assert.notEqual(vscode.workspace.getConfiguration('learningPaths').get('pythonPath'), '/nonexistent/python');
    } finally {
      await vscode.workspace.getConfiguration('learningPaths').update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
