/**
 * Compare with Reference Solution (`learningPaths.compareSolution`): opens `vscode.diff` with the
 * reference on the left, as a read-only virtual document, and the learner's file on the right.
 * The reference is this exercise's change merged onto the learner's current file
 * (core/verify/solution.ts mergeSolution), so the diff shows only what this exercise asks for.
 * It never writes into the project; it asks once per milestone and records "solution viewed".
 */
import * as vscode from 'vscode';
import type { SolutionFile } from '../../../core/verify/solution';
import { loadSolutionMerge } from '../../loadSolutionMerge';
import { resolveProjectPath } from '../../../core/scaffold/plan';
import { registerCommand } from '../../commands';
import type { Resolvers } from './commands';
import { parseTarget } from './commands';
import type { Project, ProjectIndex } from './projectIndex';
import type { MilestoneProgressService } from './progressService';
import { VirtualDocs } from './virtualDocs';
import { SafeReadError } from '../../../core/fs/safeRead';
import { MAX_CHECK_BYTES } from '../../../core/progress/checks';
import { readProjectText } from '../../projectFiles';

export const SOLUTION_SCHEME = 'learningpaths-solution';

/** Whether the template has a reference solution for the milestone. */
export function hasSolution(project: Project, milestone: string): boolean {
  return project.template?.solutions?.some((s) => s.milestone === milestone) ?? false;
}

/** The learner's file as the editor has it, else as the safe read finds it (undefined: absent); a file it may not read is an Error. */
async function currentText(folder: vscode.Uri, rel: string, uri: vscode.Uri): Promise<string | undefined | Error> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return await readProjectText(folder, rel, MAX_CHECK_BYTES);
  } catch (err) {
    if (err instanceof SafeReadError && err.kind === 'missing') return undefined;
    return err instanceof Error ? err : new Error(String(err));
  }
}

export function registerSolutionView(index: ProjectIndex, progress: MilestoneProgressService, resolvers: Resolvers): vscode.Disposable[] {
  const docs = new VirtualDocs(SOLUTION_SCHEME);
  return [
    docs,
    registerCommand('learningPaths.compareSolution', async (arg) => {
      const r = await resolvers.resolveMilestone(arg, (m, _tick, p) => hasSolution(p, m.id), vscode.l10n.t('Compare which milestone with its reference solution?'));
      const project = r?.project;
      if (!r || !project?.template || !project.manifest) return undefined;
      const { milestone } = r;
      const { template, manifest } = project;
      const { mergeSolution, renderSolution, scaffoldedContent } = loadSolutionMerge();
      let files: SolutionFile[] | undefined;
      try {
        files = renderSolution(template, milestone.id, manifest.name);
      } catch (err) {
        void vscode.window.showErrorMessage(vscode.l10n.t('The reference solution of "{0}" cannot be shown: {1}', milestone.title, err instanceof Error ? err.message : String(err)));
        return undefined;
      }
      if (!files?.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The milestone "{0}" has no reference solution.', milestone.title));
        return undefined;
      }
      const data = progress.milestoneData(project, milestone.id);
      if (!data?.solutionViewedAt && !parseTarget(arg, index).confirmed) {
        const show = vscode.l10n.t('Show Reference Solution');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('Compare "{0}" with the reference solution?', milestone.title),
          {
            modal: true,
            detail: vscode.l10n.t('You will see a worked solution of this exercise; the hints (Show Hint) give less away. Viewing it is recorded as "solution viewed" in your progress report. Your files are not changed.'),
          },
          show,
        );
        if (answer !== show) return undefined;
      }
      if (!data?.solutionViewedAt) await progress.updateMilestoneData(project, milestone.id, (d) => ({ ...d, solutionViewedAt: d.solutionViewedAt ?? new Date().toISOString() }));
      // The milestone's own file first.
      const name = manifest.name;
      const own = files.filter((f) => f.path === resolveProjectPath(milestone.file, name));
      const ordered = [...own, ...files.filter((f) => !own.includes(f))];
      const shown: string[] = [];
      for (const f of ordered) {
        const learnerUri = vscode.Uri.joinPath(project.folder, ...f.path.split('/'));
        const current = await currentText(project.folder, f.path, learnerUri);
        if (current instanceof Error) {
          // A link out of the project, a FIFO, a file too large or not UTF-8: never opened, said why.
          void vscode.window.showErrorMessage(vscode.l10n.t('Cannot compare {0} with the reference solution: {1}', f.path, current.message));
          continue;
        }
        const merged = mergeSolution(scaffoldedContent(template, f.path, name), current, f.content);
        if (!merged.ok) {
          void vscode.window.showInformationMessage(vscode.l10n.t('{0}: your code differs where the reference changes it, so the whole reference file is shown.', f.path));
        }
        const refUri = await docs.update(`/${milestone.id}/${f.path}`, merged.ok ? merged.content : f.content, encodeURIComponent(project.key));
        const title = vscode.l10n.t('{0}: reference solution ↔ yours', f.path);
        if (current === undefined) await vscode.window.showTextDocument(refUri, { preview: false });
        else await vscode.commands.executeCommand('vscode.diff', refUri, learnerUri, title, { preview: false });
        shown.push(f.path);
      }
      return shown;
    }),
  ];
}
