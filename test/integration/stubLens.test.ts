// At the stub, in the real extension host: a scaffolded pytorch-image-classifier, the CodeLens
// above `TODO(milestone: compute-normalisation-stats)` in data.py (titles, commands and their
// arguments at the stub line, through vscode.executeCodeLensProvider), the lens following the
// exercise's state after a Verify run from the lens's own command and a hint revealed, and Open Milestone
// File (what a click in the Milestones view runs) revealing and selecting the stub line, else the top.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MilestoneNode, Project } from '../../src/extension/features/milestones';
import type { VerifyRun } from '../../src/extension/features/milestones/verifyRunner';
import type { ScaffoldResult } from '../../src/extension/features/scaffold';
import type { TestApi } from '../../src/extension/testApi';
import { api } from './api';

const STARTER = 'pytorch-image-classifier';
const NAME = 'lens_it';
const EXERCISE = 'compute-normalisation-stats';
const PYTHON = '/usr/bin/python3';

describe('At the stub: the CodeLens and opening an exercise at its stub line', function () {
  this.timeout(180_000);
  let a: TestApi;
  let result: ScaffoldResult;

  const project = (): Project => {
    const p = a.milestones.index.projects.find((x) => x.manifest?.projectId === result.projectId);
    assert.ok(p?.manifest, `project ${result.projectId} is not in the Milestones view`);
    return p;
  };
  const dataFile = () => vscode.Uri.joinPath(project().folder, NAME, 'data.py');
  const stubLineOf = async (uri: vscode.Uri, id: string) => {
    const lines = (await vscode.workspace.openTextDocument(uri)).getText().split('\n');
    const line = lines.findIndex((l) => l.includes(`TODO(milestone: ${id})`));
    assert.ok(line > 0, `no stub of ${id} in ${uri.fsPath}`);
    return line;
  };
  /** Our lenses in a file (VS Code resolves every provider's lenses), as line, title, command, argument. */
  const lenses = async (uri: vscode.Uri) => {
    const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    return all
      .filter((l) => l.command?.command.startsWith('learningPaths.'))
      .map((l) => ({ line: l.range.start.line, title: l.command?.title ?? '', command: l.command?.command ?? '', arg: l.command?.arguments?.[0] as unknown, tooltip: l.command?.tooltip ?? '' }));
  };

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
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('learningPaths').update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    if (result) await vscode.workspace.fs.delete(result.target, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await a.milestones.progress.refresh();
  });

  it('puts Verify, Hint (1 of 3) and Compare above the stub line, running the milestone commands for this exercise', async () => {
    const line = await stubLineOf(dataFile(), EXERCISE);
    const found = await lenses(dataFile());
    const hints = project().template?.manifest.milestones.find((m) => m.id === EXERCISE)?.hints?.length;
    assert.ok(hints, 'the exercise has hints');
    assert.deepEqual(
      found.map((l) => [l.line, l.title, l.command]),
      [
        [line, '$(beaker) Verify · not run yet', 'learningPaths.verifyMilestone'],
        [line, `$(lightbulb) Hint (1 of ${hints})`, 'learningPaths.showHint'],
        [line, '$(diff) Compare with Reference Solution', 'learningPaths.compareSolution'],
      ],
    );
    for (const l of found) assert.deepEqual(l.arg, { projectKey: project().key, milestone: EXERCISE });
    assert.match(found[0]?.tooltip ?? '', /^Run the tests of "/);
  });

  it('has no lens in a file outside a scaffolded project', async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    const loose = vscode.Uri.joinPath(root, 'loose_stub.py');
    await vscode.workspace.fs.writeFile(loose, new TextEncoder().encode(`# TODO(milestone: ${EXERCISE})\n`));
    try {
      await vscode.workspace.openTextDocument(loose); // the lens command needs the document open
      assert.deepEqual(await lenses(loose), []);
    } finally {
      await vscode.workspace.fs.delete(loose).then(undefined, () => undefined);
    }
  });

  it('the Verify lens runs the exercise; the lens then says failing with the counts, and the hint count follows the hints revealed', async () => {
    const verifyLens = (await lenses(dataFile()))[0];
    assert.ok(verifyLens);
    const run = await vscode.commands.executeCommand<VerifyRun | undefined>(verifyLens.command, verifyLens.arg);
    assert.equal(run?.results[0]?.state, 'failing', JSON.stringify(run));
    const after = await lenses(dataFile());
    assert.match(after[0]?.title ?? '', /^\$\(beaker\) Verify · failing · \d+ of \d+ tests$/);
    assert.match(after[0]?.tooltip ?? '', /First failure: .*NotImplementedError/);
    // The count Show Hint keeps (set directly: Show Hint's own document would stay open for later suites).
    assert.equal(after[1]?.command, 'learningPaths.showHint');
    assert.ok(await a.milestones.progress.updateMilestoneData(project(), EXERCISE, (d) => ({ ...d, hintsRevealed: 1 })));
    assert.match((await lenses(dataFile()))[1]?.title ?? '', /^\$\(lightbulb\) Hint \(2 of \d\)$/);
  });

  it('Open Milestone File, what a click on the exercise in the Milestones view runs, reveals and selects the stub line', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const provider = a.milestones.view.provider;
    const node = provider.getChildren(provider.projectNode(project())).find((n: MilestoneNode) => n.kind === 'milestone' && n.milestone.id === EXERCISE);
    assert.ok(node);
    const click = provider.getTreeItem(node).command;
    assert.equal(click?.command, 'learningPaths.openMilestoneFile');
    assert.equal(await vscode.commands.executeCommand(click.command, ...(click.arguments ?? [])), true);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), dataFile().toString());
    const line = await stubLineOf(dataFile(), EXERCISE);
    assert.equal(editor.selection.start.line, line);
    assert.equal(editor.selection.end.line, line);
    assert.equal(editor.document.getText(editor.selection), editor.document.lineAt(line).text, 'the whole stub line is selected');
    assert.ok(editor.visibleRanges.some((r) => r.contains(new vscode.Position(line, 0))), 'the stub line is in view');
  });

  it('opens a milestone whose file has no stub at the top', async () => {
    const plain = project().template?.manifest.milestones.find((m) => m.id === 'run-smoke-test');
    assert.ok(plain, 'the starter has its smoke milestone');
    assert.equal(await vscode.commands.executeCommand('learningPaths.openMilestoneFile', { projectId: result.projectId, milestone: plain.id }), true);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.deepEqual([editor.selection.start.line, editor.selection.start.character, editor.selection.isEmpty], [0, 0, true]);
  });
});
