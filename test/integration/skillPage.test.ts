// Skill pages in the real VS Code: opened by command, one panel per skill, a ready handshake with the
// webview, a strict CSP, re-rendering on path changes, and a hostile content pack kept as data.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SkillPageModel } from '../../src/shared/skillPageModel';
import type { LearningPathsApi } from '../../src/extension/main';
import type { SkillPageEvent } from '../../src/extension/features/skillPages';
import type { WebviewMessage } from '../../src/shared/protocol';
import { api } from './api';

/** Resolves with the first message of `type` a skill's webview posts after this call. */
function nextMessage<T extends WebviewMessage['type']>(a: LearningPathsApi, skill: string, type: T, timeoutMs = 30_000): Promise<Extract<WebviewMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no ${type} message from the ${skill} page within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const sub = a.skillPages.onDidReceiveMessage((e: SkillPageEvent) => {
      if (e.skill !== skill || e.message.type !== type) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e.message as Extract<WebviewMessage, { type: T }>);
    });
  });
}

/**
 * Runs the open command and waits for the page's handshake: `ready`, then `painted` (which the
 * webview posts once its resources have loaded, so closing the panel afterwards never leaves a
 * resource request in flight for the next webview to wait on).
 */
async function openPage(a: LearningPathsApi, skill: string, arg: unknown): Promise<{ opened: unknown; painted: Extract<WebviewMessage, { type: 'painted' }> }> {
  const ready = nextMessage(a, skill, 'ready');
  const painted = nextMessage(a, skill, 'painted');
  const opened = await vscode.commands.executeCommand('learningPaths.openSkill', arg);
  await ready;
  return { opened, painted: await painted };
}

function skillModel(a: LearningPathsApi, skill: string): SkillPageModel {
  const m = a.skillPages.lastModel(skill);
  assert.ok(m && m.kind === 'skill', `no rendered page for ${skill}`);
  return m;
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('skill page', function () {
  this.timeout(90_000);
  let a: LearningPathsApi;

  before(async () => {
    a = await api();
    await a.services.path.set(undefined);
  });

  afterEach(async () => {
    for (const skill of a.skillPages.openSkills()) a.skillPages.panel(skill)?.dispose();
    await a.services.path.set(undefined);
  });

  it('opens PyTorch by command: the webview posts ready, gets the page and reports its first paint', async () => {
    const { opened, painted } = await openPage(a, 'pytorch', 'pytorch');
    assert.equal(opened, 'pytorch');
    const { metrics } = painted;
    console.log(`    (skill page first paint: ${metrics.sinceStart} ms after the webview document started, ${metrics.sinceScript} ms after its script, host round trip ${metrics.roundTrip} ms, render ${metrics.render} ms)`);
    assert.ok(metrics.sinceStart > 0 && metrics.render >= 0);

    const panel = a.skillPages.panel('pytorch');
    assert.ok(panel, 'a panel for pytorch');
    assert.equal(panel.viewType, 'learningPaths.skillPage');
    assert.equal(panel.title, 'PyTorch');
    assert.equal(panel.visible, true);
    assert.ok(!panel.options.retainContextWhenHidden, 'the page is not kept alive while hidden');
    const m = skillModel(a, 'pytorch');
    assert.equal(m.matrix.rows.length, 5);
    assert.equal(m.nextLevel.kind, 'gap');
  });

  it('serves the page under a strict CSP with only dist/ and media/ as local resource roots', async () => {
    await openPage(a, 'ml-pipelines', { skill: 'ml-pipelines' });
    const panel = a.skillPages.panel('ml-pipelines');
    assert.ok(panel);
    const html = panel.webview.html;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; /);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a random nonce');
    assert.ok(html.includes(`<script nonce="${nonce}"`), 'the one script carries the nonce');
    assert.ok(csp.includes(`style-src ${panel.webview.cspSource}`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(panel.webview.options.enableScripts, true);
    const roots = (panel.webview.options.localResourceRoots ?? []).map((u) => u.path.split('/').pop());
    assert.deepEqual(roots, ['dist', 'media']);
    assert.equal(panel.webview.options.enableCommandUris ?? false, false);
  });

  it('one panel per skill: opening it again reveals the same panel, with the role and level it was asked for', async () => {
    await openPage(a, 'pytorch', 'pytorch');
    const first = a.skillPages.panel('pytorch');
    await vscode.commands.executeCommand('learningPaths.openSkill', { skill: 'pytorch', role: 'data-scientist', level: 'middle' });
    assert.equal(a.skillPages.panel('pytorch'), first, 'the same panel');
    assert.deepEqual(a.skillPages.openSkills(), ['pytorch']);
    const m = skillModel(a, 'pytorch');
    assert.deepEqual(m.selection, { role: 'data-scientist', level: 'middle' });
    assert.ok(m.nextLevel.kind === 'gap' && m.nextLevel.to.id === 'senior');
  });

  it('a tree cell opens the page on its role and level (ML Engineer, Junior → Middle)', async () => {
    await openPage(a, 'pytorch', { kind: 'cell', skill: 'pytorch', role: 'ml-engineer', level: 'junior', under: 'role' });
    const n = skillModel(a, 'pytorch').nextLevel;
    assert.ok(n.kind === 'gap');
    assert.deepEqual([n.role.id, n.from.id, n.to.id], ['ml-engineer', 'junior', 'middle']);
    assert.ok(n.newTerms.includes('scheduler'), JSON.stringify(n.newTerms));
  });

  it('re-renders when the learner changes their path', async () => {
    await openPage(a, 'pytorch', 'pytorch');
    assert.equal(skillModel(a, 'pytorch').learner, undefined);
    await a.services.path.set({ role: 'nlp-engineer', current: 'senior', target: 'lead' });
    await until('the page to follow the new path', () => skillModel(a, 'pytorch').selection.role === 'nlp-engineer');
    const m = skillModel(a, 'pytorch');
    assert.equal(m.learner?.level.id, 'senior');
    assert.ok(m.matrix.rows.find((r) => r.role.id === 'nlp-engineer')?.cells.find((c) => c.level === 'senior')?.mine);
  });

  it('a hidden page is not kept alive: shown again, its webview says ready again and is rendered', async () => {
    await openPage(a, 'pytorch', 'pytorch');
    await openPage(a, 'ml-pipelines', 'ml-pipelines');
    const pytorch = a.skillPages.panel('pytorch');
    assert.ok(pytorch);
    await until('PyTorch to be hidden behind ML Pipelines', () => !pytorch.visible);
    await openPage(a, 'pytorch', 'pytorch');
    assert.equal(pytorch.visible, true);
  });

  it('without arguments it asks for a skill in a quick pick', async () => {
    const opened = vscode.commands.executeCommand<string | undefined>('learningPaths.openSkill');
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await opened, undefined, 'cancelling the pick opens nothing');
    assert.deepEqual(a.skillPages.openSkills(), []);
  });

  it('an unknown skill opens nothing', async () => {
    assert.equal(await vscode.commands.executeCommand('learningPaths.openSkill', 'no-such-skill'), undefined);
    assert.deepEqual(a.skillPages.openSkills(), []);
  });

  it('a content pack with <script>, <img onerror> and javascript: links reaches the page as plain data', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const pack = vscode.Uri.joinPath(folder, '.learning-paths', 'hostile-skill-page.yaml');
    const evil = `<script>document.title='pwned'</script><img src=x onerror="document.title='pwned'"> <a href="javascript:alert(1)">click</a>`;
    const yaml = [
      'skills:',
      '  - id: hostile-skill',
      `    title: ${JSON.stringify(`Hostile ${evil}`)}`,
      `    summary: ${JSON.stringify(evil)}`,
      `    tags: [${JSON.stringify(evil)}]`,
      '    roles: [ml-engineer]',
      '    expectations:',
      `      - { role: ml-engineer, level: junior, required: true, text: ${JSON.stringify(evil)} }`,
      `      - { role: ml-engineer, level: middle, required: false, text: ${JSON.stringify(`Also ${evil} javascript:alert(2)`)} }`,
      '',
    ].join('\n');
    const changed = new Promise<void>((resolve) => {
      const sub = a.services.catalog.onDidChange((c) => {
        if (c.skills.has('hostile-skill')) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.workspace.fs.writeFile(pack, new TextEncoder().encode(yaml));
    try {
      await changed;
      await openPage(a, 'hostile-skill', 'hostile-skill');
      const m = skillModel(a, 'hostile-skill');
      assert.equal(m.skill.title, `Hostile ${evil}`);
      assert.equal(m.matrix.rows[0]?.cells[0]?.expectation?.text, evil);
      const panel = a.skillPages.panel('hostile-skill');
      assert.ok(panel);
      assert.ok(!panel.webview.html.includes('<img'), 'the shell escapes the title');
      assert.ok(panel.webview.html.includes('&lt;script&gt;'));
    } finally {
      await vscode.workspace.fs.delete(pack);
      await until('the pack to be unloaded', () => !a.services.catalog.index.skill('hostile-skill'), 15_000);
    }
  });
});
