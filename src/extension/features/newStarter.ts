/**
 * Learning Paths: New Starter… — writes an authoring skeleton (core/authoring/skeleton.ts, the
 * same one as the CLI's `starters new`) into `.learning-paths/starters/<id>/` of a workspace
 * folder, where it loads as a content-pack starter. Asks the id; never overwrites (an existing
 * starter folder is refused, and the files are written as one transaction: all or nothing).
 */
import * as vscode from 'vscode';
import { starterSkeleton } from '../../core/authoring/skeleton';
import { STARTERS_FOLDER } from '../../core/catalog/packFiles';
import { ScaffoldError } from '../../core/scaffold/plan';
import { writePlanTransactionally } from '../../core/scaffold/transaction';
import { registerCommand } from '../commands';
import type { NewStarterArgs } from '../commandTypes';
import type { Services } from '../services';
import { WorkspaceScaffoldFs } from './scaffold';

/** Arguments of `learningPaths.newStarter` (commandTypes.ts); each skips its prompt. */
export type { NewStarterArgs };

const ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function startersDir(folder: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(folder, '.learning-paths', STARTERS_FOLDER);
}

/** Why `id` cannot be a new starter in `folder`, or undefined when it can. */
async function idProblem(folder: vscode.Uri, id: string): Promise<string | undefined> {
  if (!ID_RE.test(id) || id.length > 80) return vscode.l10n.t('Use lowercase letters, digits and single hyphens (like team-numpy-basics), at most 80 characters.');
  if (await exists(vscode.Uri.joinPath(startersDir(folder), id))) return vscode.l10n.t('A starter "{0}" already exists here; nothing is overwritten. Choose another id.', id);
  return undefined;
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('New Starter writes into .learning-paths/starters/ of a workspace folder: open a folder first.'));
    return undefined;
  }
  if (folders.length === 1) return folders[0]?.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('New Starter: which folder should hold it?'), ignoreFocusOut: true }))?.uri;
}

/** The whole command: the new starter's folder, or undefined when cancelled or refused (then nothing was written). */
export async function newStarter(services: Services, args: NewStarterArgs = {}): Promise<string | undefined> {
  const folder = args.folder ?? (await pickFolder());
  if (!folder) return undefined;
  let id = args.id;
  if (id === undefined) {
    id = (
      await vscode.window.showInputBox({
        title: vscode.l10n.t('New Starter: id'),
        prompt: vscode.l10n.t('The starter id (also its folder name under .learning-paths/starters/).'),
        value: 'team-starter',
        ignoreFocusOut: true,
        validateInput: (v) => idProblem(folder, v.trim()),
      })
    )?.trim();
    if (!id) return undefined;
  }
  const problem = await idProblem(folder, id);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return undefined;
  }
  const parent = startersDir(folder);
  const fs = new WorkspaceScaffoldFs();
  const files = starterSkeleton(id).map((f) => ({ ...f, executable: false }));
  try {
    await fs.mkdirp(parent.toString());
    await writePlanTransactionally({ files }, parent.toString(), id, fs);
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not write the starter {0}: {1}', id, err instanceof ScaffoldError ? err.message : String(err)));
    return undefined;
  }
  const target = vscode.Uri.joinPath(parent, id);
  // Load it now rather than wait for the file watcher (the folder arrives by one rename).
  void services.catalog.reload();
  const manifest = vscode.Uri.joinPath(target, 'template.yaml');
  if (await exists(manifest)) await vscode.window.showTextDocument(manifest, { preview: false }).then(undefined, () => undefined);
  void vscode.window.showInformationMessage(vscode.l10n.t('Created the starter "{0}" ({1} files). It appears in Scaffold Practice Project once it is valid; problems show in the Problems panel.', id, files.length));
  return target.fsPath;
}

function parseArgs(arg: unknown): NewStarterArgs {
  if (typeof arg !== 'object' || arg === null) return {};
  const { id, folder } = arg as { id?: unknown; folder?: unknown };
  return { ...(typeof id === 'string' ? { id } : {}), ...(folder instanceof vscode.Uri ? { folder } : {}) };
}

export function registerNewStarter(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(registerCommand('learningPaths.newStarter', (arg) => newStarter(services, parseArgs(arg))));
}
