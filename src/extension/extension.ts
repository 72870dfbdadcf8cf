import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('learningPaths.showCatalogSummary', () => {
      void vscode.window.showInformationMessage(vscode.l10n.t('Learning Paths: {0} skills, {1} roles, {2} levels loaded.', 0, 0, 0));
    }),
  );
}

export function deactivate(): void {}
