// Hostile project files in the real extension host (issue 19): the extension reads project files
// through the same safe read as the CLI. A metrics file that links out of the project, or is a FIFO,
// fails its check with a one-line reason (nothing is read, nothing hangs), and a manifest that links
// out of the project is a problem at the manifest, not read.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ScaffoldResult } from '../../src/extension/features/scaffold';
import type { TestApi } from '../../src/extension/testApi';
import { api } from './api';

const STARTER = 'pytorch-image-classifier';

describe('Hostile project files are refused, not read', function () {
  this.timeout(120_000);
  let a: TestApi;
  let folder: vscode.Uri;
  let outside: string;
  const project = () => {
    const p = a.milestones.index.projects.find((x) => x.folder.toString() === folder.toString());
    assert.ok(p, `no project at ${folder.fsPath}`);
    return p;
  };

  before(async () => {
    a = await api();
    await a.milestones.ready;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'no workspace folder');
    const r = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: STARTER, folder: root, name: 'hostile_files', openReadme: false, reveal: false });
    assert.ok(r, 'could not scaffold');
    folder = r.target;
    outside = mkdtempSync(join(tmpdir(), 'lp-outside-'));
    await a.milestones.progress.refresh();
  });

  after(async () => {
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    rmSync(outside, { recursive: true, force: true });
    await a.milestones.progress.refresh();
  });

  it('a metrics file that links out of the project fails its check, saying so; a FIFO too', async () => {
    // A metrics file outside the project that would pass the smoke milestone if it were read.
    writeFileSync(join(outside, 'metrics.json'), JSON.stringify({ smoke: true, epochs: 3, test: { accuracy: 0.99 } }));
    const metrics = join(folder.fsPath, 'outputs', 'metrics.json');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, 'outputs'));
    symlinkSync(join(outside, 'metrics.json'), metrics);
    await a.milestones.progress.verify([project()]);
    const linked = a.milestones.progress.lastCheck(project(), 'run-smoke-test');
    assert.equal(linked?.pass, false);
    assert.equal(linked?.reason, 'outputs/metrics.json: a symbolic link to a file outside the project; not read');
    rmSync(metrics);
    assert.equal(spawnSync('mkfifo', [metrics]).status, 0);
    const t0 = Date.now();
    await a.milestones.progress.verify([project()]);
    const fifo = a.milestones.progress.lastCheck(project(), 'run-smoke-test');
    assert.equal(fifo?.reason, 'outputs/metrics.json: a named pipe (FIFO), not a regular file; not read');
    assert.ok(Date.now() - t0 < 10_000, 'no hang on the FIFO');
    rmSync(metrics);
  });

  it('a manifest that links out of the project is a problem at the manifest; one that links to /dev/zero is never read', async () => {
    const manifest = join(folder.fsPath, '.learning-path.json');
    const real = await vscode.workspace.fs.readFile(vscode.Uri.file(manifest));
    writeFileSync(join(outside, 'manifest.json'), real);
    rmSync(manifest);
    symlinkSync(join(outside, 'manifest.json'), manifest);
    await a.milestones.index.scan();
    const p = project();
    assert.equal(p.manifest, undefined, 'the manifest outside the project is not read');
    assert.equal(p.problem?.message, 'a symbolic link to a file outside the project; not read');
    rmSync(manifest);
    symlinkSync('/dev/zero', manifest);
    const t0 = Date.now();
    await a.milestones.index.scan();
    assert.ok(Date.now() - t0 < 10_000, 'the scan ends');
    assert.equal(
      a.milestones.index.projects.some((x) => x.folder.toString() === folder.toString()),
      false,
      'the workspace search does not list a link to a device, so it is never read',
    );
  });
});
