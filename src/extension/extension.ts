/**
 * Activation entry (dist/extension.js). It stays tiny so activation costs what an empty
 * extension costs: it registers a forwarding stub for every contributed command and the skill
 * page's serializer (both must exist when activation returns), then loads the features
 * (dist/main.js) right after activation returns, or at once when a command or a restored panel
 * needs them. Loading swaps the stubs for the real commands.
 *
 * `activate` returns nothing to other extensions. In ExtensionMode.Test only (integration
 * tests, the bench) it returns a handle whose `ready` resolves to the test API (testApi.ts).
 */
import * as vscode from 'vscode';
import { SKILL_PAGE_VIEW_TYPE } from '../shared/protocol';
import type { Features } from './main';
import type { TestApi } from './testApi';

type TestApiModule = typeof import('./testApi');

type Main = typeof import('./main');

/** What `activate` returns in ExtensionMode.Test; `ready` resolves once the features are loaded. */
export interface TestHandle {
  readonly ready: Promise<TestApi>;
}

export function activate(context: vscode.ExtensionContext): TestHandle | undefined {
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  // Test mode only: a separate bundle (dist/testApi.js), never loaded by a shipped extension.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const testApi = testing ? (require('./testApi.js') as TestApiModule) : undefined;
  const probe = testApi ? new testApi.SkillPageProbe() : undefined;
  const stubs: vscode.Disposable[] = [];
  let loaded: Promise<Features> | undefined;
  const load = (): Promise<Features> =>
    (loaded ??= new Promise<Features>((resolve) => {
      for (const stub of stubs.splice(0)) stub.dispose();
      // A separate bundle, required on demand (see scripts/build.mjs).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const main = require('./main.js') as Main;
      resolve(main.activateFeatures(context, probe ? { skillPageObserver: probe.observer } : {}));
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
  if (!testApi || !probe) return undefined;
  return {
    get ready() {
      return load().then((features) => testApi.createTestApi(context, features, probe));
    },
  };
}

export function deactivate(): void {}
