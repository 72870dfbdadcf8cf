/**
 * Runs inside the real extension host (extensionTestsPath, bench/hostRunner.ts): the exercise loop's
 * two timings, each against a cold `python -m pytest` of the same test file measured in the same
 * run, interleaved (cold, ours, cold, ours, …), on a scaffolded pytorch-image-classifier
 * (compute-normalisation-stats, whose test imports torch) with Debian's /usr/bin/python3:
 * - save → verdict on the exercise's row: from `document.save()` of the exercise's file to the
 *   run's verdict in the milestone's history (verify on save; its debounce included);
 * - an explicit Verify: from the command to its result (run, report read, checks re-evaluated).
 * They go through the runner factory (features/verify/runnerFactory.ts), so they measure whichever
 * runner it makes. Prints one `LP_BENCH {json}` line per figure.
 */
import { spawn } from 'node:child_process';
import * as vscode from 'vscode';
import type { Figure } from './figures';
import { benchApi } from './skillPagePaint';
import { median, spread } from './stats';

const emit = (f: Figure) => console.log(`LP_BENCH ${JSON.stringify(f)}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PYTHON = '/usr/bin/python3';
const STARTER = 'pytorch-image-classifier';
const EXERCISE = 'compute-normalisation-stats';
const RUNS = Number(process.env.LP_BENCH_VERIFY_RUNS ?? 5);

/** A cold `python -m pytest <file> -q` in `cwd`, timed from spawn to exit. */
function coldPytest(cwd: string, testPath: string): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-m', 'pytest', testPath, '-q', '-p', 'no:cacheprovider'], { cwd, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - t0));
  });
}

export async function run(): Promise<void> {
  await sleep(2000); // let the workbench settle
  const api = await benchApi();
  await api.milestones.ready;
  const config = vscode.workspace.getConfiguration('learningPaths');
  await config.update('pythonPath', PYTHON, vscode.ConfigurationTarget.Workspace);
  await config.update('verifyOnSave', 'off', vscode.ConfigurationTarget.Workspace);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('no workspace folder');
  const r = await api.scaffoldStarter(STARTER, root, 'bench_loop');
  try {
    await api.milestones.progress.refresh();
    const project = api.milestones.index.byFolder(r.target);
    const milestone = project?.template?.manifest.milestones.find((m) => m.id === EXERCISE);
    if (!project?.manifest || !milestone || milestone.check?.kind !== 'tests') throw new Error('the bench project or its exercise is missing');
    const testPath = milestone.check.path;
    // The newest verification (the history keeps the last few): changes with every run's verdict.
    const history = () => {
      const v = api.milestones.progress.milestoneData(project, EXERCISE)?.verifications ?? [];
      return `${v.length}:${v[0]?.at ?? ''}`;
    };
    const verify = () => vscode.commands.executeCommand('learningPaths.verifyMilestone', { projectId: project.manifest?.projectId ?? '', milestone: EXERCISE });
    // Warm-up: Python's and the OS's caches, the first run's results folder.
    await coldPytest(r.target.fsPath, testPath);
    await verify();

    const coldV: number[] = [];
    const explicit: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      coldV.push(await coldPytest(r.target.fsPath, testPath));
      const t0 = performance.now();
      await verify();
      explicit.push(performance.now() - t0);
    }

    await config.update('verifyOnSave', 'exercise', vscode.ConfigurationTarget.Workspace);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(r.target, ...milestone.file.replace('{{package}}', project.manifest.name).split('/')));
    const editor = await vscode.window.showTextDocument(doc);
    const coldS: number[] = [];
    const onSave: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      coldS.push(await coldPytest(r.target.fsPath, testPath));
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), `# edit ${i}\n`));
      const before = history();
      const t0 = performance.now();
      await doc.save();
      const deadline = Date.now() + 120_000;
      while (history() === before) {
        if (Date.now() > deadline) throw new Error('no verdict after a save within 120 s');
        await sleep(5);
      }
      onSave.push(performance.now() - t0);
      await sleep(300);
    }
    await config.update('verifyOnSave', 'off', vscode.ConfigurationTarget.Workspace);

    const runsOf = (v: number[]) => v.map((x) => x.toFixed(0)).join(', ');
    emit({ id: 'verify.cold.pytest', label: 'cold `python -m pytest` of the exercise file (the floor)', value: median([...coldV, ...coldS]), unit: 'ms', note: `${STARTER}/${EXERCISE}; runs ${runsOf([...coldV, ...coldS])}` });
    emit({ id: 'verify.onSave', label: 'save → verdict on the exercise row (verify on save)', value: median(onSave), unit: 'ms', note: `runs ${runsOf(onSave)}` });
    emit({ id: 'verify.onSave.ratio', label: 'save → verdict / cold pytest of the same file', value: median(onSave) / median(coldS), unit: 'x', max: 0.5, note: `pair ratios ${spread(onSave.map((v, i) => v / (coldS[i] as number)), 2)}` });
    emit({ id: 'verify.explicit', label: 'explicit Verify, command → result', value: median(explicit), unit: 'ms', note: `runs ${runsOf(explicit)}` });
    emit({ id: 'verify.explicit.ratio', label: 'explicit Verify / cold pytest of the same file', value: median(explicit) / median(coldV), unit: 'x', max: 1.15, note: `pair ratios ${spread(explicit.map((v, i) => v / (coldV[i] as number)), 2)}` });
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config.update('verifyOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(r.target, { recursive: true });
    await api.milestones.progress.refresh();
  }
}
