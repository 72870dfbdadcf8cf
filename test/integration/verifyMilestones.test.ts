// Verify in the real extension host: a scaffolded ml-pipeline project, the psi-drift-score
// exercise's tests run (a TestRun in the Testing view) with Debian's /usr/bin/python3 (learningPaths.pythonPath;
// the Python extension is not installable here). Fails on the scaffold with the stub's
// NotImplementedError, passes after the CLI applies the reference solution, and a later failure
// keeps the tick ("was verified, now failing"). Show Hint, Compare with Reference Solution (writes
// nothing) and Open Plot, and the progress report's history.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { MilestoneNode, Project } from '../../src/extension/features/milestones';
import type { VerifyRun } from '../../src/extension/features/milestones/verifyRunner';
import type { ScaffoldResult } from '../../src/extension/features/scaffold';
import type { TestApi } from '../../src/extension/testApi';
import { api, extensionId } from './api';

const STARTER = 'ml-pipeline';
const NAME = 'verify_it';
const EXERCISE = 'psi-drift-score';
const PYTHON = '/usr/bin/python3';
const decoder = new TextDecoder();
const encoder = new TextEncoder();

function cli(...args: string[]): Promise<string> {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(ext.extensionPath, 'dist', 'cli.js'), ...args], { timeout: 60_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }, (err, stdout, stderr) =>
      err ? reject(new Error(`cli ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/** A hash of every file of the project except the test reports (what Compare must not change). */
async function fingerprint(folder: vscode.Uri): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: vscode.Uri, rel: string): Promise<void> => {
    for (const [name, type] of (await vscode.workspace.fs.readDirectory(dir)).sort(([a], [b]) => a.localeCompare(b))) {
      const path = `${rel}${name}`;
      if (path === '.learning-path' || name === '__pycache__') continue;
      const uri = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) await walk(uri, `${path}/`);
      else hash.update(path).update(await vscode.workspace.fs.readFile(uri));
    }
  };
  await walk(folder, '');
  return hash.digest('hex');
}

const stubOf = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText() ?? '';

describe('Verify: a milestone\'s tests as a TestRun, hints and the reference solution', function () {
  this.timeout(180_000);
  let a: TestApi;
  let result: ScaffoldResult;
  let stub = '';

  const project = (): Project => {
    const p = a.milestones.index.projects.find((x) => x.manifest?.projectId === result.projectId);
    assert.ok(p?.manifest, `project ${result.projectId} is not in the Milestones view`);
    return p;
  };
  const item = (id: string): vscode.TreeItem => {
    const provider = a.milestones.view.provider;
    const node = provider.getChildren(provider.projectNode(project())).find((n: MilestoneNode) => n.kind === 'milestone' && n.milestone.id === id);
    assert.ok(node, `no milestone row ${id}`);
    return provider.getTreeItem(node);
  };
  /** The tooltip's text (MarkdownString.appendText escapes it and writes spaces as &nbsp;). */
  const tooltip = (i: vscode.TreeItem) => (i.tooltip instanceof vscode.MarkdownString ? i.tooltip.value : String(i.tooltip)).replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
  const exerciseFile = () => vscode.Uri.joinPath(project().folder, NAME, 'drift_psi.py');
  const verify = (milestone = EXERCISE) => vscode.commands.executeCommand<VerifyRun | undefined>('learningPaths.verifyMilestone', { projectId: result.projectId, milestone });

  before(async () => {
    a = await api();
    await a.milestones.ready;
    await vscode.workspace.getConfiguration('learningPaths').update('pythonPath', PYTHON, vscode.ConfigurationTarget.Workspace);
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    const r = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: STARTER, folder: root, name: NAME });
    assert.ok(r, 'scaffold failed');
    result = r;
    await a.milestones.progress.refresh();
    stub = decoder.decode(await vscode.workspace.fs.readFile(exerciseFile()));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('learningPaths').update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    if (result) await vscode.workspace.fs.delete(result.target, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await a.milestones.progress.refresh();
  });

  it('shows the exercise as not run, with an inline Verify, and never ticks it from a smoke run', () => {
    const i = item(EXERCISE);
    assert.equal(i.description, 'not run · Verify');
    assert.match(String(i.contextValue), /^milestone\.open;tests;hints;solution(;|$)/);
    assert.equal(a.milestones.progress.ticks(project()).get(EXERCISE), undefined);
  });

  it('Verify runs pytest and shows the failing NotImplementedError message', async () => {
    const run = await verify();
    assert.ok(run, 'no run');
    assert.equal(run.outcome, 'finished', JSON.stringify(run));
    assert.equal(run.interpreter, PYTHON);
    assert.equal(run.results[0]?.state, 'failing', JSON.stringify(run));
    assert.match(run.results[0]?.failure ?? '', /NotImplementedError/);
    const i = item(EXERCISE);
    assert.match(String(i.description), /^failing · ran (just now|1 min ago)$/);
    assert.match(tooltip(i), /First failure: .*NotImplementedError/);
    assert.match(a.milestones.statusBar.item.text, /failing/, 'the status bar shows the failing count for a moment');
    assert.equal(a.milestones.progress.ticks(project()).get(EXERCISE), undefined);
    const history = a.milestones.progress.milestoneData(project(), EXERCISE)?.verifications ?? [];
    assert.deepEqual(history.map((v) => v.result), ['failing']);
  });

  it('after the CLI applies the reference solution, the report is stale, and Verify verifies it', async () => {
    const out = await cli('solution', project().folder.fsPath, EXERCISE, '--apply');
    assert.match(out, /applied the reference solution/);
    await a.milestones.progress.verify([project()]);
    assert.match(String(item(EXERCISE).description), /verify again/, 'the run predates the change');
    const run = await verify();
    assert.equal(run?.results[0]?.state, 'verified', JSON.stringify(run));
    const i = item(EXERCISE);
    assert.match(String(i.description), /^verified (just now|1 min ago)$/);
    assert.equal((i.iconPath as vscode.ThemeIcon).id, 'verified-filled');
    assert.equal(a.milestones.progress.ticks(project()).get(EXERCISE)?.state, 'verified');
  });

  it('breaking it again keeps the tick: "was verified, now failing", and the history has every run', async () => {
    await vscode.workspace.fs.writeFile(exerciseFile(), encoder.encode(stub));
    const run = await verify();
    assert.equal(run?.results[0]?.state, 'failing');
    const i = item(EXERCISE);
    assert.equal(i.description, 'was verified, now failing');
    assert.equal(a.milestones.progress.ticks(project()).get(EXERCISE)?.state, 'verified', 'never silently unticked');
    const history = a.milestones.progress.milestoneData(project(), EXERCISE)?.verifications ?? [];
    assert.deepEqual(history.map((v) => v.result), ['failing', 'verified', 'failing']);
  });

  it('Show Hint reveals one more hint each time and keeps the count', async () => {
    assert.equal(await vscode.commands.executeCommand('learningPaths.showHint', { projectId: result.projectId, milestone: EXERCISE }), 1);
    assert.equal(await vscode.commands.executeCommand('learningPaths.showHint', { projectId: result.projectId, milestone: EXERCISE }), 2);
    assert.equal(a.milestones.progress.milestoneData(project(), EXERCISE)?.hintsRevealed, 2);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'learningpaths-hints');
    assert.ok(doc, 'the hints document is open');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    assert.ok(tabs.some((l) => l.includes(`${EXERCISE}.md`)), `the hints are shown in a tab: ${tabs.join(', ')}`);
    assert.match(doc.getText(), /## Hint 2 of 3/);
    assert.doesNotMatch(doc.getText(), /## Hint 3 of 3/);
  });

  it('Compare with Reference Solution opens a diff, reference left, and writes nothing', async () => {
    const before = await fingerprint(project().folder);
    const shown = await vscode.commands.executeCommand<string[] | undefined>('learningPaths.compareSolution', { projectId: result.projectId, milestone: 'ks-drift-trigger', confirmed: true });
    assert.ok(shown?.length, 'nothing shown');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `the active tab is not a diff: ${tab?.label}`);
    assert.equal(tab.input.original.scheme, 'learningpaths-solution');
    assert.equal(tab.input.modified.toString(), vscode.Uri.joinPath(project().folder, ...(shown[0] ?? '').split('/')).toString());
    const reference = await vscode.workspace.openTextDocument(tab.input.original);
    assert.match(stubOf(tab.input.modified), /raise NotImplementedError\("Trigger retraining/, 'the learner\'s file still has the stub');
    assert.doesNotMatch(reference.getText(), /raise NotImplementedError\("Trigger retraining/, 'the reference solves the exercise');
    assert.ok(a.milestones.progress.milestoneData(project(), 'ks-drift-trigger')?.solutionViewedAt, 'solution viewed is recorded');
    // Asked once per milestone: a second Compare opens without asking (a modal here would hang the test).
    assert.ok((await vscode.commands.executeCommand<string[] | undefined>('learningPaths.compareSolution', { projectId: result.projectId, milestone: 'ks-drift-trigger' }))?.length);
    assert.equal(await fingerprint(project().folder), before, 'the project is unchanged');
  });

  it('Open Plot opens the plot once it exists', async () => {
    const plot = vscode.Uri.joinPath(project().folder, 'outputs', 'plots', 'learning_curve.png');
    // A 1×1 PNG stands in for the run's plot.
    await vscode.workspace.fs.writeFile(plot, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
    await vscode.commands.executeCommand('learningPaths.verifyMilestones', { projectId: result.projectId, silent: true, runTests: false });
    assert.match(String(item('run-local-pipeline').contextValue), /;plot$/);
    assert.equal(await vscode.commands.executeCommand('learningPaths.openPlot', { projectId: result.projectId, milestone: 'run-local-pipeline' }), true);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    const input = tab?.input as { uri?: vscode.Uri } | undefined;
    assert.equal(input?.uri?.toString(), plot.toString(), `active tab: ${tab?.label}`);
  });

  it('the progress report shows the failure, the history, hints revealed and solution viewed', async () => {
    const report = await vscode.commands.executeCommand<string>('learningPaths.exportProgressReport', { open: false });
    assert.match(report, /Tests: was verified, now failing — .*NotImplementedError/);
    assert.match(report, /Verification history \(newest last\): ❌ failing .* · ✅ verified .* · ❌ failing/);
    assert.match(report, /Hints revealed: 2 of 3/);
    assert.match(report, /Reference solution viewed on \d{4}-\d{2}-\d{2}/);
  });

  it('Verify Milestones runs every tests check of the project in one run', async () => {
    const r = await vscode.commands.executeCommand<{ runs?: VerifyRun[] }>('learningPaths.verifyMilestones', { projectId: result.projectId, silent: true });
    const run = r.runs?.[0];
    assert.ok(run, 'no run');
    assert.equal(run.outcome, 'finished', JSON.stringify(r.runs));
    const tests = project().template?.manifest.milestones.filter((m) => m.check?.kind === 'tests').map((m) => m.id);
    assert.ok(tests && tests.length >= 2, `tests checks of the starter: ${JSON.stringify(tests)}`);
    assert.deepEqual(run.results.map((x) => [x.milestone, x.state]), tests.map((id) => [id, 'failing']));
  });

  it('a run that writes no report (no pytest) says so on the milestone, and nothing crashes', async () => {
    await vscode.workspace.getConfiguration('learningPaths').update('pythonPath', '/bin/false', vscode.ConfigurationTarget.Workspace);
    try {
      const run = await verify();
      assert.equal(run?.outcome, 'finished');
      assert.equal(run.results[0]?.state, 'not-run', 'the old report was deleted first, and no new one was written');
      const i = item(EXERCISE);
      assert.equal(i.description, 'no test report · see Test Results');
      assert.equal(a.milestones.progress.ticks(project()).get(EXERCISE)?.state, 'verified', 'still ticked');
      assert.match(tooltip(i), /The last Verify wrote no test report \(exit code 1\): is pytest installed for \/bin\/false\?/);
    } finally {
      await vscode.workspace.getConfiguration('learningPaths').update('pythonPath', PYTHON, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('stops a run at learningPaths.verifyTimeoutSeconds', async () => {
    const slow = vscode.Uri.joinPath(project().folder, 'slow-python.sh');
    await vscode.workspace.fs.writeFile(slow, encoder.encode('#!/bin/sh\nsleep 60\n'));
    await promisify(chmod)(slow.fsPath, 0o755);
    const config = vscode.workspace.getConfiguration('learningPaths');
    await config.update('pythonPath', slow.fsPath, vscode.ConfigurationTarget.Workspace);
    await config.update('verifyTimeoutSeconds', 5, vscode.ConfigurationTarget.Workspace);
    try {
      const started = Date.now();
      const run = await verify();
      assert.equal(run?.outcome, 'timedOut', JSON.stringify(run));
      assert.ok(Date.now() - started < 30_000, 'stopped well before the 60 s sleep ended');
    } finally {
      await config.update('verifyTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('pythonPath', PYTHON, vscode.ConfigurationTarget.Workspace);
    }
  });
});
