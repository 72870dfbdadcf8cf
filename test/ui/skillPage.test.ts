// A person opens PyTorch from the Skills view and reads its page: the expectations matrix, what
// the next level adds, a role picked with the keyboard, the practice projects and their Scaffold
// button, the page coming back after a window reload, and hostile pack text shown as text. The
// page is screenshot in the dark, light and high-contrast themes. Then they browse: three clicks in
// the tree show three skills in one preview tab (the same webview document), Keep Open pins one,
// the next clicks open a new preview tab, and Back returns to the skill before.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { hostileMarkup, hostilePackYaml } from '../shared/helpers';
import { useWorkbench, type Workbench } from './fixture';

/**
 * The document inside the visible skill page's webview (iframe.webview → #active-frame), once it
 * has rendered; with `title`, the page whose heading starts with it.
 */
async function webviewFrame(page: Page, options: { title?: string; timeoutMs?: number } = {}): Promise<Frame> {
  const end = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    for (const outer of await page.locator('iframe.webview').elementHandles()) {
      try {
        if (!(await outer.isVisible())) continue;
        const inner = await (await outer.contentFrame())?.$('#active-frame');
        const frame = await inner?.contentFrame();
        const h1 = await frame?.$('#app h1');
        if (!frame || !h1) continue;
        if (options.title && !((await h1.textContent()) ?? '').trim().startsWith(options.title)) continue;
        return frame;
      } catch {
        // that webview is being re-created (theme change, shown again): look again
      }
    }
    if (Date.now() > end) throw new Error(`no rendered skill page webview${options.title ? ` for ${options.title}` : ''}`);
    await page.waitForTimeout(100);
  }
}

/**
 * Runs a palette command that answers with its own quick pick (the fixture's runCommand waits for
 * the widget to close, which such a command never lets it do), leaving that pick open.
 */
async function startPickCommand(wb: Workbench, command: string): Promise<void> {
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await wb.page.keyboard.press('F1');
  if (!(await input.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false))) {
    // a webview had the keyboard: give it back to the workbench and try again
    await wb.page.keyboard.press('Escape');
    await wb.page.locator('.tabs-container .tab.active').first().click();
    await wb.page.keyboard.press('F1');
  }
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${command}`);
  // the row whose label starts with the title ("Browse Color Themes…" also matches the words)
  const commandRow = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^\\s*${escapeRegExp(command)}`) }).first();
  await commandRow.click();
  // the same widget now shows the command's own pick
  await commandRow.waitFor({ state: 'detached' });
}

/** Types `text` into the open quick pick and accepts the first row once it shows `text`. */
async function pick(wb: Workbench, text: string): Promise<void> {
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(text);
  await wb.page.locator('.quick-input-list .monaco-list-row').first().filter({ hasText: text }).waitFor({ timeout: 15_000 });
  await wb.page.keyboard.press('Enter');
}

/** Runs a palette command that answers with a quick pick, and picks the row containing `choice`. */
async function commandThenPick(wb: Workbench, command: string, choice: string): Promise<void> {
  await startPickCommand(wb, command);
  await pick(wb, choice);
  await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

let userSettings: Record<string, unknown> | undefined;

async function setTheme(wb: Workbench, theme: string): Promise<void> {
  // The harness wrote the file; this test is then its only editor, so it keeps its own copy.
  userSettings ??= JSON.parse(readFileSync(join(wb.server.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
  const settings = userSettings;
  await wb.runCommand('Preferences: Open User Settings (JSON)');
  const editor = wb.page.locator('.editor-instance .monaco-editor textarea, .editor-instance .monaco-editor .native-edit-context').first();
  await editor.waitFor({ state: 'attached' });
  await wb.page.locator('.tab.active', { hasText: 'settings.json' }).waitFor();
  await editor.focus();
  await wb.page.keyboard.press('Control+A');
  await wb.page.keyboard.press('Delete');
  await wb.page.keyboard.insertText(JSON.stringify({ ...settings, 'workbench.colorTheme': theme }, null, 2));
  await wb.page.keyboard.press('Control+S');
  await wb.page.locator('.tab.active.dirty').waitFor({ state: 'detached' });
  await wb.runCommand('View: Close Editor');
  const dark = !/Light/.test(theme);
  const hc = /High Contrast/.test(theme);
  const bodyClass = hc ? (dark ? 'vscode-high-contrast' : 'vscode-high-contrast-light') : dark ? 'vscode-dark' : 'vscode-light';
  const end = Date.now() + 30_000;
  for (;;) {
    const frame = await webviewFrame(wb.page);
    const classes = (await frame.evaluate(() => document.body.className).catch(() => '')).split(/\s+/);
    if (classes.includes(bodyClass) && (hc || !classes.includes('vscode-high-contrast'))) break;
    if (Date.now() > end) throw new Error(`the webview never switched to ${theme} (body: ${classes.join(' ')})`);
    await wb.page.waitForTimeout(200);
  }
  await wb.page.waitForTimeout(500);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Scrolls the webview so that `selector` is at the top (for a screenshot of that part). */
async function scrollTo(frame: Frame, selector: string): Promise<void> {
  await frame.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'start' }), selector);
  await frame.page().waitForTimeout(200);
}

async function text(frame: Frame, selector: string): Promise<string> {
  return ((await frame.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe('Skill page in the workbench', function () {
  this.timeout(300_000);
  let wb: Workbench;

  useWorkbench(
    {
      viewport: { width: 1440, height: 900 },
      settings: {
        'workbench.colorTheme': 'Default Dark Modern',
        // setTheme types into settings.json: keep the editor from adding brackets and quotes
        'editor.autoClosingBrackets': 'never',
        'editor.autoClosingQuotes': 'never',
        'editor.autoIndent': 'none',
        'editor.formatOnType': false,
      },
      // the theme loads after the workbench
      prepare: (w) => w.page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 }),
      container: 'Learning Paths',
    },
    (w) => (wb = w),
  );

  const row = (label: string) => wb.container('learningPaths').locator('.monaco-list-row', { hasText: label }).first();

  it('opens PyTorch from the tree: the matrix and the next level are in the webview, and the first paint is measured', async () => {
    // My path: ML Engineer, Junior → Senior (the tree then opens on it)
    await startPickCommand(wb, 'Learning Paths: Choose My Role and Level');
    for (const [title, choice] of [
      ['your role', 'ML Engineer'],
      ['your current level', 'Junior'],
      ['your target level', 'Senior'],
    ] as const) {
      await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
      await pick(wb, choice);
    }
    await wb.readNotifications({ containing: 'Your path' });
    const pytorch = wb.container('learningPaths').locator('.monaco-list-row[aria-label="ML Engineer, Junior, PyTorch, required"]');
    await wb.page.waitForTimeout(800);
    if (!(await pytorch.isVisible())) {
      if (!(await row('Junior').isVisible())) await row('ML Engineer').click();
      await row('Junior').click();
    }
    await pytorch.waitFor();
    const clicked = Date.now();
    await pytorch.click();
    const frame = await webviewFrame(wb.page);
    await frame.locator('table.matrix tbody tr').first().waitFor();
    const shownAfter = Date.now() - clicked;

    // Matrix: five roles × five levels, each cell with its Required/Optional badge.
    const rows = frame.locator('table.matrix tbody tr');
    assert.equal(await rows.count(), 5);
    assert.deepEqual(
      (await frame.locator('table.matrix thead th').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()),
      ['Role', 'Junior (your level)', 'Middle', 'Senior', 'Lead', 'Principal'],
    );
    const badges = (await frame.locator('table.matrix .badge.req').allTextContents()).map((t) => t.trim());
    assert.equal(badges.length, 25);
    assert.equal(badges.filter((b) => b === 'Required').length, 19);
    assert.equal(badges.filter((b) => b === 'Optional').length, 6);
    const ml = frame.locator('table.matrix tr[data-role="ml-engineer"]');
    // Real table semantics: column headers for the levels, a row header for each role.
    assert.equal(await frame.locator('table.matrix thead th[scope="col"]').count(), 6);
    assert.equal(await ml.locator('th[scope="row"]').count(), 1);
    assert.match((await ml.getAttribute('class')) ?? '', /selected/);
    assert.match((await ml.getAttribute('class')) ?? '', /mine/);
    assert.match((await ml.locator('td[data-level="junior"]').getAttribute('class')) ?? '', /mine/);
    assert.equal(await text(frame, 'td.mine .badge.mark-you'), 'You');
    assert.equal(await frame.locator('td.mine').count(), 1);
    assert.match((await ml.locator('td[data-level="middle"]').getAttribute('class')) ?? '', /next/);
    // Icons are inline SVG (no icon font to load), and drawn.
    const icon = await frame.locator('h1 svg.codicon-mortar-board').evaluate((el) => ({ paths: el.querySelectorAll('path').length, width: el.getBoundingClientRect().width }));
    assert.ok(icon.paths > 0 && icon.width > 8, JSON.stringify(icon));
    assert.equal(await frame.evaluate(() => document.fonts.size), 0, 'no web fonts');

    // Next level: what Middle adds for the ML Engineer.
    assert.equal(await text(frame, '#next-level h2'), 'To reach Middle as ML Engineer');
    const terms = (await frame.locator('#next-level .terms li').allTextContents()).map((t) => t.trim());
    for (const t of ['scheduler', 'early stopping', 'transfer learning']) assert.ok(terms.some((x) => x.includes(t)), JSON.stringify(terms));
    assert.ok((await frame.locator('#next-level mark.added').count()) >= 5);

    // Landmarks and headings for screen readers.
    assert.equal(await frame.locator('header.page-header h1').count(), 1);
    assert.equal(await text(frame, 'h1'), 'PyTorch');
    assert.equal(await frame.locator('main').count(), 1);
    assert.ok((await frame.locator('main h2').count()) >= 3);

    // The webview measures once its frame is out (rAF, task, fonts.ready, rAF): wait for it.
    await frame.waitForFunction(() => document.documentElement.dataset.firstPaintMs !== undefined, undefined, { timeout: 15_000 }).catch(() => undefined);
    const paint = Number(await frame.evaluate(() => document.documentElement.dataset.firstPaintMs ?? 'NaN'));
    const webviewPaint = await frame.evaluate(() => performance.getEntriesByType('paint').map((e) => `${e.name} ${e.startTime.toFixed(0)} ms`).join(', '));
    console.log(`      skill page first meaningful paint: ${paint} ms after the webview document started (${webviewPaint}); ${shownAfter} ms from the click in the tree to the matrix in the DOM`);
    assert.ok(Number.isFinite(paint) && paint > 0, 'the webview measured its first paint');
    await wb.screenshot('skill-page-pytorch-dark');
    await scrollTo(frame, 'vscode-tabs');
    await wb.screenshot('skill-page-matrix-dark');
    await scrollTo(frame, 'body');
  });

  it('picks another role with the keyboard and re-renders in place', async () => {
    const frame = await webviewFrame(wb.page);
    await frame.evaluate(() => {
      (window as unknown as { lpSameDocument?: boolean }).lpSameDocument = true;
    });
    const options = (await frame.locator('#role-select option').allTextContents()).map((t) => t.trim());
    assert.ok(options.includes('ML Engineer (your role)'), JSON.stringify(options));
    assert.equal(await frame.locator('#role-select option:checked').textContent(), 'ML Engineer (your role)');
    assert.equal(await frame.locator('label[for="role-select"]').textContent(), 'Role');
    // A native select: typing a role's first letter (as the arrow keys) only moves the choice; the
    // page does not rebuild under the keyboard. Escape puts the committed role back.
    await frame.locator('#role-select').focus();
    await wb.page.keyboard.press('D');
    assert.equal(await frame.locator('#role-select').inputValue(), 'data-scientist');
    await wb.page.waitForTimeout(400);
    assert.equal(await text(frame, '#next-level h2'), 'To reach Middle as ML Engineer', 'moving the choice does not re-render');
    await wb.page.keyboard.press('Escape');
    assert.equal(await frame.locator('#role-select').inputValue(), 'ml-engineer');
    // Enter commits it.
    await wb.page.keyboard.press('D');
    await wb.page.keyboard.press('Enter');
    await frame.locator('#next-level h2', { hasText: 'Data Scientist' }).waitFor();
    assert.equal(await text(frame, '#next-level h2'), 'To reach Middle as Data Scientist');
    assert.match((await frame.locator('table.matrix tr[data-role="data-scientist"]').getAttribute('class')) ?? '', /selected/);
    assert.match((await frame.locator('table.matrix tr[data-role="ml-engineer"] td[data-level="junior"]').getAttribute('class')) ?? '', /mine/, 'the learner’s own cell stays marked');
    assert.equal(await frame.evaluate(() => (window as unknown as { lpSameDocument?: boolean }).lpSameDocument), true, 'same document: re-rendered in place');
    const focused = await frame.evaluate(() => document.activeElement?.id);
    assert.equal(focused, 'role-select', 'focus stays on the role selector');
  });

  it('reaches the practice projects tab from the keyboard; Scaffold runs the scaffold command with the starter preselected', async () => {
    const frame = await webviewFrame(wb.page);
    await frame.locator('vscode-tab-header[data-tab="expectations"]').focus();
    const headers = (await frame.locator('vscode-tab-header').evaluateAll((els) => els.map((e) => e.getAttribute('data-tab')))) as string[];
    const steps = headers.indexOf('projects');
    for (let i = 0; i < steps; i++) await wb.page.keyboard.press('ArrowRight');
    await wb.page.keyboard.press('Enter');
    const panel = frame.locator('vscode-tab-panel[data-tab="projects"]');
    await panel.locator('article.project').first().waitFor({ state: 'visible' });
    const titles = (await panel.locator('article.project h3').allTextContents()).map((t) => t.trim());
    assert.ok(titles.some((t) => /CIFAR-10/.test(t)), JSON.stringify(titles));
    const cifar = panel.locator('article.project', { hasText: 'CIFAR-10' }).first();
    assert.equal(await cifar.locator('ol.steps li').count(), 4, 'numbered steps');
    await scrollTo(frame, 'vscode-tabs');
    await wb.screenshot('skill-page-projects-dark');

    // Light and high-contrast themes (the page is re-created after the settings editor hid it:
    // it comes back on the tab it was showing, from its saved state).
    await setTheme(wb, 'Default Light Modern');
    let page = await webviewFrame(wb.page);
    await page.locator('vscode-tab-panel[data-tab="projects"] article.project').first().waitFor({ state: 'visible' });
    await scrollTo(page, 'vscode-tabs');
    await wb.screenshot('skill-page-projects-light');
    await page.locator('vscode-tab-header[data-tab="expectations"]').click();
    await scrollTo(page, 'body');
    await wb.screenshot('skill-page-pytorch-light');
    await scrollTo(page, 'vscode-tabs');
    await wb.screenshot('skill-page-matrix-light');
    await setTheme(wb, 'Default High Contrast');
    page = await webviewFrame(wb.page);
    await wb.screenshot('skill-page-pytorch-high-contrast');
    await scrollTo(page, 'vscode-tabs');
    await wb.screenshot('skill-page-matrix-high-contrast');
    await setTheme(wb, 'Default Dark Modern');
    page = await webviewFrame(wb.page);
    await page.locator('vscode-tab-header[data-tab="projects"]').click();

    const button = page.locator('vscode-tab-panel[data-tab="projects"] article.project', { hasText: 'CIFAR-10' }).first().locator('button.scaffold');
    assert.equal(await button.getAttribute('data-starter'), 'pytorch-image-classifier');
    await button.focus();
    await wb.page.keyboard.press('Enter');
    // The scaffold command skips the starter pick (preselected) and asks for the project name.
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    const title = (await wb.page.locator('.quick-input-widget .quick-input-title').textContent()) ?? '';
    assert.match(title, /Scaffold Practice Project/);
    assert.equal(await input.inputValue(), 'cifar_classifier');
    await wb.screenshot('scaffold-from-skill-page');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'options' }).waitFor();
    await wb.page.waitForTimeout(300);
    await wb.page.keyboard.press('Enter');
    const created = await wb.readNotifications({ containing: 'Created', timeoutMs: 30_000 });
    assert.ok(created.some((m) => m.includes('cifar_classifier')), JSON.stringify(created));
  });

  it('technical fluency: learning stages, tools by category, interview questions collapsed until opened from the keyboard', async () => {
    await commandThenPick(wb, 'Learning Paths: Open Skill Page', 'Technical fluency');
    const frame = await webviewFrame(wb.page, { title: 'Technical fluency' });
    assert.deepEqual(
      await frame.locator('vscode-tab-header').evaluateAll((els) => els.map((e) => e.getAttribute('data-tab'))),
      ['expectations', 'stages', 'projects', 'tools', 'interview', 'career'],
    );
    assert.deepEqual((await frame.locator('.figures dd').allTextContents()).map((t) => t.trim()), ['9.1/10', '15%', '1', '1']);

    await frame.locator('vscode-tab-header[data-tab="stages"]').click();
    assert.equal(await frame.locator('vscode-tab-panel[data-tab="stages"] li.stage').count(), 3);
    await scrollTo(frame, 'vscode-tabs');
    await wb.screenshot('technical-fluency-stages');

    await frame.locator('vscode-tab-header[data-tab="tools"]').click();
    const tables = frame.locator('vscode-tab-panel[data-tab="tools"] table.tool-table');
    assert.equal(await tables.count(), 3);
    assert.ok((await frame.locator('vscode-tab-panel[data-tab="tools"] table.tool-table tbody tr').count()) >= 8);
    await wb.screenshot('technical-fluency-tools');

    await frame.locator('vscode-tab-header[data-tab="interview"]').click();
    const panel = frame.locator('vscode-tab-panel[data-tab="interview"]');
    assert.equal(await panel.locator('.question > h3').count(), 2);
    const answer = panel.locator('.answer').first();
    assert.equal(await answer.isVisible(), false, 'answers start collapsed');
    // A native disclosure: the summary is what takes focus, and the open state is the element's.
    const disclosure = panel.locator('details.collapsible').first();
    const header = disclosure.locator('summary');
    assert.equal(await disclosure.evaluate((el) => (el as HTMLDetailsElement).open), false);
    await header.focus();
    await wb.page.keyboard.press('Enter');
    await answer.waitFor({ state: 'visible' });
    assert.equal(await disclosure.evaluate((el) => (el as HTMLDetailsElement).open), true);
    assert.match(await text(frame, 'vscode-tab-panel[data-tab="interview"] .answer'), /Strategy.*Sample answer/s);
    await wb.screenshot('technical-fluency-interview');
  });

  it('comes back after a window reload, on the same role', async () => {
    // from the palette, the command asks for a skill
    await commandThenPick(wb, 'Learning Paths: Open Skill Page', 'PyTorch');
    let frame = await webviewFrame(wb.page, { title: 'PyTorch' });
    await frame.locator('#next-level h2', { hasText: 'Data Scientist' }).waitFor();

    await wb.page.waitForTimeout(1000); // let the workbench save which editor is active
    // Scrolled down: the restored page comes back at the same place.
    await frame.evaluate(() => window.scrollTo(0, 400));
    await wb.page.waitForTimeout(500);
    const scrolled = await frame.evaluate(() => window.scrollY);
    assert.ok(scrolled > 300, `scrolled to ${scrolled}`);
    // Reload Window shuts the workbench down properly, which saves its editors (a bare page reload
    // keeps only what the last periodic save wrote, up to a minute old).
    const navigated = wb.page.waitForEvent('framenavigated', { predicate: (f) => f === wb.page.mainFrame(), timeout: 60_000 });
    await wb.runCommand('Developer: Reload Window').catch(() => undefined);
    await navigated;
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The restored editor tab: its webview is re-created by the serializer when it is shown.
    const tab = wb.page.locator('.tabs-container .tab', { hasText: 'PyTorch' }).first();
    await tab.waitFor({ timeout: 60_000 });
    assert.match((await tab.textContent()) ?? '', /PyTorch \(Preview\)/, 'restored as the preview page');
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    frame = await webviewFrame(wb.page, { title: 'PyTorch', timeoutMs: 60_000 });
    await frame.locator('#next-level h2').waitFor();
    assert.equal(await text(frame, 'h1'), 'PyTorch');
    assert.equal(await text(frame, '#next-level h2'), 'To reach Middle as Data Scientist');
    // at the same scroll position (once its tabs have laid out)
    await frame.waitForFunction((y) => Math.abs(window.scrollY - y) < 40, scrolled, { timeout: 10_000 });
    await wb.screenshot('skill-page-restored-after-reload');

    // Career relevance: none for the Data Scientist; one click switches to a role that has it.
    await frame.locator('vscode-tab-header[data-tab="career"]').click();
    const career = frame.locator('vscode-tab-panel[data-tab="career"]');
    await career.locator('button.link[data-role="ml-engineer"]').click();
    await career.locator('.career h3').waitFor();
    assert.equal(await text(frame, 'vscode-tab-panel[data-tab="career"] .career h3'), 'PyTorch Deep Learning for ML Engineer');
    assert.equal(await text(frame, '#next-level h2'), 'To reach Middle as ML Engineer');
    await scrollTo(frame, 'vscode-tabs');
    await wb.screenshot('skill-page-career');

    // "Show in Skills view" selects the page's skill under its role and level in the tree.
    await scrollTo(frame, 'body');
    await frame.locator('button[data-key="header:reveal"]').click();
    await wb.container('learningPaths').locator('.monaco-list-row.selected[aria-label="ML Engineer, Junior, PyTorch, required"]').waitFor({ timeout: 15_000 });
  });

  it('renders a pack’s <script>, <img onerror> and javascript: links as inert text', async () => {
    const evil = hostileMarkup((what) => `document.body.dataset.pwned='${what}'`);
    const dir = join(wb.workspace, '.learning-paths');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'hostile.yaml'),
      hostilePackYaml(evil),
    );
    await wb.page.waitForTimeout(1500); // the pack watcher reloads the catalog
    await commandThenPick(wb, 'Learning Paths: Open Skill Page', 'Hostile');
    const frame = await webviewFrame(wb.page, { title: 'Hostile' });
    await frame.locator('vscode-tab-header[data-tab="interview"]').click();
    await frame.locator('details.collapsible > summary').first().click();
    await wb.page.waitForTimeout(500);
    const report = await frame.evaluate(() => ({
      h1: document.querySelector('h1')?.textContent ?? '',
      pwned: document.body.dataset.pwned ?? null,
      images: document.querySelectorAll('img').length,
      scriptsInPage: document.querySelectorAll('#app script').length,
      foreignScripts: [...document.querySelectorAll('script[src]')].filter((el) => !/\/dist\/webview\.js$/.test(new URL(el.getAttribute('src') ?? '', location.href).pathname)).length,
      links: document.querySelectorAll('a').length,
      cellText: document.querySelector('table.matrix .cell-text')?.textContent ?? '',
    }));
    await wb.screenshot('skill-page-hostile-pack');
    assert.equal(report.pwned, null, 'no hostile code ran');
    assert.equal(report.images, 0);
    assert.equal(report.links, 0);
    assert.equal(report.scriptsInPage, 0, 'no script element in the rendered page');
    assert.equal(report.foreignScripts, 0, 'the only script file is dist/webview.js');
    assert.ok(report.h1.includes('<script>') && report.h1.includes('<img src=x onerror='), report.h1);
    assert.equal(report.cellText, evil);
  });

  it('browses skills in one preview tab: three clicks, one tab whose content changes; Keep Open, then two tabs; Back', async () => {
    await wb.runCommand('View: Close All Editors');
    await wb.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
    const cell = (title: string) => wb.container('learningPaths').locator(`.monaco-list-row[aria-label^=${JSON.stringify(`ML Engineer, Junior, ${title}`)}]`).first();
    const tabs = wb.page.locator('.tabs-container .tab');
    const tabTexts = async () => (await tabs.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    await cell('PyTorch').waitFor();

    await cell('PyTorch').click();
    let frame = await webviewFrame(wb.page, { title: 'PyTorch' });
    await frame.evaluate(() => {
      (window as unknown as { lpSameDocument?: boolean }).lpSameDocument = true;
    });
    assert.deepEqual(await tabTexts(), ['PyTorch (Preview)']);
    await wb.screenshot('preview-1-pytorch');

    await cell('ML Pipelines').click();
    frame = await webviewFrame(wb.page, { title: 'ML Pipelines' });
    assert.deepEqual(await tabTexts(), ['ML Pipelines (Preview)'], 'one tab, now on ML Pipelines');
    assert.equal(await frame.evaluate(() => (window as unknown as { lpSameDocument?: boolean }).lpSameDocument), true, 'the same webview document re-rendered');
    await frame.evaluate(() => window.scrollTo(0, 600));
    await wb.screenshot('preview-2-ml-pipelines');

    await cell('Technical fluency').click();
    frame = await webviewFrame(wb.page, { title: 'Technical fluency' });
    assert.equal(await tabs.count(), 1);
    assert.match((await tabTexts())[0] ?? '', /^Technical fluency.*\(Preview\)$/);
    assert.equal(await frame.evaluate(() => (window as unknown as { lpSameDocument?: boolean }).lpSameDocument), true, 'still the same document');
    assert.equal(await frame.evaluate(() => window.scrollY), 0, 'a new skill starts at the top');
    await wb.screenshot('preview-3-technical-fluency');

    // Keep Open, from the editor title bar.
    await wb.page.locator('.editor-actions .action-label[aria-label^="Keep Skill Page Open"]').click();
    await wb.page.locator('.tabs-container .tab', { hasText: '(Preview)' }).waitFor({ state: 'detached' });
    await cell('ML Pipelines').click();
    await webviewFrame(wb.page, { title: 'ML Pipelines' });
    await cell('PyTorch').click();
    frame = await webviewFrame(wb.page, { title: 'PyTorch' });
    const two = await tabTexts();
    assert.equal(two.length, 2, JSON.stringify(two));
    assert.ok(two.some((t) => /^Technical fluency/.test(t) && !t.includes('(Preview)')), JSON.stringify(two));
    assert.ok(two.includes('PyTorch (Preview)'), JSON.stringify(two));
    await wb.screenshot('preview-4-pinned-and-preview');

    // Back, from the editor title bar: the preview tab returns to ML Pipelines.
    await wb.page.locator('.editor-actions .action-label[aria-label^="Back to Previous Skill"]').click();
    frame = await webviewFrame(wb.page, { title: 'ML Pipelines' });
    assert.ok((await tabTexts()).includes('ML Pipelines (Preview)'));
    assert.equal(await tabs.count(), 2);
    await wb.screenshot('preview-5-back');

    // Alt+Right while the page has the focus: Forward, back to PyTorch.
    await frame.locator('h1').click();
    await wb.page.keyboard.press('Alt+ArrowRight');
    frame = await webviewFrame(wb.page, { title: 'PyTorch', timeoutMs: 10_000 });
    assert.ok((await tabTexts()).includes('PyTorch (Preview)'));
  });
});
