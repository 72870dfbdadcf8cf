/**
 * One skill page webview panel: what it shows (a skill, and the role and level picked on it),
 * whether it is the preview page or pinned, Back/Forward (preview only), and the
 * messages its webview posts. Every id in a message is checked against the catalog (or the
 * bundled starters) before it is used. The panels as a whole are managed by ./skillPages.ts.
 */
import * as vscode from 'vscode';
import type { PageTarget, SkillHistory } from '../../core/view/skillHistory';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../../shared/protocol';
import { skillPageStrings } from '../../shared/skillPageStrings';
import type { SkillPageViewModel } from '../../shared/skillPageModel';
import { executeCommand } from '../commands';
import type { Services } from '../services';

export interface SkillPageEvent {
  skill: string;
  message: WebviewMessage;
}

/**
 * Watches the pages without changing them: main.ts passes one only for the test API
 * (ExtensionMode.Test) or when a test runner sets LEARNING_PATHS_MEASURE_PAINT outside
 * production; `measurePaint` asks the webview to report its paint (`painted`) after each
 * render that loads a document or switches the skill in place.
 */
export interface SkillPageObserver {
  readonly measurePaint: boolean;
  rendered(skill: string, model: SkillPageViewModel): void;
  received(event: SkillPageEvent): void;
}

/** What a panel needs from its manager. */
export interface PanelHost {
  readonly services: Services;
  /** The preview page's trail of skills, for Back and Forward. */
  readonly history: SkillHistory;
  /** The learner picked a role or level on a skill's page: the next open of that skill keeps it. */
  remember(target: PageTarget): void;
  model(target: PageTarget): SkillPageViewModel;
  /** Shows a skill the learner followed a link to (in the preview page). */
  openLinked(skill: string): void;
  readonly observer?: SkillPageObserver | undefined;
  /** Back/Forward availability or the preview state changed. */
  changed(panel: SkillPanel): void;
}

export class SkillPanel implements vscode.Disposable {
  ready = false;
  private target: PageTarget;
  private fresh = false;
  /** Counts the models built for this panel; `embeddedRevision` is the one written into its HTML. */
  private revision = 0;
  private embeddedRevision = -1;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    target: PageTarget,
    private isPreview: boolean,
    private readonly host: PanelHost,
  ) {
    this.target = { ...target };
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidChangeViewState(() => {
        // Hidden panels lose their document; the next `ready` renders them again.
        if (!panel.visible) this.ready = false;
        host.changed(this);
      }),
    );
  }

  get skill(): string {
    return this.target.skill;
  }

  get preview(): boolean {
    return this.isPreview;
  }

  get current(): PageTarget {
    return { ...this.target };
  }

  /** Shows another skill in this panel (the preview page), remembering the one it leaves for Back. */
  navigate(target: PageTarget): void {
    if (target.skill === this.target.skill) return this.select(target);
    this.host.history.visit(this.target);
    this.show(target);
  }

  /** The same skill with another role or level (from a command or a tree cell). */
  select(target: PageTarget): void {
    if (target.role === undefined && target.level === undefined) return;
    this.target = { ...target };
    this.render();
  }

  back(): boolean {
    const target = this.host.history.goBack(this.target);
    if (target) this.show(target);
    return target !== undefined;
  }

  forward(): boolean {
    const target = this.host.history.goForward(this.target);
    if (target) this.show(target);
    return target !== undefined;
  }

  /** Keep Open: the panel stays on its skill from now on. */
  pin(): void {
    if (!this.isPreview) return;
    this.isPreview = false;
    this.render();
  }

  private show(target: PageTarget): void {
    this.target = { ...target };
    this.fresh = true;
    this.render();
    this.host.changed(this);
  }

  render(): void {
    const model = this.build();
    // Not ready: nothing to post; the next `ready` gets the page (the title changes now).
    if (!this.ready) this.revision++;
    else void this.panel.webview.postMessage(this.message(model));
  }

  /**
   * The first `render` for a new document, for its HTML (see skillPageHtml): if the webview says in
   * `ready` that it rendered it and nothing changed since, the host posts nothing more.
   */
  embeddedRender(): HostMessage {
    this.embeddedRevision = ++this.revision;
    return this.message(this.build());
  }

  /** The model for what the panel shows; updates the panel's title. */
  private build(): SkillPageViewModel {
    const model = this.host.model(this.target);
    this.host.observer?.rendered(this.target.skill, model);
    this.setTitle(model.kind === 'skill' ? model.skill.title : this.target.skill);
    return model;
  }

  /** The tab's title: the skill, and "(Preview)" while this is the preview page (VS Code skips an unchanged title). */
  setTitle(skillTitle: string): void {
    this.panel.title = this.isPreview ? vscode.l10n.t('{0} (Preview)', skillTitle) : skillTitle;
  }

  private message(model: SkillPageViewModel): HostMessage {
    const message: HostMessage = {
      type: 'render',
      model,
      strings: skillPageStrings(vscode.l10n.t),
      preview: this.isPreview,
      ...(this.fresh ? { scrollToTop: true } : {}),
      ...(this.host.observer?.measurePaint ? { measurePaint: true } : {}),
    };
    this.fresh = false;
    return message;
  }

  /**
   * Handles one message from the webview: parsed field by field, every id checked before use.
   * Resolves with the warning shown when the message was refused (undefined otherwise).
   */
  async receive(raw: unknown): Promise<string | undefined> {
    const message = parseWebviewMessage(raw);
    if (!message) return undefined;
    this.host.observer?.received({ skill: this.target.skill, message });
    const index = this.host.services.catalog.index;
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const current = message.embedded === true && this.embeddedRevision === this.revision;
        this.embeddedRevision = -1; // the HTML's message is stale for any later document
        // The document rendered the page embedded in its HTML, and nothing changed since: done.
        if (current) return undefined;
        // A skill switched while the page was hidden starts at the top; otherwise the document
        // goes back to the scroll position it saved.
        this.render();
        return undefined;
      }
      case 'selectRole':
        if (!index.role(message.role)) return refuse(vscode.l10n.t('Learning Paths has no role “{0}”.', message.role));
        this.target = { ...this.target, role: message.role };
        this.host.remember(this.target);
        this.render();
        return undefined;
      case 'selectLevel':
        if (!index.level(message.level)) return refuse(vscode.l10n.t('Learning Paths has no level “{0}”.', message.level));
        this.target = { ...this.target, level: message.level };
        this.host.remember(this.target);
        this.render();
        return undefined;
      case 'scaffold':
        if (!this.starterIds().has(message.starter)) return refuse(vscode.l10n.t('Learning Paths has no starter “{0}”.', message.starter));
        await runScaffold(message.starter);
        return undefined;
      case 'revealInTree':
        if (message.role !== undefined && !index.role(message.role)) return refuse(vscode.l10n.t('Learning Paths has no role “{0}”.', message.role));
        if (message.level !== undefined && !index.level(message.level)) return refuse(vscode.l10n.t('Learning Paths has no level “{0}”.', message.level));
        await executeCommand('learningPaths.revealInTree', {
          skill: this.target.skill,
          ...(message.role ? { role: message.role } : {}),
          ...(message.level ? { level: message.level } : {}),
        });
        return undefined;
      case 'openSkill':
        if (!index.skill(message.skill)) return refuse(vscode.l10n.t('Learning Paths has no skill “{0}”.', message.skill));
        this.host.openLinked(message.skill);
        return undefined;
      case 'choosePath':
        await executeCommand('learningPaths.choosePath');
        return undefined;
      case 'painted':
        return undefined; // only the observer wants it (it was asked for with measurePaint)
    }
  }

  private starterIds(): Set<string> {
    try {
      return new Set(this.host.services.templates().map((t) => t.manifest.id));
    } catch {
      return new Set();
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function refuse(message: string): string {
  void vscode.window.showWarningMessage(message);
  return message;
}

async function runScaffold(starter: string): Promise<void> {
  try {
    await executeCommand('learningPaths.scaffoldProject', { starter });
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not scaffold the starter {0}: {1}', starter, err instanceof Error ? err.message : String(err)));
  }
}
