/**
 * The Milestones view: every scaffolded project in the workspace (found by its
 * `.learning-path.json`) with its milestones as checkbox items. Hand ticks are self-reported;
 * milestones with a check (file exists / file matches / metric threshold) are re-evaluated on
 * save (debounced), when files under `outputs/` change, and on command, and a passing check marks
 * them verified. Ticks live in workspaceState (src/core/progress/store.ts), optionally mirrored
 * into the project's manifest (`learningPaths.progress.storeInProject`), and feed the Skills tree
 * and the skill page through services.progress.
 */
import * as vscode from 'vscode';
import { evaluateMilestones, MAX_CHECK_BYTES, describeCheck, type CheckFs, type CheckResult } from '../../core/progress/checks';
import { countDone, nextOpenMilestone, progressBySkill } from '../../core/progress/model';
import { readProjectManifest, withMirroredProgress, type ManifestProblem } from '../../core/progress/projectManifest';
import { ProgressStore, type Mark, type Tick } from '../../core/progress/store';
import { PROJECT_MANIFEST, resolveProjectPath, type ProjectManifest } from '../../core/scaffold/plan';
import type { MilestoneDef, Template } from '../../core/scaffold/types';
import type { Services } from '../services';

export const MANIFEST_GLOB = `**/${PROJECT_MANIFEST}`;
const EXCLUDE_GLOB = '**/{node_modules,.git,.venv,venv,site-packages,__pycache__}/**';
const SAVE_DEBOUNCE_MS = 400;

export interface Project {
  /** Stable key of this project in the view: its manifest's URI. */
  key: string;
  folder: vscode.Uri;
  manifestUri: vscode.Uri;
  /** Undefined when the manifest could not be read (see `problem`). */
  manifest?: ProjectManifest;
  /** The bundled starter the project was scaffolded from. */
  template?: Template;
  problem?: ManifestProblem;
  /** Progress mirrored in the manifest (ticks and unticks), merged into the store by change time. */
  mirrored?: ReadonlyMap<string, Mark>;
}

export type MilestoneNode = { kind: 'project'; project: Project } | { kind: 'milestone'; project: Project; milestone: MilestoneDef };

/** What commands accept to name a milestone or a project: a tree node, or ids (tests, links). */
export interface MilestoneRef {
  projectId?: string;
  folder?: vscode.Uri | string;
  milestone?: string;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function isNode(v: unknown): v is MilestoneNode {
  return typeof v === 'object' && v !== null && 'kind' in v && 'project' in v && ((v as MilestoneNode).kind === 'project' || (v as MilestoneNode).kind === 'milestone');
}

async function readText(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

/** Reads project files for checks: plain files up to MAX_CHECK_BYTES, from disk (what was saved). */
function checkFs(folder: vscode.Uri): CheckFs {
  const uriOf = (rel: string) => vscode.Uri.joinPath(folder, ...rel.split('/'));
  return {
    read: async (rel) => {
      const uri = uriOf(rel);
      try {
        const st = await vscode.workspace.fs.stat(uri);
        if (!(st.type & vscode.FileType.File) || st.size > MAX_CHECK_BYTES) return undefined;
        return decoder.decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    },
    exists: async (rel) => {
      try {
        await vscode.workspace.fs.stat(uriOf(rel));
        return true;
      } catch {
        return false;
      }
    },
  };
}

export class MilestonesController implements vscode.Disposable {
  private storeInstance: ProgressStore;
  projects: Project[] = [];
  /** Last check results per project key → milestone id. */
  private readonly checks = new Map<string, Map<string, CheckResult>>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly problems = vscode.languages.createDiagnosticCollection('learningPaths.projects');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.problems];
  private scanning: Promise<void> = Promise.resolve();
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly verifyTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly warned = new Set<string>();
  private readOnlyWarned = false;
  /** The project last worked on (active editor, scaffold, status-bar click). */
  private focused: string | undefined;
  view: vscode.TreeView<MilestoneNode> | undefined;
  provider: MilestonesTreeProvider | undefined;
  /** Resolves after the first scan. */
  readonly ready: Promise<void>;

  constructor(private readonly services: Services) {
    this.storeInstance = new ProgressStore(services.context.workspaceState);
    this.reportStoreProblems(this.storeInstance);
    const manifests = vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB);
    const outputs = vscode.workspace.createFileSystemWatcher('**/outputs/**');
    const onOutput = (uri: vscode.Uri) => {
      const p = this.projectOf(uri);
      if (p) this.scheduleVerify(p);
    };
    this.disposables.push(
      manifests,
      outputs,
      manifests.onDidCreate(() => this.scheduleRefresh()),
      manifests.onDidChange(() => this.scheduleRefresh()),
      manifests.onDidDelete(() => this.scheduleRefresh()),
      outputs.onDidCreate(onOutput),
      outputs.onDidChange(onOutput),
      outputs.onDidDelete(onOutput),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleRefresh()),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        const p = this.projectOf(doc.uri);
        if (p && !doc.uri.path.endsWith(`/${PROJECT_MANIFEST}`)) this.scheduleVerify(p);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('learningPaths.progress.storeInProject')) void this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        const p = e && this.projectOf(e.document.uri);
        if (p) this.focused = p.key;
      }),
    );
    this.ready = this.refresh();
  }

  get store(): ProgressStore {
    return this.storeInstance;
  }

  /**
   * Re-creates the store from workspaceState, as a window reload would (integration tests use
   * this: an extension cannot deactivate and reactivate itself).
   */
  async reloadStore(): Promise<ProgressStore> {
    await this.storeInstance.flush();
    this.storeInstance = new ProgressStore(this.services.context.workspaceState);
    this.reportStoreProblems(this.storeInstance);
    await this.storeInstance.ready;
    this.publish();
    return this.storeInstance;
  }

  private reportStoreProblems(store: ProgressStore): void {
    if (store.readOnly && !this.readOnlyWarned) {
      this.readOnlyWarned = true;
      void vscode.window.showWarningMessage(vscode.l10n.t('Learning Paths: milestone progress is read-only in this window: {0}. It is shown but never changed or overwritten; update Learning Paths to change it.', store.readOnly));
    }
    if (store.problems.length === 0) return;
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Learning Paths: some stored milestone progress could not be read and was set aside ({0}). A copy was kept.', store.problems.slice(0, 3).join('; ')),
    );
  }

  ticks(project: Project): Map<string, Tick> {
    return project.manifest ? this.store.ticks(project.manifest.projectId, project.manifest.starter) : new Map();
  }

  lastCheck(project: Project, milestone: string): CheckResult | undefined {
    return this.checks.get(project.key)?.get(milestone);
  }

  /** Projects with a readable manifest and a known starter. */
  activeProjects(): (Project & { manifest: ProjectManifest; template: Template })[] {
    return this.projects.filter((p): p is Project & { manifest: ProjectManifest; template: Template } => p.manifest !== undefined && p.template !== undefined);
  }

  /** The project whose folder contains `uri` (the innermost one). */
  projectOf(uri: vscode.Uri): Project | undefined {
    const s = uri.toString();
    let best: Project | undefined;
    for (const p of this.projects) {
      const f = p.folder.toString();
      if ((s === f || s.startsWith(f.endsWith('/') ? f : `${f}/`)) && (!best || f.length > best.folder.toString().length)) best = p;
    }
    return best;
  }

  /** The project of the active editor, else the one last worked on, else the only one. */
  currentProject(): Project | undefined {
    const editor = vscode.window.activeTextEditor;
    const fromEditor = editor && this.projectOf(editor.document.uri);
    if (fromEditor?.template) return fromEditor;
    const focused = this.projects.find((p) => p.key === this.focused && p.template);
    if (focused) return focused;
    const active = this.activeProjects();
    return active.length === 1 ? active[0] : undefined;
  }

  focusProject(project: Project): void {
    this.focused = project.key;
    this.changed.fire();
  }

  findProject(ref: MilestoneRef | MilestoneNode | undefined): Project | undefined {
    if (!ref) return undefined;
    if (isNode(ref)) return this.projects.find((p) => p.key === ref.project.key) ?? ref.project;
    if (ref.projectId) return this.projects.find((p) => p.manifest?.projectId === ref.projectId);
    if (ref.folder) {
      const f = typeof ref.folder === 'string' ? vscode.Uri.file(ref.folder).toString() : ref.folder.toString();
      return this.projects.find((p) => p.folder.toString() === f);
    }
    return undefined;
  }

  // --- scanning ---------------------------------------------------------------

  private scheduleRefresh(delay = 150): void {
    clearTimeout(this.scanTimer);
    this.scanTimer = setTimeout(() => void this.refresh(), delay);
  }

  /** Finds every project manifest again, reconciles, imports/mirrors, verifies and publishes. */
  refresh(): Promise<void> {
    clearTimeout(this.scanTimer);
    this.scanning = this.scanning
      .then(() => this.scan())
      .catch((err: unknown) => {
        void vscode.window.showErrorMessage(vscode.l10n.t('Learning Paths could not read the practice projects: {0}', String(err)));
      });
    return this.scanning;
  }

  private async scan(): Promise<void> {
    const uris = vscode.workspace.workspaceFolders?.length ? await vscode.workspace.findFiles(MANIFEST_GLOB, EXCLUDE_GLOB, 500) : [];
    const seen = new Set<string>();
    const projects: Project[] = [];
    const templates = this.services.templates();
    this.problems.clear();
    for (const manifestUri of uris.sort((a, b) => a.path.localeCompare(b.path))) {
      const key = manifestUri.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      const folder = vscode.Uri.joinPath(manifestUri, '..');
      let text: string;
      try {
        text = await readText(manifestUri);
      } catch {
        continue; // deleted since the search
      }
      const read = readProjectManifest(text);
      if (!read.ok) {
        projects.push({ key, folder, manifestUri, problem: read.problem });
        this.reportManifestProblem(manifestUri, read.problem);
        continue;
      }
      const template = templates.find((t) => t.manifest.id === read.manifest.starter);
      const project: Project = { key, folder, manifestUri, manifest: read.manifest, mirrored: read.marks, ...(template ? { template } : {}) };
      this.reportManifestWarnings(manifestUri, read.warnings);
      if (!template) {
        project.problem = { message: vscode.l10n.t('unknown starter "{0}" (this version of Learning Paths does not have it)', read.manifest.starter), line: 1, column: 1 };
      }
      projects.push(project);
    }
    this.projects = projects;
    for (const p of this.activeProjects()) {
      const { projectId, starter } = p.manifest;
      await this.store.reconcile(projectId, starter, p.template.manifest);
      if (this.storeInProject(p) && p.mirrored) await this.store.mergeMarks(projectId, starter, p.mirrored);
    }
    for (const key of [...this.checks.keys()]) if (!projects.some((p) => p.key === key)) this.checks.delete(key);
    await this.verifyProjects(this.activeProjects());
    await Promise.all(this.activeProjects().map((p) => this.mirror(p)));
    void vscode.commands.executeCommand('setContext', 'learningPaths.hasProjects', projects.length > 0);
    this.updateViewMessage();
    this.publish();
  }

  private reportManifestProblem(uri: vscode.Uri, problem: ManifestProblem): void {
    const range = new vscode.Range(problem.line - 1, problem.column - 1, problem.line - 1, problem.column + 200);
    const d = new vscode.Diagnostic(range, vscode.l10n.t('Learning Paths project manifest: {0}. Milestones of this project are hidden until it is fixed; the file is not changed.', problem.message), vscode.DiagnosticSeverity.Error);
    d.source = 'Learning Paths';
    this.problems.set(uri, [d]);
    const where = `${vscode.workspace.asRelativePath(uri, true)}:${problem.line}`;
    const once = `${uri.toString()}|${problem.line}|${problem.message}`;
    if (this.warned.has(once)) return;
    this.warned.add(once);
    const open = vscode.l10n.t('Open File');
    void vscode.window.showWarningMessage(vscode.l10n.t('{0}: {1}. The project manifest was left untouched.', where, problem.message), open).then(async (a) => {
      if (a === open) await vscode.window.showTextDocument(uri, { selection: range });
    });
  }

  /** Problems that leave the project working (an invalid project id, unreadable ticks): Problems panel only. */
  private reportManifestWarnings(uri: vscode.Uri, warnings: readonly ManifestProblem[]): void {
    if (warnings.length === 0) return;
    this.problems.set(
      uri,
      warnings.map((w) => {
        const d = new vscode.Diagnostic(new vscode.Range(w.line - 1, w.column - 1, w.line - 1, w.column + 200), vscode.l10n.t('Learning Paths project manifest: {0}.', w.message), vscode.DiagnosticSeverity.Warning);
        d.source = 'Learning Paths';
        return d;
      }),
    );
  }

  private updateViewMessage(): void {
    if (!this.view) return;
    const broken = this.projects.filter((p) => p.problem).length;
    this.view.message = broken > 0 ? vscode.l10n.t('{0} project(s) could not be read; see the Problems panel.', broken) : undefined;
  }

  // --- verification -----------------------------------------------------------

  scheduleVerify(project: Project, delay = SAVE_DEBOUNCE_MS): void {
    clearTimeout(this.verifyTimers.get(project.key));
    this.verifyTimers.set(
      project.key,
      setTimeout(() => {
        this.verifyTimers.delete(project.key);
        const current = this.projects.find((p) => p.key === project.key);
        if (current) void this.verify([current], { announce: true });
      }, delay),
    );
  }

  private async verifyProjects(projects: readonly Project[]): Promise<{ verified: string[]; reverted: string[] }> {
    const verified: string[] = [];
    const reverted: string[] = [];
    for (const p of projects) {
      if (!p.manifest || !p.template) continue;
      const results = await evaluateMilestones(p.template.manifest.milestones, p.manifest.name, checkFs(p.folder));
      this.checks.set(p.key, results);
      const changed = await this.store.applyChecks(p.manifest.projectId, p.manifest.starter, new Map([...results].map(([id, r]) => [id, r.pass])));
      for (const id of changed) {
        const title = p.template.manifest.milestones.find((m) => m.id === id)?.title ?? id;
        (this.store.get(p.manifest.projectId, p.manifest.starter, id) ? verified : reverted).push(title);
      }
    }
    return { verified, reverted };
  }

  /** Re-evaluates the checks of some projects (default: all) and saves what changed. */
  async verify(projects?: readonly Project[], options: { announce?: boolean } = {}): Promise<{ verified: string[]; reverted: string[]; checked: number }> {
    await this.scanning;
    const list = projects ?? this.activeProjects();
    const r = await this.verifyProjects(list);
    await Promise.all(list.map((p) => this.mirror(p)));
    this.publish();
    if (options.announce && (r.verified.length > 0 || r.reverted.length > 0)) {
      const parts = [
        ...r.verified.map((t) => vscode.l10n.t('verified: {0}', t)),
        ...r.reverted.map((t) => vscode.l10n.t('no longer passes: {0}', t)),
      ];
      vscode.window.setStatusBarMessage(`$(verified) ${parts.join(' · ')}`, 8000);
    }
    const checked = list.reduce((n, p) => n + (this.checks.get(p.key)?.size ?? 0), 0);
    return { ...r, checked };
  }

  // --- ticking ----------------------------------------------------------------

  /** Ticks (self-reported) or unticks a milestone. Returns the tick now stored. */
  async setDone(project: Project, milestone: string, done: boolean): Promise<Tick | undefined> {
    if (!project.manifest) return undefined;
    const { projectId, starter } = project.manifest;
    if (done) await this.store.markSelf(projectId, starter, milestone);
    else await this.store.clear(projectId, starter, milestone);
    this.focused = project.key;
    await this.mirror(project);
    this.publish();
    return this.store.get(projectId, starter, milestone);
  }

  async resetProject(project: Project): Promise<number> {
    if (!project.manifest) return 0;
    const n = await this.store.clearProject(project.manifest.projectId, project.manifest.starter);
    await this.mirror(project);
    this.publish();
    return n;
  }

  private storeInProject(project: Project): boolean {
    return vscode.workspace.getConfiguration('learningPaths.progress', project.folder).get<boolean>('storeInProject', false) === true;
  }

  /** Mirrors the project's ticks into its manifest when the setting is on; a corrupt manifest is left untouched. */
  private async mirror(project: Project): Promise<void> {
    if (!project.manifest || !this.storeInProject(project) || this.store.readOnly) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === project.manifestUri.toString());
    if (open?.isDirty) return; // the learner is editing it; the next change mirrors again
    let text: string;
    try {
      text = await readText(project.manifestUri);
    } catch {
      return;
    }
    const read = readProjectManifest(text);
    if (!read.ok) {
      this.reportManifestProblem(project.manifestUri, read.problem);
      return;
    }
    // What another window mirrored since the last scan is merged first (a later untick wins).
    const { projectId, starter } = project.manifest;
    await this.store.mergeMarks(projectId, starter, read.marks);
    const next = withMirroredProgress(text, this.store.marks(projectId, starter));
    if (next === undefined) return;
    try {
      await vscode.workspace.fs.writeFile(project.manifestUri, encoder.encode(next));
    } catch (err) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Could not write milestone progress into {0}: {1}', vscode.workspace.asRelativePath(project.manifestUri), String(err)));
    }
  }

  /** Publishes per-skill progress (Skills tree, skill page), refreshes the view and the status bar. */
  publish(): void {
    const active = this.activeProjects();
    this.services.progress.set(progressBySkill(active.map((p) => ({ manifest: p.template.manifest, ticks: this.ticks(p) }))));
    this.changed.fire();
  }

  // --- navigation -------------------------------------------------------------

  nextOpen(project: Project): MilestoneDef | undefined {
    return project.template ? nextOpenMilestone(project.template.manifest.milestones, this.ticks(project)) : undefined;
  }

  count(project: Project): { done: number; total: number; verified: number } {
    if (!project.template) return { done: 0, total: 0, verified: 0 };
    const ticks = this.ticks(project);
    const c = countDone(project.template.manifest.milestones, ticks);
    const verified = project.template.manifest.milestones.filter((m) => ticks.get(m.id)?.state === 'verified').length;
    return { ...c, verified };
  }

  fileOf(project: Project, milestone: MilestoneDef): vscode.Uri {
    const rel = resolveProjectPath(milestone.file, project.manifest?.name ?? '');
    return vscode.Uri.joinPath(project.folder, ...rel.split('/'));
  }

  async openFile(project: Project, milestone: MilestoneDef, options: vscode.TextDocumentShowOptions = {}): Promise<boolean> {
    const uri = this.fileOf(project, milestone);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} does not exist (yet). Milestone: {1}', vscode.workspace.asRelativePath(uri), milestone.title));
      return false;
    }
    await vscode.window.showTextDocument(uri, { preview: true, ...options });
    this.focused = project.key;
    return true;
  }

  async revealProject(project: Project): Promise<void> {
    if (!this.view || !this.provider) return;
    await vscode.commands.executeCommand('learningPaths.milestones.focus');
    await this.view.reveal(this.provider.projectNode(project), { expand: true, select: false, focus: false });
  }

  async revealMilestone(project: Project, milestone: MilestoneDef, focus = true): Promise<void> {
    if (!this.view || !this.provider) return;
    await vscode.commands.executeCommand('learningPaths.milestones.focus');
    await this.view.reveal(this.provider.milestoneNode(project, milestone), { expand: true, select: true, focus });
  }

  dispose(): void {
    clearTimeout(this.scanTimer);
    for (const t of this.verifyTimers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

export class MilestonesTreeProvider implements vscode.TreeDataProvider<MilestoneNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<MilestoneNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** One node object per id, so reveal and selection keep working across refreshes. */
  private readonly nodes = new Map<string, MilestoneNode>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly controller: MilestonesController) {
    this.subscription = controller.onDidChange(() => this.emitter.fire(undefined));
  }

  projectNode(project: Project): MilestoneNode {
    const id = `p:${project.key}`;
    let n = this.nodes.get(id);
    if (!n || n.project !== project) this.nodes.set(id, (n = { kind: 'project', project }));
    return n;
  }

  milestoneNode(project: Project, milestone: MilestoneDef): MilestoneNode {
    const id = `m:${project.key}#${milestone.id}`;
    let n = this.nodes.get(id);
    if (!n || n.project !== project || (n.kind === 'milestone' && n.milestone !== milestone)) this.nodes.set(id, (n = { kind: 'milestone', project, milestone }));
    return n;
  }

  getChildren(element?: MilestoneNode): MilestoneNode[] {
    if (!element) return this.controller.projects.map((p) => this.projectNode(p));
    if (element.kind === 'project' && element.project.template && element.project.manifest) {
      return element.project.template.manifest.milestones.map((m) => this.milestoneNode(element.project, m));
    }
    return [];
  }

  getParent(element: MilestoneNode): MilestoneNode | undefined {
    return element.kind === 'milestone' ? this.projectNode(element.project) : undefined;
  }

  getTreeItem(node: MilestoneNode): vscode.TreeItem {
    const c = this.controller;
    const { project } = node;
    if (node.kind === 'project') {
      const label = project.manifest?.name ?? vscode.workspace.asRelativePath(project.folder, true);
      const item = new vscode.TreeItem(label, project.template && project.manifest ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = `p:${project.key}`;
      const where = vscode.workspace.asRelativePath(project.folder, true);
      if (project.problem || !project.template) {
        item.description = project.manifest
          ? vscode.l10n.t('unknown starter {0}', project.manifest.starter)
          : vscode.l10n.t('manifest error, line {0}', project.problem?.line ?? 1);
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = new vscode.MarkdownString().appendText(`${vscode.workspace.asRelativePath(project.manifestUri, true)}:${project.problem?.line ?? 1}: ${project.problem?.message ?? ''}`);
        item.contextValue = 'projectProblem';
        const line = (project.problem?.line ?? 1) - 1;
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Manifest'), arguments: [project.manifestUri, { selection: new vscode.Range(line, 0, line, 0) }] };
        return item;
      }
      const n = c.count(project);
      item.description = `${n.done}/${n.total}${where !== label ? ` · ${where}` : ''}`;
      item.iconPath = new vscode.ThemeIcon(n.done === n.total && n.total > 0 ? 'pass-filled' : 'project', n.done === n.total && n.total > 0 ? new vscode.ThemeColor('testing.iconPassed') : undefined);
      const md = new vscode.MarkdownString();
      md.appendMarkdown('**').appendText(project.template.manifest.title).appendMarkdown('**\n\n');
      md.appendText(vscode.l10n.t('{0} of {1} milestones done ({2} verified by a check). Folder: {3}', n.done, n.total, n.verified, where));
      item.tooltip = md;
      item.contextValue = 'project';
      item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1} of {2} milestones done', label, n.done, n.total) };
      return item;
    }
    const m = node.milestone;
    const tick = c.ticks(project).get(m.id);
    const item = new vscode.TreeItem(m.title, vscode.TreeItemCollapsibleState.None);
    item.id = `m:${project.key}#${m.id}`;
    const checkboxTooltip = tick ? vscode.l10n.t('Done — untick to mark it open') : vscode.l10n.t('Mark as done (self-reported)');
    item.checkboxState = { state: tick ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked, tooltip: checkboxTooltip };
    const date = tick ? tick.at.slice(0, 10) : '';
    if (tick?.state === 'verified') {
      item.description = vscode.l10n.t('verified · {0}', date);
      item.iconPath = new vscode.ThemeIcon('verified-filled', new vscode.ThemeColor('testing.iconPassed'));
      item.contextValue = 'milestone.verified';
    } else if (tick) {
      item.description = vscode.l10n.t('self-reported · {0}', date);
      item.iconPath = new vscode.ThemeIcon('account');
      item.contextValue = 'milestone.self';
    } else {
      item.iconPath = new vscode.ThemeIcon(m.check ? 'beaker' : 'circle-large-outline');
      item.contextValue = 'milestone.open';
    }
    const pkg = project.manifest?.name ?? '';
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**').appendText(m.title).appendMarkdown('**\n\n');
    md.appendText(resolveProjectPath(m.done, pkg)).appendMarkdown('\n\n');
    md.appendText(vscode.l10n.t('File: {0}', resolveProjectPath(m.file, pkg))).appendMarkdown('\n\n');
    if (m.check) {
      const last = c.lastCheck(project, m.id);
      md.appendText(vscode.l10n.t('Check: {0}', describeCheck(m.check, pkg)));
      if (last) md.appendText(` — ${last.pass ? vscode.l10n.t('passes') : vscode.l10n.t('not yet')}: ${last.reason}`);
      md.appendMarkdown('\n\n');
    }
    md.appendText(
      tick?.state === 'verified'
        ? vscode.l10n.t('Verified by its check on {0}.', date)
        : tick
          ? vscode.l10n.t('Ticked by hand (self-reported) on {0}.', date)
          : vscode.l10n.t('Open.'),
    );
    item.tooltip = md;
    item.command = { command: 'learningPaths.openMilestoneFile', title: vscode.l10n.t('Open Milestone File'), arguments: [node] };
    item.accessibilityInformation = {
      label: `${m.title}, ${tick?.state === 'verified' ? vscode.l10n.t('done, verified') : tick ? vscode.l10n.t('done, self-reported') : vscode.l10n.t('open')}`,
    };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

interface Item<T> extends vscode.QuickPickItem {
  value: T;
}

/** Registers the view, the checkbox handling and the milestone commands. */
export function registerMilestones(context: vscode.ExtensionContext, services: Services): MilestonesController {
  const controller = new MilestonesController(services);
  const provider = new MilestonesTreeProvider(controller);
  const view = vscode.window.createTreeView('learningPaths.milestones', { treeDataProvider: provider, manageCheckboxStateManually: true, showCollapseAll: true });
  controller.view = view;
  controller.provider = provider;

  const pickProject = async (placeHolder: string): Promise<Project | undefined> => {
    const active = controller.activeProjects();
    if (active.length <= 1) {
      if (active.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('No practice project in this workspace yet. Run "Learning Paths: Scaffold Practice Project…" first.'));
      return active[0];
    }
    const current = controller.currentProject();
    const picked = await vscode.window.showQuickPick<Item<Project>>(
      active.map((p) => {
        const n = controller.count(p);
        return { label: p.manifest.name, description: `${n.done}/${n.total} · ${vscode.workspace.asRelativePath(p.folder, true)}`, value: p, picked: p === current };
      }),
      { placeHolder, ignoreFocusOut: true },
    );
    return picked?.value;
  };

  /** A milestone from a node, ids, the view's selection, or a pick. */
  const resolveMilestone = async (arg: unknown, filter: (t: Tick | undefined) => boolean, placeHolder: string): Promise<{ project: Project; milestone: MilestoneDef } | undefined> => {
    if (isNode(arg) && arg.kind === 'milestone') return { project: controller.findProject(arg) ?? arg.project, milestone: arg.milestone };
    const ref = typeof arg === 'object' && arg !== null ? (arg as MilestoneRef) : undefined;
    let project = controller.findProject(ref);
    if (project && ref?.milestone) {
      const milestone = project.template?.manifest.milestones.find((m) => m.id === ref.milestone);
      if (!milestone) {
        void vscode.window.showErrorMessage(vscode.l10n.t('The project has no milestone "{0}".', ref.milestone));
        return undefined;
      }
      return { project, milestone };
    }
    const selected = view.selection[0];
    if (!ref && selected?.kind === 'milestone' && view.visible) return { project: selected.project, milestone: selected.milestone };
    project ??= isNode(arg) ? arg.project : await pickProject(placeHolder);
    if (!project?.template) return undefined;
    const ticks = controller.ticks(project);
    const candidates = project.template.manifest.milestones.filter((m) => filter(ticks.get(m.id)));
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No milestone of {0} fits.', project.manifest?.name ?? ''));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick<Item<MilestoneDef>>(
      candidates.map((m) => {
        const t = ticks.get(m.id);
        const icon = t?.state === 'verified' ? '$(verified-filled)' : t ? '$(account)' : '$(circle-large-outline)';
        return { label: `${icon} ${m.title}`, description: t ? (t.state === 'verified' ? vscode.l10n.t('verified') : vscode.l10n.t('self-reported')) : '', value: m };
      }),
      { placeHolder, ignoreFocusOut: true, matchOnDescription: true },
    );
    return picked ? { project, milestone: picked.value } : undefined;
  };

  context.subscriptions.push(
    controller,
    provider,
    view,
    view.onDidChangeCheckboxState(async (e) => {
      for (const [node, state] of e.items) {
        if (node.kind === 'milestone') await controller.setDone(node.project, node.milestone.id, state === vscode.TreeItemCheckboxState.Checked);
      }
    }),
    vscode.commands.registerCommand('learningPaths.toggleMilestone', async (arg?: unknown) => {
      const r = await resolveMilestone(arg, () => true, vscode.l10n.t('Toggle which milestone?'));
      if (!r) return undefined;
      const done = controller.ticks(r.project).has(r.milestone.id);
      return controller.setDone(r.project, r.milestone.id, !done);
    }),
    vscode.commands.registerCommand('learningPaths.resetMilestone', async (arg?: unknown) => {
      const r = await resolveMilestone(arg, (t) => t !== undefined, vscode.l10n.t('Reset which milestone?'));
      if (!r) return false;
      await controller.setDone(r.project, r.milestone.id, false);
      return true;
    }),
    vscode.commands.registerCommand('learningPaths.resetProject', async (arg?: unknown) => {
      const ref = typeof arg === 'object' && arg !== null ? (arg as MilestoneRef & { confirmed?: boolean }) : undefined;
      const project = controller.findProject(ref) ?? (await pickProject(vscode.l10n.t('Reset the progress of which project?')));
      if (!project?.manifest) return 0;
      const n = controller.count(project);
      if (ref?.confirmed !== true) {
        const reset = vscode.l10n.t('Reset Progress');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('Reset the progress of "{0}"?', project.manifest.name),
          { modal: true, detail: vscode.l10n.t('This unticks all {0} done milestone(s) ({1} verified). Project files are not changed; checks that pass verify their milestones again.', n.done, n.verified) },
          reset,
        );
        if (answer !== reset) return 0;
      }
      return controller.resetProject(project);
    }),
    vscode.commands.registerCommand('learningPaths.nextMilestone', async (arg?: unknown) => {
      const ref = typeof arg === 'object' && arg !== null ? (arg as MilestoneRef) : undefined;
      const project = controller.findProject(ref) ?? controller.currentProject() ?? (await pickProject(vscode.l10n.t('Next milestone of which project?')));
      if (!project?.template) return undefined;
      controller.focusProject(project);
      const next = controller.nextOpen(project);
      if (!next) {
        void vscode.window.showInformationMessage(vscode.l10n.t('All milestones of "{0}" are done.', project.manifest?.name ?? ''));
        await controller.revealProject(project);
        return undefined;
      }
      await controller.revealMilestone(project, next, true);
      return next.id;
    }),
    vscode.commands.registerCommand('learningPaths.verifyMilestones', async (arg?: unknown) => {
      const ref = typeof arg === 'object' && arg !== null ? (arg as MilestoneRef & { silent?: boolean }) : undefined;
      const one = controller.findProject(ref);
      const r = await controller.verify(one ? [one] : undefined);
      if (!ref?.silent) {
        const message =
          r.checked === 0
            ? vscode.l10n.t('No milestone with a check in this workspace.')
            : vscode.l10n.t('Checked {0} milestone(s): {1} newly verified, {2} no longer passing.', r.checked, r.verified.length, r.reverted.length);
        void vscode.window.showInformationMessage(message);
      }
      return r;
    }),
    vscode.commands.registerCommand('learningPaths.openMilestoneFile', async (arg?: unknown) => {
      const r = await resolveMilestone(arg, () => true, vscode.l10n.t('Open the file of which milestone?'));
      return r ? controller.openFile(r.project, r.milestone) : false;
    }),
  );
  return controller;
}
