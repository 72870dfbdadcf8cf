/** Learning Paths: Export Progress Report — a Markdown report, opened as an untitled document or saved to a file. */
import * as vscode from 'vscode';
import { buildProgressReport } from '../../core/progress/report';
import type { Services } from '../services';
import type { MilestonesController } from './milestones';

export interface ExportReportArgs {
  /** Write the report to this file (overwriting it) instead of opening an untitled document. */
  save?: vscode.Uri;
  /** Open the report (default true). */
  open?: boolean;
}

export function registerProgressReport(context: vscode.ExtensionContext, services: Services, milestones: MilestonesController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('learningPaths.exportProgressReport', async (arg?: unknown): Promise<string> => {
      const args: ExportReportArgs = typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? (arg as ExportReportArgs) : {};
      await milestones.ready;
      const path = services.path.get();
      const markdown = buildProgressReport({
        index: services.catalog.index,
        ...(path ? { path } : {}),
        projects: milestones.activeProjects().map((p) => ({
          name: p.manifest.name,
          folder: vscode.workspace.asRelativePath(p.folder, true),
          manifest: p.template.manifest,
          ticks: milestones.ticks(p),
        })),
        now: new Date(),
      });
      if (args.save) {
        await vscode.workspace.fs.writeFile(args.save, new TextEncoder().encode(markdown));
        if (args.open !== false) await vscode.window.showTextDocument(args.save, { preview: true });
        return markdown;
      }
      if (args.open !== false) {
        const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
        await vscode.window.showTextDocument(doc, { preview: false });
        const choose = vscode.l10n.t('Choose My Role and Level');
        if (!path) {
          void vscode.window.showInformationMessage(vscode.l10n.t('The report has no gap to the next level until you choose your role and level.'), choose).then((a) => {
            if (a === choose) void vscode.commands.executeCommand('learningPaths.choosePath');
          });
        }
      }
      return markdown;
    }),
  );
}
