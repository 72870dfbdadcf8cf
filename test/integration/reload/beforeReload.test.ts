// A real window reload, part 1 of 2 (part 2: test/integration/afterReload/). Only the code-server
// run does the reload (test/harness/runIntegration.ts): after this suite reports, it runs
// Developer: Reload Window, and the new extension host runs part 2, which reads before.json.
// (The desktop run, .vscode-test.mjs, takes only the top-level files and leaves both parts out.)
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ScaffoldResult } from '../../../src/extension/features/scaffold';
import { RELOAD_DIR_ENV } from '../../harness/testFiles';
import { api } from '../api';
import { RELOAD_MILESTONE, RELOAD_PROJECT, RELOAD_STARTER, type BeforeReload } from './shared';

describe('window reload, part 1 of 2: the state before Developer: Reload Window', function () {
  this.timeout(60_000);

  it('scaffolds a project, ticks a milestone, and records the extension host that did it', async () => {
    const dir = process.env[RELOAD_DIR_ENV];
    assert.ok(dir, `${RELOAD_DIR_ENV} is not set: runIntegration.js sets it for the reload`);
    const a = await api();
    await a.milestones.ready;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder');
    const r = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: RELOAD_STARTER, folder: folder.uri, name: RELOAD_PROJECT, openReadme: false, reveal: false });
    assert.ok(r, 'the scaffold command returned nothing');
    const tick = await vscode.commands.executeCommand<{ state: string; at: string } | undefined>('learningPaths.toggleMilestone', { projectId: r.projectId, milestone: RELOAD_MILESTONE });
    assert.equal(tick?.state, 'self');
    const project = a.milestones.index.projects.find((p) => p.manifest?.projectId === r.projectId);
    assert.ok(project, 'the project is in the Milestones view');
    assert.equal(a.milestones.progress.counts(project).done, 1);
    await a.milestones.progress.flush();
    const before: BeforeReload = { pid: process.pid, projectId: r.projectId, at: tick.at, counts: a.milestones.progress.counts(project) };
    writeFileSync(join(dir, 'before.json'), JSON.stringify(before));
  });
});
