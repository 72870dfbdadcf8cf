/** Learning Paths: Show Catalog Summary — how many skills, roles and levels are loaded. */
import * as vscode from 'vscode';
import { registerCommand } from '../commands';
import type { Services } from '../services';

export function registerCatalogSummary(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    registerCommand('learningPaths.showCatalogSummary', async () => {
      const c = services.catalog.index.counts();
      const packs = services.catalog.packFiles.length;
      const message = vscode.l10n.t(
        'Learning Paths: {0} skills, {1} roles, {2} levels loaded ({3} expectations, {4} required){5}.',
        c.skills,
        c.roles,
        c.levels,
        c.expectations,
        c.required,
        packs > 0 ? vscode.l10n.t(', with {0} content-pack file(s)', packs) : '',
      );
      void vscode.window.showInformationMessage(message);
      return c;
    }),
  );
}
