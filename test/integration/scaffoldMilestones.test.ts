// Scaffolding a starter through the real command, then the Milestones view, ticks, checks,
// persistence, the status bar and the report, all in the real extension host.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ProgressStore } from '../../src/core/progress/store';
import type { TestApi } from '../../src/extension/testApi';
import type { MilestoneNode, Project } from '../../src/extension/features/milestones';
import { scaffoldInto, type ScaffoldResult } from '../../src/extension/features/scaffold';
import { STATE } from '../../src/extension/state';
import { waitFor } from '../shared/helpers';
import { api } from './api';

const STARTER = 'pytorch-image-classifier';
const SKILL = 'ml-technical-fluency';
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Learning Paths' diagnostics of a file in the Problems panel. */
const problemsOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Learning Paths');
const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
const checkState = (item: vscode.TreeItem) => (typeof item.checkboxState === 'object' ? item.checkboxState.state : item.checkboxState);

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function read(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

describe('Scaffold Practice Project and the Milestones view', function () {
  this.timeout(60_000);
  let a: TestApi;
  let root: vscode.Uri;
  let result: ScaffoldResult;
  const created: vscode.Uri[] = [];

  const project = (): Project & { manifest: NonNullable<Project['manifest']> } => {
    const p = a.milestones.index.projects.find((x) => x.manifest?.projectId === result.projectId);
    assert.ok(p?.manifest, `project ${result.projectId} is not in the Milestones view; it has ${a.milestones.index.projects.map((x) => `${x.folder.path} ${x.manifest?.projectId ?? ''} ${x.problem?.message ?? ''}`).join('; ')}`);
    return p as Project & { manifest: NonNullable<Project['manifest']> };
  };
  const provider = () => {
    return a.milestones.view.provider;
  };
  const milestoneRows = () => {
    const node = provider().projectNode(project());
    return provider()
      .getChildren(node)
      .map((n: MilestoneNode) => ({ node: n, item: provider().getTreeItem(n) }));
  };
  const row = (id: string) => {
    const found = milestoneRows().find((r) => r.node.kind === 'milestone' && r.node.milestone.id === id);
    assert.ok(found, `no milestone row ${id}`);
    return found;
  };

  before(async () => {
    a = await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder');
    root = folder.uri;
    await a.milestones.ready;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('learningPaths.progress').update('storeInProject', undefined, vscode.ConfigurationTarget.Workspace);
    for (const uri of created) await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await a.milestones.progress.refresh();
  });

  it('scaffolds a starter through the real command (arguments skip the prompts)', async () => {
    const target = vscode.Uri.joinPath(root, 'cifar_it');
    created.push(target);
    const r = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: STARTER, folder: root, name: 'cifar_it' });
    assert.ok(r, 'the command returned nothing (cancelled or refused)');
    result = r;
    assert.equal(r.target.toString(), target.toString());
    const template = a.services.templates().find((t) => t.manifest.id === STARTER);
    assert.ok(template);
    assert.equal(r.files, template.files.length + 1, 'every template file plus .learning-path.json');
    for (const f of template.files) {
      const uri = vscode.Uri.joinPath(target, ...f.path.replace('{{package}}', 'cifar_it').split('/'));
      assert.ok(await exists(uri), `${uri.fsPath} was not written`);
    }
    const train = await read(vscode.Uri.joinPath(target, 'cifar_it', 'train.py'));
    assert.doesNotMatch(train, /\{\{\s*(package|name)\s*\}\}/, 'placeholders are filled in');
    const manifest = JSON.parse(await read(vscode.Uri.joinPath(target, '.learning-path.json'))) as { starter: string; projectId: string; name: string };
    assert.equal(manifest.starter, STARTER);
    assert.equal(manifest.name, 'cifar_it');
    assert.equal(manifest.projectId, r.projectId);
    console.log(`      (scaffold through the command: ${r.files} files in ${r.ms.toFixed(1)} ms)`);
  });

  it('shows the project and its milestones as unticked checkbox items in the Milestones view', () => {
    const top = provider().getChildren().map((n) => provider().getTreeItem(n));
    const item = top.find((i) => label(i) === 'cifar_it');
    assert.ok(item, `no project row; rows: ${top.map(label).join(', ')}`);
    const template = a.services.templates().find((t) => t.manifest.id === STARTER);
    assert.ok(template);
    assert.match(String(item.description), new RegExp(`^0/${template.manifest.milestones.length}`));
    const rows = milestoneRows();
    assert.deepEqual(
      rows.map((r) => label(r.item)),
      template.manifest.milestones.map((m) => m.title),
    );
    for (const r of rows) assert.equal(checkState(r.item), vscode.TreeItemCheckboxState.Unchecked);
    const first = rows[0];
    assert.ok(first);
    assert.ok(first.item.tooltip instanceof vscode.MarkdownString);
    assert.match(first.item.tooltip.value, /outputs\/metrics\.json/, 'what done means is in the tooltip');
    assert.equal(first.item.command?.command, 'learningPaths.openMilestoneFile');
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
  });

  it('scaffolding takes well under 300 ms in the extension host', async () => {
    const template = a.services.templates().find((t) => t.manifest.id === STARTER);
    assert.ok(template);
    const times: number[] = [];
    // outside the workspace, so the Milestones view does not pick these projects up
    const dir = mkdtempSync(join(tmpdir(), 'lp-scaffold-bench-'));
    try {
      for (let i = 0; i < 7; i++) {
        const { ms } = await scaffoldInto(template, vscode.Uri.file(dir), `bench_${i}`);
        times.push(ms);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    times.sort((x, y) => x - y);
    const median = times[Math.floor(times.length / 2)] ?? Infinity;
    console.log(`      (scaffold ${template.files.length + 1} files: median ${median.toFixed(1)} ms, min ${times[0]?.toFixed(1)} ms, max ${times[times.length - 1]?.toFixed(1)} ms over ${times.length} runs)`);
    assert.ok(median < 300, `median ${median.toFixed(1)} ms`);
  });

  it('refuses a non-empty target and an invalid name, writing nothing', async () => {
    const manifestUri = vscode.Uri.joinPath(root, 'cifar_it', '.learning-path.json');
    const before = await read(manifestUri);
    const again = await vscode.commands.executeCommand('learningPaths.scaffoldProject', { starter: STARTER, folder: root, name: 'cifar_it' });
    assert.equal(again, undefined);
    assert.equal(await read(manifestUri), before, 'the existing project was not touched');
    for (const name of ['Not Valid', 'torch', 'class']) {
      const r = await vscode.commands.executeCommand('learningPaths.scaffoldProject', { starter: STARTER, folder: root, name });
      assert.equal(r, undefined, name);
    }
    assert.equal(await exists(vscode.Uri.joinPath(root, 'torch')), false);
  });

  it('ticks a milestone by command: self-reported, in the view, the status bar and the skill progress', async () => {
    const tick = await vscode.commands.executeCommand<{ state: string; at: string } | undefined>('learningPaths.toggleMilestone', { projectId: result.projectId, milestone: 'explain-weakest-class' });
    assert.equal(tick?.state, 'self');
    const r = row('explain-weakest-class');
    assert.equal(checkState(r.item), vscode.TreeItemCheckboxState.Checked);
    assert.match(String(r.item.description), /^self-reported/);
    assert.equal((r.item.iconPath as vscode.ThemeIcon).id, 'account');
    const total = project().template?.manifest.milestones.length;
    assert.equal(a.milestones.statusBar.item.text, `$(checklist) 1/${total}`);
    assert.deepEqual(a.services.skillCounts.get(SKILL), { done: 1, total });
  });

  it('keeps the tick when the store is re-created from workspaceState (as after a window reload)', async () => {
    await a.milestones.progress.flush();
    const independent = new ProgressStore(a.services.context.workspaceState);
    assert.equal(independent.get(result.projectId, STARTER, 'explain-weakest-class')?.state, 'self');
    const reloaded = await a.milestonesAfterReload();
    try {
      const node = reloaded.provider.getChildren(reloaded.provider.projectNode(project())).find((n) => n.kind === 'milestone' && n.milestone.id === 'explain-weakest-class');
      assert.ok(node, 'the reloaded tree has the milestone');
      assert.equal(checkState(reloaded.provider.getTreeItem(node)), vscode.TreeItemCheckboxState.Checked);
    } finally {
      reloaded.dispose();
    }
  });

  it('verifies a milestone once outputs/metrics.json passes its check, and reverts only that tick when it fails', async () => {
    const metrics = vscode.Uri.joinPath(project().folder, 'outputs', 'metrics.json');
    await vscode.workspace.fs.writeFile(metrics, encoder.encode(JSON.stringify({ epochs_completed: 1, test: { accuracy: 0.3 } })));
    const r = await vscode.commands.executeCommand<{ verified: string[] }>('learningPaths.verifyMilestones', { projectId: result.projectId, silent: true, runTests: false });
    assert.deepEqual(r.verified, ['Run the offline smoke test']);
    const smoke = row('run-smoke-test');
    assert.equal(checkState(smoke.item), vscode.TreeItemCheckboxState.Checked);
    assert.match(String(smoke.item.description), /^verified/);
    assert.equal((smoke.item.iconPath as vscode.ThemeIcon).id, 'verified-filled');
    assert.equal(a.milestones.progress.ticks(project()).get('train-on-cifar10'), undefined, 'accuracy 0.3 does not pass >= 0.5');

    await vscode.workspace.fs.writeFile(metrics, encoder.encode(JSON.stringify({ epochs_completed: 0 })));
    await vscode.commands.executeCommand('learningPaths.verifyMilestones', { projectId: result.projectId, silent: true, runTests: false });
    assert.equal(a.milestones.progress.ticks(project()).get('run-smoke-test'), undefined, 'the verified tick is reverted');
    assert.equal(a.milestones.progress.ticks(project()).get('explain-weakest-class')?.state, 'self', 'the self-reported tick stays');
  });

  it('records a check result from elsewhere (e.g. a test Task): verifies, keeps a history, reverts a verified tick on failure', async () => {
    const progress = a.milestones.progress;
    const p = project();
    const milestone = p.template?.manifest.milestones.find((m) => m.id === 'beat-75-percent');
    assert.ok(milestone);
    assert.equal((await progress.recordResult(p, milestone.id, { pass: true, reason: 'qx tests passed' }))?.state, 'verified');
    assert.equal(progress.checkStatus(p, milestone), 'passing');
    assert.match(String(row('beat-75-percent').item.description), /^verified/);
    assert.equal(await progress.recordResult(p, milestone.id, { pass: false, reason: 'qx 1 test failed' }), undefined);
    assert.equal(progress.checkStatus(p, milestone), 'failing');
    const reasons = progress.checkHistory(p, milestone.id).map((r) => r.reason);
    assert.ok(reasons.indexOf('qx 1 test failed') >= 0 && reasons.indexOf('qx 1 test failed') < reasons.indexOf('qx tests passed'), JSON.stringify(reasons));
    const tooltip = row('beat-75-percent').item.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.match(tooltip.value, /not(&nbsp;| )yet:(&nbsp;| )qx/, 'the tooltip says why the check does not pass');
  });

  it('re-evaluates checks when a project file is saved (debounced)', async () => {
    const metrics = vscode.Uri.joinPath(project().folder, 'outputs', 'metrics.json');
    // The test before left metrics.json failing, so only the save can verify it.
    assert.equal(a.milestones.progress.ticks(project()).get('run-smoke-test'), undefined, 'not verified before the save');
    const doc = await vscode.workspace.openTextDocument(metrics);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, doc.lineCount, 0), JSON.stringify({ epochs_completed: 2 })));
    await doc.save();
    await waitFor('the saved metrics.json to verify run-smoke-test', () => a.milestones.progress.ticks(project()).get('run-smoke-test')?.state === 'verified');
  });

  it('reconnects by project id when the folder is renamed', async () => {
    const from = project().folder;
    const to = vscode.Uri.joinPath(root, 'cifar_it_moved');
    created.push(to);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.rename(from, to);
    await a.milestones.progress.refresh();
    assert.equal(project().folder.toString(), to.toString());
    assert.equal(a.milestones.progress.ticks(project()).get('explain-weakest-class')?.state, 'self');
    assert.equal(a.milestones.progress.ticks(project()).get('run-smoke-test')?.state, 'verified');
  });

  it('mirrors ticks into .learning-path.json when storeInProject is on; a corrupt manifest is reported at its line and left untouched', async () => {
    await vscode.workspace.getConfiguration('learningPaths.progress').update('storeInProject', true, vscode.ConfigurationTarget.Workspace);
    await a.milestones.progress.refresh();
    const manifestUri = project().manifestUri;
    const mirrored = JSON.parse(await read(manifestUri)) as { progress?: Record<string, { state: string }> };
    assert.equal(mirrored.progress?.['explain-weakest-class']?.state, 'self');
    assert.equal(mirrored.progress?.['run-smoke-test']?.state, 'verified');

    const good = await read(manifestUri);
    const corrupt = good.replace(/("version": \d+),/, '$1,,');
    assert.notEqual(corrupt, good);
    await vscode.workspace.fs.writeFile(manifestUri, encoder.encode(corrupt));
    await a.milestones.progress.refresh();
    const broken = a.milestones.index.projects.find((p) => p.manifestUri.toString() === manifestUri.toString());
    assert.ok(broken?.problem, 'the project shows its manifest problem');
    const line = corrupt.split('\n').findIndex((l) => l.includes(',,')) + 1;
    assert.equal(broken.problem.line, line);
    const diagnostics = problemsOf(manifestUri);
    assert.equal(diagnostics[0]?.range.start.line, line - 1, 'reported in the Problems panel at its line');
    await vscode.commands.executeCommand('learningPaths.verifyMilestones', { silent: true, runTests: false });
    assert.equal(await read(manifestUri), corrupt, 'the corrupt manifest is left untouched');

    await vscode.workspace.fs.writeFile(manifestUri, encoder.encode(good));
    await a.milestones.progress.refresh();
    assert.equal(a.milestones.progress.ticks(project()).get('explain-weakest-class')?.state, 'self', 'fixing it brings the ticks back');
    assert.equal((problemsOf(manifestUri)).length, 0);
    await vscode.workspace.getConfiguration('learningPaths.progress').update('storeInProject', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('goes to the next open milestone and exports a progress report', async () => {
    const next = await vscode.commands.executeCommand<string | undefined>('learningPaths.nextMilestone', { projectId: result.projectId });
    const ticks = a.milestones.progress.ticks(project());
    const firstOpen = project().template?.manifest.milestones.find((m) => !ticks.has(m.id))?.id;
    assert.ok(firstOpen);
    assert.equal(next, firstOpen, 'the first milestone in manifest order that is not ticked');
    await vscode.commands.executeCommand('learningPaths.choosePath', { role: 'ml-engineer', current: 'junior', target: 'middle' });
    const report = await vscode.commands.executeCommand<string>('learningPaths.exportProgressReport', { open: false });
    assert.match(report, /\*\*Role:\*\* ML Engineer/);
    assert.match(report, /### cifar\\_it — PyTorch CIFAR-10 image classifier/);
    assert.match(report, /\| ✅ \| Name the weakest class and explain it \| \d{4}-\d{2}-\d{2} \| self-reported \|/);
    assert.match(report, /\| ✅ \| Run the offline smoke test \| \d{4}-\d{2}-\d{2} \| verified/);
    assert.match(report, /## Gap to the next level/);
    await vscode.commands.executeCommand('learningPaths.clearPath');
  });

  it('resets a milestone and then the whole project', async () => {
    assert.equal(await vscode.commands.executeCommand('learningPaths.resetMilestone', { projectId: result.projectId, milestone: 'explain-weakest-class' }), true);
    assert.equal(a.milestones.progress.ticks(project()).get('explain-weakest-class'), undefined);
    const n = await vscode.commands.executeCommand<number>('learningPaths.resetProject', { projectId: result.projectId, confirmed: true });
    assert.equal(n, 1);
    assert.equal(a.milestones.progress.ticks(project()).size, 0);
    assert.equal(a.services.skillCounts.get(SKILL)?.done, 0);
  });

  it('takes a tree node as the view menus pass it, and refuses a project or milestone that is not there without asking', async () => {
    const first = milestoneRows()[0];
    assert.ok(first && first.node.kind === 'milestone');
    const tick = await vscode.commands.executeCommand<{ state: string } | undefined>('learningPaths.toggleMilestone', first.node);
    assert.equal(tick?.state, 'self');
    assert.equal(await vscode.commands.executeCommand('learningPaths.resetMilestone', first.node), true);
    assert.equal(await vscode.commands.executeCommand('learningPaths.resetProject', { projectId: 'no-such-project', confirmed: true }), 0);
    assert.equal(await vscode.commands.executeCommand('learningPaths.toggleMilestone', { projectId: result.projectId, milestone: 'no-such-milestone' }), undefined);
    assert.equal(await vscode.commands.executeCommand('learningPaths.nextMilestone', { projectKey: 'file:///gone/.learning-path.json' }), undefined);
    // (a milestone whose check passes may be verified again meanwhile: look at this one only)
    assert.equal(a.milestones.progress.ticks(project()).get(first.node.milestone.id), undefined);
  });

  it('resumes a scaffold that had to open a folder: README and milestones after the restart', async () => {
    const state = a.services.context.globalState;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // another window's fresh pending scaffold (a folder not open here) is left alone
    const elsewhere = { project: vscode.Uri.file('/nowhere/else').toString(), at: Date.now() };
    await state.update(STATE.pendingScaffold.key, elsewhere);
    assert.equal(await a.scaffold.resumePending(), false);
    assert.deepEqual(state.get(STATE.pendingScaffold.key), elsewhere);
    // a stale one is dropped
    await state.update(STATE.pendingScaffold.key, { ...elsewhere, at: Date.now() - 24 * 3600_000 });
    assert.equal(await a.scaffold.resumePending(), false);
    assert.equal(state.get(STATE.pendingScaffold.key), undefined);
    // ours: opens the README and clears the pending step
    const folder = project().folder;
    await state.update(STATE.pendingScaffold.key, { project: folder.toString(), readme: vscode.Uri.joinPath(folder, 'README.md').toString(), at: Date.now() });
    assert.equal(await a.scaffold.resumePending(), true);
    assert.equal(state.get(STATE.pendingScaffold.key), undefined);
    await waitFor('the README to open', () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label.includes('README'))));
  });

  it('an unknown starter id opens nothing', async () => {
    const r = await vscode.commands.executeCommand('learningPaths.scaffoldProject', { starter: 'no-such-starter', folder: root, name: 'x_unknown' });
    assert.equal(r, undefined);
    assert.equal(await exists(vscode.Uri.joinPath(root, 'x_unknown')), false);
  });
});
