/** The Skills view: by role (Role → Level → Skill) or by skill (Skill → Role → Level). */
import * as vscode from 'vscode';
import type { CatalogIndex } from '../../core/catalog/catalogIndex';
import { cellTooltip, childrenOf, nodeId, parentOf, refForSkill, type GroupBy, type NodeRef, type TreeContext, type TreeNode } from '../../core/tree/model';
import type { CatalogChange } from '../catalogService';
import { commandLink, executeCommand, registerCommand, setContext, type SkillTarget } from '../commands';
import type { Services } from '../services';
import { readState, writeState } from '../state';

export class SkillsTreeProvider implements vscode.TreeDataProvider<NodeRef>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<NodeRef | NodeRef[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, TreeNode>();
  private previous: CatalogIndex;

  constructor(private readonly services: Services) {
    this.previous = services.catalog.index;
  }

  get groupBy(): GroupBy {
    return readState(this.services.context, 'skillsGroupBy') ?? 'role';
  }

  async setGroupBy(mode: GroupBy): Promise<void> {
    await writeState(this.services.context, 'skillsGroupBy', mode);
    await setContext('learningPaths.groupBy', mode);
    this.refresh();
  }

  context(): TreeContext {
    const path = this.services.learnerPath.get();
    return {
      index: this.services.catalog.index,
      groupBy: this.groupBy,
      ...(path ? { path } : {}),
      progress: (skill) => this.services.skillCounts.get(skill),
      t: vscode.l10n.t,
    };
  }

  getChildren(element?: NodeRef): NodeRef[] {
    const children = childrenOf(this.context(), element);
    for (const n of children) this.nodes.set(n.id, n);
    return children.map((n) => n.ref);
  }

  /** The rendered node (label, description, …) of a ref: what a person sees in the row. */
  node(ref: NodeRef): TreeNode | undefined {
    const id = nodeId(ref);
    const cached = this.nodes.get(id);
    if (cached) return cached;
    const ctx = this.context();
    return childrenOf(ctx, parentOf(ctx, ref)).find((n) => n.id === id);
  }

  getTreeItem(ref: NodeRef): vscode.TreeItem {
    const n = this.node(ref);
    if (!n) return new vscode.TreeItem(nodeId(ref));
    const state = !n.collapsible ? vscode.TreeItemCollapsibleState.None : n.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(n.label, state);
    item.id = n.id;
    if (n.description !== undefined) item.description = n.description;
    item.contextValue = n.contextValue;
    item.accessibilityInformation = { label: n.accessibilityLabel };
    item.iconPath = iconOf(n);
    if (ref.kind === 'cell') {
      item.command = commandLink('learningPaths.openSkill', vscode.l10n.t('Open Skill'), { skill: ref.skill, role: ref.role, level: ref.level, via: 'tree' });
    } else if (ref.kind === 'skill') {
      item.command = commandLink('learningPaths.openSkill', vscode.l10n.t('Open Skill'), { skill: ref.skill, via: 'tree' });
    }
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, ref: NodeRef): vscode.TreeItem {
    const index = this.services.catalog.index;
    if (ref.kind === 'cell') {
      item.tooltip = new vscode.MarkdownString(cellTooltip(vscode.l10n.t, index, ref.skill, ref.role, ref.level));
    } else if (ref.kind === 'skill') {
      const s = index.skill(ref.skill);
      if (s) item.tooltip = new vscode.MarkdownString().appendText(`${s.title}\n\n${s.summary}`);
    } else if (ref.kind === 'role') {
      const r = index.role(ref.role);
      if (r) item.tooltip = new vscode.MarkdownString().appendText(`${r.title}\n\n${r.summary}`);
    } else if (ref.kind === 'roleLevel') {
      const l = index.level(ref.level);
      if (l) item.tooltip = new vscode.MarkdownString().appendText(`${l.title}: ${l.summary}`);
    }
    return item;
  }

  getParent(ref: NodeRef): NodeRef | undefined {
    return parentOf(this.context(), ref);
  }

  refresh(): void {
    this.nodes.clear();
    this.previous = this.services.catalog.index;
    this.changed.fire(undefined);
  }

  /** Refreshes only the nodes a catalog change touches. */
  onCatalogChange(change: CatalogChange): void {
    const before = this.previous;
    const after = this.services.catalog.index;
    this.previous = after;
    const added = [...change.skills].some((id) => !before.skill(id) !== !after.skill(id));
    if (change.structure || (added && this.groupBy === 'skill')) return this.refresh();
    const refs = new Map<string, NodeRef>();
    for (const id of change.skills) {
      if (this.groupBy === 'skill') {
        const r: NodeRef = { kind: 'skill', skill: id };
        refs.set(nodeId(r), r);
        continue;
      }
      for (const idx of [before, after]) {
        for (const e of idx.skill(id)?.expectations ?? []) {
          const r: NodeRef = { kind: 'roleLevel', role: e.role, level: e.level };
          refs.set(nodeId(r), r);
        }
      }
    }
    for (const id of refs.keys()) this.nodes.delete(id);
    for (const key of [...this.nodes.keys()]) if ([...change.skills].some((s) => key.includes(`skill:${s}`))) this.nodes.delete(key);
    if (refs.size > 0) this.changed.fire([...refs.values()]);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function iconOf(n: TreeNode): vscode.ThemeIcon {
  switch (n.ref.kind) {
    case 'role':
      return new vscode.ThemeIcon(n.expanded ? 'account' : 'person');
    case 'roleLevel':
      if (n.pathMark === 'current') return new vscode.ThemeIcon('location', new vscode.ThemeColor('charts.blue'));
      if (n.pathMark === 'next') return new vscode.ThemeIcon('arrow-circle-up', new vscode.ThemeColor('charts.green'));
      if (n.pathMark === 'target') return new vscode.ThemeIcon('target');
      return new vscode.ThemeIcon('layers');
    case 'skill':
      return new vscode.ThemeIcon('mortar-board');
    case 'skillRole':
      return new vscode.ThemeIcon('person');
    case 'cell':
      return n.required
        ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'))
        : new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground'));
    case 'page':
      return new vscode.ThemeIcon('list-flat');
  }
}

export function registerSkillsTree(context: vscode.ExtensionContext, services: Services): SkillsTreeProvider {
  const provider = new SkillsTreeProvider(services);
  const view = vscode.window.createTreeView('learningPaths.skills', { treeDataProvider: provider, showCollapseAll: true });
  void setContext('learningPaths.groupBy', provider.groupBy);
  const revealPath = async () => {
    const path = services.learnerPath.get();
    if (path && provider.groupBy === 'role' && view.visible) {
      await view.reveal({ kind: 'role', role: path.role }, { expand: true, select: false, focus: false });
    }
  };
  context.subscriptions.push(
    provider,
    view,
    services.catalog.onDidChange((c) => provider.onCatalogChange(c)),
    services.learnerPath.onDidChange(() => {
      provider.refresh();
      void revealPath();
    }),
    services.skillCounts.onDidChange(() => provider.refresh()),
    registerCommand('learningPaths.groupBySkill', () => provider.setGroupBy('skill')),
    registerCommand('learningPaths.groupByRole', () => provider.setGroupBy('role')),
    registerCommand('learningPaths.revealInTree', async (arg) => {
      const target = parseSkillTarget(arg);
      if (!target) return false;
      const ref = refForSkill(provider.context(), target.skill, target.role, target.level);
      if (!ref) return false;
      await executeCommand('learningPaths.skills.focus');
      await view.reveal(ref, { select: true, focus: true, expand: true });
      return true;
    }),
  );
  return provider;
}

/** `{ skill, role?, level? }` with non-empty strings, or undefined. */
function parseSkillTarget(arg: unknown): SkillTarget | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const get = (name: string): string | undefined => {
    const v: unknown = Object.prototype.hasOwnProperty.call(arg, name) ? (arg as Record<string, unknown>)[name] : undefined;
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  };
  const skill = get('skill');
  const role = get('role');
  const level = get('level');
  return skill ? { skill, ...(role ? { role } : {}), ...(level ? { level } : {}) } : undefined;
}
