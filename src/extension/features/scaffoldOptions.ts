/**
 * What the Scaffold command adds to the picker and the plan for issue 22: the pack a starter comes
 * from (shown in the starter pick), and the optional CI workflow step ("Add a CI workflow",
 * default off), whose file `.github/workflows/learning-path.yml` is added to the scaffold plan so
 * it is written in the same transaction as the project (never overwriting).
 */
import * as vscode from 'vscode';
import { ciWorkflow } from '../../core/authoring/ciWorkflow';
import type { ScaffoldPlan } from '../../core/scaffold/plan';
import type { Template } from '../../core/scaffold/types';

export const CI_WORKFLOW_PATH = '.github/workflows/learning-path.yml';

/** "pack .learning-paths" for a starter from a content pack (its folder, relative to the workspace), else undefined. */
export function packMark(template: Template): string | undefined {
  if (template.pack === undefined) return undefined;
  return vscode.l10n.t('$(package) pack {0}', vscode.workspace.asRelativePath(template.pack, true));
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
    detail: vscode.l10n.t('Checks the milestones on every push with the Learning Paths command line (GitHub Actions).'),
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
