/**
 * Starts code-server and runs in-host bench modules in it, each in its own workbench session:
 * the first opens (bench/firstOpenPage.ts, bench/firstOpenFloor.ts, alternating), then
 * bench/host.ts. Collects their LP_BENCH figures.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/harness/browser';
import { startCodeServer, workbenchUrl } from '../test/harness/codeServer';
import { fixtureWorkspace, repoRoot } from '../test/harness/paths';
import { withTimeout } from '../test/harness/process';
import type { Figure } from './figures';
import { median, spread } from './stats';

/** Runs one extensionTestsPath module in a new workbench session (its own extension host) and collects its figures. */
async function session(browser: Browser, port: number, workspace: string, module: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const errors: string[] = [];
  const page = await browser.newPage();
  try {
    let done: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (done = r));
    await page.exposeFunction('codeAutomationLog', (_level: unknown, message: unknown) => {
      let args: unknown = message;
      if (typeof args === 'string' && args.startsWith('[')) {
        try {
          args = JSON.parse(args);
        } catch {
          // plain text
        }
      }
      const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
      for (const line of text.split('\n')) {
        if (line.startsWith('LP_BENCH ')) figures.push(JSON.parse(line.slice('LP_BENCH '.length)) as Figure);
        else if (/error|Error/.test(line)) errors.push(line);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => done(typeof code === 'number' ? code : 1));
    await page.goto(workbenchUrl({ port, folder: workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: join(repoRoot, 'dist', 'bench', module) }));
    const code = await withTimeout(exited, 5 * 60_000, `the in-host bench (${module})`);
    if (code !== 0) throw new Error(`the in-host bench ${module} failed (exit ${code}):\n${errors.slice(-10).join('\n')}`);
  } finally {
    await page.close();
  }
  return figures;
}

// Nine pairs: a single first open varies by ±15 % here, so a pair ratio by ±0.2; the median of
// three or five pairs still moved by ±0.1 between runs (README, Performance).
const FIRST_OPEN_SESSIONS = Number(process.env.LP_BENCH_FIRST_OPEN_SESSIONS ?? 9);

/** Only the exercise loop's figures (bench/verifyLoop.ts), in a server of their own: LP_BENCH_VERIFY_ONLY=1. */
export async function measureVerifyLoop(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'lp-bench-verify-'));
  const workspace = join(root, 'workspace');
  cpSync(fixtureWorkspace, workspace, { recursive: true });
  const server = await startCodeServer({ workspace });
  const { browser, close } = await launchBrowser();
  try {
    return await session(browser, server.port, workspace, 'verifyLoop.js');
  } finally {
    await close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

export async function measureInHost(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'lp-bench-host-'));
  const workspace = join(root, 'workspace');
  cpSync(fixtureWorkspace, workspace, { recursive: true });
  // The skill page reports its paint only when asked (outside production): the figures need it.
  const server = await startCodeServer({ workspace, env: { LEARNING_PATHS_MEASURE_PAINT: '1' } });
  const { browser, close } = await launchBrowser();
  const figures: Figure[] = [];
  try {
    // First opens: a session has one first webview, so every sample is its own session,
    // page and floor alternating (page, floor, floor, page, …) in the same server.
    const page: number[] = [];
    const floor: number[] = [];
    const pageNotes: string[] = [];
    for (let i = 0; i < FIRST_OPEN_SESSIONS; i++) {
      for (const kind of i % 2 === 0 ? (['page', 'floor'] as const) : (['floor', 'page'] as const)) {
        const f = (await session(browser, server.port, workspace, kind === 'page' ? 'firstOpenPage.js' : 'firstOpenFloor.js')).find((x) => x.id === 'firstOpen');
        if (!f) throw new Error(`the ${kind} first-open session reported nothing`);
        (kind === 'page' ? page : floor).push(f.value);
        if (kind === 'page' && f.note) pageNotes.push(f.note);
      }
    }
    const ratios = page.map((v, i) => v / (floor[i] as number));
    figures.push(
      { id: 'floor.firstOpen', label: 'floor: first open of an empty webview (new session each)', value: median(floor), unit: 'ms', note: `sessions ${floor.map((v) => v.toFixed(0)).join(', ')}` },
      { id: 'skillPage.firstOpen', label: 'skill page: first open, command → first meaningful paint', value: median(page), unit: 'ms', note: `sessions ${page.map((v) => v.toFixed(0)).join(', ')}; ${pageNotes.join('; ')}` },
      {
        id: 'skillPage.firstOpen.ratio',
        label: `skill page first open / floor first open (${FIRST_OPEN_SESSIONS} interleaved pairs)`,
        value: median(page) / median(floor),
        unit: 'x',
        ...(FIRST_OPEN_SESSIONS >= 3 ? { max: 1.3 } : {}),
        note: `pair ratios ${spread(ratios, 2)}`,
      },
    );
    // LP_BENCH_FIRST_OPEN_ONLY=1 (with LP_BENCH_SKIP_VSCODE unset): only the first-open figures, for
    // comparing changes to the page's first open quickly.
    if (process.env.LP_BENCH_FIRST_OPEN_ONLY !== '1') {
      figures.push(...(await session(browser, server.port, workspace, 'host.js')));
      figures.push(...(await session(browser, server.port, workspace, 'hostileHost.js')));
      figures.push(...(await session(browser, server.port, workspace, 'verifyLoop.js')));
    }
  } finally {
    await close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return figures;
}

/** Only the hostile-file figures (bench/hostileHost.ts), in one workbench session: LP_BENCH_ONLY=hostile. */
export async function measureHostileInHost(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'lp-bench-hostile-'));
  const workspace = join(root, 'workspace');
  cpSync(fixtureWorkspace, workspace, { recursive: true });
  const server = await startCodeServer({ workspace });
  const { browser, close } = await launchBrowser();
  try {
    return await session(browser, server.port, workspace, 'hostileHost.js');
  } finally {
    await close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
