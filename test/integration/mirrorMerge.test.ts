// Progress mirrored into .learning-path.json (learningPaths.progress.storeInProject) merges by
// per-milestone change time: an untick another window made later wins over this window's older
// tick, an older untick does not, and values a person wrote that are not ticks are reported at
// their line and kept in the file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Project } from '../../src/extension/features/milestones';
import type { ScaffoldResult } from '../../src/extension/features/scaffold';
import type { TestApi } from '../../src/extension/testApi';
import { api } from './api';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

describe('Mirrored progress merges by change time', function () {
  this.timeout(60_000);
  let a: TestApi;
  let target: vscode.Uri | undefined;
  const manifestUri = () => vscode.Uri.joinPath(target as vscode.Uri, '.learning-path.json');
  const project = (): Project & { manifest: NonNullable<Project['manifest']> } => {
    const p = a.milestones.index.projects.find((x) => x.folder.toString() === target?.toString());
    assert.ok(p?.manifest, 'the project is not in the Milestones view');
    return p as Project & { manifest: NonNullable<Project['manifest']> };
  };
  const readManifest = async () => JSON.parse(decoder.decode(await vscode.workspace.fs.readFile(manifestUri()))) as Record<string, unknown> & { progress?: Record<string, unknown> };

  before(async () => {
    a = await api();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    const r = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: 'pytorch-image-classifier', folder: root, name: 'mirror_proj', openReadme: false, reveal: false });
    assert.ok(r);
    target = r.target;
    await vscode.workspace.getConfiguration('learningPaths.progress').update('storeInProject', true, vscode.ConfigurationTarget.Workspace);
    await a.milestones.progress.refresh();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('learningPaths.progress').update('storeInProject', undefined, vscode.ConfigurationTarget.Workspace);
    if (target) await vscode.workspace.fs.delete(target, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await a.milestones.progress.refresh();
  });

  it('a later untick from another window wins; an older one does not; unreadable values stay in the file', async () => {
    const folder = target as vscode.Uri;
    for (const m of ['explain-weakest-class', 'train-on-cifar10']) {
      assert.ok(await vscode.commands.executeCommand('learningPaths.toggleMilestone', { folder, milestone: m }));
    }
    const mirrored = await readManifest();
    assert.equal((mirrored.progress?.['explain-weakest-class'] as { state?: string } | undefined)?.state, 'self');

    // Another window: unticks explain-weakest-class later, "unticks" train-on-cifar10 long ago,
    // ticks beat-75-percent, and a person hand-writes an impossible date.
    const later = new Date(Date.now() + 60_000).toISOString();
    const edited = {
      ...mirrored,
      progress: {
        ...mirrored.progress,
        'explain-weakest-class': { state: 'open', at: later },
        'train-on-cifar10': { state: 'open', at: '2000-01-01T00:00:00.000Z' },
        'beat-75-percent': { state: 'self', at: later },
        'run-smoke-test': '2024-02-30',
      },
    };
    const text = JSON.stringify(edited, null, 2) + '\n';
    await vscode.workspace.fs.writeFile(manifestUri(), encoder.encode(text));
    await a.milestones.progress.refresh();

    const ticks = a.milestones.progress.ticks(project());
    assert.equal(ticks.get('explain-weakest-class'), undefined, 'the later untick wins');
    assert.equal(ticks.get('train-on-cifar10')?.state, 'self', 'an older untick does not');
    assert.equal(ticks.get('beat-75-percent')?.state, 'self', 'a tick from the other window arrives');
    assert.equal(ticks.get('run-smoke-test'), undefined, 'an unreadable value is not counted');

    const after = await readManifest();
    assert.deepEqual(after.progress?.['explain-weakest-class'], { state: 'open', at: later });
    assert.equal((after.progress?.['train-on-cifar10'] as { state?: string } | undefined)?.state, 'self', 'the tick is mirrored back');
    assert.equal(after.progress?.['run-smoke-test'], '2024-02-30', 'kept in the file as the person wrote it');

    const line = text.split('\n').findIndex((l) => l.includes('"run-smoke-test"'));
    const diagnostics = vscode.languages.getDiagnostics(manifestUri()).filter((d) => d.source === 'Learning Paths');
    const d = diagnostics.find((x) => /"2024-02-30" is not a date/.test(x.message));
    assert.ok(d, diagnostics.map((x) => x.message).join('\n'));
    assert.equal(d.range.start.line, line);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  });
});
