/**
 * Skill pages: `learningPaths.openSkill` opens one webview panel per skill (opening it again
 * reveals it), rendered from the pure view model in core/view/skillPage.ts. Panels come back after
 * a window reload through a WebviewPanelSerializer and the state the webview saved; they are not
 * kept alive while hidden (the webview posts `ready` again when it is shown, and is re-rendered).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { TemplateManifest } from '../../core/scaffold/types';
import { buildSkillPage, type SkillPageViewModel } from '../../core/view/skillPage';
import { skillPageHtml } from '../../core/view/skillPageHtml';
import { parsePageState, parseWebviewMessage, SKILL_PAGE_VIEW_TYPE, type HostMessage, type WebviewMessage } from '../../shared/protocol';
import { executeCommand, registerCommand } from '../commands';
import type { Services } from '../services';

/** What `learningPaths.openSkill` accepts: a skill id, or a skill with an optional role and level (a tree node works too). */
export type OpenSkillArg = string | { skill: string; role?: string; level?: string };

export interface SkillPageEvent {
  skill: string;
  message: WebviewMessage;
}

/**
 * Watches the pages without changing them: main.ts passes one only for the test API
 * (ExtensionMode.Test) or when a test runner sets LEARNING_PATHS_MEASURE_PAINT outside
 * production; `measurePaint` asks the webview to report its first paint (`painted`).
 */
export interface SkillPageObserver {
  readonly measurePaint: boolean;
  rendered(skill: string, model: SkillPageViewModel): void;
  received(event: SkillPageEvent): void;
}

class SkillPanel implements vscode.Disposable {
  /** The role and level picked on the page or passed by the command; undefined follows the path. */
  pinned: { role?: string; level?: string } = {};
  ready = false;
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
    this.manager.observer?.rendered(this.skill, model);
    this.panel.title = model.kind === 'skill' ? model.skill.title : this.skill;
    if (!this.ready) return;
    const message: HostMessage = { type: 'render', model, ...(this.manager.observer?.measurePaint ? { measurePaint: true } : {}) };
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    this.manager.observer?.received({ skill: this.skill, message });
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
        await executeCommand('learningPaths.revealInTree', {
          skill: this.skill,
          ...(message.role ? { role: message.role } : {}),
          ...(message.level ? { level: message.level } : {}),
        });
        return;
      case 'openSkill':
        this.manager.open({ skill: message.skill });
        return;
      case 'choosePath':
        await executeCommand('learningPaths.choosePath');
        return;
      case 'painted':
        return; // only the observer wants it (it was asked for with measurePaint)
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

async function runScaffold(starter: string): Promise<void> {
  try {
    await executeCommand('learningPaths.scaffoldProject', { starter });
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not scaffold the starter {0}: {1}', starter, err instanceof Error ? err.message : String(err)));
  }
}

export class SkillPages implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly panels = new Map<string, SkillPanel>();

  constructor(
    private readonly services: Services,
    readonly observer?: SkillPageObserver,
  ) {}

  /** The open panel of a skill, if any. */
  panel(skill: string): vscode.WebviewPanel | undefined {
    return this.panels.get(skill)?.panel;
  }

  openSkills(): string[] {
    return [...this.panels.keys()];
  }

  model(skill: string, pinned: { role?: string; level?: string }): SkillPageViewModel {
    const path = this.services.learnerPath.get();
    const progress = this.services.skillCounts.get(skill);
    return buildSkillPage({
      index: this.services.catalog.index,
      skill,
      ...(path ? { path } : {}),
      ...pinned,
      starters: this.starters(),
      ...(progress ? { progress } : {}),
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
  const path = services.learnerPath.get();
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
export function registerSkillPage(context: vscode.ExtensionContext, services: Services, options: { serializer?: boolean; observer?: SkillPageObserver } = {}): SkillPages {
  const pages = new SkillPages(services, options.observer);
  if (options.serializer !== false) context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(SKILL_PAGE_VIEW_TYPE, pages));
  context.subscriptions.push(
    pages,
    services.catalog.onDidChange(() => pages.refresh()),
    services.learnerPath.onDidChange(() => pages.refresh()),
    services.skillCounts.onDidChange(() => pages.refresh()),
    registerCommand('learningPaths.openSkill', async (arg): Promise<string | undefined> => {
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
