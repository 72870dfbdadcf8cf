/**
 * Owns the merged catalog: the compiled bundled catalog (read at activation, no YAML), plus team
 * content packs from `.learning-paths/` in each workspace folder and the folders named in
 * `learningPaths.contentPacks`. Pack problems go to the Problems panel at their line; editing a
 * pack reloads it without a window reload. Packs are found, read, parsed and merged in a worker
 * thread (dist/packLoader.js, which alone holds the YAML parser), started only when a pack exists.
 * The same load reads the packs' starters (`<pack>/starters/<id>/`, core/scaffold/packStarters.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CatalogIndex } from '../core/catalog/catalogIndex';
import { loadPacksInWorker, type PackRoot } from '../core/catalog/packWorkerClient';
import type { Catalog, Skill } from '../core/catalog/types';
import type { Diagnostic } from '../core/diagnostics';
import type { Template } from '../core/scaffold/types';

export interface CatalogChange {
  /** Skill ids whose content changed, appeared or disappeared. */
  skills: Set<string>;
  /** True when roles or levels changed (the whole tree is affected). */
  structure: boolean;
}

export const PACK_GLOB = '.learning-paths/**/*.{yaml,yml,json}';
/** Any file of a workspace pack's starters (their Python files too). */
export const PACK_STARTERS_GLOB = '.learning-paths/starters/**';

export class CatalogService implements vscode.Disposable {
  private readonly bundled: Catalog;
  private current: CatalogIndex;
  private readonly bundledFingerprints: Map<string, string>;
  /** Skill id → hash of its content, for the current catalog (see diff). */
  private fingerprints: Map<string, string>;
  /** dist/packLoader.js: the worker that reads and parses packs. */
  private readonly workerFile: string;
  /** Stops a load in progress when the extension is deactivated. */
  private readonly stopping = new AbortController();
  private readonly changed = new vscode.EventEmitter<CatalogChange>();
  readonly onDidChange = this.changed.event;
  readonly problems = vscode.languages.createDiagnosticCollection('learningPaths');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.problems];
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private reloading: Promise<void> = Promise.resolve();
  /** Watchers of the folders named in learningPaths.contentPacks. */
  private settingWatchers: vscode.Disposable[] = [];
  /** Pack files found by the last reload. */
  packFiles: vscode.Uri[] = [];
  /** The packs' starters, by pack precedence (each carries its `pack` folder). */
  private packStarters: readonly Template[] = [];
  /** The worker's hash of the packs' starters ('' for none). */
  private startersHash = '';
  private readonly startersChanged = new vscode.EventEmitter<void>();
  /** Fires when the packs' starters changed. */
  readonly onDidChangeStarters = this.startersChanged.event;
  private loadedOnce!: () => void;
  /** Resolves once the packs (and their starters) have loaded once, or failed to. */
  readonly loaded = new Promise<void>((resolve) => (this.loadedOnce = resolve));

  constructor(extensionUri: vscode.Uri) {
    this.workerFile = path.join(extensionUri.fsPath, 'dist', 'packLoader.js');
    this.bundled = JSON.parse(readFileSync(path.join(extensionUri.fsPath, 'dist', 'catalog.json'), 'utf8')) as Catalog;
    this.current = new CatalogIndex(this.bundled);
    this.bundledFingerprints = new Map(this.bundled.skills.map((s) => [s.id, fingerprint(s)]));
    this.fingerprints = this.bundledFingerprints;
    // Files inside pack folders, and the folders themselves (deleting a folder reports only the folder).
    for (const glob of [`**/${PACK_GLOB}`, `**/${PACK_STARTERS_GLOB}`, '**/.learning-paths']) this.disposables.push(...this.watch(glob));
    this.disposables.push(this.startersChanged);
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('learningPaths.contentPacks') && this.scheduleReload()),
      // Unsaved edits of a pack file are validated as the author types.
      vscode.workspace.onDidChangeTextDocument((e) => this.isPackFile(e.document.uri) && this.scheduleReload(400)),
    );
  }

  get index(): CatalogIndex {
    return this.current;
  }

  /** The packs' starters (not the bundled ones), by pack precedence. */
  get starters(): readonly Template[] {
    return this.packStarters;
  }

  /** Loads packs now (activation calls this once; it is a no-op without packs). */
  reload(): Promise<void> {
    this.reloading = this.reloading
      .then(() => this.doReload())
      .catch((err: unknown) => {
        if (this.stopping.signal.aborted) return; // deactivated while loading
        void vscode.window.showErrorMessage(vscode.l10n.t('Learning Paths could not load content packs: {0}', String(err)));
      })
      .finally(() => this.loadedOnce());
    return this.reloading;
  }

  private watch(pattern: vscode.GlobPattern): vscode.Disposable[] {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const reload = () => this.scheduleReload();
    return [watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload)];
  }

  private scheduleReload(delay = 150): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), delay);
  }

  private isPackFile(uri: vscode.Uri): boolean {
    return /\.(ya?ml|json)$/i.test(uri.path) && (uri.path.includes('/.learning-paths/') || this.packFiles.some((p) => p.toString() === uri.toString()));
  }

  /** The pack folders: those named in learningPaths.contentPacks, then each workspace folder's `.learning-paths/`. */
  private packRoots(): PackRoot[] {
    const roots: PackRoot[] = [];
    const watched: vscode.Disposable[] = [];
    const configured = vscode.workspace.getConfiguration('learningPaths').get<string[]>('contentPacks', []);
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    for (const entry of configured) {
      if (typeof entry !== 'string' || entry.trim() === '') continue;
      const expanded = entry.replace(/\$\{workspaceFolder\}/g, base?.fsPath ?? '');
      const abs = path.isAbsolute(expanded) ? expanded : base?.scheme === 'file' ? path.join(base.fsPath, expanded) : undefined;
      if (!abs) continue;
      roots.push({ path: path.resolve(abs), optional: false });
      for (const glob of ['**/*.{yaml,yml,json}', 'starters/**']) watched.push(...this.watch(new vscode.RelativePattern(vscode.Uri.file(abs), glob)));
    }
    for (const d of this.settingWatchers) d.dispose();
    this.settingWatchers = watched;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const dir = path.join(folder.uri.fsPath, '.learning-paths');
      // A cloned repository's `.learning-paths` may be a link anywhere: it must stay in its folder.
      if (folder.uri.scheme === 'file' && existsSync(dir)) roots.push({ path: dir, optional: true, within: folder.uri.fsPath });
    }
    return roots;
  }

  private async doReload(): Promise<void> {
    const roots = this.packRoots();
    let catalog = this.bundled;
    let fingerprints = this.bundledFingerprints;
    let diagnostics: Diagnostic[] = [];
    let files: string[] = [];
    let starters: readonly Template[] = [];
    let startersHash = '';
    if (roots.length > 0) {
      // Unsaved edits of open pack files are validated as the author types.
      const overrides: [string, string][] = vscode.workspace.textDocuments
        .filter((d) => d.isDirty && d.uri.scheme === 'file' && /\.(ya?ml|json)$/i.test(d.uri.path))
        .map((d) => [d.uri.fsPath, d.getText()]);
      // Parsing runs in a worker thread (dist/packLoader.js, which holds the YAML parser), so a
      // large or hostile pack never blocks the extension host.
      const result = await loadPacksInWorker(this.workerFile, { base: this.bundled, roots, overrides }, { signal: this.stopping.signal });
      ({ catalog, diagnostics, files, fingerprints, starters } = result);
      startersHash = starters.length > 0 ? result.startersHash : '';
      for (const missing of result.missing) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Learning Paths: content pack folder {0} was not found (setting learningPaths.contentPacks).', missing));
      }
    }
    this.packFiles = files.map((f) => vscode.Uri.file(f));
    const startersChanged = startersHash !== this.startersHash;
    this.packStarters = starters;
    this.startersHash = startersHash;
    const problems = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) {
      const list = problems.get(d.file) ?? [];
      list.push(d);
      problems.set(d.file, list);
    }
    this.problems.clear();
    for (const [file, ds] of problems) this.problems.set(vscode.Uri.file(file), ds.map(toVsDiagnostic));
    const next = new CatalogIndex(catalog);
    const change = diff(this.current, this.fingerprints, next, fingerprints);
    this.current = next;
    this.fingerprints = fingerprints;
    if (change.structure || change.skills.size > 0) this.changed.fire(change);
    if (startersChanged) this.startersChanged.fire();
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    this.stopping.abort();
    for (const d of [...this.disposables, ...this.settingWatchers]) d.dispose();
  }
}

function toVsDiagnostic(d: Diagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.line - 1, d.column - 1, Math.max(d.line, d.endLine) - 1, d.endLine > d.line || d.endColumn > d.column ? d.endColumn - 1 : d.column + 200);
  const message = d.field === '(file)' ? d.message : `${d.field}: ${d.message}`;
  const out = new vscode.Diagnostic(range, message, d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
  out.source = 'Learning Paths';
  return out;
}

/** Same hash as the pack worker's (src/extension/packLoader.ts). */
function fingerprint(skill: Skill): string {
  return createHash('sha1').update(JSON.stringify(skill)).digest('base64');
}

/** What changed, by comparing skill fingerprints (comparing 1,000 skills' JSON would block the host). */
function diff(a: CatalogIndex, aPrints: ReadonlyMap<string, string>, b: CatalogIndex, bPrints: ReadonlyMap<string, string>): CatalogChange {
  const structure = JSON.stringify([a.levels, a.roles]) !== JSON.stringify([b.levels, b.roles]);
  const skills = new Set<string>();
  for (const id of new Set([...aPrints.keys(), ...bPrints.keys()])) {
    if (aPrints.get(id) !== bPrints.get(id)) skills.add(id);
  }
  return { skills, structure };
}
