/**
 * The Testing view: a test controller "Learning Paths" whose items are project → exercise → test
 * functions (items.ts), and whose one run profile, Verify, is the same operation as Verify in the
 * Milestones view and the palette (features/milestones/verifyRunner.ts): one plan, one report, one
 * milestone state. Every Verify, from wherever, shows as a TestRun here (`begin`): its output in
 * Test Results, each test's outcome and duration, failures at their lines (report.ts).
 */
import * as vscode from 'vscode';
import { parseResults } from '../../../core/testing/results';
import type { MilestoneDef } from '../../../core/scaffold/types';
import type { ProjectIndex, ActiveProject } from '../milestones/projectIndex';
import { isActive } from '../milestones/projectIndex';
import { testsOf, TestTree } from './items';
import { reportResults } from './report';

export const CONTROLLER_ID = 'learningPaths';

/** How a Verify was asked for. */
export interface VerifyRunOptions {
  /** No pop-up messages (a silent Verify). */
  quiet?: boolean;
  /** Verify on save: never takes focus, gives way to an explicit Verify. */
  background?: boolean;
  /** The Testing view's request, when it started the run. */
  request?: vscode.TestRunRequest;
  /** Cancels the run (a newer save). */
  signal?: AbortSignal;
}

export type RunExercises = (project: ActiveProject, milestones: readonly MilestoneDef[], options: VerifyRunOptions) => Promise<unknown>;

/** One Verify as a TestRun. */
export class ExerciseRun {
  constructor(
    readonly run: vscode.TestRun,
    private readonly tree: TestTree,
    private readonly project: ActiveProject,
  ) {}

  /** Output for Test Results (its terminal wants CRLF). */
  output(chunk: string): void {
    this.run.appendOutput(chunk.replace(/\r?\n/g, '\r\n'));
  }

  /** The plugin's results file of one exercise (undefined when the run wrote none), or a problem to show instead. */
  report(milestoneId: string, resultsText: string | undefined, problem: string): void {
    const exercise = this.tree.exercise(this.project.key, milestoneId);
    if (!exercise) return;
    const parsed = resultsText === undefined ? undefined : parseResults(resultsText, this.project.folder.fsPath, vscode.l10n.t);
    if (parsed?.ok && parsed.results.length > 0) reportResults(this.run, this.tree, exercise, this.project.folder, parsed.results);
    else if (parsed?.ok) this.run.errored(exercise, new vscode.TestMessage(vscode.l10n.t('pytest ran no test of this exercise (see Test Results).')));
    else this.run.errored(exercise, new vscode.TestMessage(parsed ? vscode.l10n.t('{0}: {1}', problem, parsed.reason) : problem));
  }

  /** Marks the exercises skipped (the run was cancelled before reporting them). */
  skip(milestoneIds: readonly string[]): void {
    for (const id of milestoneIds) {
      const exercise = this.tree.exercise(this.project.key, id);
      if (exercise) this.run.skipped(exercise);
    }
  }

  end(): void {
    this.run.end();
  }
}

export class TestingView implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController(CONTROLLER_ID, 'Learning Paths');
  readonly tree = new TestTree(this.controller);
  /** Verify: the one run profile. */
  readonly profile: vscode.TestRunProfile;
  private readonly disposables: vscode.Disposable[] = [this.controller];
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    private readonly index: ProjectIndex,
    private readonly runExercises: RunExercises,
  ) {
    this.profile = this.controller.createRunProfile(vscode.l10n.t('Verify'), vscode.TestRunProfileKind.Run, (request, token) => this.runRequest(request, token), true);
    this.controller.refreshHandler = () => this.sync();
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
    const onFile = (uri: vscode.Uri) => {
      const p = this.index.projectOf(uri);
      if (!p || !isActive(p)) return;
      const rel = uri.path.slice(p.folder.path.replace(/\/$/, '').length + 1);
      void this.tree.changed(p, rel);
    };
    // A save in the editor at once; the watcher for changes made outside it (it may lag).
    this.disposables.push(
      watcher,
      watcher.onDidChange(onFile),
      watcher.onDidCreate(onFile),
      watcher.onDidDelete(onFile),
      vscode.workspace.onDidSaveTextDocument((doc) => onFile(doc.uri)),
      index.onDidScan(() => void this.sync()),
    );
    void this.sync();
  }

  /** Rebuilds the items from the projects found; resolves when every exercise's tests are discovered. */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.tree.sync(this.index.projects));
    return this.syncing;
  }

  /** Starts the TestRun of a Verify of `milestoneIds`: the exercises and their tests are started. */
  begin(project: ActiveProject, milestoneIds: readonly string[], options: { request?: vscode.TestRunRequest; name: string; background: boolean }): ExerciseRun {
    const items = milestoneIds.map((id) => this.tree.exercise(project.key, id)).filter((i): i is vscode.TestItem => i !== undefined);
    const request = options.request ?? new vscode.TestRunRequest(items, undefined, undefined, false, options.background);
    const run = this.controller.createTestRun(request, options.name, true);
    for (const item of items) {
      run.started(item);
      item.children.forEach((c) => run.enqueued(c));
    }
    return new ExerciseRun(run, this.tree, project);
  }

  private async runRequest(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const excluded = new Set(request.exclude ?? []);
    const wanted = new Map<string, Set<string>>(); // project key → milestone ids
    const add = (projectKey: string, ids: readonly string[]) => {
      const set = wanted.get(projectKey) ?? new Set<string>();
      for (const id of ids) set.add(id);
      wanted.set(projectKey, set);
    };
    const roots: vscode.TestItem[] = [];
    if (request.include) roots.push(...request.include);
    else this.controller.items.forEach((i) => roots.push(i));
    for (const item of roots) {
      const d = this.tree.data.get(item);
      if (!d || excluded.has(item)) continue;
      if (d.kind === 'project') add(d.projectKey, this.tree.exercisesOf(d.projectKey).filter((e) => !excluded.has(e)).map((e) => e.id));
      else add(d.projectKey, [d.milestoneId]); // a test function runs its exercise's test file: Verify's one plan
    }
    for (const [key, ids] of wanted) {
      if (token.isCancellationRequested) break;
      const project = this.index.byKey(key);
      if (!project || !isActive(project)) continue;
      const milestones = testsOf(project).filter((m) => ids.has(m.id));
      if (milestones.length === 0) continue;
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        await this.runExercises(project, milestones, { request, signal: controller.signal });
      } finally {
        sub.dispose();
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
