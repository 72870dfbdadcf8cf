// The Testing view in the real extension host: a scaffolded ml-pipeline project's exercises as
// test items (project → exercise at its stub → test functions, found without Python), a Verify
// that reports each test with its failure at the failing line and at the learner's stub, a
// comparison that carries expected and actual (VS Code's diff), the Verify profile run from the
// Testing view as the same operation, items kept current, and verify on save (and off).
// Debian's /usr/bin/python3 with pytest through learningPaths.pythonPath.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Project } from '../../src/extension/features/milestones';
import type { VerifyRun } from '../../src/extension/features/milestones/verifyRunner';
import type { ScaffoldResult } from '../../src/extension/features/scaffold';
import type { TestApi } from '../../src/extension/testApi';
import { waitFor } from '../shared/helpers';
import { api } from './api';

const NAME = 'testing_it';
const EXERCISE = 'psi-drift-score';
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** What one TestRun reported, recorded by wrapping the controller's createTestRun. */
interface Recorded {
  name: string | undefined;
  preserveFocus: boolean;
  states: Map<string, { state: string; messages: vscode.TestMessage[]; duration?: number }>;
  output: string;
  ended: boolean;
}

const idOf = (item: vscode.TestItem) => {
  const parts: string[] = [];
  for (let i: vscode.TestItem | undefined = item; i; i = i.parent) parts.unshift(i.id);
  return parts.slice(1).join('/'); // without the project key
};

describe('The Testing view: exercises as tests, failures at their lines, verify on save', function () {
  this.timeout(180_000);
  let a: TestApi;
  let result: ScaffoldResult;
  let stub = '';
  const runs: Recorded[] = [];
  let restore: (() => void) | undefined;

  const project = (): Project => {
    const p = a.milestones.index.projects.find((x) => x.manifest?.projectId === result.projectId);
    assert.ok(p?.manifest);
    return p;
  };
  const file = (...rel: string[]) => vscode.Uri.joinPath(project().folder, ...rel);
  const exerciseItem = () => {
    const p = a.milestones.testing.controller.items.get(project().key);
    assert.ok(p, 'no project item');
    const e = p.children.get(EXERCISE);
    assert.ok(e, 'no exercise item');
    return e;
  };
  const verify = () => vscode.commands.executeCommand<VerifyRun | undefined>('learningPaths.verifyMilestone', { projectId: result.projectId, milestone: EXERCISE });

  before(async () => {
    a = await api();
    await a.milestones.ready;
    await vscode.workspace.getConfiguration('learningPaths').update('pythonPath', '/usr/bin/python3', vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('learningPaths').update('verifyOnSave', 'off', vscode.ConfigurationTarget.Workspace);
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    const r = await vscode.commands.executeCommand<ScaffoldResult | undefined>('learningPaths.scaffoldProject', { starter: 'ml-pipeline', folder: root, name: NAME });
    assert.ok(r, 'scaffold failed');
    result = r;
    await a.milestones.progress.refresh();
    await a.milestones.testing.sync();
    stub = decoder.decode(await vscode.workspace.fs.readFile(file(NAME, 'drift_psi.py')));
    // Record every TestRun (an extension cannot read another's results through the API).
    const controller = a.milestones.testing.controller;
    const original = controller.createTestRun.bind(controller);
    controller.createTestRun = (request, name, persist) => {
      const run = original(request, name, persist);
      const rec: Recorded = { name, preserveFocus: request.preserveFocus, states: new Map(), output: '', ended: false };
      runs.push(rec);
      const set = (state: string) => (item: vscode.TestItem, messages?: vscode.TestMessage | readonly vscode.TestMessage[], duration?: number) =>
        rec.states.set(idOf(item), { state, messages: messages === undefined ? [] : Array.isArray(messages) ? [...(messages as vscode.TestMessage[])] : [messages as vscode.TestMessage], ...(duration !== undefined ? { duration } : {}) });
      return new Proxy(run, {
        get(target, prop, receiver) {
          const real = Reflect.get(target, prop, receiver) as unknown;
          if (typeof real !== 'function') return real;
          const fn = (real as (...args: unknown[]) => unknown).bind(target);
          return (...args: unknown[]) => {
            if (prop === 'passed') set('passed')(args[0] as vscode.TestItem, undefined, args[1] as number | undefined);
            if (prop === 'failed' || prop === 'errored') set(prop)(args[0] as vscode.TestItem, args[1] as vscode.TestMessage[], args[2] as number | undefined);
            if (prop === 'skipped') set('skipped')(args[0] as vscode.TestItem);
            if (prop === 'appendOutput') rec.output += String(args[0]);
            if (prop === 'end') rec.ended = true;
            return fn(...args);
          };
        },
      });
    };
    restore = () => (controller.createTestRun = original);
  });

  after(async () => {
    restore?.();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const config = vscode.workspace.getConfiguration('learningPaths');
    await config.update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('verifyOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    if (result) await vscode.workspace.fs.delete(result.target, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await a.milestones.progress.refresh();
  });

  it('lists project → exercises (at the stub line) → test functions (at their def), without running Python', () => {
    const p = a.milestones.testing.controller.items.get(project().key);
    assert.equal(p?.label, NAME);
    const exercises: string[] = [];
    p?.children.forEach((c) => exercises.push(c.id));
    assert.deepEqual(exercises.sort(), ['data-validation-gate', 'ks-drift-trigger', 'model-registry', 'psi-drift-score']);
    const e = exerciseItem();
    assert.equal(e.uri?.toString(), file(NAME, 'drift_psi.py').toString());
    const stubLine = stub.split('\n').findIndex((l) => l.includes('TODO(milestone: psi-drift-score)'));
    assert.ok(stubLine > 0);
    assert.equal(e.range?.start.line, stubLine, 'clicking the exercise reveals its stub');
    const tests: [string, number | undefined, string | undefined][] = [];
    e.children.forEach((c) => tests.push([c.id, c.range?.start.line, c.uri?.path.split('/').pop()]));
    assert.equal(tests.length, 8, 'eight test functions (one of them parametrized)');
    assert.deepEqual(tests[0], ['test_identical_distributions_score_zero', 15, 'test_psi_drift_score.py']);
  });

  it('Verify reports every test failed, at the failing line of the test and at the stub\'s raise', async () => {
    runs.length = 0;
    const run = await verify();
    assert.equal(run?.outcome, 'finished', JSON.stringify(run));
    assert.equal(run.results[0]?.state, 'failing');
    assert.equal(runs.length, 1, 'one Verify, one TestRun');
    const rec = runs[0] as Recorded;
    assert.ok(rec.ended);
    assert.equal(rec.preserveFocus, false, 'an explicit Verify shows its results');
    assert.match(rec.output, /-m pytest milestones\/test_psi_drift_score\.py/);
    assert.match(rec.output, /10 failed/, 'ten cases: seven functions and three parameter sets');
    assert.ok(rec.output.includes('\r\n') && !/[^\r]\n/.test(rec.output), 'CRLF for the Test Results terminal');
    const first = rec.states.get(`${EXERCISE}/test_identical_distributions_score_zero`);
    assert.equal(first?.state, 'failed');
    assert.ok((first?.duration ?? -1) >= 0);
    const [atTest, atStub] = first?.messages ?? [];
    assert.match(String(atTest?.message), /psi_from_counts still raises NotImplementedError/);
    assert.equal(atTest?.location?.uri.toString(), file('milestones', 'test_psi_drift_score.py').toString());
    assert.equal(atTest?.location?.range.start.line, 16);
    const raiseLine = stub.split('\n').findIndex((l) => l.includes('raise NotImplementedError("Score drift'));
    assert.equal(atStub?.location?.uri.toString(), file(NAME, 'drift_psi.py').toString());
    assert.equal(atStub?.location?.range.start.line, raiseLine);
    assert.match(String(atStub?.message), /^NotImplementedError: Score drift with the population stability index \(PSI\) \(from test_identical_distributions_score_zero\)/);
    assert.equal([...rec.states.values()].filter((s) => s.state === 'failed').length, 10, 'every case failed (each parameter set is its own item)');
  });

  it('a wrong value fails with expected and actual, so VS Code offers its diff', async () => {
    const wrong = stub.replace('raise NotImplementedError("Score drift with the population stability index (PSI)")', 'if len(reference_counts) != len(current_counts):\n        raise ValueError("bins")\n    return 0.5');
    assert.notEqual(wrong, stub);
    await vscode.workspace.fs.writeFile(file(NAME, 'drift_psi.py'), encoder.encode(wrong));
    runs.length = 0;
    await verify();
    const known = runs[0]?.states.get(`${EXERCISE}/test_known_values_on_fixed_histograms`);
    assert.equal(known?.state, 'failed');
    const [m] = known?.messages ?? [];
    assert.equal(m?.actualOutput, '0.5');
    assert.match(m?.expectedOutput ?? '', /^0\.878/, 'pytest.approx(0.4·ln(0.9/0.5) + 0.4·ln(0.5/0.1))');
    const testText = decoder.decode(await vscode.workspace.fs.readFile(file('milestones', 'test_psi_drift_score.py')));
    assert.equal(m?.location?.range.start.line, testText.split('\n').findIndex((l) => l.includes('assert value == pytest.approx(expected, rel=1e-3)')));
    const refused = [...(runs[0]?.states.entries() ?? [])].filter(([id]) => id.includes('test_histograms_over_different_bins_are_refused['));
    assert.deepEqual(refused.map(([, s]) => s.state), ['passed', 'passed', 'passed'], 'its three parameter sets pass: the wrong value still refuses other bins');
  });

  it('the Testing view\'s Verify profile is the same operation: the milestone state follows it', async () => {
    await vscode.workspace.fs.writeFile(file(NAME, 'drift_psi.py'), encoder.encode(stub));
    const before = a.milestones.progress.milestoneData(project(), EXERCISE)?.verifications?.length ?? 0;
    runs.length = 0;
    const source = new vscode.CancellationTokenSource();
    await a.milestones.testing.profile.runHandler(new vscode.TestRunRequest([exerciseItem()], undefined, a.milestones.testing.profile), source.token);
    assert.equal(runs.length, 1);
    assert.equal(runs[0]?.states.get(`${EXERCISE}/test_identical_distributions_score_zero`)?.state, 'failed');
    const history = a.milestones.progress.milestoneData(project(), EXERCISE)?.verifications ?? [];
    assert.equal(history.length, before + 1, 'recorded like any Verify');
    assert.equal(a.milestones.progress.lastCheck(project(), EXERCISE)?.tests?.state, 'failing');
  });

  it('a test function added to the test file (saved in the editor) appears without a run', async () => {
    const doc = await vscode.workspace.openTextDocument(file('milestones', 'test_psi_drift_score.py'));
    const editor = await vscode.window.showTextDocument(doc);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\n\ndef test_added_by_hand():\n    assert True\n'));
    await doc.save();
    await waitFor('the new test item', () => exerciseItem().children.get('test_added_by_hand'), { timeoutMs: 20_000 });
    assert.equal(exerciseItem().children.size, 9);
    assert.equal(exerciseItem().children.get('test_added_by_hand')?.range?.start.line, end.line + 2);
    await vscode.commands.executeCommand('undo');
    await doc.save();
    await waitFor('the test item gone again', () => (exerciseItem().children.get('test_added_by_hand') ? undefined : true), { timeoutMs: 20_000 });
  });

  it('verify on save: saving the exercise\'s file re-runs it in the background; off runs nothing', async () => {
    const doc = await vscode.workspace.openTextDocument(file(NAME, 'drift_psi.py'));
    const editor = await vscode.window.showTextDocument(doc);
    runs.length = 0;
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# off\n'));
    await doc.save();
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(runs.length, 0, 'verifyOnSave off: no run');
    await vscode.workspace.getConfiguration('learningPaths').update('verifyOnSave', 'exercise', vscode.ConfigurationTarget.Workspace);
    const before = a.milestones.progress.milestoneData(project(), EXERCISE)?.verifications?.length ?? 0;
    // A burst of saves: one run (debounced).
    for (let i = 0; i < 3; i++) {
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), `# save ${i}\n`));
      await doc.save();
    }
    await waitFor('a run on save', () => (runs[0]?.ended ? true : undefined), { timeoutMs: 60_000 });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(runs.length, 1, 'a burst of saves is one run');
    assert.equal(runs[0]?.preserveFocus, true, 'a run on save never takes focus');
    assert.equal(runs[0]?.states.get(`${EXERCISE}/test_identical_distributions_score_zero`)?.state, 'failed');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the editor keeps the focus');
    await waitFor('the verdict on the row', () => ((a.milestones.progress.milestoneData(project(), EXERCISE)?.verifications?.length ?? 0) > before ? true : undefined), { timeoutMs: 30_000 });
    // Saving a file that belongs to no exercise runs nothing.
    runs.length = 0;
    const other = await vscode.workspace.openTextDocument(file(NAME, 'drift.py'));
    const otherEditor = await vscode.window.showTextDocument(other);
    await otherEditor.edit((e) => e.insert(new vscode.Position(0, 0), '# nothing\n'));
    await other.save();
    await new Promise((r) => setTimeout(r, 2000));
    assert.deepEqual(runs.map((r) => r.name), [], 'drift.py belongs to no tests milestone');
  });
});
