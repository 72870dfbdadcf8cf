import { repoRoot, timeBudgetMs } from './helpers';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverTests } from '../../src/core/testing/discovery';

describe('test discovery without Python (core/testing/discovery)', () => {
  it('finds module-level tests and Test* class methods of a real test file, at their lines', () => {
    const text = readFileSync(join(repoRoot, 'test/fixtures/pytest-results/proj/milestones/test_mixed.py'), 'utf8');
    assert.deepEqual(
      discoverTests(text).map((t) => [t.id, t.line]),
      [
        ['test_stub_raises', 7],
        ['test_approx', 12],
        ['test_equal_lists', 16],
        ['test_numpy_close', 20],
        ['test_torch_close', 24],
        ['test_torch_allclose_plain', 28],
        ['test_chained', 32],
        ['test_passes', 39],
        ['test_skipped', 44],
        ['test_setup_error', 53],
        ['TestGroup::test_in_class', 58],
      ],
    );
  });

  it('follows pytest\'s default names: test* functions, Test* classes, one level of methods', () => {
    const text = [
      'def helper():', //           0
      '    def test_inner(): pass', // 1 nested: not collected
      'async def test_async():', // 2
      '    pass',
      'class Helper:', //           4
      '    def test_not_in_test_class(self): pass',
      'class TestA:', //            6
      '    # a comment',
      '',
      '    def test_one(self):', // 9
      '        def test_nested(): pass',
      '    async  def test_two(self): pass', // 11
      '    def helper(self): pass',
      'x = 1',
      '    def test_orphan(self): pass', // 14: after the class ended
      'def testing_too():\r', // 15
      'def  test_spaced(): pass', // 16
      'def test', // 17: a name that is exactly "test"
      'define_test = 3',
      '\tdef test_tab(self): pass',
    ].join('\n');
    assert.deepEqual(discoverTests(text), [
      { id: 'test_async', name: 'test_async', line: 2 },
      { id: 'TestA::test_one', name: 'test_one', className: 'TestA', line: 9 },
      { id: 'TestA::test_two', name: 'test_two', className: 'TestA', line: 11 },
      { id: 'testing_too', name: 'testing_too', line: 15 },
      { id: 'test_spaced', name: 'test_spaced', line: 16 },
      { id: 'test', name: 'test', line: 17 },
    ]);
  });

  it('uses the indentation of the class body\'s first statement', () => {
    const text = 'class TestB:\n  x = 1\n  def test_a(self): pass\n    def test_deeper(self): pass\n';
    assert.deepEqual(discoverTests(text).map((t) => t.id), ['TestB::test_a']);
  });

  it('stays linear on large and hostile files', () => {
    const texts = ['def test_x(): pass\n'.repeat(50_000), 'class TestC:\n' + '    def test_m(self): pass\n'.repeat(50_000), ' '.repeat(500_000), 'a'.repeat(500_000)];
    for (const text of texts) {
      const t0 = performance.now();
      discoverTests(text);
      assert.ok(performance.now() - t0 < timeBudgetMs(1000), `${performance.now() - t0} ms`);
    }
    assert.equal(discoverTests('def test_x(): pass\n'.repeat(50_000)).length, 50_000);
  });
});
