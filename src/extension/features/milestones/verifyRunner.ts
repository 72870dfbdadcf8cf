/**
 * Verify: runs the pytest file of one or more `tests` milestones as a visible VS Code Task
 * (features/verify/testTask.ts), with the interpreter features/verify/interpreter.ts finds,
 * then re-evaluates the project's checks from the JUnit reports the run wrote. Only the
 * learner's own action starts it, and only in a trusted workspace: in Restricted Mode it says
 * why it is disabled. No interpreter, a timeout, a cancel or a run that wrote no report each get
 * a clear message, never a stack trace.
 */
import * as vscode from 'vscode';
import type { TestsState } from '../../../core/milestones/testsStatus';
import type { MilestoneDef } from '../../../core/scaffold/types';
import { planTestRun, type TestRunPlan } from '../../../core/verify/testRun';
import { findInterpreter, PYTHON_EXTENSION_ID } from '../verify/interpreter';
import { runTestTask } from '../verify/testTask';
import { isActive, type Project, type ProjectIndex } from './projectIndex';
import type { MilestoneProgressService } from './progressService';
import type { MilestonesStatusBar } from './statusBar';

/** What one Verify run did. */
export interface VerifyRun {
  /** The project's package name. */
  project: string;
  outcome: 'finished' | 'cancelled' | 'timedOut' | 'untrusted' | 'noInterpreter' | 'busy' | 'nothing';
  /** The interpreter that ran the tests. */
  interpreter?: string;
  exitCode?: number;
  /** Each milestone run, with its tests state after the run. */
  results: { milestone: string; state: TestsState | 'none'; failure?: string }[];
}

export const DEFAULT_VERIFY_TIMEOUT_SECONDS = 300;

const exists = async (uri: vscode.Uri) =>
  vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );

export class VerifyRunner {
  /** Keys of projects whose tests are running. */
  private readonly running = new Set<string>();

  constructor(
    private readonly index: ProjectIndex,
    private readonly progress: MilestoneProgressService,
    private readonly statusBar: MilestonesStatusBar,
  ) {}

  /** Runs every tests check of each project (one Task per project, in turn). */
  async runProjects(projects: readonly Project[], options: { quiet?: boolean } = {}): Promise<VerifyRun[]> {
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

  /** Runs the tests of some milestones of a project as one Task, then re-evaluates its checks. */
  async runMilestones(project: Project, milestones: readonly MilestoneDef[], options: { quiet?: boolean } = {}): Promise<VerifyRun> {
    const name = project.manifest?.name ?? '';
    const none = (outcome: VerifyRun['outcome']): VerifyRun => ({ project: name, outcome, results: [] });
    if (!isActive(project)) return none('nothing');
    const plans = milestones.map((m) => planTestRun(m.id, m.check, name)).filter((p): p is TestRunPlan => p !== undefined);
    if (plans.length === 0) return none('nothing');
    if (!vscode.workspace.isTrusted) {
      this.explainRestricted();
      return none('untrusted');
    }
    if (this.running.has(project.key)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The tests of {0} are already running: see the terminal.', name));
      return none('busy');
    }
    const interpreter = await findInterpreter(project.folder);
    if (!interpreter.ok) {
      this.explainNoInterpreter();
      return none('noInterpreter');
    }
    this.running.add(project.key);
    let outcome;
    try {
      const label = plans.length === 1 ? vscode.l10n.t('Verify {0}', milestones[0]?.title ?? '') : vscode.l10n.t('Verify {0} ({1} milestones)', name, plans.length);
      outcome = await runTestTask({
        folder: project.folder,
        scope: vscode.workspace.getWorkspaceFolder(project.folder) ?? vscode.TaskScope.Workspace,
        label,
        python: interpreter.path,
        plans,
        timeoutSeconds: timeoutSeconds(project.folder),
      });
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Learning Paths could not start the test run: {0}', err instanceof Error ? err.message : String(err)));
      return { ...none('cancelled'), interpreter: interpreter.path };
    } finally {
      this.running.delete(project.key);
    }
    if (outcome.kind === 'timedOut') {
      void vscode.window.showWarningMessage(vscode.l10n.t('The tests of {0} were stopped after {1} s (setting learningPaths.verifyTimeoutSeconds).', name, outcome.seconds));
    }
    const current = this.index.byKey(project.key) ?? project;
    const missing: TestRunPlan[] = [];
    for (const p of plans) if (!(await exists(vscode.Uri.joinPath(current.folder, ...p.reportPath.split('/'))))) missing.push(p);
    if (outcome.kind === 'finished' && missing.length > 0) {
      const problem = vscode.l10n.t('The last Verify wrote no test report (exit code {0}): is pytest installed for {1}? See the terminal.', outcome.exitCode ?? '?', interpreter.path);
      for (const p of missing) this.progress.setRunProblem(current, p.milestoneId, problem);
      if (!options.quiet) void vscode.window.showWarningMessage(problem);
    }
    await this.progress.verify([current], { announce: !options.quiet });
    const results = plans.map((p) => {
      const tests = this.progress.lastCheck(current, p.milestoneId)?.tests;
      return { milestone: p.milestoneId, state: tests?.state ?? ('none' as const), ...(tests?.failure ? { failure: tests.failure } : {}) };
    });
    const failing = results.filter((r) => r.state === 'failing' || r.state === 'invalid').length;
    if (failing > 0) this.statusBar.flashFailing(failing);
    else this.statusBar.endFlash();
    return {
      project: name,
      outcome: outcome.kind,
      interpreter: interpreter.path,
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
