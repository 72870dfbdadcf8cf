/**
 * Running a project's milestone tests as a visible VS Code Task (ShellExecution), so the learner
 * sees pytest in the terminal and can cancel it. Each run first removes the milestone's old report,
 * so a run that writes none never leaves an earlier verdict standing.
 */
import * as vscode from 'vscode';
import { RESULTS_DIR, RESULTS_GITIGNORE, shellQuote, type TestRunPlan } from '../../../core/verify/testRun';

export const TASK_TYPE = 'learningPaths.verify';

export type TaskOutcome = { kind: 'finished'; exitCode: number | undefined } | { kind: 'cancelled' } | { kind: 'timedOut'; seconds: number };

const encoder = new TextEncoder();

async function prepare(folder: vscode.Uri, plans: readonly TestRunPlan[]): Promise<void> {
  const results = vscode.Uri.joinPath(folder, ...RESULTS_DIR.split('/'));
  await vscode.workspace.fs.createDirectory(results);
  const ignore = vscode.Uri.joinPath(folder, ...RESULTS_GITIGNORE.path.split('/'));
  try {
    await vscode.workspace.fs.stat(ignore);
  } catch {
    await vscode.workspace.fs.writeFile(ignore, encoder.encode(RESULTS_GITIGNORE.content));
  }
  for (const plan of plans) {
    try {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, ...plan.reportPath.split('/')));
    } catch {
      // no earlier report
    }
  }
}

/** One command line that runs every plan in turn, whatever the previous one's exit code. */
export function commandLine(python: string, plans: readonly TestRunPlan[]): string {
  const q = process.platform === 'win32' ? (a: string) => (/[\s"]/.test(a) ? `"${a.replace(/"/g, '\\"')}"` : a) : shellQuote;
  const runs = plans.map((p) => [python, ...p.args].map(q).join(' '));
  // PowerShell's call operator is needed for a quoted executable path; `;` separates commands in every shell.
  return process.platform === 'win32' ? runs.map((r) => `& ${r}`).join('; ') : runs.join('; ');
}

export async function runTestTask(options: {
  folder: vscode.Uri;
  scope: vscode.WorkspaceFolder | vscode.TaskScope.Workspace;
  label: string;
  python: string;
  plans: readonly TestRunPlan[];
  timeoutSeconds: number;
}): Promise<TaskOutcome> {
  await prepare(options.folder, options.plans);
  const execution = new vscode.ShellExecution(commandLine(options.python, options.plans), { cwd: options.folder.fsPath });
  const task = new vscode.Task({ type: TASK_TYPE, milestones: options.plans.map((p) => p.milestoneId).join(',') }, options.scope, options.label, 'Learning Paths', execution, []);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true, showReuseMessage: false };
  const running = await vscode.tasks.executeTask(task);
  return new Promise<TaskOutcome>((resolve) => {
    let settled = false;
    const disposables: vscode.Disposable[] = [];
    const settle = (outcome: TaskOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const d of disposables) d.dispose();
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      running.terminate();
      settle({ kind: 'timedOut', seconds: options.timeoutSeconds });
    }, options.timeoutSeconds * 1000);
    disposables.push(
      vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution === running) settle({ kind: 'finished', exitCode: e.exitCode });
      }),
      // A task ended without a process end (terminated before it started) counts as cancelled.
      vscode.tasks.onDidEndTask((e) => {
        if (e.execution === running) setTimeout(() => settle({ kind: 'cancelled' }), 200);
      }),
    );
  });
}
