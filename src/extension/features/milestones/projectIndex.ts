/**
 * The practice projects in the workspace: every `.learning-path.json` found by a scan, read and
 * matched to its starter (bundled, or from a content pack). Watches manifests (re-scan) and project files (`onDidTouch`:
 * a file saved or an output written, so checks can run again), reports unreadable manifests in
 * the Problems panel at their line, and remembers the project the learner last worked on.
 * It never writes a project file.
 */
import * as vscode from 'vscode';
import { MAX_MANIFEST_BYTES, readProjectManifest, type ManifestProblem } from '../../../core/progress/projectManifest';
import { SafeReadError } from '../../../core/fs/safeRead';
import { readProjectText } from '../../projectFiles';
import { PROJECT_MANIFEST, type ProjectManifest } from '../../../core/scaffold/plan';
import type { Mark } from '../../../core/progress/store';
import type { Template } from '../../../core/scaffold/types';

export const MANIFEST_GLOB = `**/${PROJECT_MANIFEST}`;
const EXCLUDE_GLOB = '**/{node_modules,.git,.venv,venv,site-packages,__pycache__}/**';
const MAX_PROJECTS = 500;

export interface Project {
  /** Stable key of this project in the view: its manifest's URI. */
  readonly key: string;
  readonly folder: vscode.Uri;
  readonly manifestUri: vscode.Uri;
  /** Undefined when the manifest could not be read (see `problem`). */
  readonly manifest?: ProjectManifest;
  /** The starter the project was scaffolded from (bundled, or from a content pack). */
  readonly template?: Template;
  readonly problem?: ManifestProblem;
  /** Progress mirrored in the manifest (ticks and unticks), merged into the store by change time. */
  readonly mirrored?: ReadonlyMap<string, Mark>;
}

/** A project whose manifest was read and whose starter this version has. */
export type ActiveProject = Project & { readonly manifest: ProjectManifest; readonly template: Template };

export function isActive(p: Project): p is ActiveProject {
  return p.manifest !== undefined && p.template !== undefined;
}


export class ProjectIndex implements vscode.Disposable {
  private list: readonly Project[] = [];
  private readonly scanned = new vscode.EventEmitter<readonly Project[]>();
  /** After every scan, with the projects found. */
  readonly onDidScan = this.scanned.event;
  private readonly touched = new vscode.EventEmitter<Project>();
  /** A file of a project was saved, or something under its `outputs/` or a test report changed. */
  readonly onDidTouch = this.touched.event;
  private readonly focused = new vscode.EventEmitter<Project>();
  /** The learner turned to a project (scaffold, tick, status-bar click, opening its files). */
  readonly onDidFocus = this.focused.event;
  private readonly problems = vscode.languages.createDiagnosticCollection('learningPaths.projects');
  private readonly disposables: vscode.Disposable[] = [this.scanned, this.touched, this.focused, this.problems];
  private scanning: Promise<void> = Promise.resolve();
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly warned = new Set<string>();
  /** The project last worked on (active editor, scaffold, tick, status-bar click). */
  private focusedKey: string | undefined;

  /**
   * `templates()`: every starter, bundled and from content packs. `packs`: when the packs' starters
   * load (a project scaffolded from a pack starter finds it once they have) and change.
   */
  constructor(
    private readonly templates: () => readonly Template[],
    private readonly packs?: { loaded: Promise<void>; onDidChange: vscode.Event<void> },
  ) {
    const manifests = vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB);
    const outputs = vscode.workspace.createFileSystemWatcher('**/outputs/**');
    // Test reports written outside Verify (`node dist/cli.js check --run-tests`, pytest by hand).
    const reports = vscode.workspace.createFileSystemWatcher('**/.learning-path/results/*.xml');
    const onOutput = (uri: vscode.Uri) => {
      const p = this.projectOf(uri);
      if (p) this.touched.fire(p);
    };
    const rescan = () => this.scheduleScan();
    this.disposables.push(
      manifests,
      outputs,
      manifests.onDidCreate(rescan),
      manifests.onDidChange(rescan),
      manifests.onDidDelete(rescan),
      outputs.onDidCreate(onOutput),
      outputs.onDidChange(onOutput),
      outputs.onDidDelete(onOutput),
      reports,
      reports.onDidCreate(onOutput),
      reports.onDidChange(onOutput),
      vscode.workspace.onDidChangeWorkspaceFolders(rescan),
      ...(packs ? [packs.onDidChange(rescan)] : []),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        const p = this.projectOf(doc.uri);
        if (p && !doc.uri.path.endsWith(`/${PROJECT_MANIFEST}`)) this.touched.fire(p);
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        const p = e && this.projectOf(e.document.uri);
        if (p) this.focus(p);
      }),
    );
  }

  get projects(): readonly Project[] {
    return this.list;
  }

  /** Projects with a readable manifest and a known starter. */
  active(): ActiveProject[] {
    return this.list.filter(isActive);
  }

  /** The current version of a project (after a re-scan), by key. */
  byKey(key: string): Project | undefined {
    return this.list.find((p) => p.key === key);
  }

  byProjectId(projectId: string): Project | undefined {
    return this.list.find((p) => p.manifest?.projectId === projectId);
  }

  byFolder(folder: vscode.Uri): Project | undefined {
    return this.list.find((p) => p.folder.toString() === folder.toString());
  }

  /** The project whose folder contains `uri` (the innermost one). */
  projectOf(uri: vscode.Uri): Project | undefined {
    const s = uri.toString();
    let best: Project | undefined;
    for (const p of this.list) {
      const f = p.folder.toString();
      if ((s === f || s.startsWith(f.endsWith('/') ? f : `${f}/`)) && (!best || f.length > best.folder.toString().length)) best = p;
    }
    return best;
  }

  /** Remembers the project the learner works on. */
  focus(project: Project): void {
    if (this.focusedKey === project.key) return;
    this.focusedKey = project.key;
    this.focused.fire(project);
  }

  /** The project of the active editor, else the one last worked on, else the only one. */
  current(): ActiveProject | undefined {
    const editor = vscode.window.activeTextEditor;
    const fromEditor = editor && this.projectOf(editor.document.uri);
    if (fromEditor && isActive(fromEditor)) return fromEditor;
    const focused = this.list.find((p) => p.key === this.focusedKey);
    if (focused && isActive(focused)) return focused;
    const active = this.active();
    return active.length === 1 ? active[0] : undefined;
  }

  private scheduleScan(delay = 150): void {
    clearTimeout(this.scanTimer);
    this.scanTimer = setTimeout(() => void this.scan(), delay);
  }

  /** Finds every project manifest again; resolves after `onDidScan` listeners ran. */
  scan(): Promise<void> {
    clearTimeout(this.scanTimer);
    this.scanning = this.scanning
      .then(() => this.doScan())
      .catch((err: unknown) => {
        void vscode.window.showErrorMessage(vscode.l10n.t('Learning Paths could not read the practice projects: {0}', String(err)));
      });
    return this.scanning;
  }

  /** Resolves once the scan in progress (if any) is done. */
  settled(): Promise<void> {
    return this.scanning;
  }

  private async doScan(): Promise<void> {
    const uris = vscode.workspace.workspaceFolders?.length ? await vscode.workspace.findFiles(MANIFEST_GLOB, EXCLUDE_GLOB, MAX_PROJECTS) : [];
    const seen = new Set<string>();
    const projects: Project[] = [];
    let templates = this.templates();
    this.problems.clear();
    for (const manifestUri of uris.sort((a, b) => a.path.localeCompare(b.path))) {
      const key = manifestUri.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      const folder = vscode.Uri.joinPath(manifestUri, '..');
      let text: string;
      try {
        text = await readProjectText(folder, PROJECT_MANIFEST, MAX_MANIFEST_BYTES);
      } catch (err) {
        if (!(err instanceof SafeReadError) || err.kind === 'missing') continue; // deleted since the search
        const problem = { message: err.reason, line: 1, column: 1 };
        projects.push({ key, folder, manifestUri, problem });
        this.reportProblem(manifestUri, problem);
        continue;
      }
      const read = readProjectManifest(text);
      if (!read.ok) {
        projects.push({ key, folder, manifestUri, problem: read.problem });
        this.reportProblem(manifestUri, read.problem);
        continue;
      }
      let template = templates.find((t) => t.manifest.id === read.manifest.starter);
      if (!template && this.packs) {
        // Not bundled: maybe a content pack's starter, which loads after activation (in a worker).
        await this.packs.loaded;
        templates = this.templates();
        template = templates.find((t) => t.manifest.id === read.manifest.starter);
      }
      this.reportWarnings(manifestUri, read.warnings);
      if (template) {
        projects.push({ key, folder, manifestUri, manifest: read.manifest, template, mirrored: read.marks });
      } else {
        const problem = { message: vscode.l10n.t('unknown starter "{0}" (neither this version of Learning Paths nor a content pack has it)', read.manifest.starter), line: 1, column: 1 };
        projects.push({ key, folder, manifestUri, manifest: read.manifest, problem, mirrored: read.marks });
      }
    }
    this.list = projects;
    this.scanned.fire(projects);
  }

  /** Problems that leave the project working (an invalid project id, unreadable ticks): Problems panel only. */
  private reportWarnings(uri: vscode.Uri, warnings: readonly ManifestProblem[]): void {
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

  /** Shows a manifest problem in the Problems panel (and once as a notification). The file is not changed. */
  reportProblem(uri: vscode.Uri, problem: ManifestProblem): void {
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

  dispose(): void {
    clearTimeout(this.scanTimer);
    for (const d of this.disposables) d.dispose();
  }
}
