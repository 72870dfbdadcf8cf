/** The extension's API, activated in the real extension host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { LearningPathsApi } from '../../src/extension/extension';

export const extensionId = `${pkg.publisher}.${pkg.name}`;

export async function api(): Promise<LearningPathsApi> {
  const ext = vscode.extensions.getExtension<LearningPathsApi>(extensionId);
  assert.ok(ext, `${extensionId} is not installed`);
  return ext.activate();
}
