/**
 * Verify on save (setting learningPaths.verifyOnSave: `exercise`, the default, or `off`): saving a
 * file of an exercise (its file, its test file, a file of its reference-solution overlay) re-runs
 * that exercise's tests in the background, in a trusted workspace only. The scheduling (debounce,
 * one run per project, a newer save cancels the older run) is core/testing/schedule.ts; the run is
 * the same Verify as everywhere else, with `background` set: no pop-up, no focus taken.
 */
import * as vscode from 'vscode';
import { exercisesOfFile } from '../../../core/testing/runPlan';
import { SaveScheduler } from '../../../core/testing/schedule';
import { isActive, type ProjectIndex } from '../milestones/projectIndex';
import type { RunExercises } from '.';
import { testsOf } from './items';

export type VerifyOnSaveMode = 'exercise' | 'off';

export function verifyOnSaveMode(scope: vscode.Uri): VerifyOnSaveMode {
  return vscode.workspace.getConfiguration('learningPaths', scope).get<string>('verifyOnSave', 'exercise') === 'off' ? 'off' : 'exercise';
}

export class VerifyOnSave implements vscode.Disposable {
  private readonly scheduler: SaveScheduler;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly index: ProjectIndex,
    private readonly runExercises: RunExercises,
  ) {
    this.scheduler = new SaveScheduler((key, ids, signal) => this.run(key, ids, signal), { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) });
    this.disposables.push(vscode.workspace.onDidSaveTextDocument((doc) => this.saved(doc.uri)));
  }

  private saved(uri: vscode.Uri): void {
    if (!vscode.workspace.isTrusted) return;
    const project = this.index.projectOf(uri);
    if (!project || !isActive(project) || verifyOnSaveMode(project.folder) === 'off') return;
    const base = project.folder.path.replace(/\/$/, '');
    if (!uri.path.startsWith(`${base}/`)) return;
    const ids = exercisesOfFile(uri.path.slice(base.length + 1), project.template, project.manifest.name);
    this.scheduler.saved(project.key, ids);
  }

  private async run(key: string, ids: readonly string[], signal: AbortSignal): Promise<void> {
    const project = this.index.byKey(key);
    if (!project || !isActive(project)) return;
    const milestones = testsOf(project).filter((m) => ids.includes(m.id));
    if (milestones.length > 0) await this.runExercises(project, milestones, { background: true, quiet: true, signal });
  }

  dispose(): void {
    this.scheduler.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
