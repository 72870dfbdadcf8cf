/**
 * The Milestones view: a TreeDataProvider that maps the pure rows of core/milestones/treeModel.ts
 * to TreeItems, and the TreeView (checkboxes, reveal, the "could not be read" message).
 */
import * as vscode from 'vscode';
import { describeCheck, type CheckResult } from '../../../core/progress/checks';
import { milestoneItem, milestoneRowId, projectItem, projectRowId, type MilestoneTreeItem, type Paragraph } from '../../../core/milestones/treeModel';
import { rowFeatures, type TestsRowInput } from '../../../core/milestones/testsStatus';
import { resolveProjectPath } from '../../../core/scaffold/plan';
import type { MilestoneDef } from '../../../core/scaffold/types';
import { commandLink, executeCommand } from '../../commands';
import { translate } from '../../translate';
import type { Project, ProjectIndex } from './projectIndex';
import type { MilestoneProgressService } from './progressService';
import { hasSolution } from './solutionView';

export const MILESTONES_VIEW_ID = 'learningPaths.milestones';

export type MilestoneNode = { kind: 'project'; project: Project } | { kind: 'milestone'; project: Project; milestone: MilestoneDef };


function markdown(paragraphs: readonly Paragraph[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  paragraphs.forEach((p, i) => {
    if (i > 0) md.appendMarkdown('\n\n');
    if (p.strong) md.appendMarkdown('**').appendText(p.text).appendMarkdown('**');
    else md.appendText(p.text);
  });
  return md;
}

export class MilestonesTreeProvider implements vscode.TreeDataProvider<MilestoneNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<MilestoneNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** One node object per id, so reveal and selection keep working across refreshes. */
  private readonly nodes = new Map<string, MilestoneNode>();
  private readonly subscription: vscode.Disposable;
  private readonly timers: vscode.Disposable;

  constructor(
    private readonly index: ProjectIndex,
    private readonly progress: MilestoneProgressService,
  ) {
    this.subscription = vscode.Disposable.from(
      progress.onDidChange(() => this.emitter.fire(undefined)),
      // Restricted Mode shows in tooltips; "3 min ago" ages while the view is open.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire(undefined)),
    );
    const timer = setInterval(() => this.emitter.fire(undefined), 60_000);
    this.timers = { dispose: () => clearInterval(timer) };
  }

  projectNode(project: Project): MilestoneNode {
    const id = projectRowId(project.key);
    let n = this.nodes.get(id);
    if (!n || n.project !== project) this.nodes.set(id, (n = { kind: 'project', project }));
    return n;
  }

  milestoneNode(project: Project, milestone: MilestoneDef): MilestoneNode {
    const id = milestoneRowId(project.key, milestone.id);
    let n = this.nodes.get(id);
    if (!n || n.project !== project || (n.kind === 'milestone' && n.milestone !== milestone)) this.nodes.set(id, (n = { kind: 'milestone', project, milestone }));
    return n;
  }

  getChildren(element?: MilestoneNode): MilestoneNode[] {
    if (!element) return this.index.projects.map((p) => this.projectNode(p));
    if (element.kind === 'project' && element.project.template && element.project.manifest) {
      return element.project.template.manifest.milestones.map((m) => this.milestoneNode(element.project, m));
    }
    return [];
  }

  getParent(element: MilestoneNode): MilestoneNode | undefined {
    return element.kind === 'milestone' ? this.projectNode(element.project) : undefined;
  }

  /** The pure row of a node (what getTreeItem shows). */
  row(node: MilestoneNode): MilestoneTreeItem {
    const { project } = node;
    if (node.kind === 'project') {
      return projectItem(translate, {
        key: project.key,
        ...(project.manifest ? { name: project.manifest.name, starter: project.manifest.starter } : {}),
        where: vscode.workspace.asRelativePath(project.folder, true),
        manifestWhere: vscode.workspace.asRelativePath(project.manifestUri, true),
        ...(project.template ? { starterTitle: project.template.manifest.title } : {}),
        ...(project.problem ? { problem: project.problem } : {}),
        counts: this.progress.counts(project),
      });
    }
    const m = node.milestone;
    const pkg = project.manifest?.name ?? '';
    const last = this.progress.lastCheck(project, m.id);
    const isTests = m.check?.kind === 'tests';
    return milestoneItem(translate, {
      projectKey: project.key,
      milestone: m,
      tick: this.progress.ticks(project).get(m.id),
      done: resolveProjectPath(m.done, pkg),
      file: resolveProjectPath(m.file, pkg),
      ...(m.check ? { checkText: describeCheck(m.check, pkg, { t: translate }) } : {}),
      check: this.progress.checkStatus(project, m),
      ...(last ? { checkReason: last.reason } : {}),
      ...(isTests ? { testsRow: this.testsRow(project, m.id, last) } : {}),
      features: rowFeatures(m, { solution: hasSolution(project, m.id), plotExists: this.progress.plotExists(project, m.id) }),
    });
  }

  private testsRow(project: Project, milestone: string, last: CheckResult | undefined): TestsRowInput {
    const problem = this.progress.runProblem(project, milestone);
    return { ...(last?.tests ? { tests: last.tests } : {}), now: Date.now(), restricted: !vscode.workspace.isTrusted, ...(problem ? { runProblem: problem } : {}) };
  }

  getTreeItem(node: MilestoneNode): vscode.TreeItem {
    const row = this.row(node);
    const item = new vscode.TreeItem(row.label, row.expanded === undefined ? vscode.TreeItemCollapsibleState.None : row.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = row.id;
    if (row.description !== undefined) item.description = row.description;
    item.iconPath = new vscode.ThemeIcon(row.icon.id, row.icon.color ? new vscode.ThemeColor(row.icon.color) : undefined);
    item.tooltip = markdown(row.tooltip);
    item.contextValue = row.contextValue;
    item.accessibilityInformation = { label: row.accessibilityLabel };
    if (row.checkbox) {
      item.checkboxState = { state: row.checkbox.checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked, tooltip: row.checkbox.tooltip };
    }
    if (row.action?.kind === 'openManifest') {
      const line = row.action.line - 1;
      item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Manifest'), arguments: [node.project.manifestUri, { selection: new vscode.Range(line, 0, line, 0) }] };
    } else if (row.action?.kind === 'openMilestoneFile' && node.kind === 'milestone') {
      item.command = commandLink('learningPaths.openMilestoneFile', vscode.l10n.t('Open Milestone File'), { projectKey: node.project.key, milestone: node.milestone.id });
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.timers.dispose();
    this.emitter.dispose();
  }
}

/** The tree view itself: selection, reveal, checkbox changes and the view message. */
export class MilestonesView implements vscode.Disposable {
  readonly provider: MilestonesTreeProvider;
  private readonly view: vscode.TreeView<MilestoneNode>;
  private readonly disposables: vscode.Disposable[];

  constructor(
    index: ProjectIndex,
    private readonly progress: MilestoneProgressService,
  ) {
    this.provider = new MilestonesTreeProvider(index, progress);
    this.view = vscode.window.createTreeView(MILESTONES_VIEW_ID, { treeDataProvider: this.provider, manageCheckboxStateManually: true, showCollapseAll: true });
    this.disposables = [
      this.provider,
      this.view,
      this.view.onDidChangeCheckboxState(async (e) => {
        for (const [node, state] of e.items) {
          if (node.kind === 'milestone') await this.progress.setDone(node.project, node.milestone.id, state === vscode.TreeItemCheckboxState.Checked);
        }
      }),
      index.onDidScan((projects) => {
        const broken = projects.filter((p) => p.problem).length;
        this.view.message = broken > 0 ? vscode.l10n.t('{0} project(s) could not be read; see the Problems panel.', broken) : undefined;
      }),
    ];
  }

  /** The milestone selected in the visible view, if any. */
  selectedMilestone(): { project: Project; milestone: MilestoneDef } | undefined {
    const selected = this.view.selection[0];
    return selected?.kind === 'milestone' && this.view.visible ? { project: selected.project, milestone: selected.milestone } : undefined;
  }

  async revealProject(project: Project): Promise<void> {
    await executeCommand('learningPaths.milestones.focus');
    await this.view.reveal(this.provider.projectNode(project), { expand: true, select: false, focus: false });
  }

  async revealMilestone(project: Project, milestone: MilestoneDef, focus = true): Promise<void> {
    await executeCommand('learningPaths.milestones.focus');
    await this.view.reveal(this.provider.milestoneNode(project, milestone), { expand: true, select: true, focus });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
