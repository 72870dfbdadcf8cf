/** Learning Paths: Find Skill or Expectation… — search every skill and expectation text. */
import * as vscode from 'vscode';
import { executeCommand, registerCommand, type SkillTarget } from '../commands';
import type { Services } from '../services';

interface Item extends vscode.QuickPickItem {
  target: SkillTarget;
}

export function registerFindSkill(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    registerCommand('learningPaths.findSkill', async () => {
      const index = services.catalog.index;
      const items: (Item | vscode.QuickPickItem)[] = [{ label: vscode.l10n.t('Skills'), kind: vscode.QuickPickItemKind.Separator }];
      for (const s of index.skills) {
        items.push({ label: `$(mortar-board) ${s.title}`, description: s.summary, detail: [s.domain, s.group].filter(Boolean).join(' · ') || undefined, target: { skill: s.id } });
      }
      items.push({ label: vscode.l10n.t('Expectations'), kind: vscode.QuickPickItemKind.Separator });
      for (const s of index.skills) {
        for (const e of s.expectations) {
          const role = index.role(e.role)?.title ?? e.role;
          const level = index.level(e.level)?.title ?? e.level;
          items.push({
            label: `${e.required ? '$(pass-filled)' : '$(circle-large-outline)'} ${s.title} — ${role}, ${level}`,
            description: e.text,
            detail: e.required ? vscode.l10n.t('Required') : vscode.l10n.t('Optional'),
            target: { skill: s.id, role: e.role, level: e.level },
          });
        }
      }
      const pick = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Find Skill or Expectation'),
        placeHolder: vscode.l10n.t('Type a skill, tool or technique (e.g. DDP, Kubeflow, autograd)'),
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!pick || !('target' in pick)) return undefined;
      await executeCommand('learningPaths.revealInTree', pick.target);
      return pick.target;
    }),
  );
}
