/**
 * The Milestones feature: every scaffolded project in the workspace (found by its
 * `.learning-path.json`) with its milestones as checkbox items. Its parts, each in its own file:
 * - projectIndex.ts: scan and watch the manifests, Problems for unreadable ones;
 * - progressService.ts: ticks, checks, mirroring into the project file, per-skill counts;
 * - view.ts: the tree (rows from the pure core/milestones/treeModel.ts);
 * - commands.ts: the commands and their one argument parser;
 * - statusBar.ts: done/total of the current project (the failing count for a moment after a test run);
 * - verifyRunner.ts: Verify, the learner's tests through the TestRunner, as a TestRun of the
 *   Testing view (features/testing/, with verify on save);
 * - hints.ts, solutionView.ts: Show Hint, Open Plot, Compare with Reference Solution;
 * - stubLens.ts: the CodeLens above each exercise's stub, and opening a file at its stub.
 * Everything is wired here, by constructor: no part reaches into another after construction.
 */
import * as vscode from 'vscode';
import { ProgressStore } from '../../../core/progress/store';
import type { MilestoneDef } from '../../../core/scaffold/types';
import type { Services } from '../../services';
import { createResolvers, registerMilestoneCommands } from './commands';
import { registerHints } from './hints';
import { ProjectIndex, type ActiveProject } from './projectIndex';
import { MilestoneProgressService } from './progressService';
import { registerSolutionView } from './solutionView';
import { MilestonesStatusBar } from './statusBar';
import { registerStubLens } from './stubLens';
import { TestingView, type VerifyRunOptions } from '../testing';
import { VerifyOnSave } from '../testing/verifyOnSave';
import { createTestRunner } from '../verify/runnerFactory';
import { VerifyRunner } from './verifyRunner';
import { MilestonesView } from './view';

export type { ActiveProject, Project } from './projectIndex';
export type { MilestoneNode } from './view';

export class MilestonesFeature implements vscode.Disposable {
  readonly index: ProjectIndex;
  readonly progress: MilestoneProgressService;
  readonly view: MilestonesView;
  readonly statusBar: MilestonesStatusBar;
  readonly verifyRunner: VerifyRunner;
  readonly testing: TestingView;
  /** Resolves after the first scan (and its verification). */
  readonly ready: Promise<void>;
  private readonly disposables: vscode.Disposable[];

  constructor(services: Services) {
    this.index = new ProjectIndex(() => services.templates(), { loaded: services.packsLoaded, onDidChange: services.onDidChangeTemplates });
    this.progress = new MilestoneProgressService(this.index, new ProgressStore(services.context.workspaceState), services.skillCounts);
    this.view = new MilestonesView(this.index, this.progress);
    this.statusBar = new MilestonesStatusBar(this.index, this.progress);
    const testRunner = createTestRunner(services.context.extensionUri);
    const pluginDir = vscode.Uri.joinPath(services.context.extensionUri, 'python').fsPath;
    this.verifyRunner = new VerifyRunner(this.index, this.progress, this.statusBar, testRunner, pluginDir);
    const runExercises = (p: ActiveProject, ms: readonly MilestoneDef[], o: VerifyRunOptions) => this.verifyRunner.runMilestones(p, ms, o);
    this.testing = new TestingView(this.index, runExercises);
    this.verifyRunner.attach(this.testing);
    const resolvers = createResolvers(this.index, this.progress, this.view);
    this.disposables = [
      new VerifyOnSave(this.index, runExercises),
      this.testing,
      testRunner,
      this.statusBar,
      ...registerMilestoneCommands(this.index, this.progress, this.view, resolvers, this.verifyRunner),
      ...registerHints(this.progress, resolvers),
      ...registerSolutionView(this.index, this.progress, resolvers),
      ...registerStubLens(this.index, this.progress),
      this.view,
      this.progress,
      this.index,
    ];
    this.ready = this.progress.refresh();
  }

  /** After a scaffold: finds the new project in `folder`, makes it current and (unless told not to) reveals it. */
  async showProject(folder: vscode.Uri, options: { reveal?: boolean } = {}): Promise<boolean> {
    await this.progress.refresh();
    const project = this.index.byFolder(folder);
    if (!project) return false;
    this.index.focus(project);
    if (options.reveal !== false) await this.view.revealProject(project).catch(() => undefined);
    return true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function registerMilestones(context: vscode.ExtensionContext, services: Services): MilestonesFeature {
  const feature = new MilestonesFeature(services);
  context.subscriptions.push(feature);
  return feature;
}
