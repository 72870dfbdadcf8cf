// Progress stored by a newer Learning Paths (schema 2) is shown read-only and never written over.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { STORE_KEY } from '../../src/core/progress/store';
import type { ScaffoldResult } from '../../src/extension/features/scaffold';
import type { TestApi } from '../../src/extension/testApi';
import { api } from './api';

describe('Progress from a newer schema', function () {
  this.timeout(60_000);
  let a: TestApi;
  let saved: unknown;
  let target: vscode.Uri | undefined;

  before(async () => {
    a = await api();
    await a.milestones.ready;
    saved = a.services.context.workspaceState.get(STORE_KEY);
  });

  after(async () => {
    await a.services.context.workspaceState.update(STORE_KEY, saved);
    if (target) await vscode.workspace.fs.delete(target, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await a.milestones.progress.refresh();
  });

  it('is read-only: ticks are refused, the stored value is never overwritten, not even after reloads', async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    const r = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: 'pytorch-image-classifier', folder: root, name: 'readonly_proj', openReadme: false, reveal: false });
    assert.ok(r);
    target = r.target;
    const newer = { schema: 2, projects: { [r.projectId]: { 'pytorch-image-classifier': { version: 1, ticks: { 'run-smoke-test': { state: 'self', at: '2025-01-02T00:00:00.000Z' } }, fromTheFuture: [1, 2, 3] } } }, alsoNew: { x: 1 } };
    await a.services.context.workspaceState.update(STORE_KEY, newer);
    // Each round is a window reload: a new store and progress service over workspaceState.
    for (let i = 0; i < 4; i++) {
      const reloaded = await a.milestonesAfterReload();
      try {
        const project = a.milestones.index.projects.find((p) => p.folder.toString() === target?.toString());
        assert.ok(project);
        assert.equal(reloaded.progress.ticks(project).get('run-smoke-test')?.state, 'self', 'what can be read is shown');
        const other = project.template?.manifest.milestones[1]?.id;
        assert.ok(other);
        assert.equal(await reloaded.progress.setDone(project, other, true), undefined, 'the tick is refused');
        await reloaded.progress.verify([project]);
        await reloaded.progress.flush();
        assert.deepEqual(a.services.context.workspaceState.get(STORE_KEY), newer);
      } finally {
        reloaded.dispose();
      }
    }
  });
});
