/**
 * Skill pages, the way VS Code shows files: a single click on a skill (the Skills tree, Find, a
 * link on a page, a milestone's "serves" link) shows it in the one *preview* page, re-rendered in
 * place in the same webview — no new document per click. Keep Open (title action, double-click in
 * the tree, `learningPaths.pinSkillPage`) pins it; a pinned page stays on its skill and the next
 * click opens a new preview. With `workbench.editor.enablePreview` off every open pins. The preview
 * page has Back/Forward (title actions, Alt+Left/Right while it is focused) over the last 20 skills
 * it showed; the trail goes on in the next preview page after one is pinned. A role or
 * level picked on a skill's page is kept for that skill's next open in this session.
 * Panels come back after a reload through the serializer, preview or pinned, each with its skill
 * (and the webview restores its scroll position from its own state).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TemplateManifest } from '../../core/scaffold/types';
import { SkillHistory, type PageTarget } from '../../core/view/skillHistory';
import { skillPageHtml } from '../../core/view/skillPageHtml';
import { buildSkillPage } from '../../core/view/skillPageModel';
import { parsePageState, SKILL_PAGE_VIEW_TYPE } from '../../shared/protocol';
import type { SkillPageViewModel } from '../../shared/skillPageModel';
import { setContext } from '../commands';
import type { Services } from '../services';
import { SkillPanel, type PanelHost, type SkillPageObserver } from './skillPanel';

export type { SkillPageEvent, SkillPageObserver } from './skillPanel';

export class SkillPages implements vscode.Disposable, vscode.WebviewPanelSerializer, PanelHost {
  private previewPanel: SkillPanel | undefined;
  /** Pinned panels by skill: at most one per skill. */
  private readonly pinned = new Map<string, SkillPanel>();
  private contextKeys = '';
  readonly history = new SkillHistory(20);
  /** What the last preview page showed when it was pinned or closed: one step back for the next one. */
  private trailEnd: PageTarget | undefined;
  /** Role and level picked on each skill's page (session only, bounded). */
  private readonly picked = new Map<string, { role?: string; level?: string }>();

  constructor(
    readonly services: Services,
    readonly observer?: SkillPageObserver,
  ) {}

  /** The preview page, if one is open. */
  get preview(): SkillPanel | undefined {
    return this.previewPanel;
  }

  /** Every open page: the preview first, then the pinned ones. */
  pages(): SkillPanel[] {
    return [...(this.previewPanel ? [this.previewPanel] : []), ...this.pinned.values()];
  }

  /** The panel showing a skill: pinned first, else the preview page when it shows it. */
  page(skill: string): SkillPanel | undefined {
    return this.pinned.get(skill) ?? (this.previewPanel?.skill === skill ? this.previewPanel : undefined);
  }

  panel(skill: string): vscode.WebviewPanel | undefined {
    return this.page(skill)?.panel;
  }

  openSkills(): string[] {
    return this.pages().map((p) => p.skill);
  }

  model(target: PageTarget): SkillPageViewModel {
    const path = this.services.learnerPath.get();
    const progress = this.services.skillCounts.get(target.skill);
    return buildSkillPage({
      index: this.services.catalog.index,
      skill: target.skill,
      ...(path ? { path } : {}),
      ...(target.role ? { role: target.role } : {}),
      ...(target.level ? { level: target.level } : {}),
      starters: this.starters(),
      starterPacks: this.starterPacks(),
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

  /** Starter id → its content pack, as the workspace shows the folder. */
  private starterPacks(): Map<string, string> {
    const packs = new Map<string, string>();
    for (const t of this.services.catalog.starters) if (t.pack !== undefined) packs.set(t.manifest.id, vscode.workspace.asRelativePath(t.pack));
    return packs;
  }

  private previewEnabled(): boolean {
    return vscode.workspace.getConfiguration('workbench.editor').get<boolean>('enablePreview', true);
  }

  /**
   * Shows a skill: in its pinned page if it has one, else in the preview page (re-rendered in
   * place, keeping its column and focus), else in a new panel. `pin` (or preview editors turned
   * off) pins the page that shows it.
   */
  open(requested: PageTarget, options: { pin?: boolean } = {}): SkillPanel {
    const pin = options.pin === true || !this.previewEnabled();
    const target = requested.role === undefined && requested.level === undefined ? { ...this.picked.get(requested.skill), skill: requested.skill } : requested;
    const pinned = this.pinned.get(target.skill);
    if (pinned) {
      pinned.select(target);
      pinned.panel.reveal(pinned.panel.viewColumn);
      return pinned;
    }
    const preview = this.previewPanel;
    if (preview && preview.skill === target.skill) {
      preview.select(target);
      if (pin) this.pin(preview);
      if (!preview.panel.visible) preview.panel.reveal(preview.panel.viewColumn, true);
      return preview;
    }
    if (preview && !pin) {
      preview.navigate(target);
      // Same panel, same column; focus stays where it is (the tree, or the page for a link).
      if (!preview.panel.visible) preview.panel.reveal(preview.panel.viewColumn, true);
      return preview;
    }
    if (!pin && this.trailEnd) this.history.visit(this.trailEnd);
    this.trailEnd = undefined;
    const title = this.services.catalog.index.skill(target.skill)?.title ?? target.skill;
    // Created with the title it will show (one update of the tab fewer while the webview starts).
    const panel = vscode.window.createWebviewPanel(SKILL_PAGE_VIEW_TYPE, pin ? title : vscode.l10n.t('{0} (Preview)', title), vscode.ViewColumn.Active, this.webviewOptions());
    return this.attach(panel, target, !pin).page;
  }

  /** A link followed on a page (or a milestone's "serves" link): the preview page shows it. */
  openLinked(skill: string): void {
    this.open({ skill });
  }

  /** Keep Open: the preview page becomes a pinned page (if no other page pins that skill). */
  pin(page: SkillPanel | undefined = this.previewPanel): SkillPanel | undefined {
    if (!page?.preview) return page;
    const existing = this.pinned.get(page.skill);
    if (existing) {
      // Already pinned elsewhere: show that one; the preview page stays a preview.
      existing.panel.reveal(existing.panel.viewColumn);
      return existing;
    }
    this.previewPanel = undefined;
    this.trailEnd = page.current;
    this.pinned.set(page.skill, page);
    page.pin();
    this.changed(page);
    return page;
  }

  back(): boolean {
    return this.previewPanel?.back() ?? false;
  }

  forward(): boolean {
    return this.previewPanel?.forward() ?? false;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, rawState: unknown): Promise<void> {
    const state = parsePageState(rawState);
    if (!state || !this.services.catalog.index.skill(state.skill) || this.pinned.has(state.skill)) {
      panel.dispose();
      return;
    }
    // One preview page: a second restored preview comes back pinned.
    const preview = state.preview === true && !this.previewPanel;
    panel.webview.options = this.webviewOptions();
    // Restored once its HTML is written (with the model built into it).
    await this.attach(panel, { skill: state.skill, ...(state.role ? { role: state.role } : {}), ...(state.level ? { level: state.level } : {}) }, preview).written;
  }

  /** The page's script and stylesheet, read once each, to inline in new pages. */
  private readonly inlined = new Map<string, string | undefined>();

  /**
   * A file of the extension's, read once (undefined if it cannot be read: then the page loads it by
   * URL). Read every time while developing the extension, so an edited stylesheet shows in the next page.
   */
  private inlineText(...path: string[]): string | undefined {
    const key = path.join('/');
    if (!this.inlined.has(key) || this.services.context.extensionMode === vscode.ExtensionMode.Development) {
      let text: string | undefined;
      try {
        text = readFileSync(join(this.services.context.extensionUri.fsPath, ...path), 'utf8');
      } catch {
        text = undefined;
      }
      this.inlined.set(key, text);
    }
    return this.inlined.get(key);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    const root = this.services.context.extensionUri;
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(root, 'dist'), vscode.Uri.joinPath(root, 'media')],
    };
  }

  /** `written`: resolves once the panel's HTML is set (the task after this one). */
  private attach(panel: vscode.WebviewPanel, target: PageTarget, preview: boolean): { page: SkillPanel; written: Promise<void> } {
    const root = this.services.context.extensionUri;
    const uri = (...parts: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(root, ...parts)).toString();
    panel.iconPath = vscode.Uri.joinPath(root, 'media', 'learning-paths.svg');
    const page = new SkillPanel(panel, target, preview, this);
    // The title now (a restored panel has the one it was saved with); the model comes with the HTML.
    page.setTitle(this.services.catalog.index.skill(target.skill)?.title ?? target.skill);
    let open = true;
    // The first render rides in the HTML, with the script and the stylesheet: the new document
    // paints without a round trip and without a request. The HTML is built in the next task: the
    // panel's creation reaches the workbench when this one ends, and the model and the HTML (about
    // 5 ms) are then built while the workbench opens the editor and the webview starts (about
    // 100 ms before the webview asks for its HTML), not before.
    const write = () => {
      const initial = page.embeddedRender();
      const scriptText = this.inlineText('dist', 'webview.js');
      const styleText = this.inlineText('media', 'skillPage.css');
      panel.webview.html = skillPageHtml({
        cspSource: panel.webview.cspSource,
        nonce: randomBytes(18).toString('base64url'),
        scriptUri: uri('dist', 'webview.js'),
        ...(scriptText !== undefined ? { scriptText } : {}),
        styleUri: uri('media', 'skillPage.css'),
        ...(styleText !== undefined ? { styleText } : {}),
        title: this.services.catalog.index.skill(target.skill)?.title ?? target.skill,
        loading: vscode.l10n.t('Loading…'),
        lang: vscode.env.language,
        initial,
      });
    };
    const written = new Promise<void>((resolve) =>
      setTimeout(() => {
        try {
          if (open) write();
        } catch (err) {
          // Never a silent blank page: say what failed (the panel stays, its title names the skill).
          void vscode.window.showErrorMessage(vscode.l10n.t('Learning Paths could not show the skill page: {0}', err instanceof Error ? err.message : String(err)));
        } finally {
          resolve();
        }
      }, 0),
    );
    if (preview) {
      // A restored preview page while another exists never happens (see deserialize); a new one replaces none.
      this.previewPanel = page;
    } else {
      this.pinned.set(target.skill, page);
    }
    const disposed = panel.onDidDispose(() => {
      open = false;
      disposed.dispose();
      page.dispose();
      if (this.previewPanel === page) {
        // Closing the preview page ends its trail (pinning it continues the trail in the next one).
        this.previewPanel = undefined;
        this.trailEnd = undefined;
        this.history.clear();
      }
      if (this.pinned.get(page.skill) === page) this.pinned.delete(page.skill);
      this.changed(page);
    });
    this.changed(page);
    return { page, written };
  }

  /** Updates the context keys of the title actions and keybindings (only when they change). */
  changed(_page: SkillPanel): void {
    const p = this.previewPanel;
    const active = p !== undefined && p.panel.active;
    const keys = [active, active && this.history.canGoBack, active && this.history.canGoForward] as const;
    const signature = keys.join();
    if (signature === this.contextKeys) return;
    this.contextKeys = signature;
    void setContext('learningPaths.skillPreviewActive', keys[0]);
    void setContext('learningPaths.skillPreviewCanGoBack', keys[1]);
    void setContext('learningPaths.skillPreviewCanGoForward', keys[2]);
  }

  remember(target: PageTarget): void {
    this.picked.delete(target.skill);
    this.picked.set(target.skill, { ...(target.role ? { role: target.role } : {}), ...(target.level ? { level: target.level } : {}) });
    if (this.picked.size > 200) this.picked.delete(this.picked.keys().next().value as string);
  }

  /** Re-renders every open page (catalog, path or progress changed). */
  refresh(): void {
    for (const page of this.pages()) page.render();
  }

  dispose(): void {
    for (const page of this.pages()) page.panel.dispose();
  }
}
