// A scaffold that fails mid-write in the real extension host (workspace.fs): the target stays
// absent, no temporary folder is left, and the error names the cause and the file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { planScaffold } from '../../src/core/scaffold/plan';
import { ScaffoldWriteError, writePlanTransactionally } from '../../src/core/scaffold/transaction';
import { WorkspaceScaffoldFs } from '../../src/extension/features/scaffold';
import { api } from './api';

/** workspace.fs, except that the Nth write writes half its content and then fails like a full disk. */
class FullDiskFs extends WorkspaceScaffoldFs {
  writes = 0;
  constructor(private readonly failAt: number) {
    super();
  }
  override async writeNew(path: string, content: string, executable: boolean): Promise<void> {
    if (++this.writes === this.failAt) {
      await vscode.workspace.fs.writeFile(vscode.Uri.parse(path, true), new TextEncoder().encode(content.slice(0, content.length >> 1)));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    await super.writeNew(path, content, executable);
  }
}

describe('Scaffold failures in the extension host', function () {
  this.timeout(60_000);

  it('ENOSPC on the 1st, 5th and last write: nothing left behind in the workspace, cause and file named', async () => {
    const a = await api();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    const template = a.services.templates().find((t) => t.manifest.id === 'pytorch-image-classifier');
    assert.ok(template);
    const before = (await vscode.workspace.fs.readDirectory(root)).map(([n]) => n).sort();
    const plan = planScaffold(template, { packageName: 'full_disk', projectId: 'full-disk' });
    for (const n of [1, 5, plan.files.length]) {
      const err: unknown = await writePlanTransactionally(plan, root.toString(), 'full_disk', new FullDiskFs(n)).catch((e: unknown) => e);
      assert.ok(err instanceof ScaffoldWriteError, String(err));
      assert.equal(err.code, 'ENOSPC');
      assert.ok(err.path.startsWith(vscode.Uri.joinPath(root, 'full_disk').fsPath), err.path);
      assert.match(err.message, /no space left on the device \(ENOSPC\)\. Nothing was left behind: .*full_disk is still absent\./);
      assert.deepEqual((await vscode.workspace.fs.readDirectory(root)).map(([name]) => name).sort(), before, `after a failure on write ${n}`);
    }
  });
});
