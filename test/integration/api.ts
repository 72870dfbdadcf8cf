/** The extension's API, activated in the real extension host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { LearningPathsHandle } from '../../src/extension/extension';
import type { LearningPathsApi } from '../../src/extension/main';

export const extensionId = `${pkg.publisher}.${pkg.name}`;

export async function api(): Promise<LearningPathsApi> {
  const ext = vscode.extensions.getExtension<LearningPathsHandle>(extensionId);
  assert.ok(ext, `${extensionId} is not installed`);
  return (await ext.activate()).ready;
}
