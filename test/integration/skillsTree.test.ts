// The Skills view read through its real TreeDataProvider inside VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NodeRef } from '../../src/core/tree/model';
import type { TestApi } from '../../src/extension/testApi';
import { LearnerPathStore } from '../../src/extension/learnerPath';
import { waitFor } from '../shared/helpers';
import { api } from './api';

async function rows(a: TestApi, parent?: NodeRef): Promise<{ ref: NodeRef; item: vscode.TreeItem }[]> {
  const children = await a.skillsTree.getChildren(parent);
  return children.map((ref) => ({ ref, item: a.skillsTree.getTreeItem(ref) }));
}

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

async function find(a: TestApi, parent: NodeRef | undefined, text: string) {
  const found = (await rows(a, parent)).find((r) => label(r.item) === text);
  assert.ok(found, `no row "${text}"`);
  return found;
}

describe('Skills view', () => {
  let a: TestApi;
  before(async () => {
    a = await api();
    await vscode.commands.executeCommand('learningPaths.clearPath');
    await vscode.commands.executeCommand('learningPaths.groupByRole');
  });
  after(async () => {
    await vscode.commands.executeCommand('learningPaths.groupByRole');
  });

  it('ML Engineer → Junior lists PyTorch and ML Pipelines as Required', async () => {
    const role = await find(a, undefined, 'ML Engineer');
    const junior = await find(a, role.ref, 'Junior');
    for (const skill of ['PyTorch', 'ML Pipelines']) {
      const cell = await find(a, junior.ref, skill);
      assert.match(String(cell.item.description), /^Required/);
      assert.equal(cell.item.contextValue, 'cell.required');
      assert.equal((cell.item.iconPath as vscode.ThemeIcon).id, 'pass-filled');
      assert.equal(cell.item.accessibilityInformation?.label, `ML Engineer, Junior, ${skill}, required`);
      assert.equal(cell.item.command?.command, 'learningPaths.openSkill');
    }
  });

  it('Computer Vision Engineer → Junior lists PyTorch as Optional, dimmed, with the expectation as a lazy tooltip', async () => {
    const role = await find(a, undefined, 'Computer Vision Engineer');
    const junior = await find(a, role.ref, 'Junior');
    const cell = await find(a, junior.ref, 'PyTorch');
    assert.match(String(cell.item.description), /^Optional/);
    const icon = cell.item.iconPath as vscode.ThemeIcon;
    assert.equal(icon.id, 'circle-large-outline');
    assert.equal((icon.color as unknown as { id: string } | undefined)?.id, 'disabledForeground');
    assert.equal(cell.item.tooltip, undefined, 'tooltip is filled lazily');
    const resolved = a.skillsTree.resolveTreeItem(cell.item, cell.ref);
    assert.ok(resolved.tooltip instanceof vscode.MarkdownString);
    assert.match(resolved.tooltip.value, /CNN/);
  });

  it('toggles grouping by skill and back, and remembers it', async () => {
    await vscode.commands.executeCommand('learningPaths.groupBySkill');
    const roots = (await rows(a)).map((r) => label(r.item));
    assert.ok(roots.includes('PyTorch') && roots.includes('ML Pipelines'), roots.join(', '));
    assert.equal(a.services.context.globalState.get('learningPaths.tree.groupBy.v1'), 'skill');
    const pytorch = await find(a, undefined, 'PyTorch');
    const ml = await find(a, pytorch.ref, 'ML Engineer');
    assert.deepEqual((await rows(a, ml.ref)).map((r) => label(r.item)), ['Junior', 'Middle', 'Senior', 'Lead', 'Principal']);
    await vscode.commands.executeCommand('learningPaths.groupByRole');
    assert.ok((await rows(a)).some((r) => label(r.item) === 'ML Engineer'));
  });

  it('my path: kept in synced global state, opens on the role, marks current and next level', async () => {
    await vscode.commands.executeCommand('learningPaths.choosePath', { role: 'nlp-engineer', current: 'junior', target: 'senior' });
    assert.deepEqual(a.services.context.globalState.get('learningPaths.path.v1'), { role: 'nlp-engineer', current: 'junior', target: 'senior' });
    const first = (await rows(a))[0];
    assert.equal(label(first?.item ?? new vscode.TreeItem('')), 'NLP Engineer');
    assert.equal(first?.item.description, 'my path');
    assert.equal(first?.item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const levels = await rows(a, first?.ref);
    assert.match(String(levels[0]?.item.description), /your level/);
    assert.match(String(levels[1]?.item.description), /next level/);
    // A fresh store over the same global state (what the next activation sees) reads the same path.
    const again = new LearnerPathStore(a.services.context);
    assert.deepEqual(again.get(), { role: 'nlp-engineer', current: 'junior', target: 'senior' });
    again.dispose();
  });

  it('refuses an unknown role instead of storing it', async () => {
    const before = a.services.learnerPath.get();
    const result = await vscode.commands.executeCommand('learningPaths.choosePath', { role: 'astronaut', current: 'junior', target: 'middle' });
    assert.equal(result, undefined);
    assert.deepEqual(a.services.learnerPath.get(), before);
  });

  it('reveals a skill in the tree', async () => {
    const ok = await vscode.commands.executeCommand('learningPaths.revealInTree', { skill: 'ml-pipelines', role: 'mlops-engineer', level: 'senior' });
    assert.equal(ok, true);
  });

  it('a content pack in .learning-paths/ adds a skill, reports its errors in Problems at their line, and fixing it clears them', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const file = vscode.Uri.joinPath(folder, '.learning-paths', 'team.yaml');
    const good = 'skills:\n  - id: team-numpy\n    title: Team NumPy\n    summary: Arrays the team way\n    roles: [ml-engineer]\n    expectations:\n      - { role: ml-engineer, level: junior, required: true, text: "Vectorises loops" }\n';
    const bad = good.replace('level: junior', 'level: juniour');
    try {
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(bad));
      await waitFor('the pack error', () => vscode.languages.getDiagnostics(file).length > 0);
      const d = vscode.languages.getDiagnostics(file)[0];
      assert.equal(d?.range.start.line, 6, 'zero-based line of the bad level');
      assert.match(d?.message ?? '', /unknown level id "juniour" \(did you mean "junior"\?\)/);
      assert.equal(d?.source, 'Learning Paths');
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(good));
      await waitFor('the error to clear', () => vscode.languages.getDiagnostics(file).length === 0);
      await waitFor('the pack skill', () => a.services.catalog.index.skill('team-numpy') !== undefined);
      const role = await find(a, undefined, 'ML Engineer');
      const junior = await find(a, role.ref, 'Junior');
      assert.ok((await rows(a, junior.ref)).some((r) => label(r.item) === 'Team NumPy'));
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, '.learning-paths'), { recursive: true });
    }
    await waitFor('the pack skill to go', () => a.services.catalog.index.skill('team-numpy') === undefined);
  });

  after(() => vscode.commands.executeCommand('learningPaths.clearPath'));
});
