/**
 * Learning Paths: Scaffold Practice Project… — starter → target folder → project name → files
 * written through `vscode.workspace.fs` (never overwriting) → README opens and the milestones
 * show in the Milestones view. Cancelling at any step writes nothing.
 *
 * With no folder open, the learner picks a folder to create the project in; the project is
 * written, then opened as the workspace. Opening a folder restarts the extension host, so the
 * steps still to do (open the README, show the milestones) are kept in global state and
 * resumed by the next activation (the new folder holds `.learning-path.json`, which activates
 * the extension).
 */
import { randomUUID } from 'node:crypto';
import { promises as nodeFs } from 'node:fs';
import * as vscode from 'vscode';
import { packageNameProblem, starterNamesOf } from '../../core/scaffold/paths';
import { planScaffold, ScaffoldError, type ScaffoldPlan } from '../../core/scaffold/plan';
import { writePlanTransactionally, type TransactionalFs } from '../../core/scaffold/transaction';
import type { Template } from '../../core/scaffold/types';
import { registerCommand } from '../commands';
import { translate } from '../translate';
import type { Services } from '../services';
import { readState, writeState, type PendingScaffold } from '../state';
import type { MilestonesFeature } from './milestones';
import { askScaffoldOptions, starterPickItems, withCiWorkflow } from './scaffoldOptions';

/** What the scaffold needs of the Milestones feature. */
type Milestones = Pick<MilestonesFeature, 'ready' | 'showProject'>;
/** A pending step older than this is dropped instead of resumed. */
const PENDING_MAX_AGE_MS = 15 * 60_000;

/** Arguments of `learningPaths.scaffoldProject`; every field is optional and skips its prompt. */
import type { ScaffoldArgs, ScaffoldResult } from '../commandTypes';

export type { ScaffoldArgs, ScaffoldResult };

const encoder = new TextEncoder();

async function statOf(uri: vscode.Uri): Promise<'missing' | 'empty-dir' | 'non-empty-dir' | 'file'> {
  let st: vscode.FileStat;
  try {
    st = await vscode.workspace.fs.stat(uri);
  } catch {
    return 'missing';
  }
  if (!(st.type & vscode.FileType.Directory)) return 'file';
  return (await vscode.workspace.fs.readDirectory(uri)).length === 0 ? 'empty-dir' : 'non-empty-dir';
}

/**
 * A TransactionalFs over `vscode.workspace.fs` (so remote and virtual workspaces work too).
 * Paths are URI strings. It never overwrites: each write is preceded by a stat and refused when
 * anything exists there, and renames refuse an existing target.
 */
export class WorkspaceScaffoldFs implements TransactionalFs {
  stat(path: string): Promise<'missing' | 'empty-dir' | 'non-empty-dir' | 'file'> {
    return statOf(vscode.Uri.parse(path, true));
  }

  async mkdirp(path: string): Promise<void> {
    const uri = vscode.Uri.parse(path, true);
    try {
      const st = await vscode.workspace.fs.stat(uri);
      if (st.type & vscode.FileType.Directory) return;
      throw new ScaffoldError(vscode.l10n.t('{0} exists and is not a folder.', uri.fsPath));
    } catch (err) {
      if (err instanceof ScaffoldError) throw err;
    }
    await vscode.workspace.fs.createDirectory(uri);
  }

  async mkdirNew(path: string): Promise<void> {
    const uri = vscode.Uri.parse(path, true);
    if ((await statOf(uri)) !== 'missing') throw vscode.FileSystemError.FileExists(uri);
    await vscode.workspace.fs.createDirectory(uri);
  }

  async writeNew(path: string, content: string, executable: boolean): Promise<void> {
    const uri = vscode.Uri.parse(path, true);
    if ((await statOf(uri)) !== 'missing') throw new ScaffoldError(vscode.l10n.t('{0} already exists; nothing is overwritten.', uri.fsPath));
    await vscode.workspace.fs.writeFile(uri, encoder.encode(content));
    if (executable && uri.scheme === 'file') await nodeFs.chmod(uri.fsPath, 0o755).catch(() => undefined);
  }

  async rename(from: string, to: string): Promise<void> {
    await vscode.workspace.fs.rename(vscode.Uri.parse(from, true), vscode.Uri.parse(to, true), { overwrite: false });
  }

  async list(path: string): Promise<string[]> {
    return (await vscode.workspace.fs.readDirectory(vscode.Uri.parse(path, true))).map(([name]) => name);
  }

  async removeTree(path: string): Promise<void> {
    await vscode.workspace.fs.delete(vscode.Uri.parse(path, true), { recursive: true, useTrash: false });
  }

  join(...parts: string[]): string {
    const [first, ...rest] = parts;
    return vscode.Uri.joinPath(vscode.Uri.parse(first ?? '', true), ...rest).toString();
  }

  display(path: string): string {
    const uri = vscode.Uri.parse(path, true);
    return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
  }
}

/**
 * The scaffold core as the extension host runs it (what the bench times): plans the starter and
 * writes it into `<parent>/<name>` through workspace.fs, as one transaction (see
 * core/scaffold/transaction.ts). Throws ScaffoldError when the target is not empty or a write
 * fails; the target is then as it was.
 */
export async function scaffoldInto(
  template: Template,
  parent: vscode.Uri,
  name: string,
  onProgress?: (done: number, total: number) => void,
  options: { ciWorkflow?: boolean } = {},
): Promise<{ plan: ScaffoldPlan; target: vscode.Uri; ms: number }> {
  const started = performance.now();
  const target = vscode.Uri.joinPath(parent, name);
  const planned = planScaffold(template, { packageName: name, projectId: randomUUID() });
  const plan = options.ciWorkflow ? withCiWorkflow(planned) : planned;
  await writePlanTransactionally(plan, parent.toString(), name, new WorkspaceScaffoldFs(), onProgress);
  return { plan, target, ms: performance.now() - started };
}

function toUri(folder: vscode.Uri | string): vscode.Uri {
  if (typeof folder !== 'string') return folder;
  return /^[a-z][\w+.-]+:\/\//i.test(folder) ? vscode.Uri.parse(folder, true) : vscode.Uri.file(folder);
}

/** Why `<parent>/<name>` cannot be the new project's folder, or undefined when it can. */
async function nameProblem(parent: vscode.Uri, name: string, template: Template): Promise<string | undefined> {
  const problem = packageNameProblem(name, starterNamesOf(template), translate);
  if (problem) return vscode.l10n.t('Not a valid project name: {0}.', problem);
  const state = await statOf(vscode.Uri.joinPath(parent, name));
  if (state === 'non-empty-dir') return vscode.l10n.t('A folder "{0}" already exists here and is not empty; choose another name.', name);
  if (state === 'file') return vscode.l10n.t('A file "{0}" already exists here; choose another name.', name);
  return undefined;
}

/** The default name, or the first free `<default>_2`, `<default>_3`, … in `parent`. */
async function freeName(parent: vscode.Uri, base: string, template: Template): Promise<string> {
  if (!(await nameProblem(parent, base, template))) return base;
  for (let i = 2; i < 100; i++) {
    const candidate = `${base}_${i}`;
    if (!(await nameProblem(parent, candidate, template))) return candidate;
  }
  return base;
}

export class Scaffolder {
  constructor(
    private readonly services: Services,
    private readonly milestones: Milestones,
  ) {}

  private async pickStarter(preselect?: string): Promise<Template | undefined> {
    const templates = this.services.templates();
    if (preselect) {
      const t = templates.find((x) => x.manifest.id === preselect);
      if (!t) void vscode.window.showErrorMessage(vscode.l10n.t('Unknown starter "{0}". Known starters: {1}.', preselect, templates.map((x) => x.manifest.id).join(', ')));
      return t;
    }
    const items = starterPickItems(templates, this.services.catalog.index);
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Scaffold Practice Project (1/4): starter'),
      placeHolder: vscode.l10n.t('Which starter project? Grouped by skill, easiest level first'),
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    return picked?.value;
  }

  /** The folder to create the project in; `openAfter` when no folder is open and the new project must be opened. */
  private async pickParent(template: Template): Promise<{ parent: vscode.Uri; openAfter: boolean } | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 1 && folders[0]) return { parent: folders[0].uri, openAfter: false };
    if (folders.length > 1) {
      const f = await vscode.window.showWorkspaceFolderPick({
        placeHolder: vscode.l10n.t('Scaffold Practice Project (2/4): which folder should hold "{0}"?', template.manifest.title),
        ignoreFocusOut: true,
      });
      return f ? { parent: f.uri, openAfter: false } : undefined;
    }
    const choose = vscode.l10n.t('Choose Folder…');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('No folder is open. Choose a folder to create the project in; it is then opened in this window.'),
      { modal: true },
      choose,
    );
    if (answer !== choose) return undefined;
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Create Project Here'),
      title: vscode.l10n.t('Scaffold Practice Project (2/4): folder to create the project in'),
    });
    const parent = picked?.[0];
    return parent ? { parent, openAfter: true } : undefined;
  }

  private async askName(template: Template, parent: vscode.Uri): Promise<string | undefined> {
    const value = await freeName(parent, template.manifest.defaultName, template);
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Scaffold Practice Project (3/4): project name'),
      prompt: vscode.l10n.t('A Python package name (lowercase letters, digits, underscores). The project is created in {0}.', vscode.Uri.joinPath(parent, '<name>').fsPath),
      value,
      valueSelection: [0, value.length],
      ignoreFocusOut: true,
      validateInput: (v) => nameProblem(parent, v.trim(), template),
    });
    return name?.trim();
  }

  /** The whole command. Resolves to undefined when cancelled or refused (then nothing was written). */
  async run(args: ScaffoldArgs = {}): Promise<ScaffoldResult | undefined> {
    const template = await this.pickStarter(args.starter);
    if (!template) return undefined;
    let parent: vscode.Uri;
    let openAfter = false;
    if (args.folder !== undefined) parent = toUri(args.folder);
    else {
      const p = await this.pickParent(template);
      if (!p) return undefined;
      ({ parent, openAfter } = p);
    }
    let name = args.name;
    if (name !== undefined) {
      const problem = await nameProblem(parent, name, template);
      if (problem) {
        void vscode.window.showErrorMessage(problem);
        return undefined;
      }
    } else {
      name = await this.askName(template, parent);
      if (!name) return undefined;
    }
    let ciWorkflow = args.ciWorkflow === true;
    if (args.ciWorkflow === undefined && args.name === undefined) {
      const options = await askScaffoldOptions(vscode.l10n.t('Scaffold Practice Project (4/4): options'));
      if (!options) return undefined;
      ({ ciWorkflow } = options);
    }

    let written: Awaited<ReturnType<typeof scaffoldInto>>;
    try {
      written = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Scaffolding {0}…', template.manifest.title), cancellable: false },
        async (progress) => {
          let last = 0;
          return scaffoldInto(template, parent, name, (done, total) => {
            const pct = Math.round((done / total) * 100);
            progress.report({ increment: pct - last, message: vscode.l10n.t('{0} of {1} files', done, total) });
            last = pct;
          }, { ciWorkflow });
        },
      );
    } catch (err) {
      const message = err instanceof ScaffoldError ? err.message : String(err);
      // The message says what was written and left (nothing, unless a cleanup failed too).
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not scaffold {0}: {1}', template.manifest.title, message));
      return undefined;
    }
    const { plan, target, ms } = written;
    const result: ScaffoldResult = { starter: template.manifest.id, target, projectId: plan.projectManifest.projectId, files: plan.files.length, ms };
    const readme = plan.files.some((f) => f.path === 'README.md') ? vscode.Uri.joinPath(target, 'README.md') : undefined;

    if (openAfter) {
      const pending: PendingScaffold = { project: target.toString(), ...(readme ? { readme: readme.toString() } : {}), at: Date.now() };
      await writeState(this.services.context, 'pendingScaffold', pending);
      await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
      return result;
    }
    await this.finish(target, readme, args);
    const next = template.manifest.milestones[0];
    void vscode.window.showInformationMessage(
      next
        ? vscode.l10n.t('Created "{0}" ({1} files). First milestone: {2}.', name, plan.files.length, next.title)
        : vscode.l10n.t('Created "{0}" ({1} files).', name, plan.files.length),
    );
    return result;
  }

  /** After writing: show the milestones and open the README. */
  private async finish(target: vscode.Uri, readme: vscode.Uri | undefined, args: ScaffoldArgs = {}): Promise<void> {
    await this.milestones.showProject(target, { reveal: args.reveal !== false });
    if (readme && args.openReadme !== false) await openReadme(readme);
  }

  /** Resumes the steps left when a scaffold had to open a folder (called once at activation). */
  async resumePending(): Promise<boolean> {
    const pending = readState(this.services.context, 'pendingScaffold');
    if (!pending) return false;
    const project = typeof pending.project === 'string' ? vscode.Uri.parse(pending.project, true) : undefined;
    const inWorkspace = project && vscode.workspace.getWorkspaceFolder(project);
    const fresh = typeof pending.at === 'number' && Date.now() - pending.at < PENDING_MAX_AGE_MS;
    // Another window (without that folder) leaves a fresh pending step to the window that has it.
    if (!inWorkspace && fresh) return false;
    await writeState(this.services.context, 'pendingScaffold', undefined);
    if (!project || !inWorkspace) return false;
    await this.finish(project, typeof pending.readme === 'string' ? vscode.Uri.parse(pending.readme, true) : undefined);
    return true;
  }
}

async function openReadme(readme: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', readme);
  } catch {
    await vscode.window.showTextDocument(readme, { preview: true }).then(undefined, () => undefined);
  }
}

/** The command's argument, checked: a folder URI (explorer menu) or ScaffoldArgs; other fields are ignored. */
function parseScaffoldArgs(arg: unknown): ScaffoldArgs {
  if (arg instanceof vscode.Uri) return { folder: arg };
  if (typeof arg !== 'object' || arg === null) return {};
  const get = (name: keyof ScaffoldArgs): unknown => (Object.prototype.hasOwnProperty.call(arg, name) ? (arg as Record<string, unknown>)[name] : undefined);
  const [starter, folder, name, openReadme, reveal, ciWorkflow] = (['starter', 'folder', 'name', 'openReadme', 'reveal', 'ciWorkflow'] as const).map(get);
  return {
    ...(typeof starter === 'string' ? { starter } : {}),
    ...(typeof folder === 'string' || folder instanceof vscode.Uri ? { folder } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof openReadme === 'boolean' ? { openReadme } : {}),
    ...(typeof reveal === 'boolean' ? { reveal } : {}),
    ...(typeof ciWorkflow === 'boolean' ? { ciWorkflow } : {}),
  };
}

export function registerScaffold(context: vscode.ExtensionContext, services: Services, milestones: Milestones): Scaffolder {
  const scaffolder = new Scaffolder(services, milestones);
  context.subscriptions.push(registerCommand('learningPaths.scaffoldProject', (arg) => scaffolder.run(parseScaffoldArgs(arg))));
  void milestones.ready.then(() => scaffolder.resumePending());
  return scaffolder;
}
