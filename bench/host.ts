/**
 * Runs inside the real extension host (loaded as extensionTestsPath by bench/hostRunner.ts):
 * scaffold time through the extension's own code over vscode.workspace.fs, the skill page's first
 * meaningful paint side by side with the floor (an empty webview), switching the preview page in
 * place, and the extension host memory the extension adds. Prints one
 * `LP_BENCH {json}` line per figure.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import type { Figure } from './figures';
import type { TestApi } from '../src/extension/testApi';
import { openFloor } from './floor';
import { benchApi, openSkillPainted } from './skillPagePaint';
import { median, spread } from './stats';

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

const runs = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');

export async function run(): Promise<void> {
  const gc = collector();
  await sleep(2000); // let the workbench settle
  gc();
  const before = process.memoryUsage().heapUsed;
  const api = await benchApi();
  await vscode.commands.executeCommand('learningPaths.skills.focus');
  const tree = api.skillsTree;
  for (const role of await tree.getChildren()) {
    for (const level of await tree.getChildren(role)) for (const cell of await tree.getChildren(level)) tree.getTreeItem(cell);
  }

  // Skill page against the platform floor: an empty webview (one nonce'd script that reports its
  // first frame the same way the page does), opened through the same API in the same extension
  // host, alternating with the page so drift hits both alike.
  const openPage = async (skill: string): Promise<{ host: number; webview: number; breakdown: string }> => {
    const { host, metrics } = await openSkillPainted(api, skill);
    return {
      host,
      webview: metrics.sinceStart,
      breakdown: `start→script ${(metrics.sinceStart - metrics.sinceScript).toFixed(0)}, round trip ${metrics.roundTrip.toFixed(0)}, render ${metrics.render.toFixed(0)}`,
    };
  };
  const closeAll = async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sleep(300);
  };

  // This session's first webview is cheap (see the first-open figures): spend it unmeasured.
  await openPage('pytorch');
  await closeAll();
  await openFloor();

  // Re-open, interleaved: page, floor, page, floor, …
  const hostPaint: number[] = [];
  const webviewPaint: number[] = [];
  const floorPaint: number[] = [];
  const breakdown: string[] = [];
  for (let i = 0; i < 7; i++) {
    await closeAll();
    const page = await openPage('pytorch');
    hostPaint.push(page.host);
    webviewPaint.push(page.webview);
    breakdown.push(page.breakdown);
    await closeAll();
    floorPaint.push(await openFloor());
  }
  const pairRatios = hostPaint.map((v, i) => v / (floorPaint[i] as number));
  emit({ id: 'skillPage.paint.host', label: 'skill page: re-open, command → first meaningful paint', value: median(hostPaint), unit: 'ms', note: `runs ${runs(hostPaint)}` });
  emit({ id: 'skillPage.paint.webview', label: 'skill page: webview document start → first meaningful paint', value: median(webviewPaint), unit: 'ms', note: breakdown.join('; ') });
  emit({ id: 'floor.reopen', label: 'floor: re-open of an empty webview, same run, interleaved', value: median(floorPaint), unit: 'ms', note: `runs ${runs(floorPaint)}` });
  emit({ id: 'skillPage.reopen.ratio', label: 'skill page re-open / floor re-open (median of 7 pairs)', value: median(hostPaint) / median(floorPaint), unit: 'x', max: 1.2, note: `pair ratios ${spread(pairRatios)}` });

  // Switch in place: the preview page shows another skill in the same webview.
  await closeAll();
  await openPage('pytorch');
  const cycle = ['ml-pipelines', 'ml-technical-fluency', 'pytorch'];
  const switchOnce = async (i: number): Promise<number> => (await openPage(cycle[i % cycle.length] as string)).host;
  const switches: number[] = [];
  let at10 = 0;
  for (let i = 0; i < 15; i++) {
    if (i === 10) {
      gc();
      at10 = process.memoryUsage().heapUsed;
    }
    switches.push(await switchOnce(i));
  }
  const floorReopen = median(floorPaint);
  emit({ id: 'skillPage.switch', label: 'skill page: switch in place (tree item command → painted)', value: median(switches), unit: 'ms', max: 100, note: `15 switches: ${spread(switches)}` });
  emit({ id: 'skillPage.switch.ratio', label: 'switch in place / floor re-open', value: median(switches) / floorReopen, unit: 'x', max: 0.1 });

  // Heap after 200 switches minus after 10: switching must not leak.
  for (let i = 15; i < 200; i++) await switchOnce(i);
  await sleep(300);
  gc();
  const at200 = process.memoryUsage().heapUsed;
  emit({ id: 'skillPage.switch.heap', label: 'extension host heap: after 200 switches − after 10', value: (at200 - at10) / 1048576, unit: 'MB', max: 1 });
  await closeAll();
  await openPage('pytorch');
  await sleep(500);
  gc();
  const after = process.memoryUsage().heapUsed;
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
async function evaluateAfterTestRun(api: TestApi, folder: vscode.Uri): Promise<void> {
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
