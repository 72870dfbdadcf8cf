/** Learning Paths: Choose My Role and Level — role, current level, target level. */
import * as vscode from 'vscode';
import type { MyPath } from '../../core/tree/model';
import { registerCommand } from '../commands';
import type { Services } from '../services';
import { STATE } from '../state';

interface Pick<T> extends vscode.QuickPickItem {
  value: T;
}

export function registerChoosePath(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    registerCommand('learningPaths.choosePath', async (arg): Promise<MyPath | undefined> => {
      const preset = STATE.learnerPath.parse(arg);
      const index = services.catalog.index;
      const existing = services.learnerPath.get();
      // Tests and links may pass a complete path; it is validated like a pick.
      if (preset) {
        if (!index.role(preset.role) || !index.level(preset.current) || !index.level(preset.target)) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Unknown role or level: {0}', JSON.stringify(preset)));
          return undefined;
        }
        const path = { role: preset.role, current: preset.current, target: preset.target };
        await services.learnerPath.set(path);
        return path;
      }
      const role = await vscode.window.showQuickPick<Pick<string>>(
        index.roles.map((r) => ({ label: r.title, description: r.id === existing?.role ? vscode.l10n.t('current choice') : undefined, detail: r.summary, value: r.id })),
        { title: vscode.l10n.t('My path (1/3): your role'), placeHolder: vscode.l10n.t('Which role are you growing in?'), matchOnDetail: true, ignoreFocusOut: true },
      );
      if (!role) return undefined;
      const levelItems = (from: number) =>
        index.levels.filter((l) => l.order >= from).map((l) => ({ label: l.title, description: l.summary, value: l.id }));
      const current = await vscode.window.showQuickPick<Pick<string>>(levelItems(0), {
        title: vscode.l10n.t('My path (2/3): your current level as {0}', role.label),
        placeHolder: vscode.l10n.t('Where are you now?'),
        matchOnDescription: true,
        ignoreFocusOut: true,
      });
      if (!current) return undefined;
      const currentOrder = index.level(current.value)?.order ?? 0;
      const next = index.nextLevel(current.value);
      const targets = levelItems(currentOrder + 1);
      let target: Pick<string> | undefined;
      if (targets.length === 0) {
        target = { label: current.label, value: current.value };
      } else {
        target = await vscode.window.showQuickPick<Pick<string>>(
          targets.map((t) => (t.value === next?.id ? { ...t, picked: true, description: `${vscode.l10n.t('next step')} · ${t.description}` } : t)),
          { title: vscode.l10n.t('My path (3/3): your target level'), placeHolder: vscode.l10n.t('Where do you want to get?'), matchOnDescription: true, ignoreFocusOut: true },
        );
      }
      if (!target) return undefined;
      const path = { role: role.value, current: current.value, target: target.value };
      await services.learnerPath.set(path);
      void vscode.window.showInformationMessage(vscode.l10n.t('Your path: {0}, {1} → {2}.', role.label, current.label, target.label));
      return path;
    }),
    registerCommand('learningPaths.clearPath', () => services.learnerPath.set(undefined)),
  );
}
