/** Status-bar item: `done/total` milestones of the current project; a click reveals the next open one. */
import * as vscode from 'vscode';
import { commandLink } from '../../commands';
import type { ProjectIndex } from './projectIndex';
import type { MilestoneProgressService } from './progressService';

export class MilestonesStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('learningPaths.milestones', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private flashTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly index: ProjectIndex,
    private readonly progress: MilestoneProgressService,
  ) {
    this.item.name = vscode.l10n.t('Learning Paths Milestones');
    this.disposables.push(
      this.item,
      progress.onDidChange(() => this.update()),
      index.onDidFocus(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  /** After a test run: shows the failing count for a few seconds, then done/total again. */
  flashFailing(count: number, ms = 6000): void {
    clearTimeout(this.flashTimer);
    this.item.text = `$(error) ${vscode.l10n.t('{0} failing', count)}`;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.item.show();
    this.flashTimer = setTimeout(() => {
      this.flashTimer = undefined;
      this.item.backgroundColor = undefined;
      this.update();
    }, ms);
  }

  /** Ends the failing count early (a later run passed). */
  endFlash(): void {
    if (!this.flashTimer) return;
    clearTimeout(this.flashTimer);
    this.flashTimer = undefined;
    this.item.backgroundColor = undefined;
    this.update();
  }

  private update(): void {
    if (this.flashTimer) return; // the failing count shows until its timer ends
    const project = this.index.current();
    if (!project) {
      this.item.hide();
      return;
    }
    const n = this.progress.counts(project);
    const next = this.progress.nextOpen(project);
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
    this.item.command = commandLink('learningPaths.nextMilestone', vscode.l10n.t('Go to Next Milestone'), { projectId: project.manifest.projectId });
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.flashTimer);
    for (const d of this.disposables) d.dispose();
  }
}
