// A workspace with two scaffolded projects, one whose .learning-path.json says
// "projectId": "__proto__": every milestone of both is ticked, the store is reloaded from
// workspaceState (as after a window reload), and every tick survives.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ProgressStore, STORE_KEY } from '../../src/core/progress/store';
import type { Project } from '../../src/extension/features/milestones';
import type { ScaffoldResult } from '../../src/extension/features/scaffold';
import type { TestApi } from '../../src/extension/testApi';
import { api } from './api';

const STARTER = 'pytorch-image-classifier';
const decoder = new TextDecoder();
const encoder = new TextEncoder();

describe('A hostile project id does not erase progress', function () {
  this.timeout(120_000);
  let a: TestApi;
  let root: vscode.Uri | undefined;
  const folders: vscode.Uri[] = [];

  const projectAt = (folder: vscode.Uri): Project & { manifest: NonNullable<Project['manifest']>; template: NonNullable<Project['template']> } => {
    const p = a.milestones.index.projects.find((x) => x.folder.toString() === folder.toString());
    assert.ok(p?.manifest && p.template, `no working project at ${folder.fsPath}; projects: ${a.milestones.index.projects.map((x) => `${x.folder.path} ${x.problem?.message ?? ''}`).join(', ')}`);
    return p as Project & { manifest: NonNullable<Project['manifest']>; template: NonNullable<Project['template']> };
  };

  before(async () => {
    [a, root] = await Promise.all([api(), vscode.workspace.workspaceFolders?.[0]?.uri]);
    assert.ok(root, 'no workspace folder');
    await a.milestones.ready;
    for (const name of ['normal_proj', 'hostile_proj']) {
      const r = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: STARTER, folder: root, name, openReadme: false, reveal: false });
      assert.ok(r, `could not scaffold ${name}`);
      folders.push(r.target);
    }
    const hostile = vscode.Uri.joinPath(folders[1] as vscode.Uri, '.learning-path.json');
    const text = decoder.decode(await vscode.workspace.fs.readFile(hostile));
    const edited = text.replace(/"projectId": "[^"]*"/, '"projectId": "__proto__"');
    assert.notEqual(edited, text);
    await vscode.workspace.fs.writeFile(hostile, encoder.encode(edited));
    await a.milestones.progress.refresh();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of folders) await vscode.workspace.fs.delete(f, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await a.milestones.progress.refresh();
  });

  it('ticks every milestone of both projects, and every tick survives a reload of the store', async () => {
    let ticked = 0;
    for (const folder of folders) {
      const p = projectAt(folder);
      for (const m of p.template.manifest.milestones) {
        const tick = await vscode.commands.executeCommand<{ state: string } | undefined>('learningPaths.toggleMilestone', { folder, milestone: m.id });
        assert.equal(tick?.state, 'self', `${m.id} of ${folder.path} was not ticked`);
        ticked++;
      }
    }
    assert.equal(ticked, 20, 'both projects, ten milestones each');
    await a.milestones.progress.flush();
    for (const folder of folders) {
      const p = projectAt(folder);
      assert.equal(a.milestones.progress.counts(p).done, p.template.manifest.milestones.length, `${folder.path} before the reload`);
    }

    const reloaded = await a.milestonesAfterReload();
    let survived = 0;
    for (const folder of folders) {
      const p = projectAt(folder);
      const n = reloaded.progress.counts(p);
      assert.equal(n.done, n.total, `${folder.path}: ${n.done} of ${n.total} ticks survived the reload`);
      survived += n.done;
    }
    reloaded.dispose();
    assert.equal(survived, ticked);

    // What a window reload reads is the JSON that workspaceState keeps: a fresh extension host
    // starts with a clean Object.prototype, so only the stored JSON's own properties count.
    const persisted = JSON.stringify(a.services.context.workspaceState.get(STORE_KEY) ?? null);
    const ownTicks = (projectId: string): number => {
      const root = JSON.parse(persisted) as { projects?: Record<string, Record<string, { ticks?: Record<string, unknown> }>> } | null;
      const project = Object.entries(root?.projects ?? {}).find(([id]) => id === projectId)?.[1];
      const entry = Object.entries(project ?? {}).find(([starter]) => starter === STARTER)?.[1];
      return Object.keys(entry?.ticks ?? {}).length;
    };
    const overJson = new ProgressStore({ get: <T>() => JSON.parse(persisted) as T, update: async () => undefined });
    for (const folder of folders) {
      const p = projectAt(folder);
      const total = p.template.manifest.milestones.length;
      assert.equal(ownTicks(p.manifest.projectId), total, `${folder.path}: ticks in the stored JSON`);
      assert.equal(overJson.ticks(p.manifest.projectId, STARTER).size, total, `${folder.path}: ticks a store over the stored JSON reads`);
    }
    assert.equal(Object.getOwnPropertyNames(Object.prototype).includes(STARTER), false, 'Object.prototype is untouched');
  });

  it('reports the invalid project id in the Problems panel at its line; the other project has no problem', () => {
    const hostile = projectAt(folders[1] as vscode.Uri);
    assert.notEqual(hostile.manifest.projectId, '__proto__');
    const diagnostics = vscode.languages.getDiagnostics(hostile.manifestUri).filter((d) => d.source === 'Learning Paths');
    assert.equal(diagnostics.length, 1, diagnostics.map((d) => d.message).join('\n'));
    assert.equal(diagnostics[0]?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostics[0]?.message ?? '', /"projectId": "__proto__" is not a valid project id/);
    assert.equal(diagnostics[0]?.range.start.line, 3, 'the projectId line of the manifest');
    assert.equal((vscode.languages.getDiagnostics(projectAt(folders[0] as vscode.Uri).manifestUri).filter((d) => d.source === 'Learning Paths')).length, 0);
  });
});
