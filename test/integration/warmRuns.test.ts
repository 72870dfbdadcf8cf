// Warm runs inside the real extension host: a WarmTestRunner (as the Verify run path creates it,
// with the workspace's trust) runs a scaffolded pytorch-image-classifier exercise in a forked
// child of a warm process that found its server script from the bundle, writes the same JUnit
// report the Milestones view reads, and restarts after a conftest.py edit made through VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ScaffoldResult } from '../../src/extension/features/scaffold';
import type { TestApi } from '../../src/extension/testApi';
import { planTestRun } from '../../src/core/verify/testRun';
import { WarmTestRunner } from '../../src/core/verify/warmRunner';
import { api } from './api';

const PYTHON = '/usr/bin/python3';
const EXERCISE = 'compute-normalisation-stats';

describe('Warm runs in the extension host', function () {
  this.timeout(180_000);
  let a: TestApi;
  let result: ScaffoldResult;
  let runner: WarmTestRunner;
  const logs: string[] = [];

  before(async () => {
    a = await api();
    await a.milestones.ready;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    const r = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: 'pytorch-image-classifier', folder: root, name: 'warm_it' });
    assert.ok(r, 'scaffold failed');
    result = r;
    runner = new WarmTestRunner({ isTrusted: () => vscode.workspace.isTrusted, log: (l) => logs.push(l) });
  });

  after(async () => {
    runner?.dispose();
    if (result) await vscode.workspace.fs.delete(result.target, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await a.milestones.progress.refresh();
  });

  it('runs the exercise warm, writes its report, and restarts after a conftest.py edit', async () => {
    const milestone = a.services.templates().find((t) => t.manifest.id === 'pytorch-image-classifier')?.manifest.milestones.find((m) => m.id === EXERCISE);
    const plan = planTestRun(EXERCISE, milestone?.check, 'warm_it');
    assert.ok(plan);
    const cwd = result.target.fsPath;
    let out = '';
    const first = await runner.run({ cwd, python: PYTHON, plans: [plan], timeoutMs: 120_000, onOutput: (c) => (out += c) });
    assert.deepEqual({ kind: first.kind, exitCode: first.exitCode, warm: first.warm }, { kind: 'finished', exitCode: 1, warm: true }, logs.join('\n'));
    assert.match(out, /NotImplementedError/);
    const report = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(result.target, ...plan.reportPath.split('/'))));
    assert.match(report, /<testcase /);
    const before = runner.processOf(cwd);
    assert.ok(before?.pid);
    assert.ok(before.preloaded.includes('torch') && before.preloaded.includes('torchvision'), `preloaded: ${before.preloaded.join(', ')}`);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(result.target, 'milestones', 'conftest.py'), new TextEncoder().encode('# a shared fixture\n'));
    const second = await runner.run({ cwd, python: PYTHON, plans: [plan], timeoutMs: 120_000 });
    assert.deepEqual({ exitCode: second.exitCode, warm: second.warm }, { exitCode: 1, warm: true });
    assert.notEqual(runner.processOf(cwd)?.pid, before.pid);
    assert.ok(logs.some((l) => l.includes('milestones/conftest.py was added')), logs.join('\n'));
  });
});
