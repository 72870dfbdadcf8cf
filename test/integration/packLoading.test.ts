// Hostile content packs in the real VS Code: the pack worker skips what it must, reports it in
// Problems, and the good files beside them still load.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension/testApi';
import { api } from './api';

const waitFor = async (what: string, cond: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('content packs: hostile files', () => {
  let a: TestApi;
  before(async () => (a = await api()));

  it('a FIFO, a link to /dev/zero and a JSON pack with a trailing comma are reported; the good pack loads', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder && folder.scheme === 'file');
    const dir = join(folder.fsPath, '.learning-paths');
    mkdirSync(dir, { recursive: true });
    const uri = (name: string) => vscode.Uri.file(join(dir, name));
    try {
      const mkfifo = spawnSync('mkfifo', [join(dir, 'pipe.yaml')], { encoding: 'utf8' });
      assert.equal(mkfifo.status, 0, `mkfifo (coreutils) made no FIFO: ${mkfifo.stderr ?? mkfifo.error}`);
      symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
      writeFileSync(join(dir, 'comma.json'), '{\n  "roles": [\n    { "id": "comma-role", "title": "C", "summary": "s" },\n  ]\n}\n');
      writeFileSync(join(dir, 'good.yaml'), 'roles:\n  - id: hostile-neighbour\n    title: Good neighbour\n    summary: loads whatever sits beside it\n');
      await waitFor('the good pack', () => a.services.catalog.index.role('hostile-neighbour') !== undefined);
      await waitFor('the problems', () => ['comma.json', 'zero.yaml', 'pipe.yaml'].every((f) => vscode.languages.getDiagnostics(uri(f)).length > 0));
      const zero = vscode.languages.getDiagnostics(uri('zero.yaml'))[0];
      assert.equal(zero?.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(zero?.message ?? '', /symbolic link to \/dev\/zero, outside the pack folder/);
      const comma = vscode.languages.getDiagnostics(uri('comma.json'))[0];
      assert.equal(comma?.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(comma?.range.start.line, 3);
      assert.match(comma?.message ?? '', /invalid JSON: trailing comma before "\]"/);
      assert.equal(a.services.catalog.index.role('comma-role'), undefined);
      assert.deepEqual(vscode.languages.getDiagnostics(uri('pipe.yaml')).map((d) => d.message.match(/named pipe \(FIFO\), not a regular file/)?.[0]), ['named pipe (FIFO), not a regular file']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await waitFor('the pack to go', () => a.services.catalog.index.role('hostile-neighbour') === undefined);
  });
});
