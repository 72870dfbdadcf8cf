// Reusable fixture for UI tests: a real VS Code workbench (code-server) with the extension under
// development loaded, opened in headless chromium, plus helpers that act the way a person does
// (activity bar, command palette, notifications, tree rows) and a screenshot per step.
//
//   const wb = await launchWorkbench();
//   await wb.openContainer('Learning Paths');
//   await wb.runCommand('Learning Paths: Show Catalog Summary');
//   const [message] = await wb.readNotifications();
//   await wb.screenshot('catalog-summary');   // -> test-results/ui/NN-catalog-summary.png
//   await wb.close();
//
// UI tests run under plain mocha in Node (npm run test:ui → dist/test/harness/runUi.js), not in
// the extension host. Call close() in an after() hook; anything left open is stopped on exit.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { startCodeServer, workbenchUrl, type CodeServer } from '../harness/codeServer';
import { extensionMain, fixtureWorkspace, repoRoot, testResultsDir } from '../harness/paths';
import { registerCleanup, sleep } from '../harness/process';

/** Where screenshots go: <repo>/test-results/ui/NN-name.png (ignored by git). */
export const screenshotDir = join(testResultsDir, 'ui');

export interface WorkbenchOptions {
  /** Folder to open; default: a fresh copy of test/fixtures/workspace in a temp dir (removed by close()). */
  workspace?: string;
  /** VS Code user settings, merged over the harness defaults (welcome page, tips and updates off). */
  settings?: Record<string, unknown>;
  /** Browser viewport; default 1280×800. */
  viewport?: { width: number; height: number };
}

export interface Workbench {
  /** The playwright page showing the workbench, for anything the helpers do not cover. */
  page: Page;
  /** The running code-server (url, port, logFile, …). */
  server: CodeServer;
  /** Absolute path of the folder the workbench has open. */
  workspace: string;
  /** Saves a PNG of the whole window as test-results/ui/NN-<name>.png (NN counts up per run); returns its path. */
  screenshot(name: string): Promise<string>;
  /**
   * Shows the view container with this activity-bar title (e.g. 'Learning Paths') and waits until
   * its views stop loading; does not toggle it closed when it is already shown.
   */
  openContainer(title: string): Promise<void>;
  /** Runs a command from the palette by its full title (e.g. 'Learning Paths: Show Catalog Summary'): F1, type, Enter. */
  runCommand(title: string): Promise<void>;
  /**
   * Texts of the visible notification toasts, waiting up to `timeoutMs` (default 10 s) for one
   * (or, with `containing`, for one whose text includes it). Throws if none shows up.
   */
  readNotifications(options?: { timeoutMs?: number; containing?: string }): Promise<string[]>;
  /** Texts of the tree/list rows shown in a view container (e.g. 'learningPaths'), top to bottom. */
  viewRows(viewContainerId: string): Promise<string[]>;
  /** Titles of the view headers (sections) in a view container, e.g. ['Skills', 'Milestones']. */
  viewTitles(viewContainerId: string): Promise<string[]>;
  /** Waits until the views of a container finished loading (no progress bar running; default 30 s). */
  waitForViews(viewContainerId: string, timeoutMs?: number): Promise<void>;
  /** The locator of a view container's sidebar element, for custom queries. */
  container(viewContainerId: string): Locator;
  /** Closes the browser, stops code-server and removes the temp workspace; safe to call twice. */
  close(): Promise<void>;
}

const counterKey = Symbol.for('learningPaths.ui.screenshotCounter');

function nextScreenshotNumber(): number {
  const holder = globalThis as unknown as Record<symbol, number | undefined>;
  const next = (holder[counterKey] ?? 0) + 1;
  holder[counterKey] = next;
  return next;
}

function safeName(name: string): string {
  return name.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'step';
}

/** A CSS attribute-selector string literal. */
function cssString(value: string): string {
  return JSON.stringify(value);
}

/** Opens the workbench with the extension under development loaded and waits until it is usable. */
export async function launchWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  if (!existsSync(extensionMain)) throw new Error(`${extensionMain} is missing — run \`npm run build\` first`);
  let tempWorkspaceRoot: string | undefined;
  let workspace = options.workspace;
  if (!workspace) {
    tempWorkspaceRoot = mkdtempSync(join(tmpdir(), 'lp-ui-ws-'));
    workspace = join(tempWorkspaceRoot, 'workspace');
    cpSync(fixtureWorkspace, workspace, { recursive: true });
  }
  const removeWorkspace = () => {
    if (tempWorkspaceRoot) rmSync(tempWorkspaceRoot, { recursive: true, force: true });
  };
  const unregisterWorkspace = registerCleanup(async () => removeWorkspace(), removeWorkspace);

  let server: CodeServer | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await closeBrowser?.();
    await server?.stop();
    unregisterWorkspace();
    removeWorkspace();
  };

  try {
    server = await startCodeServer({ workspace, settings: options.settings, env: { LEARNING_PATHS_MEASURE_PAINT: '1' } });
    const launched = await launchBrowser();
    closeBrowser = launched.close;
    const context = await launched.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const url = workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: repoRoot });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // the activity bar is filled in once the extension host has registered the contributions
    await page.locator('.activitybar .action-item').first().waitFor({ state: 'visible', timeout: 60_000 });
    return makeWorkbench(page, server, workspace, close);
  } catch (err) {
    await close();
    throw err;
  }
}

function makeWorkbench(page: Page, server: CodeServer, workspace: string, close: () => Promise<void>): Workbench {
  const container = (viewContainerId: string) => page.locator(`[id=${cssString(`workbench.view.extension.${viewContainerId}`)}]`);

  const screenshot = async (name: string) => {
    mkdirSync(screenshotDir, { recursive: true });
    const file = join(screenshotDir, `${String(nextScreenshotNumber()).padStart(2, '0')}-${safeName(name)}.png`);
    await page.screenshot({ path: file });
    return file;
  };

  const openContainer = async (title: string) => {
    const label = `a.action-label[aria-label^=${cssString(title)}]`;
    const icon = page.locator(`.activitybar ${label}`).first();
    await icon.waitFor({ state: 'visible' });
    // clicking the icon of the container that is already shown would hide the side bar
    const item = page.locator('.activitybar li.action-item', { has: page.locator(label) }).first();
    const title_ = page.locator('.part.sidebar .composite.title').filter({ hasText: new RegExp(escapeRegExp(title), 'i') }).first();
    // After a window reload the workbench may still be restoring the side bar: a click then can
    // race the restore and toggle it closed again. Retry until the container's title shows.
    for (let attempt = 0; ; attempt++) {
      if (await title_.isVisible()) break;
      const alreadyOpen = (await item.getAttribute('aria-selected')) === 'true';
      if (!alreadyOpen || attempt >= 2) await icon.click();
      try {
        await title_.waitFor({ state: 'visible', timeout: 3_000 });
        break;
      } catch (err) {
        if (attempt >= 4) throw err;
      }
    }
    await page.mouse.move(900, 600); // off the activity bar, so its hover label stays out of screenshots
    await waitForNoProgress('.part.sidebar', `the views of ${JSON.stringify(title)}`);
  };

  /** Waits until no progress bar is running inside `scope` (and it stayed so for 300 ms). */
  const waitForNoProgress = async (scope: string, what: string, timeoutMs = 30_000) => {
    try {
      await page.waitForFunction(
        (selector) => {
          const w = window as unknown as { __lpIdleSince?: number };
          const busy = [...document.querySelectorAll(`${selector} .monaco-progress-container.active`)].some(
            (el) => getComputedStyle(el).display !== 'none',
          );
          if (busy) {
            w.__lpIdleSince = undefined;
            return false;
          }
          w.__lpIdleSince ??= Date.now();
          return Date.now() - w.__lpIdleSince >= 300;
        },
        scope,
        { timeout: timeoutMs, polling: 100 },
      );
    } catch {
      throw new Error(`${what} still show a progress bar after ${timeoutMs / 1000} s`);
    }
  };

  const waitForViews = (viewContainerId: string, timeoutMs?: number) =>
    waitForNoProgress(`[id=${cssString(`workbench.view.extension.${viewContainerId}`)}]`, `the views of ${viewContainerId}`, timeoutMs);

  const runCommand = async (title: string) => {
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: title })
      .first();
    await row.waitFor({ state: 'visible' });
    // Enter runs the focused (first) row; make sure that row is the command asked for
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    const firstLabel = (await first.getAttribute('aria-label')) ?? (await first.innerText());
    if (firstLabel.includes(title)) await page.keyboard.press('Enter');
    else await row.click();
    // The palette is done when its widget hides, or when the command reuses the widget for its own
    // prompt (an input box, a picker): then the text is no longer the `>command` typed above.
    const widget = page.locator('.quick-input-widget');
    const end = Date.now() + 30_000;
    while ((await widget.isVisible()) && (await input.inputValue().catch(() => '')).startsWith('>')) {
      if (Date.now() > end) throw new Error(`the command palette stayed open after running "${title}"`);
      await sleep(100);
    }
  };

  const readNotifications = async ({ timeoutMs = 10_000, containing }: { timeoutMs?: number; containing?: string } = {}) => {
    const messages = page.locator('.notifications-toasts .notification-toast .notification-list-item-message');
    const wanted = containing ? messages.filter({ hasText: containing }) : messages;
    try {
      await wanted.first().waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      const shown = await messages.allInnerTexts();
      throw new Error(
        `no notification${containing ? ` containing ${JSON.stringify(containing)}` : ''} within ${timeoutMs / 1000} s` +
          (shown.length ? ` (shown: ${JSON.stringify(shown)})` : ''),
      );
    }
    await sleep(600); // let the toast finish sliding in before anyone takes a screenshot
    return (await messages.allInnerTexts()).map((text) => text.trim());
  };

  const viewRows = async (viewContainerId: string) => {
    const rows = container(viewContainerId).locator('.monaco-list-row');
    return (await rows.allInnerTexts()).map((text) => text.trim().replace(/\s+/g, ' '));
  };

  const viewTitles = async (viewContainerId: string) => {
    const titles = container(viewContainerId).locator('.pane-header h3.title');
    return (await titles.allTextContents()).map((text) => text.trim()); // textContent: not uppercased by CSS
  };

  return { page, server, workspace, screenshot, openContainer, runCommand, readNotifications, viewRows, viewTitles, waitForViews, container, close };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface SuiteWorkbenchOptions extends WorkbenchOptions {
  /** Open this view container (activity bar title) before the first test. */
  container?: string;
  /** More set-up once the workbench is up (and before the container opens). */
  prepare?: (wb: Workbench) => Promise<unknown>;
}

/**
 * The UI set-up every suite shares: launches a workbench in a before() hook, hands it to `use`,
 * opens a view container, and closes everything in an after() hook. Call it inside describe():
 *
 *   let wb: Workbench;
 *   useWorkbench({ container: 'Learning Paths' }, (w) => (wb = w));
 */
export function useWorkbench(options: SuiteWorkbenchOptions, use: (wb: Workbench) => void): void {
  let wb: Workbench | undefined;
  before(async () => {
    const { container, prepare, ...launch } = options;
    wb = await launchWorkbench(launch);
    use(wb);
    if (prepare) await prepare(wb);
    if (container) await wb.openContainer(container);
  });
  after(async () => {
    await wb?.close();
  });
}
