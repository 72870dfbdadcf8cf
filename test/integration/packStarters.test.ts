// Starters in content packs in the real VS Code (issue 22): a workspace pack's starter appears in
// the Scaffold picker marked with its pack, scaffolds (with the optional CI workflow), and its
// exercise verifies with Debian's /usr/bin/python3; a broken starter shows in Problems at its
// line; a project finds its pack starter again after a reload; New Starter writes the authoring
// skeleton and refuses to overwrite.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ciWorkflow } from '../../src/core/authoring/ciWorkflow';
import { starterSkeleton } from '../../src/core/authoring/skeleton';
import type { VerifyRun } from '../../src/extension/features/milestones/verifyRunner';
import { ProjectIndex } from '../../src/extension/features/milestones/projectIndex';
import type { ScaffoldResult } from '../../src/extension/features/scaffold';
import { starterPickItems } from '../../src/extension/features/scaffoldOptions';
import type { TestApi } from '../../src/extension/testApi';
import { PACK_STARTER, writePackStarter } from '../shared/packStarter';
import { api } from './api';

const STARTER = PACK_STARTER;
const NAME = 'team_it';
const PYTHON = '/usr/bin/python3';

const waitFor = async (what: string, cond: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('starters in content packs: picker, scaffold, Verify, New Starter', function () {
  this.timeout(180_000);
  let a: TestApi;
  let root: vscode.Uri;
  let packDir: string;
  let result: ScaffoldResult | undefined;

  before(async () => {
    a = await api();
    await a.milestones.ready;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder && folder.scheme === 'file');
    root = folder;
    packDir = join(root.fsPath, '.learning-paths');
    await vscode.workspace.getConfiguration('learningPaths').update('pythonPath', PYTHON, vscode.ConfigurationTarget.Workspace);
    writePackStarter(join(packDir, 'starters'));
    mkdirSync(join(packDir, 'starters', 'broken'), { recursive: true });
    mkdirSync(join(packDir, 'starters', 'broken', 'files'));
    writeFileSync(join(packDir, 'starters', 'broken', 'template.yaml'), 'id: broken\nversion: [1\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('learningPaths').update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    if (result) await vscode.workspace.fs.delete(result.target, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    rmSync(packDir, { recursive: true, force: true });
    await waitFor('the pack starters to go', () => !a.services.templates().some((t) => t.pack !== undefined));
    await a.milestones.progress.refresh();
  });

  it('the starter appears in the Scaffold picker, marked with its pack; the broken one is in Problems at its line', async () => {
    await waitFor('the pack starter', () => a.services.templates().some((t) => t.manifest.id === STARTER));
    const starter = a.services.templates().find((t) => t.manifest.id === STARTER);
    assert.equal(starter?.pack, packDir);
    const row = starterPickItems(a.services.templates(), a.services.catalog.index).find((i) => i.value?.manifest.id === STARTER);
    assert.ok(row, 'no picker row');
    assert.equal(row.label, 'Team adder');
    assert.match(row.description ?? '', /\$\(package\) pack \.learning-paths$/);
    assert.ok(a.services.templates().some((t) => t.manifest.id === 'pytorch-image-classifier' && t.pack === undefined), 'the bundled starters are still there');
    const broken = vscode.Uri.file(join(packDir, 'starters', 'broken', 'template.yaml'));
    await waitFor('the broken starter in Problems', () => vscode.languages.getDiagnostics(broken).length > 0);
    const d = vscode.languages.getDiagnostics(broken)[0];
    assert.equal(d?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d?.message ?? '', /invalid YAML/);
    assert.ok((d?.range.start.line ?? 0) >= 1, `line ${d?.range.start.line}`);
    assert.ok(!a.services.templates().some((t) => t.manifest.id === 'broken'));
  });

  it("it is on its skill's page, marked with its pack", async () => {
    await vscode.commands.executeCommand('learningPaths.openSkill', { skill: 'pytorch' });
    const starterOnPage = () => {
      const m = a.skillPageProbe.lastModel('pytorch');
      return m?.kind === 'skill' ? m.projects.find((p) => p.starter?.id === STARTER)?.starter : undefined;
    };
    await waitFor('the pack starter on the pytorch page', () => starterOnPage() !== undefined);
    assert.equal(starterOnPage()?.pack, '.learning-paths');
    for (const skill of a.skillPages.openSkills()) a.skillPages.panel(skill)?.dispose();
  });

  it('scaffolds through the real command, with the CI workflow when asked for', async () => {
    result = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: STARTER, folder: root, name: NAME, ciWorkflow: true, openReadme: false });
    assert.ok(result, 'scaffold failed');
    assert.equal(result.starter, STARTER);
    const written = (p: string) => readFileSync(join(result?.target.fsPath ?? '', p), 'utf8');
    assert.match(written(`${NAME}/main.py`), /TODO\(milestone: add-numbers\)/);
    assert.equal(written('.github/workflows/learning-path.yml'), ciWorkflow());
    assert.equal(JSON.parse(written('.learning-path.json')).starter, STARTER);
  });

  it('its exercise fails on the scaffold and verifies with the solution (Verify, /usr/bin/python3)', async () => {
    assert.ok(result);
    const target = result;
    await a.milestones.progress.refresh();
    const project = a.milestones.index.byFolder(target.target);
    assert.equal(project?.template?.pack, packDir, 'the project found its pack starter');
    const verify = () => vscode.commands.executeCommand<VerifyRun | undefined>('learningPaths.verifyMilestone', { projectId: target.projectId, milestone: 'add-numbers' });
    const failing = await verify();
    assert.equal(failing?.outcome, 'finished', JSON.stringify(failing));
    assert.equal(failing?.results[0]?.state, 'failing', JSON.stringify(failing));
    assert.match(failing?.results[0]?.failure ?? '', /NotImplementedError/);
    writeFileSync(join(target.target.fsPath, NAME, 'main.py'), 'def add(a, b):\n    return a + b\n');
    const verified = await verify();
    assert.equal(verified?.results[0]?.state, 'verified', JSON.stringify(verified));
  });

  it('after a reload, a project waits for the packs to load and finds its pack starter', async () => {
    assert.ok(result);
    let release!: () => void;
    const loaded = new Promise<void>((r) => (release = r));
    let packsIn = false;
    const changed = new vscode.EventEmitter<void>();
    // As at activation: until the pack worker answers, only the bundled starters are known.
    const index = new ProjectIndex(() => (packsIn ? a.services.templates() : a.services.templates().filter((t) => t.pack === undefined)), { loaded, onDidChange: changed.event });
    try {
      const scanning = index.scan();
      await new Promise((r) => setTimeout(r, 300));
      packsIn = true;
      release();
      await scanning;
      const project = index.byFolder(result.target);
      assert.equal(project?.template?.manifest.id, STARTER);
      assert.equal(project?.problem, undefined);
    } finally {
      index.dispose();
      changed.dispose();
    }
  });

  it('a folder named in learningPaths.contentPacks brings its starters too; the workspace pack wins a clash', async () => {
    const teamPack = join(root.fsPath, 'team-pack');
    writePackStarter(join(teamPack, 'starters'));
    const other = readFileSync(join(teamPack, 'starters', STARTER, 'template.yaml'), 'utf8').replace(`id: ${STARTER}`, 'id: team-other').replace('title: Team adder', 'title: Team other');
    mkdirSync(join(teamPack, 'starters', 'team-other'));
    cpSync(join(teamPack, 'starters', STARTER), join(teamPack, 'starters', 'team-other'), { recursive: true });
    writeFileSync(join(teamPack, 'starters', 'team-other', 'template.yaml'), other);
    const config = vscode.workspace.getConfiguration('learningPaths');
    await config.update('contentPacks', ['team-pack'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the setting pack starter', () => a.services.templates().some((t) => t.manifest.id === 'team-other'));
      assert.equal(a.services.templates().find((t) => t.manifest.id === 'team-other')?.pack, teamPack);
      assert.equal(a.services.templates().find((t) => t.manifest.id === STARTER)?.pack, packDir, 'the workspace pack comes later and wins');
    } finally {
      await config.update('contentPacks', undefined, vscode.ConfigurationTarget.Workspace);
      rmSync(teamPack, { recursive: true, force: true });
    }
    await waitFor('the setting pack starter to go', () => !a.services.templates().some((t) => t.manifest.id === 'team-other'));
  });

  it('New Starter writes the authoring skeleton into .learning-paths/starters/<id>/ and never overwrites', async () => {
    const id = 'new-team-starter';
    const dir = await vscode.commands.executeCommand<string | undefined>('learningPaths.newStarter', { id, folder: root });
    assert.equal(dir, join(packDir, 'starters', id));
    for (const f of starterSkeleton(id)) assert.equal(readFileSync(join(dir, f.path), 'utf8'), f.content, f.path);
    const manifest = join(dir, 'template.yaml');
    writeFileSync(manifest, `${readFileSync(manifest, 'utf8')}# the author's edit\n`);
    const again = await vscode.commands.executeCommand<string | undefined>('learningPaths.newStarter', { id, folder: root });
    assert.equal(again, undefined, 'refused');
    assert.match(readFileSync(manifest, 'utf8'), /# the author's edit\n$/, 'nothing was overwritten');
    const bad = await vscode.commands.executeCommand<string | undefined>('learningPaths.newStarter', { id: 'Not An Id', folder: root });
    assert.equal(bad, undefined);
    await waitFor('the new starter in the starter list', () => a.services.templates().some((t) => t.manifest.id === id && t.pack === packDir));
  });
});
