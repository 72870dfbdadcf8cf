// The extension is installed in the running VS Code, activates when its command runs and
// registers its commands. Runs in the real extension host (see index.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';

const extensionId = `${pkg.publisher}.${pkg.name}`;

describe('activation', () => {
  it(`finds the extension ${extensionId}`, () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} is not installed in this VS Code`);
    assert.equal(extension.packageJSON.displayName, 'Learning Paths');
  });

  it('activates when its command runs', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    await vscode.commands.executeCommand('learningPaths.showCatalogSummary');
    assert.equal(extension.isActive, true, 'running learningPaths.showCatalogSummary did not activate the extension');
  });

  it('registers learningPaths.showCatalogSummary', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('learningPaths.showCatalogSummary'), 'learningPaths.showCatalogSummary is not registered');
  });

  it('runs in the VS Code the harness started', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.ok(vscode.workspace.workspaceFolders?.length, 'no workspace folder is open');
    console.log(`    (VS Code ${vscode.version}, ${vscode.env.appName}, ui kind ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'})`);
  });
});
