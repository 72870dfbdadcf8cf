/** The extension's API, activated in the real extension host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { TestHandle } from '../../src/extension/extension';
import type { TestApi } from '../../src/extension/testApi';

export const extensionId = `${pkg.publisher}.${pkg.name}`;

/** The test API (`activate` returns it in ExtensionMode.Test only). */
export async function api(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestHandle | undefined>(extensionId);
  assert.ok(ext, `${extensionId} is not installed`);
  const handle = await ext.activate();
  assert.ok(handle, 'activate returned no test API: is the extension host in ExtensionMode.Test?');
  return handle.ready;
}
