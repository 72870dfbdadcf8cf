import * as assert from 'node:assert/strict';
import { exercisesOfFile, pluginEnv, resultsPathOf, withResults } from '../../src/core/testing/runPlan';
import type { Template } from '../../src/core/scaffold/types';
import { planTestRun } from '../../src/core/verify/testRun';

const template: Template = {
  manifest: {
    id: 't',
    version: 1,
    title: 'T',
    description: '',
    skill: 's',
    level: 'junior',
    roles: [],
    defaultName: 'x',
    smokeCommand: '',
    runCommand: '',
    testCommand: '',
    milestones: [
      { id: 'smoke', title: 'Smoke', done: '', file: '{{package}}/train.py', serves: [], check: { kind: 'fileExists', path: 'outputs/metrics.json' } },
      { id: 'stats', title: 'Stats', done: '', file: '{{package}}/data.py', serves: [], check: { kind: 'tests', path: 'milestones/test_stats.py' } },
      { id: 'block', title: 'Block', done: '', file: '{{package}}/model.py', serves: [], check: { kind: 'tests', path: 'milestones/test_block.py' } },
      { id: 'also-data', title: 'Also', done: '', file: '{{package}}/data.py', serves: [], check: { kind: 'tests', path: 'milestones/test_also.py' } },
    ],
  },
  files: [],
  solutions: [{ milestone: 'block', files: [{ path: '{{package}}/layers.py', content: '' }] }],
};

describe('the extension\'s run plan (core/testing/runPlan)', () => {
  it('adds the plugin and its results file next to the JUnit report', () => {
    const plan = planTestRun('stats', { kind: 'tests', path: 'milestones/test_stats.py' }, 'pkg');
    assert.ok(plan);
    const ext = withResults(plan);
    assert.equal(ext.resultsPath, '.learning-path/results/stats.json');
    assert.deepEqual(ext.args.slice(0, plan.args.length), plan.args, 'the same pytest command as the CLI first');
    assert.deepEqual(ext.args.slice(plan.args.length), ['-p', 'lp_verify_plugin', '--lp-json=.learning-path/results/stats.json']);
    assert.equal(ext.reportPath, plan.reportPath);
    assert.throws(() => resultsPathOf('../x'), /not a milestone id/);
  });

  it('puts the plugin folder first on PYTHONPATH', () => {
    assert.deepEqual(pluginEnv('/ext/python', undefined, ':'), { PYTHONPATH: '/ext/python' });
    assert.deepEqual(pluginEnv('/ext/python', '', ':'), { PYTHONPATH: '/ext/python' });
    assert.deepEqual(pluginEnv('C:\\ext\\python', 'C:\\lib', ';'), { PYTHONPATH: 'C:\\ext\\python;C:\\lib' });
  });

  it('a saved file belongs to the exercises it opens, tests, or whose solution changes it', () => {
    assert.deepEqual(exercisesOfFile('pkg/data.py', template, 'pkg'), ['stats', 'also-data']);
    assert.deepEqual(exercisesOfFile('milestones/test_block.py', template, 'pkg'), ['block']);
    assert.deepEqual(exercisesOfFile('pkg/layers.py', template, 'pkg'), ['block']);
    assert.deepEqual(exercisesOfFile('pkg/train.py', template, 'pkg'), [], 'not a tests milestone');
    assert.deepEqual(exercisesOfFile('other/data.py', template, 'pkg'), []);
  });
});
