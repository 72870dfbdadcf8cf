/**
 * Skill pages: `learningPaths.openSkill` opens one webview panel per skill (opening it again
 * reveals it), rendered from the pure view model in core/view/skillPage.ts. Panels come back after
 * a window reload through a WebviewPanelSerializer and the state the webview saved; they are not
 * kept alive while hidden (the webview posts `ready` again when it is shown, and is re-rendered).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { TemplateManifest } from '../../core/scaffold/types';
import { buildSkillPage } from '../../core/view/skillPageModel';
import { skillPageHtml } from '../../core/view/skillPageHtml';
import { parsePageState, parseWebviewMessage, SKILL_PAGE_VIEW_TYPE, type HostMessage, type PaintMetrics, type WebviewMessage } from '../../shared/protocol';
import type { SkillPageViewModel } from '../../shared/skillPageModel';
import type { Services } from '../services';

/** What `learningPaths.openSkill` accepts: a skill id, or a skill with an optional role and level (a tree node works too). */
export type OpenSkillArg = string | { skill: string; role?: string; level?: string };

export interface SkillPageEvent {
  skill: string;
  message: WebviewMessage;
}

class SkillPanel implements vscode.Disposable {
  /** The role and level picked on the page or passed by the command; undefined follows the path. */
  pinned: { role?: string; level?: string } = {};
  ready = false;
  lastModel: SkillPageViewModel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly skill: string,
    private readonly manager: SkillPages,
  ) {
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw);
        if (message) void this.onMessage(message);
      }),
      panel.onDidChangeViewState(() => {
        // Hidden panels lose their document; the next `ready` renders them again.
        if (!panel.visible) this.ready = false;
      }),
    );
  }

  render(): void {
    const model = this.manager.model(this.skill, this.pinned);
    this.lastModel = model;
    this.panel.title = model.kind === 'skill' ? model.skill.title : this.skill;
    if (!this.ready) return;
    const message: HostMessage = { type: 'render', model };
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    this.manager.fire({ skill: this.skill, message });
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.render();
        return;
      case 'selectRole':
        this.pinned = { ...this.pinned, role: message.role };
        this.render();
        return;
      case 'selectLevel':
        this.pinned = { ...this.pinned, level: message.level };
        this.render();
        return;
      case 'scaffold':
        await runScaffold(message.starter);
        return;
      case 'revealInTree':
        await vscode.commands.executeCommand('learningPaths.revealInTree', {
          skill: this.skill,
          ...(message.role ? { role: message.role } : {}),
          ...(message.level ? { level: message.level } : {}),
        });
        return;
      case 'openSkill':
        this.manager.open({ skill: message.skill });
        return;
      case 'choosePath':
        await vscode.commands.executeCommand('learningPaths.choosePath');
        return;
      case 'painted':
        this.manager.lastPaint = message.metrics;
        return;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

async function runScaffold(starter: string): Promise<void> {
  try {
    await vscode.commands.executeCommand('learningPaths.scaffoldProject', { starter });
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not scaffold the starter {0}: {1}', starter, err instanceof Error ? err.message : String(err)));
  }
}

export class SkillPages implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly panels = new Map<string, SkillPanel>();
  private readonly received = new vscode.EventEmitter<SkillPageEvent>();
  /** Every message a skill page's webview posts (after validation): used by the tests. */
  readonly onDidReceiveMessage = this.received.event;
  /** The first-paint figures of the most recent webview load. */
  lastPaint: PaintMetrics | undefined;

  constructor(private readonly services: Services) {}

  fire(event: SkillPageEvent): void {
    this.received.fire(event);
  }

  /** The open panel of a skill, if any. */
  panel(skill: string): vscode.WebviewPanel | undefined {
    return this.panels.get(skill)?.panel;
  }

  /** The view model last rendered for a skill's panel. */
  lastModel(skill: string): SkillPageViewModel | undefined {
    return this.panels.get(skill)?.lastModel;
  }

  openSkills(): string[] {
    return [...this.panels.keys()];
  }

  model(skill: string, pinned: { role?: string; level?: string }): SkillPageViewModel {
    const path = this.services.path.get();
    const progress = this.services.progress.get(skill);
    return buildSkillPage({
      index: this.services.catalog.index,
      skill,
      ...(path ? { path } : {}),
      ...pinned,
      starters: this.starters(),
      ...(progress ? { progress } : {}),
      translate: vscode.l10n.t,
    });
  }

  private starters(): TemplateManifest[] {
    try {
      return this.services.templates().map((t) => t.manifest);
    } catch {
      return []; // no compiled starters (dist/templates.json): the page shows catalog projects only
    }
  }

  /** Opens (or reveals) the page of a skill; a role and level pin what the page shows. */
  open(target: { skill: string; role?: string; level?: string }): vscode.WebviewPanel {
    const existing = this.panels.get(target.skill);
    if (existing) {
      if (target.role !== undefined || target.level !== undefined) {
        existing.pinned = { ...(target.role ? { role: target.role } : {}), ...(target.level ? { level: target.level } : {}) };
        existing.render();
      }
      existing.panel.reveal();
      return existing.panel;
    }
    const title = this.services.catalog.index.skill(target.skill)?.title ?? target.skill;
    const panel = vscode.window.createWebviewPanel(SKILL_PAGE_VIEW_TYPE, title, vscode.ViewColumn.Active, this.webviewOptions());
    const page = this.attach(panel, target.skill);
    page.pinned = { ...(target.role ? { role: target.role } : {}), ...(target.level ? { level: target.level } : {}) };
    page.render();
    return panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, rawState: unknown): Promise<void> {
    const state = parsePageState(rawState);
    if (!state || this.panels.has(state.skill)) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    const page = this.attach(panel, state.skill);
    page.pinned = { ...(state.role ? { role: state.role } : {}), ...(state.level ? { level: state.level } : {}) };
    page.render();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    const root = this.services.context.extensionUri;
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(root, 'dist'), vscode.Uri.joinPath(root, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel, skill: string): SkillPanel {
    const root = this.services.context.extensionUri;
    const uri = (...parts: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(root, ...parts)).toString();
    panel.iconPath = vscode.Uri.joinPath(root, 'media', 'learning-paths.svg');
    panel.webview.html = skillPageHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      scriptUri: uri('dist', 'webview.js'),
      styleUri: uri('media', 'skillPage.css'),
      codiconUri: uri('dist', 'codicon.css'),
      title: this.services.catalog.index.skill(skill)?.title ?? skill,
    });
    const page = new SkillPanel(panel, skill, this);
    this.panels.set(skill, page);
    panel.onDidDispose(() => {
      page.dispose();
      if (this.panels.get(skill) === page) this.panels.delete(skill);
    });
    return page;
  }

  /** Re-renders every open page (catalog, path or progress changed). */
  refresh(): void {
    for (const page of this.panels.values()) page.render();
  }

  dispose(): void {
    for (const page of this.panels.values()) page.panel.dispose();
    this.received.dispose();
  }
}

function parseTarget(arg: unknown): { skill: string; role?: string; level?: string } | undefined {
  if (typeof arg === 'string' && arg.length > 0) return { skill: arg };
  if (typeof arg !== 'object' || arg === null) return undefined;
  const o = arg as Record<string, unknown>;
  if (typeof o.skill !== 'string' || o.skill.length === 0) return undefined;
  return {
    skill: o.skill,
    ...(typeof o.role === 'string' && o.role ? { role: o.role } : {}),
    ...(typeof o.level === 'string' && o.level ? { level: o.level } : {}),
  };
}

async function pickSkill(services: Services): Promise<string | undefined> {
  const index = services.catalog.index;
  const path = services.path.get();
  const items = index.skills.map((s) => {
    const e = path ? index.expectation(s.id, path.role, path.current) : undefined;
    return {
      label: `$(mortar-board) ${s.title}`,
      description: [s.group, e ? (e.required ? vscode.l10n.t('required at your level') : vscode.l10n.t('optional at your level')) : undefined].filter(Boolean).join(' · '),
      detail: s.summary,
      skill: s.id,
    };
  });
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Open Skill Page'),
    placeHolder: vscode.l10n.t('Pick a skill'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return pick?.skill;
}

/**
 * `serializer: false` when the activation entry already registered a serializer that forwards
 * to these pages (see extension.ts: it must exist as soon as activation returns).
 */
export function registerSkillPage(context: vscode.ExtensionContext, services: Services, options: { serializer?: boolean } = {}): SkillPages {
  const pages = new SkillPages(services);
  if (options.serializer !== false) context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(SKILL_PAGE_VIEW_TYPE, pages));
  context.subscriptions.push(
    pages,
    services.catalog.onDidChange(() => pages.refresh()),
    services.path.onDidChange(() => pages.refresh()),
    services.progress.onDidChange(() => pages.refresh()),
    vscode.commands.registerCommand('learningPaths.openSkill', async (arg?: unknown): Promise<string | undefined> => {
      let target = parseTarget(arg);
      if (!target) {
        const skill = await pickSkill(services);
        if (!skill) return undefined;
        target = { skill };
      }
      if (!services.catalog.index.skill(target.skill)) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Learning Paths has no skill “{0}”.', target.skill));
        return undefined;
      }
      pages.open(target);
      return target.skill;
    }),
  );
  return pages;
}
