// Restricted Mode and the stub (issue 20): the CodeLens still shows, its Verify tooltip says why
// Verify is off, and a WarmTestRunner given the workspace's trust starts no Python process and
// runs nothing, warm or cold.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { planTestRun } from '../../../src/core/verify/testRun';
import { WarmTestRunner } from '../../../src/core/verify/warmRunner';
import type { ScaffoldResult } from '../../../src/extension/features/scaffold';
import type { TestApi } from '../../../src/extension/testApi';
import { api } from '../api';

describe('Restricted Mode: the CodeLens says Verify is off, and no warm process starts', function () {
  this.timeout(120_000);
  let a: TestApi;
  let result: ScaffoldResult;

  before(async () => {
    a = await api();
    await a.milestones.ready;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    const r = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: 'ml-pipeline', folder: root, name: 'restricted_lens' });
    assert.ok(r);
    result = r;
    await a.milestones.progress.refresh();
  });

  it('the Verify lens is there, and its tooltip explains Restricted Mode', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const file = vscode.Uri.joinPath(result.target, 'restricted_lens', 'drift_psi.py');
    await vscode.workspace.openTextDocument(file);
    const lenses = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file)) ?? []).filter((l) => l.command?.command === 'learningPaths.verifyMilestone');
    assert.ok(lenses.length > 0, 'no Verify lens');
    assert.match(lenses[0]?.command?.tooltip ?? '', /Restricted Mode: Verify runs project code and is disabled until you trust this workspace\./);
  });

  it('a WarmTestRunner with the workspace trust runs nothing and starts nothing', async () => {
    const runner = new WarmTestRunner({ isTrusted: () => vscode.workspace.isTrusted });
    try {
      const milestone = a.services.templates().find((t) => t.manifest.id === 'ml-pipeline')?.manifest.milestones.find((m) => m.id === 'psi-drift-score');
      const plan = planTestRun('psi-drift-score', milestone?.check, 'restricted_lens');
      assert.ok(plan);
      const cwd = result.target.fsPath;
      const r = await runner.run({ cwd, python: '/usr/bin/python3', plans: [plan], timeoutMs: 60_000 });
      assert.equal(r.kind, 'failedToStart');
      assert.equal(await runner.warmUp(cwd, '/usr/bin/python3'), false);
      assert.equal(runner.processOf(cwd), undefined);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(result.target, '.learning-path', 'results'))), 'no report written');
    } finally {
      runner.dispose();
    }
  });
});
