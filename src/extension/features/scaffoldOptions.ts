/**
 * The Scaffold command's starter pick (rows grouped by skill; a content pack's starter names its
 * pack), and the optional CI workflow step ("Add a CI workflow", default off), whose file
 * `.github/workflows/learning-path.yml` is added to the scaffold plan so it is written in the same
 * transaction as the project (never overwriting).
 */
import * as vscode from 'vscode';
import { ciWorkflow } from '../../core/authoring/ciWorkflow';
import type { CatalogIndex } from '../../core/catalog/catalogIndex';
import type { ScaffoldPlan } from '../../core/scaffold/plan';
import type { Template } from '../../core/scaffold/types';

export const CI_WORKFLOW_PATH = '.github/workflows/learning-path.yml';

/** `text` cut at a word boundary to at most `max` characters, with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/**
 * The Scaffold picker's rows: starters grouped by skill (a separator per skill), easiest level
 * first; a pack starter says which pack it comes from.
 */
export function starterPickItems(templates: readonly Template[], index: CatalogIndex): (vscode.QuickPickItem & { value?: Template })[] {
  const skillTitle = (id: string) => index.skill(id)?.title ?? id;
  const levelOrder = (id: string) => index.level(id)?.order ?? 99;
  const sorted = [...templates].sort(
    (a, b) =>
      skillTitle(a.manifest.skill).localeCompare(skillTitle(b.manifest.skill)) ||
      levelOrder(a.manifest.level) - levelOrder(b.manifest.level) ||
      a.manifest.title.localeCompare(b.manifest.title),
  );
  const items: (vscode.QuickPickItem & { value?: Template })[] = [];
  let lastSkill: string | undefined;
  for (const t of sorted) {
    const m = t.manifest;
    if (m.skill !== lastSkill) {
      // VS Code draws a separator's label beside the group's first item: keep it short.
      items.push({ label: shorten(skillTitle(m.skill), 36), kind: vscode.QuickPickItemKind.Separator });
      lastSkill = m.skill;
    }
    const roles = m.roles.map((r) => index.role(r)?.title ?? r).join(', ');
    items.push({
      label: m.title,
      description: [index.level(m.level)?.title ?? m.level, vscode.l10n.t('{0} milestones', m.milestones.length), packMark(t)].filter(Boolean).join(' · '),
      detail: `${m.description}${roles ? ` — ${vscode.l10n.t('for {0}', roles)}` : ''}`,
      value: t,
    });
  }
  return items;
}

/** "pack .learning-paths" for a starter from a content pack (its folder, relative to the workspace), else undefined. */
export function packMark(template: Template): string | undefined {
  if (template.pack === undefined) return undefined;
  return `$(package) ${vscode.l10n.t('pack {0}', vscode.workspace.asRelativePath(template.pack))}`;
}

/** The plan with the CI workflow added (a starter that ships its own keeps it). */
export function withCiWorkflow(plan: ScaffoldPlan): ScaffoldPlan {
  if (plan.files.some((f) => f.path === CI_WORKFLOW_PATH)) return plan;
  return { ...plan, files: [...plan.files, { path: CI_WORKFLOW_PATH, content: ciWorkflow(), executable: false }] };
}

/** The last step: options, each off unless picked. Undefined when cancelled. */
export async function askScaffoldOptions(title: string): Promise<{ ciWorkflow: boolean } | undefined> {
  const ci: vscode.QuickPickItem = {
    label: vscode.l10n.t('Add a CI workflow'),
    description: CI_WORKFLOW_PATH,
    detail: vscode.l10n.t('Checks the milestones on every push (GitHub Actions).'),
    picked: false,
  };
  const picked = await vscode.window.showQuickPick([ci], {
    title,
    placeHolder: vscode.l10n.t('Options (press Enter to scaffold; none is needed)'),
    canPickMany: true,
    ignoreFocusOut: true,
  });
  return picked ? { ciWorkflow: picked.includes(ci) } : undefined;
}
