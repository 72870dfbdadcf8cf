/** Status-bar item: `done/total` milestones of the current project; a click reveals the next open one. */
import * as vscode from 'vscode';
import type { MilestonesController } from './milestones';

export class MilestonesStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('learningPaths.milestones', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly controller: MilestonesController) {
    this.item.name = vscode.l10n.t('Learning Paths Milestones');
    this.disposables.push(
      this.item,
      controller.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const project = this.controller.currentProject();
    if (!project?.manifest || !project.template) {
      this.item.hide();
      return;
    }
    const n = this.controller.count(project);
    const next = this.controller.nextOpen(project);
    this.item.text = `$(checklist) ${n.done}/${n.total}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(project.manifest.name).appendMarkdown('**\n\n');
    tooltip.appendText(vscode.l10n.t('{0} of {1} milestones done ({2} verified).', n.done, n.total, n.verified)).appendMarkdown('\n\n');
    tooltip.appendText(next ? vscode.l10n.t('Next: {0} — click to go to it.', next.title) : vscode.l10n.t('All milestones done.'));
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = {
      label: next
        ? vscode.l10n.t('{0}: {1} of {2} milestones done. Next: {3}', project.manifest.name, n.done, n.total, next.title)
        : vscode.l10n.t('{0}: all {1} milestones done', project.manifest.name, n.total),
    };
    this.item.command = { command: 'learningPaths.nextMilestone', title: vscode.l10n.t('Go to Next Milestone'), arguments: [{ projectId: project.manifest.projectId }] };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function registerMilestonesStatusBar(context: vscode.ExtensionContext, controller: MilestonesController): MilestonesStatusBar {
  const bar = new MilestonesStatusBar(controller);
  context.subscriptions.push(bar);
  return bar;
}
