/** Learning Paths: Export Progress Report — a Markdown report, opened as an untitled document or saved to a file. */
import * as vscode from 'vscode';
import { translate } from '../translate';
import { buildProgressReport } from '../../core/progress/report';
import { executeCommand, registerCommand } from '../commands';
import type { Services } from '../services';
import type { MilestonesFeature } from './milestones';

import type { ExportReportArgs } from '../commandTypes';

export type { ExportReportArgs };

/** The report's options, checked: anything else in the argument is ignored. */
function parseReportArgs(arg: unknown): ExportReportArgs {
  if (typeof arg !== 'object' || arg === null || arg instanceof vscode.Uri) return {};
  const save: unknown = 'save' in arg ? arg.save : undefined;
  const open: unknown = 'open' in arg ? arg.open : undefined;
  return { ...(save instanceof vscode.Uri ? { save } : {}), ...(typeof open === 'boolean' ? { open } : {}) };
}

export function registerProgressReport(context: vscode.ExtensionContext, services: Services, milestones: MilestonesFeature): void {
  context.subscriptions.push(
    registerCommand('learningPaths.exportProgressReport', async (arg): Promise<string> => {
      const args = parseReportArgs(arg);
      await milestones.ready;
      const path = services.learnerPath.get();
      const markdown = buildProgressReport({
        index: services.catalog.index,
        ...(path ? { path } : {}),
        projects: milestones.index.active().map((p) => ({
          name: p.manifest.name,
          folder: vscode.workspace.asRelativePath(p.folder, true),
          manifest: p.template.manifest,
          ticks: milestones.progress.ticks(p),
          details: new Map(
            p.template.manifest.milestones.map((m) => {
              const tests = milestones.progress.lastCheck(p, m.id)?.tests;
              const data = milestones.progress.milestoneData(p, m.id);
              return [m.id, { ...(tests ? { tests } : {}), ...(data ? { data } : {}) }];
            }),
          ),
        })),
        now: new Date(),
        t: translate,
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
            if (a === choose) void executeCommand('learningPaths.choosePath');
          });
        }
      }
      return markdown;
    }),
  );
}
