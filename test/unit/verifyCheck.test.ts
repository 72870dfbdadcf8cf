// The tests check kind: a pure read of the JUnit report a test run wrote, plus interpreter resolution.
import * as assert from 'node:assert/strict';
import { pseudo } from '../../src/core/l10n';
import { coveredFiles, describeCheck, evaluateCheck, evaluateMilestones, type CheckFs } from '../../src/core/progress/checks';
import type { MilestoneCheck, MilestoneDef, Template } from '../../src/core/scaffold/types';
import { activeInterpreterOf, resolveInterpreter, type PythonEnvironmentsApi } from '../../src/core/verify/interpreter';
import { renderSolution, scaffoldedContent } from '../../src/core/verify/solution';
import { planTestRun, reportPathOf } from '../../src/core/verify/testRun';

const report = (classname: string, body = '') =>
  `<testsuites><testsuite name="pytest" time="0.2"><testcase classname="${classname}" name="test_a">${body}</testcase></testsuite></testsuites>`;

function fsOf(files: Map<string, { text: string; mtime: number }>): CheckFs {
  return { read: (p) => files.get(p)?.text, mtime: (p) => files.get(p)?.mtime };
}

const check = { kind: 'tests', path: 'milestones/test_norm.py' } as const;
const ctx = { milestoneId: 'normalise', covers: ['{{package}}/data.py'] };

describe('tests check', () => {
  it('is not run until a report exists, then follows the report', async () => {
    const files = new Map([
      ['milestones/test_norm.py', { text: 'def test_a(): ...', mtime: 1_000 }],
      ['cifar/data.py', { text: 'x', mtime: 2_000 }],
    ]);
    const none = await evaluateCheck(check, 'cifar', fsOf(files), ctx);
    assert.equal(none.pass, false);
    assert.equal(none.tests?.state, 'not-run');
    files.set('.learning-path/results/normalise.xml', { text: report('milestones.test_norm', '<failure message="AssertionError: mean of the train split only">x</failure>'), mtime: 5_000 });
    const failing = await evaluateCheck(check, 'cifar', fsOf(files), ctx);
    assert.deepEqual([failing.pass, failing.tests?.state, failing.tests?.failure, failing.tests?.at], [false, 'failing', 'AssertionError: mean of the train split only', 5_000]);
    files.set('.learning-path/results/normalise.xml', { text: report('milestones.test_norm'), mtime: 6_000 });
    const verified = await evaluateCheck(check, 'cifar', fsOf(files), ctx);
    assert.deepEqual([verified.pass, verified.tests?.state], [true, 'verified']);
    assert.deepEqual(failing.tests?.counts, { passed: 0, failed: 1, skipped: 0 }, 'the counts the CodeLens shows');
    assert.deepEqual(verified.tests?.counts, { passed: 1, failed: 0, skipped: 0 });
  });

  it('is stale once the learner edits a covered file after the run', async () => {
    const files = new Map([
      ['milestones/test_norm.py', { text: '', mtime: 1_000 }],
      ['cifar/data.py', { text: 'x', mtime: 9_000 }],
      ['.learning-path/results/normalise.xml', { text: report('milestones.test_norm'), mtime: 6_000 }],
    ]);
    const r = await evaluateCheck(check, 'cifar', fsOf(files), ctx);
    assert.deepEqual([r.pass, r.tests?.state], [false, 'stale']);
    assert.equal(r.tests?.counts, undefined, 'a stale report has no counts to show');
  });

  it('never passes without modification times, a test file, or with a foreign or malformed report', async () => {
    const base = new Map([['.learning-path/results/normalise.xml', { text: report('milestones.test_norm'), mtime: 6_000 }]]);
    assert.match((await evaluateCheck(check, 'cifar', fsOf(base), ctx)).reason, /does not exist/);
    base.set('milestones/test_norm.py', { text: '', mtime: 1 });
    assert.equal((await evaluateCheck(check, 'cifar', { read: (p) => base.get(p)?.text }, ctx)).pass, false);
    base.set('.learning-path/results/normalise.xml', { text: report('milestones.test_other'), mtime: 6_000 });
    assert.equal((await evaluateCheck(check, 'cifar', fsOf(base), ctx)).tests?.state, 'invalid');
    base.set('.learning-path/results/normalise.xml', { text: '<testsuites><testsuite>', mtime: 6_000 });
    assert.equal((await evaluateCheck(check, 'cifar', fsOf(base), ctx)).tests?.state, 'invalid');
  });

  it('evaluateMilestones covers the milestone file and the files its reference solution changes', async () => {
    const m: MilestoneDef = { id: 'normalise', title: 'N', done: 'd', file: '{{package}}/data.py', serves: [], check };
    const solutions: Template['solutions'] = [{ milestone: 'normalise', files: [{ path: '{{package}}/stats.py', content: '' }] }];
    assert.deepEqual(coveredFiles(m, solutions), ['{{package}}/data.py', '{{package}}/stats.py']);
    const files = new Map([
      ['milestones/test_norm.py', { text: '', mtime: 1_000 }],
      ['cifar/stats.py', { text: '', mtime: 7_000 }],
      ['.learning-path/results/normalise.xml', { text: report('milestones.test_norm'), mtime: 6_000 }],
    ]);
    assert.equal((await evaluateMilestones([m], 'cifar', fsOf(files), { solutions })).get('normalise')?.tests?.state, 'stale');
    assert.equal((await evaluateMilestones([m], 'cifar', fsOf(files))).get('normalise')?.tests?.state, 'verified');
  });

  it('plans the pytest run with a per-milestone report and the optional -k selection', () => {
    const plan = planTestRun('normalise', { kind: 'tests', path: 'milestones/test_{{package}}.py', select: 'mean and not slow' }, 'cifar');
    assert.equal(plan?.reportPath, '.learning-path/results/normalise.xml');
    assert.deepEqual(plan?.args.slice(0, 3), ['-m', 'pytest', 'milestones/test_cifar.py']);
    assert.ok(plan?.args.includes('--junitxml=.learning-path/results/normalise.xml'));
    assert.deepEqual(plan?.args.slice(-2), ['-k', 'mean and not slow']);
    assert.equal(planTestRun('x', { kind: 'fileExists', path: 'a' }, 'p'), undefined);
    assert.throws(() => reportPathOf('../../etc/passwd'));
  });
});

describe('interpreter resolution', () => {
  const which = (found: string[]) => (c: string) => Promise.resolve(found.includes(c) ? `/usr/bin/${c}` : undefined);
  it('prefers the Python extension, then the setting, then python3, then python on PATH', async () => {
    assert.deepEqual(await resolveInterpreter({ pythonExtension: () => Promise.resolve('/venv/bin/python'), setting: '/opt/py', which: which(['python3']) }), { ok: true, path: '/venv/bin/python', source: 'python-extension' });
    assert.deepEqual(await resolveInterpreter({ pythonExtension: () => Promise.resolve(undefined), setting: '/opt/py', which: which(['python3']) }), { ok: true, path: '/opt/py', source: 'setting' });
    assert.deepEqual(await resolveInterpreter({ pythonExtension: () => Promise.reject(new Error('not ready')), setting: '  ', which: which(['python3', 'python']) }), { ok: true, path: '/usr/bin/python3', source: 'path' });
    assert.deepEqual(await resolveInterpreter({ which: which(['python']) }), { ok: true, path: '/usr/bin/python', source: 'path' });
    const none = await resolveInterpreter({ which: which([]) });
    assert.ok(!none.ok && /No Python interpreter found/.test(none.reason));
  });
});

describe('the Python extension adapter', () => {
  it('resolves the active environment of the folder to its executable, and says nothing for an invalid one', async () => {
    const asked: unknown[] = [];
    const api = (executable: string | undefined): PythonEnvironmentsApi => ({
      getActiveEnvironmentPath: (resource) => {
        asked.push(resource);
        return { path: '/home/me/miniconda/envs/ml' };
      },
      resolveEnvironment: (env) =>
        Promise.resolve(typeof env !== 'string' && env.path === '/home/me/miniconda/envs/ml' && executable ? { executable: { uri: { fsPath: executable } } } : undefined),
    });
    assert.equal(await activeInterpreterOf(api('/home/me/miniconda/envs/ml/bin/python'), 'folder-uri'), '/home/me/miniconda/envs/ml/bin/python');
    assert.deepEqual(asked, ['folder-uri']);
    assert.equal(await activeInterpreterOf(api(undefined), 'folder-uri'), undefined);
    // An environment without an executable falls through to the setting.
    const choice = await resolveInterpreter({ pythonExtension: () => activeInterpreterOf(api(undefined), 'f'), setting: '/opt/py', which: () => Promise.resolve(undefined) });
    assert.deepEqual(choice, { ok: true, path: '/opt/py', source: 'setting' });
  });
});

describe('reference solutions', () => {
  const template: Template = {
    manifest: { id: 't', version: 1, title: 'T', description: 'd', skill: 's', level: 'junior', roles: ['r'], defaultName: 'p', smokeCommand: 's', runCommand: 'r', testCommand: 't', milestones: [] },
    files: [{ path: '{{package}}/calc.py', content: 'PKG = "{{package}}"\ndef add(a, b):\n    raise NotImplementedError\n' }],
    solutions: [{ milestone: 'add', files: [{ path: '{{package}}/calc.py', content: 'PKG = "{{package}}"\ndef add(a, b):\n    return a + b\n' }] }],
  };
  it('renders the overlay for a project, and the scaffolded starting point of a file', () => {
    assert.deepEqual(renderSolution(template, 'add', 'mycalc'), [{ path: 'mycalc/calc.py', content: 'PKG = "mycalc"\ndef add(a, b):\n    return a + b\n' }]);
    assert.equal(renderSolution(template, 'other', 'mycalc'), undefined);
    assert.match(scaffoldedContent(template, 'mycalc/calc.py', 'mycalc') ?? '', /NotImplementedError/);
    assert.equal(scaffoldedContent(template, 'mycalc/other.py', 'mycalc'), undefined);
  });
});

describe('check texts are translated', () => {
  it('every reason and description goes through the Translate it is given (pseudo-locale)', async () => {
    const wrapped = (text: string | undefined) => assert.match(text ?? '', /^⟦.*⟧$/s, `not translated: ${text}`);
    const files = new Map([
      ['milestones/test_norm.py', { text: '', mtime: 1_000 }],
      ['outputs/metrics.json', { text: '{"acc": 0.5, "smoke": true}', mtime: 1_000 }],
    ]);
    const fs = fsOf(files);
    const metric: MilestoneCheck = { kind: 'metric', path: 'outputs/metrics.json', key: 'acc', op: '>=', value: 0.4, require: [{ key: 'smoke', equals: false }] };
    wrapped((await evaluateCheck(metric, 'cifar', fs, undefined, pseudo)).reason);
    wrapped((await evaluateCheck({ kind: 'fileExists', path: 'nope.md' }, 'cifar', fs, undefined, pseudo)).reason);
    wrapped((await evaluateCheck({ kind: 'fileMatches', path: 'outputs/metrics.json', pattern: 'zzz' }, 'cifar', fs, undefined, pseudo)).reason);
    wrapped((await evaluateCheck(check, 'cifar', fs, ctx, pseudo)).reason);
    files.set('.learning-path/results/normalise.xml', { text: report('milestones.test_norm', '<failure message="boom">x</failure>'), mtime: 5_000 });
    wrapped((await evaluateCheck(check, 'cifar', fs, ctx, pseudo)).reason);
    files.set('.learning-path/results/normalise.xml', { text: '<testsuites><testsuite>', mtime: 6_000 });
    wrapped((await evaluateCheck(check, 'cifar', fs, ctx, pseudo)).reason);
    const all: MilestoneCheck[] = [metric, check, { kind: 'fileExists', path: 'a' }, { kind: 'fileMatches', path: 'a', pattern: 'b' }];
    for (const c of all) wrapped(describeCheck(c, 'cifar', { t: pseudo }));
    const results = await evaluateMilestones([{ id: 'normalise', title: 'N', done: 'd', file: 'x.py', serves: [], check }], 'cifar', fs, { t: pseudo });
    wrapped(results.get('normalise')?.reason);
  });
});
