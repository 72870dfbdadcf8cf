/**
 * Show Hint (`learningPaths.showHint`): reveals the next of a milestone's 1–3 graduated hints and
 * shows every revealed one in a Markdown preview of a read-only virtual document. The number
 * revealed is kept in the progress store (and shown in the progress report).
 * Open Plot (`learningPaths.openPlot`): opens the milestone's plot PNG in VS Code's image preview.
 */
import * as vscode from 'vscode';
import { hintsMarkdown, nextHintCount } from '../../../core/milestones/hints';
import { relativePathProblem } from '../../../core/scaffold/paths';
import { resolveProjectPath } from '../../../core/scaffold/plan';
import { registerCommand } from '../../commands';
import { translate } from '../../translate';
import type { Resolvers } from './commands';
import type { MilestoneProgressService } from './progressService';
import { VirtualDocs } from './virtualDocs';

export const HINTS_SCHEME = 'learningpaths-hints';

export function registerHints(progress: MilestoneProgressService, resolvers: Resolvers): vscode.Disposable[] {
  const docs = new VirtualDocs(HINTS_SCHEME);
  return [
    docs,
    registerCommand('learningPaths.showHint', async (arg) => {
      const r = await resolvers.resolveMilestone(arg, (m) => (m.hints?.length ?? 0) > 0, vscode.l10n.t('Show a hint for which milestone?'));
      const hints = r?.milestone.hints;
      if (!r || !hints?.length) return undefined;
      const revealed = nextHintCount(progress.milestoneData(r.project, r.milestone.id)?.hintsRevealed, hints.length);
      const saved = await progress.updateMilestoneData(r.project, r.milestone.id, (d) => ({ ...d, hintsRevealed: Math.max(d.hintsRevealed ?? 0, revealed) }));
      if (!saved) void vscode.window.showWarningMessage(vscode.l10n.t('The hint is shown, but the number of hints revealed could not be saved (the stored progress is read-only).'));
      const uri = await docs.update(`/hints/${r.milestone.id}.md`, hintsMarkdown(translate, r.milestone.title, hints, revealed), encodeURIComponent(r.project.key));
      await vscode.workspace.openTextDocument(uri);
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
      } catch {
        await vscode.window.showTextDocument(uri, { preview: true });
      }
      return revealed;
    }),
    registerCommand('learningPaths.openPlot', async (arg) => {
      const r = await resolvers.resolveMilestone(arg, (m) => m.plot !== undefined, vscode.l10n.t('Open the plot of which milestone?'));
      if (!r?.milestone.plot || !r.project.manifest) return false;
      const rel = resolveProjectPath(r.milestone.plot, r.project.manifest.name);
      if (relativePathProblem(rel)) return false;
      const uri = vscode.Uri.joinPath(r.project.folder, ...rel.split('/'));
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} does not exist yet: run the project to draw it.', rel));
        return false;
      }
      await vscode.commands.executeCommand('vscode.open', uri, { preview: true });
      return true;
    }),
  ];
}
