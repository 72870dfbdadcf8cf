/**
 * Putting one exercise's results into a TestRun: each test function passed / failed / errored /
 * skipped with its duration; a failure's messages at the failing line of the test file (a diff
 * when two values were compared) and at the deepest frame in the learner's own files
 * (core/testing/results.ts decides which and what).
 */
import * as vscode from 'vscode';
import { failureMessages, type TestResult } from '../../../core/testing/results';
import { projectUri } from './projectRead';
import type { TestTree } from './items';

function toMessage(folder: vscode.Uri, m: ReturnType<typeof failureMessages>[number]): vscode.TestMessage {
  const message = m.expected !== undefined && m.actual !== undefined ? vscode.TestMessage.diff(m.text, m.expected, m.actual) : new vscode.TestMessage(m.text);
  const uri = m.place ? projectUri(folder, m.place.path) : undefined;
  if (uri && m.place) message.location = new vscode.Location(uri, new vscode.Position(m.place.line, 0));
  return message;
}

/** Reports `results` (of the exercise `exercise`) into `run`. */
export function reportResults(run: vscode.TestRun, tree: TestTree, exercise: vscode.TestItem, folder: vscode.Uri, results: readonly TestResult[]): void {
  for (const r of results) {
    const item = r.testId === '' ? exercise : tree.testItem(exercise, r.testId);
    const messages = failureMessages(r, vscode.l10n.t).map((m) => toMessage(folder, m));
    switch (r.outcome) {
      case 'passed':
        run.passed(item, r.durationMs);
        break;
      case 'skipped':
        run.skipped(item);
        break;
      case 'failed':
        run.failed(item, messages, r.durationMs);
        break;
      case 'errored':
        run.errored(item, messages, r.durationMs);
        break;
    }
  }
}
