/**
 * The one place that decides how Verify's tests run: every entry point (Milestones view, palette,
 * Testing view, CodeLens, on save) gets its TestRunner from here. A warm runner: a forked child of
 * a per-project Python that has the heavy imports done (core/verify/warmRunner.ts), falling back to
 * a cold `python -m pytest` on Windows and on any failure of the warm process. Nothing runs, warm
 * or cold, in Restricted Mode; the warm processes end with the window (the runner is disposed with
 * the Milestones feature).
 */
import * as vscode from 'vscode';
import type { TestRunner } from '../../../core/verify/runner';
import { WarmTestRunner } from '../../../core/verify/warmRunner';

export function createTestRunner(extensionUri: vscode.Uri, log?: (line: string) => void): TestRunner {
  return new WarmTestRunner({
    isTrusted: () => vscode.workspace.isTrusted,
    serverScript: vscode.Uri.joinPath(extensionUri, 'media', 'python', 'warm_pytest.py').fsPath,
    ...(log ? { log } : {}),
  });
}
