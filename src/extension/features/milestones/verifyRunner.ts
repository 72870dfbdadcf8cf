/**
 * Verify: runs the pytest file of one or more `tests` milestones through the TestRunner
 * (features/verify/runnerFactory.ts: cold `python -m pytest` today), with the interpreter
 * features/verify/interpreter.ts finds and Learning Paths' pytest plugin loaded, as a TestRun of
 * the Testing view (features/testing/): output in Test Results, cancellable there. Then it
 * re-evaluates the project's checks from the JUnit reports the run wrote and puts each test's
 * result, with its failure at its line, into the TestRun. Only the learner's own action (or a save,
 * with learningPaths.verifyOnSave) starts it, and only in a trusted workspace: in Restricted Mode
 * it says why it is disabled. No interpreter, a timeout, a cancel or a run that wrote no report
 * each get a clear message, never a stack trace.
 */
import * as vscode from 'vscode';
import type { VerifyRun } from '../../commandTypes';
import type { MilestoneDef } from '../../../core/scaffold/types';
import { MAX_RESULTS_BYTES } from '../../../core/testing/results';
import { pluginEnv, withResults, type ExtensionRunPlan } from '../../../core/testing/runPlan';
import type { TestRunner } from '../../../core/verify/runner';
import { planTestRun, RESULTS_DIR, RESULTS_GITIGNORE, shellQuote } from '../../../core/verify/testRun';
import type { TestingView, VerifyRunOptions } from '../testing';
import { readProjectText } from '../testing/projectRead';
import { findInterpreter, PYTHON_EXTENSION_ID } from '../verify/interpreter';
import { isActive, type ActiveProject, type Project, type ProjectIndex } from './projectIndex';
import type { MilestoneProgressService } from './progressService';
import type { MilestonesStatusBar } from './statusBar';

export type { VerifyRun } from '../../commandTypes';

export const DEFAULT_VERIFY_TIMEOUT_SECONDS = 300;

const encoder = new TextEncoder();

/** The results folder (git-ignored), and no old report or results of the plans left. */
async function prepare(folder: vscode.Uri, plans: readonly ExtensionRunPlan[]): Promise<void> {
  const results = vscode.Uri.joinPath(folder, ...RESULTS_DIR.split('/'));
  await vscode.workspace.fs.createDirectory(results);
  const ignore = vscode.Uri.joinPath(folder, ...RESULTS_GITIGNORE.path.split('/'));
  try {
    await vscode.workspace.fs.stat(ignore);
  } catch {
    await vscode.workspace.fs.writeFile(ignore, encoder.encode(RESULTS_GITIGNORE.content));
  }
  for (const plan of plans) {
    for (const rel of [plan.reportPath, plan.resultsPath]) {
      try {
        await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, ...rel.split('/')));
      } catch {
        // none yet
      }
    }
  }
}

const exists = async (uri: vscode.Uri) =>
  vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );

interface Running {
  background: boolean;
  controller: AbortController;
  done: Promise<unknown>;
}

export class VerifyRunner {
  /** The run of each project whose tests are running, by project key. */
  private readonly running = new Map<string, Running>();
  private testing: TestingView | undefined;

  constructor(
    private readonly index: ProjectIndex,
    private readonly progress: MilestoneProgressService,
    private readonly statusBar: MilestonesStatusBar,
    private readonly runner: TestRunner,
    /** Folder of python/lp_verify_plugin.py (in the extension). */
    private readonly pluginDir: string,
  ) {}

  /** The Testing view every run reports into (set once, after both are built). */
  attach(testing: TestingView): void {
    this.testing = testing;
  }

  /** Runs every tests check of each project (one run per project, in turn). */
  async runProjects(projects: readonly Project[], options: VerifyRunOptions = {}): Promise<VerifyRun[]> {
    const runs: VerifyRun[] = [];
    for (const p of projects) {
      const tests = p.template?.manifest.milestones.filter((m) => m.check?.kind === 'tests') ?? [];
      if (tests.length === 0) continue;
      const run = await this.runMilestones(p, tests, options);
      runs.push(run);
      if (run.outcome === 'untrusted' || run.outcome === 'noInterpreter' || run.outcome === 'cancelled') break; // said once, not per project
    }
    return runs;
  }

  /** Runs the tests of some milestones of a project as one TestRun, then re-evaluates its checks. */
  async runMilestones(project: Project, milestones: readonly MilestoneDef[], options: VerifyRunOptions = {}): Promise<VerifyRun> {
    const name = project.manifest?.name ?? '';
    const none = (outcome: VerifyRun['outcome']): VerifyRun => ({ project: name, outcome, results: [] });
    if (!isActive(project)) return none('nothing');
    const plans = milestones.map((m) => planTestRun(m.id, m.check, name)).filter((p) => p !== undefined).map(withResults);
    if (plans.length === 0) return none('nothing');
    const background = options.background === true;
    if (!vscode.workspace.isTrusted) {
      if (!background) this.explainRestricted();
      return none('untrusted');
    }
    const other = this.running.get(project.key);
    if (other && (background || !other.background)) {
      if (!background) void vscode.window.showInformationMessage(vscode.l10n.t('The tests of {0} are already running: see Test Results.', name));
      return none('busy');
    }
    if (other) {
      // An explicit Verify takes over from a run on save.
      other.controller.abort();
      await other.done;
    }
    const interpreter = await findInterpreter(project.folder);
    if (!interpreter.ok) {
      if (!background) this.explainNoInterpreter();
      return none('noInterpreter');
    }
    const controller = new AbortController();
    if (options.signal?.aborted) controller.abort();
    options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const label = plans.length === 1 ? vscode.l10n.t('Verify {0}', milestones[0]?.title ?? '') : vscode.l10n.t('Verify {0} ({1} milestones)', name, plans.length);
    const done = this.execute(project, plans, interpreter.path, label, options, controller);
    this.running.set(project.key, { background, controller, done });
    try {
      return await done;
    } finally {
      if (this.running.get(project.key)?.done === done) this.running.delete(project.key);
    }
  }

  private async execute(project: ActiveProject, plans: readonly ExtensionRunPlan[], python: string, label: string, options: VerifyRunOptions, controller: AbortController): Promise<VerifyRun> {
    const name = project.manifest.name;
    const background = options.background === true;
    const current0 = this.index.byKey(project.key) ?? project;
    const testRun = isActive(current0) ? this.testing?.begin(current0, plans.map((p) => p.milestoneId), { ...(options.request ? { request: options.request } : {}), name: label, background }) : undefined;
    const sub = testRun?.run.token.onCancellationRequested(() => controller.abort());
    if (testRun && !background && !options.request) void vscode.commands.executeCommand('testing.showMostRecentOutput').then(undefined, () => undefined);
    let outcome;
    try {
      await prepare(project.folder, plans);
      for (const p of plans) testRun?.output(`$ ${[python, ...p.args].map(shellQuote).join(' ')}\n`);
      outcome = await this.runner.run({
        cwd: project.folder.fsPath,
        python,
        plans,
        env: pluginEnv(this.pluginDir, process.env.PYTHONPATH, process.platform === 'win32' ? ';' : ':'),
        timeoutMs: timeoutSeconds(project.folder) * 1000,
        onOutput: (chunk) => testRun?.output(chunk),
        signal: controller.signal,
      });
    } catch (err) {
      const problem = vscode.l10n.t('Learning Paths could not start the test run: {0}', err instanceof Error ? err.message : String(err));
      testRun?.output(`${problem}\n`);
      testRun?.end();
      if (!background) void vscode.window.showErrorMessage(problem);
      return { project: name, outcome: 'cancelled', interpreter: python, results: [] };
    } finally {
      sub?.dispose();
    }
    if (outcome.kind === 'timedOut' && !background) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The tests of {0} were stopped after {1} s (setting learningPaths.verifyTimeoutSeconds).', name, timeoutSeconds(project.folder)));
    }
    if (outcome.kind === 'failedToStart') {
      const problem = vscode.l10n.t('Learning Paths could not start the test run: {0}', outcome.reason ?? '?');
      testRun?.output(`${problem}\n`);
      if (!background) void vscode.window.showErrorMessage(problem);
    }
    const current = this.index.byKey(project.key) ?? project;
    const missing: ExtensionRunPlan[] = [];
    for (const p of plans) if (!(await exists(vscode.Uri.joinPath(current.folder, ...p.reportPath.split('/'))))) missing.push(p);
    const noReport = vscode.l10n.t('The last Verify wrote no test report (exit code {0}): is pytest installed for {1}? See Test Results.', outcome.exitCode ?? '?', python);
    if (outcome.kind === 'finished' && missing.length > 0) {
      for (const p of missing) this.progress.setRunProblem(current, p.milestoneId, noReport);
      if (!options.quiet && !background) void vscode.window.showWarningMessage(noReport);
    }
    if (testRun) {
      if (outcome.kind === 'finished') {
        for (const p of plans) testRun.report(p.milestoneId, await readProjectText(current.folder, p.resultsPath, MAX_RESULTS_BYTES), noReport);
      } else testRun.skip(plans.map((p) => p.milestoneId));
      testRun.end();
    }
    await this.progress.verify([current], { announce: !options.quiet && !background });
    const results = plans.map((p) => {
      const tests = this.progress.lastCheck(current, p.milestoneId)?.tests;
      return { milestone: p.milestoneId, state: tests?.state ?? ('none' as const), ...(tests?.failure ? { failure: tests.failure } : {}) };
    });
    const failing = results.filter((r) => r.state === 'failing' || r.state === 'invalid').length;
    if (failing > 0) this.statusBar.flashFailing(failing);
    else this.statusBar.endFlash();
    const kind = outcome.kind === 'failedToStart' ? 'cancelled' : outcome.kind;
    return {
      project: name,
      outcome: kind,
      interpreter: python,
      ...(outcome.kind === 'finished' && outcome.exitCode !== undefined ? { exitCode: outcome.exitCode } : {}),
      results,
    };
  }

  private explainRestricted(): void {
    const manage = vscode.l10n.t('Manage Workspace Trust');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('Verify is disabled in Restricted Mode: it runs the project\'s tests (project code). Trust this workspace to use it; file and metric checks keep working.'),
        manage,
      )
      .then((a) => {
        if (a === manage) void vscode.commands.executeCommand('workbench.trust.manage');
      });
  }

  private explainNoInterpreter(): void {
    const select = vscode.l10n.t('Select Interpreter');
    const hasPython = vscode.extensions.getExtension(PYTHON_EXTENSION_ID) !== undefined;
    void vscode.window
      .showErrorMessage(
        vscode.l10n.t('No Python interpreter found to run the tests: select one with the Python extension, set learningPaths.pythonPath, or put python3 on PATH.'),
        select,
      )
      .then((a) => {
        if (a !== select) return;
        if (hasPython) void vscode.commands.executeCommand('python.setInterpreter');
        else void vscode.commands.executeCommand('workbench.action.openSettings', 'learningPaths.pythonPath');
      });
  }
}

function timeoutSeconds(folder: vscode.Uri): number {
  const v = vscode.workspace.getConfiguration('learningPaths', folder).get<number>('verifyTimeoutSeconds', DEFAULT_VERIFY_TIMEOUT_SECONDS);
  return typeof v === 'number' && Number.isFinite(v) && v >= 5 ? Math.min(v, 24 * 3600) : DEFAULT_VERIFY_TIMEOUT_SECONDS;
}
