// Skill pages in the real VS Code: opened by command into one preview page re-rendered in place,
// Keep Open, Back/Forward, the serializer, a ready handshake with the webview, a strict CSP,
// re-rendering on path changes, ids from the webview checked, and a hostile pack kept as data.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SkillPageModel } from '../../src/shared/skillPageModel';
import type { TestApi } from '../../src/extension/testApi';
import type { SkillPageEvent } from '../../src/extension/features/skillPages';
import type { WebviewMessage } from '../../src/shared/protocol';
import { HOSTILE_SKILL_ID, hostileMarkup, hostilePackYaml, waitFor } from '../shared/helpers';
import { api } from './api';

/** Resolves with the first message of `type` a skill's webview posts after this call. */
function nextMessage<T extends WebviewMessage['type']>(a: TestApi, skill: string, type: T, timeoutMs = 30_000): Promise<Extract<WebviewMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no ${type} message from the ${skill} page within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const sub = a.skillPageProbe.onMessage((e: SkillPageEvent) => {
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
async function openPage(a: TestApi, skill: string, arg: unknown): Promise<{ opened: unknown; painted: Extract<WebviewMessage, { type: 'painted' }> }> {
  const ready = nextMessage(a, skill, 'ready');
  const painted = nextMessage(a, skill, 'painted');
  const opened = await vscode.commands.executeCommand('learningPaths.openSkill', arg);
  await ready;
  return { opened, painted: await painted };
}

/** The skill the preview page shows. */
let shown: () => string | undefined = () => undefined;

function skillModel(a: TestApi, skill: string): SkillPageModel {
  const m = a.skillPageProbe.lastModel(skill);
  assert.ok(m && m.kind === 'skill', `no rendered page for ${skill}`);
  return m;
}

describe('skill page', function () {
  this.timeout(90_000);
  let a: TestApi;

  before(async () => {
    a = await api();
    shown = () => a.skillPages.preview?.skill;
    await a.services.learnerPath.set(undefined);
  });

  afterEach(async () => {
    for (const skill of a.skillPages.openSkills()) a.skillPages.panel(skill)?.dispose();
    await a.services.learnerPath.set(undefined);
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
    assert.equal(panel.title, 'PyTorch (Preview)');
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
    assert.ok(csp.includes(`style-src 'nonce-${nonce}' ${panel.webview.cspSource}`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|font-src|img-src/);
    // The stylesheet and the script ride in the HTML (nothing to fetch before the first frame).
    assert.ok(html.includes(`<style nonce="${nonce}">`) && !html.includes('<link'), 'the stylesheet is inlined');
    assert.ok(!html.includes('src="'), 'the script is inlined');
    assert.equal(panel.webview.options.enableScripts, true);
    const roots = (panel.webview.options.localResourceRoots ?? []).map((u) => u.path.split('/').pop());
    assert.deepEqual(roots, ['dist', 'media']);
    assert.equal(panel.webview.options.enableCommandUris ?? false, false);
  });

  it('opening the shown skill again keeps the same panel, with the role and level it was asked for', async () => {
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
    await a.services.learnerPath.set({ role: 'nlp-engineer', current: 'senior', target: 'lead' });
    await waitFor('the page to follow the new path', () => skillModel(a, 'pytorch').selection.role === 'nlp-engineer');
    const m = skillModel(a, 'pytorch');
    assert.equal(m.learner?.level.id, 'senior');
    assert.ok(m.matrix.rows.find((r) => r.role.id === 'nlp-engineer')?.cells.find((c) => c.level === 'senior')?.mine);
  });

  it('a hidden page is not kept alive: shown again, its webview says ready again and is rendered', async () => {
    await openPage(a, 'pytorch', { skill: 'pytorch', pin: true });
    await openPage(a, 'ml-pipelines', 'ml-pipelines');
    const pytorch = a.skillPages.panel('pytorch');
    assert.ok(pytorch);
    await waitFor('PyTorch to be hidden behind ML Pipelines', () => !pytorch.visible);
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

  describe('the preview page', () => {
    afterEach(async () => {
      await vscode.workspace.getConfiguration('workbench.editor').update('enablePreview', undefined, vscode.ConfigurationTarget.Global);
    });

    /** Opens a skill where the preview page already is: the same webview re-renders (no new `ready`). */
    async function switchTo(skill: string, arg: unknown = skill): Promise<void> {
      const painted = nextMessage(a, skill, 'painted');
      let readies = 0;
      const sub = a.skillPageProbe.onMessage((e) => {
        if (e.message.type === 'ready') readies++;
      });
      try {
        await vscode.commands.executeCommand('learningPaths.openSkill', arg);
        await painted;
      } finally {
        sub.dispose();
      }
      assert.equal(readies, 0, `switching to ${skill} re-rendered in place, without a new webview document`);
    }

    it('three clicks show three skills in one panel, in its column, titled "(Preview)"', async () => {
      await openPage(a, 'pytorch', { skill: 'pytorch', via: 'tree' });
      const panel = a.skillPages.panel('pytorch');
      assert.ok(panel && a.skillPages.preview?.panel === panel);
      const column = panel.viewColumn;
      await switchTo('ml-pipelines', { skill: 'ml-pipelines', via: 'tree' });
      await switchTo('ml-technical-fluency', { skill: 'ml-technical-fluency', via: 'tree' });
      assert.equal(a.skillPages.panel('ml-technical-fluency'), panel, 'the same panel');
      assert.deepEqual(a.skillPages.openSkills(), ['ml-technical-fluency']);
      assert.equal(panel.viewColumn, column);
      assert.equal(panel.title, `${skillModel(a, 'ml-technical-fluency').skill.title} (Preview)`);
      assert.equal(a.skillPages.panel('pytorch'), undefined, 'pytorch is no longer shown');
    });

    it('Keep Open pins the page; the next click opens a new preview; a pinned skill is revealed, not duplicated', async () => {
      await openPage(a, 'pytorch', 'pytorch');
      const first = a.skillPages.panel('pytorch');
      assert.ok(first);
      assert.equal(await vscode.commands.executeCommand('learningPaths.pinSkillPage'), 'pytorch');
      assert.equal(first.title, 'PyTorch', 'no "(Preview)" once pinned');
      assert.equal(a.skillPages.preview, undefined);
      await openPage(a, 'ml-pipelines', 'ml-pipelines');
      const second = a.skillPages.panel('ml-pipelines');
      assert.ok(second && second !== first, 'a new preview panel');
      assert.match(second.title, /\(Preview\)$/);
      assert.deepEqual(a.skillPages.openSkills().sort(), ['ml-pipelines', 'pytorch']);
      await vscode.commands.executeCommand('learningPaths.openSkill', 'pytorch');
      assert.equal(a.skillPages.panel('pytorch'), first, 'the pinned page is revealed');
      assert.equal(shown(), 'ml-pipelines', 'the preview page stays on its skill');
      await waitFor('the pinned page to be shown', () => first.visible);
    });

    it('a double-click in the tree (two opens of one item) pins it', async () => {
      const painted = nextMessage(a, 'pytorch', 'painted');
      await vscode.commands.executeCommand('learningPaths.openSkill', { skill: 'pytorch', via: 'tree' });
      assert.ok(a.skillPages.preview, 'one click: a preview');
      await vscode.commands.executeCommand('learningPaths.openSkill', { skill: 'pytorch', via: 'tree' });
      await painted;
      assert.equal(a.skillPages.preview, undefined, 'no preview left');
      assert.equal(a.skillPages.panel('pytorch')?.title, 'PyTorch');
    });

    it('with workbench.editor.enablePreview off every open pins', async () => {
      await vscode.workspace.getConfiguration('workbench.editor').update('enablePreview', false, vscode.ConfigurationTarget.Global);
      await openPage(a, 'pytorch', 'pytorch');
      await openPage(a, 'ml-pipelines', 'ml-pipelines');
      assert.equal(a.skillPages.preview, undefined);
      assert.deepEqual(a.skillPages.openSkills().sort(), ['ml-pipelines', 'pytorch']);
      assert.equal(a.skillPages.panel('pytorch')?.title, 'PyTorch');
    });

    it('Back and Forward move through the skills the preview page showed, with their role and level', async () => {
      await openPage(a, 'pytorch', { skill: 'pytorch', role: 'data-scientist', level: 'middle' });
      await switchTo('ml-pipelines');
      await switchTo('ml-technical-fluency');
      const page = a.skillPages.preview;
      assert.ok(page);
      const painted = nextMessage(a, 'ml-pipelines', 'painted');
      assert.equal(await vscode.commands.executeCommand('learningPaths.showPreviousSkill'), true);
      await painted;
      assert.equal(shown(), 'ml-pipelines');
      await vscode.commands.executeCommand('learningPaths.showPreviousSkill');
      assert.equal(shown(), 'pytorch');
      assert.deepEqual(skillModel(a, 'pytorch').selection, { role: 'data-scientist', level: 'middle' });
      assert.equal(await vscode.commands.executeCommand('learningPaths.showPreviousSkill'), false, 'nothing further back');
      await vscode.commands.executeCommand('learningPaths.showNextSkill');
      assert.equal(shown(), 'ml-pipelines');
      await switchTo('pytorch');
      assert.equal(await vscode.commands.executeCommand('learningPaths.showNextSkill'), false, 'a new skill drops Forward');
      assert.equal(a.skillPages.preview?.panel, page.panel, 'all in one panel');
    });

    it('the serializer restores a preview page and a pinned page, each on its skill; unknown skills are dropped', async () => {
      // Listening before the serializer runs: a panel it disposes at once is still seen going.
      const disposed = new Set<vscode.WebviewPanel>();
      const restore = async (state: unknown) => {
        const panel = vscode.window.createWebviewPanel('learningPaths.skillPage', 'restoring', vscode.ViewColumn.Active, {});
        panel.onDidDispose(() => disposed.add(panel));
        await a.skillPages.deserializeWebviewPanel(panel, state);
        return panel;
      };
      const preview = await restore({ v: 1, skill: 'pytorch', role: 'data-scientist', preview: true, scrollY: 640 });
      const pinned = await restore({ v: 1, skill: 'ml-pipelines', scrollY: 120 });
      const second = await restore({ v: 1, skill: 'ml-technical-fluency', preview: true });
      const unknown = await restore({ v: 1, skill: 'no-such-skill', preview: true });
      assert.equal(a.skillPages.preview?.panel, preview);
      assert.equal(preview.title, 'PyTorch (Preview)');
      assert.equal(skillModel(a, 'pytorch').selection.role, 'data-scientist');
      assert.equal(a.skillPages.panel('ml-pipelines'), pinned);
      assert.doesNotMatch(pinned.title, /Preview/);
      assert.equal(a.skillPages.panel('ml-technical-fluency'), second, 'a second preview comes back pinned');
      assert.doesNotMatch(second.title, /Preview/);
      await waitFor('the unknown skill’s panel to be disposed', () => disposed.has(unknown));
      assert.equal(a.skillPages.panel('no-such-skill'), undefined);
      assert.deepEqual([preview, pinned, second].map((p) => disposed.has(p)), [false, false, false], 'the known skills’ panels stay');
      assert.deepEqual(a.skillPages.openSkills().sort(), ['ml-pipelines', 'ml-technical-fluency', 'pytorch']);
    });

    it('ids from the webview are checked against the catalog: an unknown skill, role, level or starter is refused with a message', async () => {
      await openPage(a, 'pytorch', 'pytorch');
      assert.ok(a.skillPages.preview, 'pytorch is in the preview page');
      assert.equal(await a.postFromSkillPage('pytorch', { type: 'openSkill', skill: 'no-such-skill' }), 'Learning Paths has no skill “no-such-skill”.');
      assert.equal(await a.postFromSkillPage('pytorch', { type: 'openSkill', skill: '__proto__' }), 'Learning Paths has no skill “__proto__”.');
      assert.equal(await a.postFromSkillPage('pytorch', { type: 'selectRole', role: 'constructor' }), 'Learning Paths has no role “constructor”.');
      assert.equal(await a.postFromSkillPage('pytorch', { type: 'selectLevel', level: 'grandmaster' }), 'Learning Paths has no level “grandmaster”.');
      assert.equal(await a.postFromSkillPage('pytorch', { type: 'scaffold', starter: 'no-such-starter' }), 'Learning Paths has no starter “no-such-starter”.');
      assert.deepEqual(a.skillPages.openSkills(), ['pytorch'], 'no panel opened, the page stays on its skill');
      assert.deepEqual(skillModel(a, 'pytorch').pinned, {});
      // A known id is used.
      const painted = nextMessage(a, 'ml-pipelines', 'painted');
      assert.equal(await a.postFromSkillPage('pytorch', { type: 'openSkill', skill: 'ml-pipelines' }), undefined);
      await painted;
      assert.equal(shown(), 'ml-pipelines');
    });
  });

  it('a content pack with <script>, <img onerror> and javascript: links reaches the page as plain data', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const pack = vscode.Uri.joinPath(folder, '.learning-paths', 'hostile-skill-page.yaml');
    const evil = hostileMarkup((what) => `document.title='pwned by ${what}'`);
    const yaml = hostilePackYaml(evil);
    const changed = new Promise<void>((resolve) => {
      const sub = a.services.catalog.onDidChange((c) => {
        if (c.skills.has(HOSTILE_SKILL_ID)) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.workspace.fs.writeFile(pack, new TextEncoder().encode(yaml));
    try {
      await changed;
      await openPage(a, HOSTILE_SKILL_ID, HOSTILE_SKILL_ID);
      const m = skillModel(a, HOSTILE_SKILL_ID);
      assert.equal(m.skill.title, `Hostile ${evil}`);
      assert.equal(m.matrix.rows[0]?.cells[0]?.expectation?.text, evil);
      const panel = a.skillPages.panel(HOSTILE_SKILL_ID);
      assert.ok(panel);
      assert.ok(!panel.webview.html.includes('<img'), 'the shell escapes the title');
      assert.ok(panel.webview.html.includes('&lt;script&gt;'));
    } finally {
      await vscode.workspace.fs.delete(pack);
      await waitFor('the pack to be unloaded', () => !a.services.catalog.index.skill(HOSTILE_SKILL_ID), { timeoutMs: 15_000 });
    }
  });
});
