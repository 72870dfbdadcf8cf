/**
 * Owns the merged catalog: the compiled bundled catalog (read at activation, no YAML), plus team
 * content packs from `.learning-paths/` in each workspace folder and the folders named in
 * `learningPaths.contentPacks`. Pack problems go to the Problems panel at their line; editing a
 * pack reloads it without a window reload. The YAML parser lives in dist/packLoader.js and is
 * loaded only when a pack exists.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CatalogIndex } from '../core/catalog/catalogIndex';
import { bundledSource, type FragmentSource } from '../core/catalog/fragment';
import { mergeFragments } from '../core/catalog/merge';
import type { Catalog } from '../core/catalog/types';
import type { Diagnostic } from '../core/diagnostics';

type PackLoader = typeof import('./packLoader');

export interface CatalogChange {
  /** Skill ids whose content changed, appeared or disappeared. */
  skills: Set<string>;
  /** True when roles or levels changed (the whole tree is affected). */
  structure: boolean;
}

export const PACK_GLOB = '.learning-paths/**/*.{yaml,yml,json}';

export class CatalogService implements vscode.Disposable {
  private readonly bundled: Catalog;
  private current: CatalogIndex;
  private packLoader: PackLoader | undefined;
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

  constructor(extensionUri: vscode.Uri) {
    this.bundled = JSON.parse(readFileSync(path.join(extensionUri.fsPath, 'dist', 'catalog.json'), 'utf8')) as Catalog;
    this.current = new CatalogIndex(this.bundled);
    // Files inside pack folders, and the folders themselves (deleting a folder reports only the folder).
    for (const glob of [`**/${PACK_GLOB}`, '**/.learning-paths']) this.disposables.push(...this.watch(glob));
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

  /** Loads packs now (activation calls this once; it is a no-op without packs). */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.doReload()).catch((err: unknown) => {
      void vscode.window.showErrorMessage(vscode.l10n.t('Learning Paths could not load content packs: {0}', String(err)));
    });
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

  private async findPackFiles(): Promise<vscode.Uri[]> {
    const found: vscode.Uri[] = [];
    const watched: vscode.Disposable[] = [];
    const configured = vscode.workspace.getConfiguration('learningPaths').get<string[]>('contentPacks', []);
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    for (const entry of configured) {
      if (typeof entry !== 'string' || entry.trim() === '') continue;
      const expanded = entry.replace(/\$\{workspaceFolder\}/g, base?.fsPath ?? '');
      const uri = path.isAbsolute(expanded) ? vscode.Uri.file(expanded) : base ? vscode.Uri.joinPath(base, expanded) : undefined;
      if (!uri) continue;
      found.push(...(await listYaml(uri)));
      watched.push(...this.watch(new vscode.RelativePattern(uri, '**/*.{yaml,yml,json}')));
    }
    for (const d of this.settingWatchers) d.dispose();
    this.settingWatchers = watched;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, PACK_GLOB), null, 5000);
      found.push(...uris.sort((a, b) => a.path.localeCompare(b.path)));
    }
    return found;
  }

  private async doReload(): Promise<void> {
    const files = await this.findPackFiles();
    this.packFiles = files;
    const sources: FragmentSource[] = [bundledSource(this.bundled)];
    const problems = new Map<string, Diagnostic[]>();
    if (files.length > 0) {
      // A separate bundle, so activation never loads the YAML parser (see scripts/build.mjs).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.packLoader ??= require('./packLoader.js') as PackLoader;
      for (const uri of files) {
        const text = await readText(uri);
        const file = uri.toString();
        const r = this.packLoader.parseCatalogFile(file, text);
        sources.push(r.source);
        problems.set(file, r.diagnostics);
      }
    }
    const merged = mergeFragments(sources);
    for (const d of merged.diagnostics) {
      const list = problems.get(d.file) ?? [];
      list.push(d);
      problems.set(d.file, list);
    }
    this.problems.clear();
    for (const [file, ds] of problems) {
      if (ds.length > 0) this.problems.set(vscode.Uri.parse(file), ds.map(toVsDiagnostic));
    }
    const next = new CatalogIndex(merged.catalog);
    const change = diff(this.current, next);
    this.current = next;
    if (change.structure || change.skills.size > 0) this.changed.fire(change);
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    for (const d of [...this.disposables, ...this.settingWatchers]) d.dispose();
  }
}

async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function listYaml(uri: vscode.Uri): Promise<vscode.Uri[]> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.File) return /\.(ya?ml|json)$/i.test(uri.path) ? [uri] : [];
    const out: vscode.Uri[] = [];
    for (const [name, type] of (await vscode.workspace.fs.readDirectory(uri)).sort(([a], [b]) => a.localeCompare(b))) {
      const child = vscode.Uri.joinPath(uri, name);
      if (type & vscode.FileType.Directory) out.push(...(await listYaml(child)));
      else if (/\.(ya?ml|json)$/i.test(name)) out.push(child);
    }
    return out;
  } catch {
    void vscode.window.showWarningMessage(vscode.l10n.t('Learning Paths: content pack folder {0} was not found (setting learningPaths.contentPacks).', uri.fsPath));
    return [];
  }
}

function toVsDiagnostic(d: Diagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.line - 1, d.column - 1, Math.max(d.line, d.endLine) - 1, d.endLine > d.line || d.endColumn > d.column ? d.endColumn - 1 : d.column + 200);
  const message = d.field === '(file)' ? d.message : `${d.field}: ${d.message}`;
  const out = new vscode.Diagnostic(range, message, d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
  out.source = 'Learning Paths';
  return out;
}

function diff(a: CatalogIndex, b: CatalogIndex): CatalogChange {
  const structure = JSON.stringify([a.levels, a.roles]) !== JSON.stringify([b.levels, b.roles]);
  const skills = new Set<string>();
  const ids = new Set([...a.skills.map((s) => s.id), ...b.skills.map((s) => s.id)]);
  for (const id of ids) {
    const x = a.skill(id);
    const y = b.skill(id);
    if (x !== y && JSON.stringify(x) !== JSON.stringify(y)) skills.add(id);
  }
  return { skills, structure };
}
