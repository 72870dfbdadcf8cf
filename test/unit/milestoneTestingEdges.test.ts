// Edges of the milestone commands and the test runs (src/core/milestones/commandArgs.ts, hints.ts;
// src/core/testing/discovery.ts, results.ts, runPlan.ts, schedule.ts): length limits, line breaks,
// tab indentation, hostile JSON shapes, milestone ids, and the timers the scheduler clears.
import * as assert from 'node:assert/strict';
import { english } from '../../src/core/l10n';
import { parseMilestoneArgs } from '../../src/core/milestones/commandArgs';
import { hintsMarkdown } from '../../src/core/milestones/hints';
import { milestoneItem, milestonePick, projectItem } from '../../src/core/milestones/treeModel';
import { stubState } from '../../src/core/milestones/stubLens';
import { testsDescription } from '../../src/core/milestones/testsStatus';
import type { CheckResult } from '../../src/core/progress/checks';
import { starterIdProblem } from '../../src/core/authoring/skeleton';
import { discoverTests } from '../../src/core/testing/discovery';
import { failureMessages, MAX_RESULTS_BYTES, parseResults, relativeTo } from '../../src/core/testing/results';
import { resultsPathOf } from '../../src/core/testing/runPlan';
import { SaveScheduler } from '../../src/core/testing/schedule';

const noUri = (_v: unknown): _v is object => false;

describe('milestone command arguments at their limits (core/milestones/commandArgs)', () => {
  it('a text field holds 1 to 4096 characters; longer or empty counts as absent', () => {
    const at = 'p'.repeat(4096);
    assert.deepEqual(parseMilestoneArgs({ projectId: at, milestone: at }, noUri), { confirmed: false, silent: false, project: { by: 'projectId', projectId: at }, milestone: at });
    assert.deepEqual(parseMilestoneArgs({ projectId: `${at}x`, milestone: `${at}x` }, noUri), { confirmed: false, silent: false });
    assert.deepEqual(parseMilestoneArgs({ projectId: '', projectKey: 'k' }, noUri), { confirmed: false, silent: false, project: { by: 'key', key: 'k' } });
    assert.deepEqual(parseMilestoneArgs({ folder: `/${at}` }, noUri), { confirmed: false, silent: false });
  });

  it('a project object counts as a tree node only with kind project or milestone', () => {
    assert.deepEqual(parseMilestoneArgs({ project: { key: 'node' }, projectKey: 'flat', milestone: 'm' }, noUri), { confirmed: false, silent: false, project: { by: 'key', key: 'flat' }, milestone: 'm' });
    assert.deepEqual(parseMilestoneArgs({ kind: 'skill', project: { key: 'node' } }, noUri), { confirmed: false, silent: false });
    assert.deepEqual(parseMilestoneArgs({ kind: 'project', project: { key: 'node' }, projectKey: 'flat' }, noUri), { confirmed: false, silent: false, project: { by: 'key', key: 'node' } });
  });
});

describe('hints page in detail (core/milestones/hints)', () => {
  it('puts a title with line breaks on one line and trims each hint', () => {
    assert.equal(
      hintsMarkdown(english, 'Scale\r\n\nvalues\rnow', ['  first \n', '\tsecond\t'], 2),
      ['# Hints: Scale values now', '', '## Hint 1 of 2', '', 'first', '', '## Hint 2 of 2', '', 'second', '', '_That was the last hint. Compare with Reference Solution shows a worked solution._', ''].join('\n'),
    );
  });
});

describe('milestone tree rows at their edges (core/milestones/treeModel)', () => {
  it('a project whose starter is unknown, with no problem message: the manifest at line 1, nothing after the colon', () => {
    const row = projectItem(english, { key: 'k', name: 'qxdata_proj', where: 'qxdata_proj', manifestWhere: 'qxdata_proj/.learning-path.json', counts: { done: 0, total: 0, verified: 0 } });
    assert.deepEqual(row.tooltip, [{ text: 'qxdata_proj/.learning-path.json:1: ' }]);
    assert.equal(row.accessibilityLabel, 'qxdata_proj, cannot be read: ');
    assert.equal(row.description, 'manifest error, line 1');
    assert.deepEqual(row.action, { kind: 'openManifest', line: 1 });
  });

  it('a manifest without a name is a manifest error even when it names a starter', () => {
    const row = projectItem(english, { key: 'k', where: 'qxdata_dir', manifestWhere: 'qxdata_dir/.learning-path.json', starter: 'qxdata-starter', problem: { message: 'no name', line: 3 }, counts: { done: 0, total: 0, verified: 0 } });
    assert.equal(row.description, 'manifest error, line 3');
    assert.equal(row.label, 'qxdata_dir');
    const known = projectItem(english, { key: 'k', name: 'qxdata_proj', where: 'qxdata_dir', manifestWhere: 'qxdata_dir/.learning-path.json', starter: 'qxdata-starter', counts: { done: 0, total: 0, verified: 0 } });
    assert.equal(known.description, 'unknown starter qxdata-starter');
  });

  it('a project with no milestones is not complete; its tooltip says the counts and the folder', () => {
    const row = projectItem(english, { key: 'k', name: 'qxdata_proj', where: 'qxdata_proj', manifestWhere: 'm', starterTitle: 'Qxdata_Starter', starter: 's', counts: { done: 0, total: 0, verified: 0 } });
    assert.deepEqual(row.icon, { id: 'project' });
    assert.equal(row.description, '0/0');
    assert.deepEqual(row.tooltip, [{ text: 'Qxdata_Starter', strong: true }, { text: '0 of 0 milestones done (0 verified by a check). Folder: qxdata_proj' }]);
    const done = projectItem(english, { key: 'k', name: 'qxdata_proj', where: 'elsewhere', manifestWhere: 'm', starterTitle: 'Qxdata_Starter', starter: 's', counts: { done: 2, total: 2, verified: 1 } });
    assert.deepEqual(done.icon, { id: 'pass-filled', color: 'testing.iconPassed' });
    assert.equal(done.description, '2/2 · elsewhere');
  });

  it('a self-reported milestone row and pick, in full', () => {
    const m = { id: 'ex', title: 'Qxdata_Ex', done: 'Qxdata_done', file: 'f.py', serves: [] };
    const tick = { state: 'self' as const, at: '2026-11-30T10:00:00.000Z' };
    const row = milestoneItem(english, { projectKey: 'k', milestone: m, tick, done: 'Qxdata_done', file: 'f.py', check: 'none' });
    assert.deepEqual(row.tooltip, [{ text: 'Qxdata_Ex', strong: true }, { text: 'Qxdata_done' }, { text: 'File: f.py' }, { text: 'Ticked by hand (self-reported) on 2026-11-30.' }]);
    assert.deepEqual(row.checkbox, { checked: true, tooltip: 'Done — untick to mark it open' });
    assert.equal(row.description, 'self-reported · 2026-11-30');
    assert.deepEqual(row.icon, { id: 'account' });
    assert.deepEqual(milestonePick(english, m, tick), { label: '$(account) Qxdata_Ex', description: 'self-reported' });
    assert.deepEqual(milestonePick(english, m, { state: 'verified', at: tick.at }), { label: '$(verified-filled) Qxdata_Ex', description: 'verified' });
    assert.deepEqual(milestonePick(english, m, undefined), { label: '$(circle-large-outline) Qxdata_Ex', description: '' });
  });

  it('a self-reported tests milestone shows its tests verdict after "self-reported"', () => {
    const row = milestoneItem(english, {
      projectKey: 'k',
      milestone: { id: 'ex', title: 'Qxdata_Ex', done: 'd', file: 'f.py', serves: [], check: { kind: 'tests', path: 'milestones/test_ex.py' } },
      tick: { state: 'self', at: '2026-11-30T10:00:00.000Z' },
      done: 'd',
      file: 'f.py',
      check: 'failing',
      testsRow: { tests: { state: 'failing' }, now: 0 },
    });
    assert.equal(row.description, 'self-reported · failing');
    assert.equal(row.accessibilityLabel, 'Qxdata_Ex, done, self-reported');
  });
});

describe('a tests verdict of a state this version does not know (core/milestones/stubLens, testsStatus)', () => {
  it('shows no state rather than a wrong one', () => {
    const tests = { state: 'from-the-future' } as unknown as CheckResult['tests'];
    assert.equal(stubState(english, { tests, now: 0 }), undefined);
    assert.equal(testsDescription(english, undefined, { tests, now: 0 }), undefined);
    assert.equal(stubState(english, { tests: { state: 'stale' }, now: 0 }), 'changed since the last run');
  });
});

describe('starter ids at their limit (core/authoring/skeleton starterIdProblem)', () => {
  it('takes up to 80 characters', () => {
    assert.equal(starterIdProblem('a'.repeat(80)), undefined);
    assert.equal(starterIdProblem(`a${'-b'.repeat(39)}x`.slice(0, 80)), undefined);
    const long = 'a'.repeat(81);
    assert.equal(starterIdProblem(long), `"${long}" is not a starter id: use lower-case letters, digits and single hyphens (e.g. "my-starter"), at most 80 characters`);
    assert.equal(starterIdProblem(''), '"" is not a starter id: use lower-case letters, digits and single hyphens (e.g. "my-starter"), at most 80 characters');
  });
});

describe('test discovery in detail (core/testing/discovery)', () => {
  it('only `def` and `async def` lines are tests, whatever else starts with four letters', () => {
    assert.deepEqual(discoverTests(['xyz test_a():', 'asyn test_b():', 'async test_c():', 'def test_d():', 'async  def test_e():'].join('\n')).map((t) => [t.id, t.line]), [
      ['test_d', 3],
      ['test_e', 4],
    ]);
  });

  it('a file that starts with a blank line, and CRLF line endings with blank lines in a class', () => {
    assert.deepEqual(discoverTests('\ndef test_a(): pass\n').map((t) => [t.id, t.line]), [['test_a', 1]]);
    const crlf = ['class TestX:', '    def test_a(self):', '        pass', '', '    def test_b(self):', '        pass', ''].join('\r\n');
    assert.deepEqual(discoverTests(crlf).map((t) => [t.id, t.line]), [
      ['TestX::test_a', 1],
      ['TestX::test_b', 4],
    ]);
  });

  it('a comment at column 0 inside a class does not end it; a def with a trailing # is still a test', () => {
    const text = ['class TestA:', '    def test_1(self): pass', '# a note', '    def test_2(self): pass', 'def test_3(): #', '  # indented note'].join('\n');
    assert.deepEqual(discoverTests(text).map((t) => t.id), ['TestA::test_1', 'TestA::test_2', 'test_3']);
  });

  it('only a `class` line opens a class (extra spaces allowed); other lines that mention Test* do not', () => {
    assert.deepEqual(discoverTests(['print(TestX)', '    def test_inside(self): pass'].join('\n')), []);
    assert.deepEqual(discoverTests(['class   TestSpaced:', '    def test_s(self): pass'].join('\n')).map((t) => t.id), ['TestSpaced::test_s']);
  });

  it('a class body indented with tabs', () => {
    const text = ['class TestTabs:', '\tdef test_one(self):', '\t\tdef test_nested(): pass', '\tdef test_two(self): pass', 'def test_after(): pass'].join('\n');
    assert.deepEqual(discoverTests(text).map((t) => [t.id, t.line]), [
      ['TestTabs::test_one', 1],
      ['TestTabs::test_two', 3],
      ['test_after', 4],
    ]);
  });
});

describe('per-test results in detail (core/testing/results)', () => {
  const parse = (test: Record<string, unknown>) => {
    const r = parseResults(JSON.stringify({ version: 1, tests: [{ nodeid: 'milestones/test_x.py::test_a', outcome: 'failed', ...test }] }), '/proj');
    assert.ok(r.ok);
    return r.results[0];
  };

  it('keeps a message of exactly 4000 characters whole, cuts a longer one to 3999 and an ellipsis', () => {
    assert.equal(parse({ message: 'm'.repeat(4000) })?.message, 'm'.repeat(4000));
    assert.equal(parse({ message: 'm'.repeat(4001) })?.message, `${'m'.repeat(3999)}…`);
  });

  it('a field of the wrong type is empty text', () => {
    const r = parse({ message: 42, when: ['call'] });
    assert.equal(r?.message, '');
    assert.equal(r?.when, '');
  });

  it('a test without a chain, or with frames that are not a list, has no places', () => {
    const bare = parse({});
    assert.deepEqual(bare, { nodeid: 'milestones/test_x.py::test_a', file: 'milestones/test_x.py', testId: 'test_a', outcome: 'failed', when: '', durationMs: 0, message: '' });
    assert.deepEqual(parse({ chain: { message: 'not a list' } }), bare);
    assert.deepEqual(parse({ chain: [{ message: 'boom', frames: 'nope' }] }), bare);
    const placed = parse({ chain: [{ message: 'boom', frames: [{ path: '/proj/pkg/a.py', line: 3 }] }] });
    assert.deepEqual(placed?.userPlace, { path: 'pkg/a.py', line: 2 });
  });

  it('keeps the last 100 frames of a link: a user frame before them is not a place', () => {
    const user = Array.from({ length: 50 }, () => ({ path: '/proj/pkg/a.py', line: 5 }));
    const inTest = Array.from({ length: 100 }, (_, i) => ({ path: '/proj/milestones/test_x.py', line: i + 1 }));
    const r = parse({ chain: [{ message: 'boom', frames: [...user, ...inTest] }] });
    assert.deepEqual(r?.testPlace, { path: 'milestones/test_x.py', line: 99 });
    assert.equal(r?.userPlace, undefined);
    const r2 = parse({ chain: [{ message: 'boom', frames: [...user, ...inTest.slice(1)] }] });
    assert.deepEqual(r2?.userPlace, { path: 'pkg/a.py', line: 4 });
    assert.equal(r2?.userMessage, 'boom');
  });

  it('drops frames that are not objects or whose line is not a whole number from 1', () => {
    const good = { path: '/proj/pkg/a.py', line: 5 };
    for (const bad of [null, 'frame', [1], { path: '/proj/pkg/b.py', line: '3' }, { path: '/proj/pkg/b.py', line: 2.5 }, { path: '/proj/pkg/b.py', line: 0 }, { path: '/proj/pkg/b.py', line: -1 }, { path: '/proj/pkg/b.py' }]) {
      const r = parse({ chain: [{ message: 'boom', frames: [good, bad] }] });
      assert.deepEqual(r?.userPlace, { path: 'pkg/a.py', line: 4 }, JSON.stringify(bad));
    }
    assert.deepEqual(parse({ chain: [{ message: 'boom', frames: [good, { path: '/proj/pkg/b.py', line: 1 }] }] })?.userPlace, { path: 'pkg/b.py', line: 0 });
  });

  it("files beside the test file, even in a one-letter folder, are the test's support, not the learner's code", () => {
    const r = parseResults(JSON.stringify({ version: 1, tests: [{ nodeid: 'm/test_x.py::test_a', outcome: 'failed', chain: [{ message: 'boom', frames: [{ path: '/proj/pkg/a.py', line: 2 }, { path: '/proj/m/helpers.py', line: 3 }] }] }] }), '/proj');
    assert.ok(r.ok);
    assert.deepEqual(r.results[0]?.userPlace, { path: 'pkg/a.py', line: 1 });
    const conftest = parse({ chain: [{ message: 'boom', frames: [{ path: '/proj/pkg/a.py', line: 2 }, { path: '/proj/other/conftest.py', line: 9 }] }] });
    assert.deepEqual(conftest?.userPlace, { path: 'pkg/a.py', line: 1 }, 'a conftest in any folder is not the learner\'s code');
  });

  it('reads a file of exactly the byte cap, and at most 2000 tests', () => {
    const head = '{"version":1,"tests":[]}';
    const exact = parseResults(head + ' '.repeat(MAX_RESULTS_BYTES - head.length), '/proj');
    assert.deepEqual(exact, { ok: true, results: [] });
    assert.deepEqual(parseResults(head + ' '.repeat(MAX_RESULTS_BYTES - head.length + 1), '/proj'), { ok: false, reason: 'the test results are larger than 2 MB' });
    const many = parseResults(JSON.stringify({ version: 1, tests: Array.from({ length: 2001 }, (_, i) => ({ nodeid: `t.py::test_${i}`, outcome: 'passed' })) }), '/proj');
    assert.ok(many.ok);
    assert.equal(many.results.length, 2000);
    assert.equal(many.results[1999]?.testId, 'test_1999');
  });

  it('a node id that starts with ::, the last five links of a chain, a comparison needs both texts, durations in ms', () => {
    const r = parse({ nodeid: '::test_a' });
    assert.equal(r?.file, '');
    assert.equal(r?.testId, 'test_a');
    const links = [{ message: 'first cause', frames: [{ path: '/proj/pkg/a.py', line: 3 }] }, ...Array.from({ length: 5 }, (_, i) => ({ message: `link ${i}`, frames: [] }))];
    assert.equal(parse({ chain: links })?.userPlace, undefined, 'only the last five links are read');
    assert.deepEqual(parse({ chain: links.slice(0, 5) })?.userPlace, { path: 'pkg/a.py', line: 2 });
    assert.equal(parse({ compare: { op: '==', actual: '1', expected: 2 } })?.compare, undefined);
    assert.equal(parse({ compare: { op: '==', actual: 1, expected: '2' } })?.compare, undefined);
    assert.deepEqual(parse({ compare: { op: '==', actual: '1', expected: '2' } })?.compare, { op: '==', actual: '1', expected: '2' });
    assert.equal(parse({ duration: 0.0123 })?.durationMs, 12.3);
    assert.equal(parse({ duration: -1 })?.durationMs, 0);
  });

  it('a failure message of exactly 12 lines is shown whole; a 13th line is cut', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');
    const base = { nodeid: 't.py::test_a', file: 't.py', testId: 'test_a', outcome: 'failed' as const, when: 'call', durationMs: 0 };
    assert.deepEqual(failureMessages({ ...base, message: twelve }), [{ kind: 'test', text: twelve }]);
    assert.deepEqual(failureMessages({ ...base, message: `${twelve}\nline 13` }), [{ kind: 'test', text: `${twelve}\n…` }]);
  });

  it('relativeTo: a folder with trailing slashes, backslashes, and paths outside it', () => {
    assert.equal(relativeTo('/proj//', '/proj/pkg/a.py'), 'pkg/a.py');
    assert.equal(relativeTo('C:\\proj\\', 'C:\\proj\\pkg\\a.py'), 'pkg/a.py');
    assert.equal(relativeTo('/proj', '/project/a.py'), undefined);
    assert.equal(relativeTo('/proj', '/proj/../etc/passwd'), undefined);
    assert.equal(relativeTo('/proj', '/proj/a//b.py'), undefined);
  });
});

describe('per-test results file of a milestone (core/testing/runPlan resultsPathOf)', () => {
  it('takes only milestone ids: lower-case words of letters and digits joined by single hyphens', () => {
    assert.equal(resultsPathOf('run-smoke'), '.learning-path/results/run-smoke.json');
    assert.equal(resultsPathOf('ab-cd-12'), '.learning-path/results/ab-cd-12.json');
    assert.equal(resultsPathOf('x'), '.learning-path/results/x.json');
    for (const bad of ['', 'a-', '-a', 'a--b', 'a_b', 'A', 'a-b/', 'a-b.', 'a/../b', 'ok\n']) {
      assert.throws(() => resultsPathOf(bad), { message: `not a milestone id: ${JSON.stringify(bad)}` }, bad);
    }
  });
});

describe('verify on save: the timers it clears (core/testing/schedule)', () => {
  it('a project stays busy across the hand-over from a cancelled run to the next, and never runs twice at once', async () => {
    const timers: (() => void)[] = [];
    const clock = { setTimeout: (fn: () => void) => timers.push(fn), clearTimeout: () => undefined };
    const calls: { ids: string[]; signal: AbortSignal; finish: () => void }[] = [];
    const s = new SaveScheduler((_p, ids, signal) => new Promise<void>((finish) => void calls.push({ ids: [...ids], signal, finish })), clock, 10);
    const settle = async () => {
      for (let i = 0; i < 10; i++) await Promise.resolve();
    };
    s.saved('p', ['a']);
    timers[0]?.();
    await settle();
    s.saved('p', ['b']);
    timers[1]?.();
    await settle();
    assert.equal(calls[0]?.signal.aborted, true);
    calls[0]?.finish();
    await settle();
    assert.deepEqual(calls.map((c) => c.ids), [['a'], ['b']]);
    assert.equal(s.busy('p'), true, 'the run of b goes on');
    s.saved('p', ['c']);
    timers[2]?.();
    await settle();
    assert.deepEqual(calls.map((c) => c.ids), [['a'], ['b']], 'c waits for b to end');
    assert.equal(calls[1]?.signal.aborted, true);
    calls[1]?.finish();
    await settle();
    assert.deepEqual(calls.map((c) => c.ids), [['a'], ['b'], ['c']]);
    calls[2]?.finish();
    await settle();
    assert.equal(s.busy('p'), false);
  });

  it('clears a pending timer on the next save, and never a timer that is not there', async () => {
    const cleared: unknown[] = [];
    let next = 0;
    const fired: (() => void)[] = [];
    const clock = {
      setTimeout: (fn: () => void) => {
        fired.push(fn);
        return ++next;
      },
      clearTimeout: (h: unknown) => void cleared.push(h),
    };
    const runs: string[][] = [];
    const s = new SaveScheduler(
      (_p, ids) => {
        runs.push([...ids]);
        return ids.includes('c') ? new Promise<void>(() => undefined) : Promise.resolve(); // the run of c is still going at dispose
      },
      clock,
      10,
    );
    s.saved('p', ['a']);
    assert.deepEqual(cleared, []);
    s.saved('p', ['b']);
    assert.deepEqual(cleared, [1]);
    fired[1]?.();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    assert.deepEqual(runs, [['a', 'b']]);
    s.saved('p', ['c']);
    assert.deepEqual(cleared, [1], 'the timer that fired is not cleared again');
    fired[2]?.();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    assert.deepEqual(runs, [['a', 'b'], ['c']]);
    s.saved('q', ['x']);
    s.dispose();
    assert.deepEqual(cleared, [1, 4], 'dispose clears the pending timer of q, and no timer for p, whose run goes on');
  });
});
