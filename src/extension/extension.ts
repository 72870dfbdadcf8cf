/**
 * Activation entry (dist/extension.js). It stays tiny so activation costs what an empty
 * extension costs: it registers a forwarding stub for every contributed command and the skill
 * page's serializer (both must exist when activation returns), then loads the features
 * (dist/main.js) right after activation returns, or at once when a command or a restored panel
 * needs them. Loading swaps the stubs for the real commands.
 */
import * as vscode from 'vscode';
import { SKILL_PAGE_VIEW_TYPE } from '../shared/protocol';
import type { LearningPathsApi } from './main';

type Main = typeof import('./main');

/** What `activate` returns; `ready` resolves to the features' API once they are loaded. */
export interface LearningPathsHandle {
  readonly ready: Promise<LearningPathsApi>;
}

export function activate(context: vscode.ExtensionContext): LearningPathsHandle {
  const stubs: vscode.Disposable[] = [];
  let loaded: Promise<LearningPathsApi> | undefined;
  const load = (): Promise<LearningPathsApi> =>
    (loaded ??= new Promise<LearningPathsApi>((resolve) => {
      for (const stub of stubs.splice(0)) stub.dispose();
      // A separate bundle, required on demand (see scripts/build.mjs).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const main = require('./main.js') as Main;
      resolve(main.activateFeatures(context));
    }));

  const contributed = (context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? [];
  for (const { command } of contributed) {
    stubs.push(
      vscode.commands.registerCommand(command, async (...args: unknown[]) => {
        await load();
        return vscode.commands.executeCommand(command, ...args);
      }),
    );
  }
  context.subscriptions.push(
    { dispose: () => stubs.splice(0).forEach((s) => s.dispose()) },
    vscode.window.registerWebviewPanelSerializer(SKILL_PAGE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => (await load()).skillPages.deserializeWebviewPanel(panel, state),
    }),
  );
  // The views need their providers now: load the features as soon as activation has returned.
  setImmediate(() => {
    load().catch((err: unknown) => {
      void vscode.window.showErrorMessage(vscode.l10n.t('Learning Paths could not start: {0}', err instanceof Error ? err.message : String(err)));
    });
  });
  return {
    get ready() {
      return load();
    },
  };
}

export function deactivate(): void {}
