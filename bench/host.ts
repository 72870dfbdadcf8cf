/**
 * Runs inside the real extension host (loaded as extensionTestsPath by bench/hostRunner.ts):
 * scaffold time through the extension's own code over vscode.workspace.fs, the skill page's first
 * meaningful paint, and the extension host memory the extension adds. Prints one
 * `LP_BENCH {json}` line per figure.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import pkg from '../package.json';
import type { TestHandle } from '../src/extension/extension';
import type { PaintMetrics } from '../src/shared/protocol';
import type { Figure } from './figures';
import { median } from './stats';
import { waitFor } from '../test/shared/helpers';

const emit = (f: Figure) => console.log(`LP_BENCH ${JSON.stringify(f)}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function collector(): () => void {
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

export async function run(): Promise<void> {
  const gc = collector();
  const ext = vscode.extensions.getExtension<TestHandle | undefined>(`${pkg.publisher}.${pkg.name}`);
  if (!ext) throw new Error('extension not found');
  await sleep(2000); // let the workbench settle
  gc();
  const before = process.memoryUsage().heapUsed;
  const handle = await ext.activate();
  if (!handle) throw new Error('activate returned no test API (not in ExtensionMode.Test?)');
  const api = await handle.ready;
  await vscode.commands.executeCommand('learningPaths.skills.focus');
  const tree = api.skillsTree;
  for (const role of await tree.getChildren()) {
    for (const level of await tree.getChildren(role)) for (const cell of await tree.getChildren(level)) tree.getTreeItem(cell);
  }

  // Skill page: from the command to the webview's "painted" message, fresh panel each time.
  const hostPaint: number[] = [];
  const webviewPaint: number[] = [];
  const breakdown: string[] = [];
  for (let i = 0; i < 5; i++) {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sleep(300);
    let painted: PaintMetrics | undefined;
    const sub = api.skillPageProbe.onMessage((e) => {
      if (e.message.type === 'painted') painted = e.message.metrics;
    });
    const t = performance.now();
    await vscode.commands.executeCommand('learningPaths.openSkill', { skill: 'pytorch' });
    const metrics = await waitFor('the skill page to paint (is LEARNING_PATHS_MEASURE_PAINT=1 set?)', () => painted, { timeoutMs: 30_000, intervalMs: 5 }).finally(() => sub.dispose());
    hostPaint.push(performance.now() - t);
    webviewPaint.push(metrics.sinceStart);
    breakdown.push(`start→script ${(metrics.sinceStart - metrics.sinceScript).toFixed(0)}, round trip ${metrics.roundTrip.toFixed(0)}, render ${metrics.render.toFixed(0)}`);
  }
  await sleep(500);
  gc();
  const after = process.memoryUsage().heapUsed;
  emit({ id: 'skillPage.paint.host', label: 'skill page: command → first meaningful paint (real VS Code)', value: median(hostPaint), unit: 'ms', note: `runs ${hostPaint.map((v) => v.toFixed(0)).join(', ')}` });
  emit({ id: 'skillPage.paint.webview', label: 'skill page: webview document start → first meaningful paint', value: median(webviewPaint), unit: 'ms', note: breakdown.join('; ') });
  emit({ id: 'memory.added', label: 'extension host heap added (tree walked + one skill page open)', value: (after - before) / 1048576, unit: 'MB' });

  // Scaffold one starter through the extension's own code, over vscode.workspace.fs.
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('no workspace folder');
  const parent = vscode.Uri.joinPath(folder, 'bench-scaffold');
  const times: number[] = [];
  let files = 0;
  for (let i = 0; i < 7; i++) {
    const r = await api.scaffoldStarter('pytorch-image-classifier', parent, `bench_project_${i}`);
    times.push(r.ms);
    files = r.files;
  }
  await vscode.workspace.fs.delete(parent, { recursive: true });
  await evaluateAfterTestRun(api, folder);
  emit({ id: 'scaffold.host', label: `scaffold one starter in the extension host (${files} files, workspace.fs)`, value: median(times), unit: 'ms', max: 300, note: `runs ${times.map((v) => v.toFixed(0)).join(', ')}` });
}

/** A JUnit report in which every test of the file passed (what a Verify run writes). */
function passingReport(testPath: string): string {
  const module = testPath.replace(/\.py$/, '').split('/').join('.');
  const cases = ['test_a', 'test_b', 'test_c'].map((n) => `<testcase classname="${module}" name="${n}" time="0.001"/>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="3" time="0.01">${cases}</testsuite></testsuites>`;
}

/**
 * The extension's own time to evaluate every check of a project after a test run, pytest
 * excluded: fresh JUnit reports for each tests milestone are written (not timed), then the
 * project's checks are evaluated as after Verify (reports parsed and judged, metric and file
 * checks read, history recorded, ticks saved, view told).
 */
async function evaluateAfterTestRun(api: Awaited<TestHandle['ready']>, folder: vscode.Uri): Promise<void> {
  const r = await api.scaffoldStarter('ml-pipeline', folder, 'bench_verify');
  try {
    await api.milestones.progress.refresh();
    const project = api.milestones.index.byFolder(r.target);
    const milestones = project?.template?.manifest.milestones ?? [];
    if (!project) throw new Error('the scaffolded bench project is not in the index');
    const tests = milestones.flatMap((m) => (m.check?.kind === 'tests' ? [{ id: m.id, path: m.check.path }] : []));
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      for (const t of tests) {
        await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(r.target, '.learning-path', 'results', `${t.id}.xml`), new TextEncoder().encode(passingReport(t.path)));
      }
      await sleep(20); // report times differ between runs: each run is a new one in the history
      const start = performance.now();
      await api.milestones.progress.verify([project]);
      times.push(performance.now() - start);
      await sleep(600); // the report watcher's debounced re-evaluation (400 ms) runs here, not during a timed run
    }
    const checked = milestones.filter((m) => m.check).length;
    emit({
      id: 'verify.evaluate.host',
      label: `evaluate all checks of a project after a test run (extension host, pytest excluded)`,
      value: median(times),
      unit: 'ms',
      max: 50,
      note: `ml-pipeline: ${checked} checks, ${tests.length} from JUnit reports; runs ${times.map((v) => v.toFixed(1)).join(', ')}`,
    });
  } finally {
    await vscode.workspace.fs.delete(r.target, { recursive: true });
    await api.milestones.progress.refresh();
  }
}
