// Milestone checks, result by result (src/core/progress/checks.ts): exact reasons for every way a
// check passes or fails, the tests check against a JUnit report, descriptions, and the cached
// evaluation of many milestones.
import * as assert from 'node:assert/strict';
import type { Translate } from '../../src/core/l10n';
import {
  compare,
  coveredFiles,
  describeCheck,
  evaluateCheck,
  evaluateMilestones,
  lookupDotted,
  MAX_CHECK_BYTES,
  MAX_METRICS_BYTES,
  MAX_METRICS_CONTAINERS,
  MAX_METRICS_DEPTH,
  overBytes,
  type CheckFs,
} from '../../src/core/progress/checks';
import type { MilestoneCheck, MilestoneDef } from '../../src/core/scaffold/types';
import { MAX_REPORT_BYTES } from '../../src/core/verify/junit';

type Files = Record<string, string>;

function fsOf(files: Files, mtimes?: Record<string, number>): CheckFs & { reads: string[]; times: string[] } {
  const reads: string[] = [];
  const times: string[] = [];
  return {
    reads,
    times,
    read: (p) => {
      reads.push(p);
      return Object.hasOwn(files, p) ? files[p] : undefined;
    },
    ...(mtimes
      ? {
          mtime: (p: string) => {
            times.push(p);
            return Object.hasOwn(mtimes, p) ? mtimes[p] : undefined;
          },
        }
      : {}),
  };
}

const metric = (key: string, op: '>=' | '>' | '<=' | '<' | '==', value: number, require?: { key: string; equals: string | number | boolean }[]): MilestoneCheck => ({
  kind: 'metric',
  path: 'm.json',
  key,
  op,
  value,
  ...(require ? { require } : {}),
});

const REPORT = '.learning-path/results/ms-one.xml';
const junit = (cases: string, time = '0.5') => `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" time="${time}">${cases}</testsuite></testsuites>`;
const pass = (name: string) => `<testcase classname="tests.test_a" name="${name}" time="0.1"/>`;
const fail = (name: string, message: string) => `<testcase classname="tests.test_a" name="${name}" time="0.1"><failure message="${message}">trace</failure></testcase>`;
const testsCheck: MilestoneCheck = { kind: 'tests', path: 'tests/test_a.py' };
const ctx = { milestoneId: 'ms-one' };

describe('milestone check results (core/progress/checks)', () => {
  describe('lookupDotted, compare, overBytes', () => {
    it('lookupDotted walks objects and arrays by own keys and indices only', () => {
      const v = { a: { b: [10, { c: 'x' }] }, n: null, s: 'str' };
      assert.equal(lookupDotted(v, 'a.b.0'), 10);
      assert.equal(lookupDotted(v, 'a.b.1.c'), 'x');
      assert.deepEqual(lookupDotted(v, 'a'), { b: [10, { c: 'x' }] });
      assert.equal(lookupDotted(v, 'a.b.2'), undefined);
      assert.equal(lookupDotted(v, 'a.b.x'), undefined);
      assert.equal(lookupDotted(v, 'a.b.-1'), undefined);
      assert.equal(lookupDotted(v, 'a.b.1x'), undefined);
      assert.equal(lookupDotted(v, 'a.b.length'), undefined);
      assert.equal(lookupDotted(v, 'n.x'), undefined);
      assert.equal(lookupDotted(v, 'n'), null);
      assert.equal(lookupDotted(v, 's.length'), undefined);
      assert.equal(lookupDotted(v, 'toString'), undefined);
      assert.equal(lookupDotted([[1, 2]], '0.1'), 2);
      assert.equal(lookupDotted(5, ''), undefined);
      const list = { a: Array.from({ length: 12 }, (_, i) => i * 10) };
      assert.equal(lookupDotted(list, 'a.10'), 100, 'indices of more than one digit');
      assert.equal(lookupDotted(list, 'a.01'), 10);
      for (const part of ['', ' 1', '1 ', '1e0', '0x1', '+1']) assert.equal(lookupDotted(list, `a.${part}`), undefined, JSON.stringify(part));
    });

    it('compare: each operator at, below and above the threshold; == within a relative 1e-9', () => {
      const ops = ['>=', '>', '<=', '<', '=='] as const;
      const at = ops.map((op) => compare(1, op, 1));
      const below = ops.map((op) => compare(0.5, op, 1));
      const above = ops.map((op) => compare(2, op, 1));
      assert.deepEqual(at, [true, false, true, false, true]);
      assert.deepEqual(below, [false, false, true, true, false]);
      assert.deepEqual(above, [true, true, false, false, false]);
      assert.equal(compare(0.1 + 0.2, '==', 0.3), true);
      assert.equal(compare(1e9 + 0.5, '==', 1e9), true, 'relative to the expected value');
      assert.equal(compare(1e9 + 2, '==', 1e9), false);
      assert.equal(compare(1e-10, '==', 0), true, 'at least an absolute 1e-9');
      assert.equal(compare(3e-9, '==', 0), false);
      assert.equal(compare(1e-9, '==', 0), true, 'the tolerance itself is equal');
      assert.equal(compare(-1e9 - 0.5, '==', -1e9), true);
      assert.equal(compare(1, 'bogus' as '==', 1), false);
    });

    it('overBytes counts UTF-8 bytes', () => {
      assert.equal(overBytes('abc', 3), false);
      assert.equal(overBytes('abcd', 3), true);
      assert.equal(overBytes('é', 1), true);
      assert.equal(overBytes('é', 2), false);
    });
  });

  describe('describeCheck', () => {
    it('every kind, with placeholders filled in', () => {
      assert.equal(describeCheck({ kind: 'fileExists', path: '{{package}}/a.py' }, 'pkg'), 'pkg/a.py exists');
      assert.equal(describeCheck({ kind: 'fileMatches', path: 'a.py', pattern: 'x+' }, 'pkg'), 'a.py matches /x+/');
      assert.equal(describeCheck({ kind: 'fileMatches', path: 'a.py', pattern: 'x+', flags: 'i' }, 'pkg', { withPattern: false }), 'a.py matches the expected pattern');
      assert.equal(describeCheck({ kind: 'fileMatches', path: 'a.py', pattern: 'x+', flags: 'i' }, 'pkg', { withPattern: true }), 'a.py matches /x+/i');
      assert.equal(describeCheck(metric('acc', '>', 0.5, [{ key: 'mode', equals: 'full' }, { key: 'ok', equals: true }]), 'pkg'), 'acc > 0.5 in m.json, mode = "full", ok = true');
      assert.equal(describeCheck({ kind: 'tests', path: '{{name}}/t.py' }, 'pkg'), 'the tests in pkg/t.py pass');
      assert.equal(describeCheck({ kind: 'tests', path: 't.py', select: 'fast' }, 'pkg'), 'the tests in t.py (-k fast) pass');
      assert.equal(describeCheck({ kind: 'nope', path: 'x' } as unknown as MilestoneCheck, 'pkg'), 'unknown check');
    });
    it('through the translator', () => {
      const t: Translate = (m, ...a) => `[${m}|${a.join('|')}]`;
      assert.equal(describeCheck({ kind: 'fileExists', path: 'a' }, 'p', { t }), '[{0} exists|a]');
      assert.equal(describeCheck(metric('k', '<', 2, [{ key: 'r', equals: 1 }]), 'p', { t }), '[{0}, {1} = {2}|[{0} {1} {2} in {3}|k|<|2|m.json]|r|1]');
    });
  });

  describe('evaluateCheck', () => {
    it('a path that leaves the project fails with the path and why', async () => {
      const fs = fsOf({});
      assert.deepEqual(await evaluateCheck({ kind: 'fileExists', path: '../x' }, 'p', fs), { pass: false, reason: '../x: ".." would leave the project folder' });
      assert.deepEqual(await evaluateCheck({ kind: 'fileExists', path: '{{package}}' }, '', fs), { pass: false, reason: ': the path is empty' });
      assert.deepEqual(fs.reads, []);
    });

    it('fileExists: through exists when given, else by reading; an unreadable file does not exist', async () => {
      assert.deepEqual(await evaluateCheck({ kind: 'fileExists', path: 'a' }, 'p', fsOf({ a: '' })), { pass: true, reason: 'a exists' });
      assert.deepEqual(await evaluateCheck({ kind: 'fileExists', path: 'a' }, 'p', { read: () => 'x', exists: async () => false }), { pass: false, reason: 'a does not exist yet' });
      const throwing: CheckFs = {
        read: () => {
          throw new Error('a: too large');
        },
      };
      assert.deepEqual(await evaluateCheck({ kind: 'fileExists', path: 'a' }, 'p', throwing), { pass: false, reason: 'a does not exist yet' });
    });

    it('fileMatches: every reason', async () => {
      const fs = fsOf({ a: 'Hello\nworld', big: 'x'.repeat(MAX_CHECK_BYTES + 1), edge: 'y'.repeat(MAX_CHECK_BYTES) });
      assert.deepEqual(await evaluateCheck({ kind: 'fileMatches', path: 'a', pattern: '^world' }, 'p', fs), { pass: false, reason: 'a does not match /^world/ yet' });
      assert.deepEqual(await evaluateCheck({ kind: 'fileMatches', path: 'a', pattern: '^world', flags: 'm' }, 'p', fs), { pass: true, reason: 'a matches' });
      assert.deepEqual(await evaluateCheck({ kind: 'fileMatches', path: 'none', pattern: 'x' }, 'p', fs), { pass: false, reason: 'none does not exist yet' });
      assert.deepEqual(await evaluateCheck({ kind: 'fileMatches', path: 'big', pattern: 'x' }, 'p', fs), { pass: false, reason: 'big is too large to check' });
      assert.deepEqual(await evaluateCheck({ kind: 'fileMatches', path: 'edge', pattern: 'y' }, 'p', fs), { pass: true, reason: 'edge matches' });
      assert.deepEqual(await evaluateCheck({ kind: 'fileMatches', path: 'a', pattern: 'x', flags: 'q' }, 'p', fs), { pass: false, reason: 'the pattern of this check cannot be used: unsupported flag "q" (use i, m or s)' });
      const throwing: CheckFs = {
        read: () => {
          throw new Error('a: not UTF-8');
        },
      };
      assert.deepEqual(await evaluateCheck({ kind: 'fileMatches', path: 'a', pattern: 'x' }, 'p', throwing), { pass: false, reason: 'a: not UTF-8' });
      const throwsString: CheckFs = {
        read: () => {
          throw 'plain';
        },
      };
      assert.deepEqual(await evaluateCheck({ kind: 'fileMatches', path: 'a', pattern: 'x' }, 'p', throwsString), { pass: false, reason: 'plain' });
    });

    it('metric: every reason', async () => {
      const json = JSON.stringify({ acc: 0.123456789, n: 3, flag: false, s: '1', mode: 'full', ok: true, none: null });
      const fs = fsOf({ 'm.json': json });
      const run = (c: MilestoneCheck, files: Files | CheckFs = fs) => evaluateCheck(c, 'p', 'read' in files ? (files as CheckFs) : fsOf(files as Files));
      assert.deepEqual(await run(metric('acc', '>=', 0.1)), { pass: true, reason: 'acc = 0.1235 (needs >= 0.1)' });
      assert.deepEqual(await run(metric('n', '<', 3)), { pass: false, reason: 'n = 3 (needs < 3)' });
      assert.deepEqual(await run(metric('flag', '==', 0)), { pass: true, reason: 'flag = 0 (needs == 0)' });
      assert.deepEqual(await run(metric('s', '>=', 0)), { pass: false, reason: '"s" in m.json is not a number' });
      assert.deepEqual(await run(metric('none', '>=', 0)), { pass: false, reason: '"none" in m.json is not a number' });
      assert.deepEqual(await run(metric('missing', '>=', 0)), { pass: false, reason: 'm.json has no "missing"' });
      assert.deepEqual(await run(metric('n', '>=', 1), { 'm.json': '{"n": Infinity}' }), { pass: false, reason: 'm.json is not valid JSON' });
      assert.deepEqual(await run(metric('n', '>=', 1), { 'm.json': '{"n": 1e999}' }), { pass: false, reason: '"n" in m.json is not a number' }, 'an overflowing number is not finite');
      assert.deepEqual(await run(metric('n', '>=', 1), {}), { pass: false, reason: 'm.json does not exist yet' });
      assert.deepEqual(await run(metric('n', '>=', 1), { 'm.json': ' '.repeat(MAX_METRICS_BYTES + 1) }), { pass: false, reason: 'm.json is too large to check' });
      const deep = `${'['.repeat(MAX_METRICS_DEPTH + 1)}${']'.repeat(MAX_METRICS_DEPTH + 1)}`;
      assert.deepEqual(await run(metric('n', '>=', 1), { 'm.json': deep }), { pass: false, reason: `m.json is nested more than ${MAX_METRICS_DEPTH} levels deep; not read` });
      const many = `[${Array.from({ length: MAX_METRICS_CONTAINERS + 1 }, () => '[]').join(',')}]`;
      assert.deepEqual(await run(metric('n', '>=', 1), { 'm.json': many }), { pass: false, reason: `m.json holds more than ${MAX_METRICS_CONTAINERS} arrays and objects; not read` });
      const throwing: CheckFs = {
        read: () => {
          throw new Error('m.json: a FIFO');
        },
      };
      assert.deepEqual(await run(metric('n', '>=', 1), throwing), { pass: false, reason: 'm.json: a FIFO' });
    });

    it('metric: required values must be equal; the first that is not says why', async () => {
      const fs = fsOf({ 'm.json': JSON.stringify({ n: 3, mode: 'full', ok: true, nested: { v: 1 } }) });
      assert.deepEqual(await evaluateCheck(metric('n', '>=', 1, [{ key: 'mode', equals: 'full' }, { key: 'ok', equals: true }, { key: 'nested.v', equals: 1 }]), 'p', fs), { pass: true, reason: 'n = 3 (needs >= 1)' });
      assert.deepEqual(await evaluateCheck(metric('n', '>=', 1, [{ key: 'mode', equals: 'smoke' }, { key: 'gone', equals: 1 }]), 'p', fs), {
        pass: false,
        reason: 'n = 3 (needs >= 1), but mode is "full" (needs "smoke")',
      });
      assert.deepEqual(await evaluateCheck(metric('n', '>=', 1, [{ key: 'gone', equals: true }]), 'p', fs), { pass: false, reason: 'n = 3 (needs >= 1), but gone is missing (needs true)' });
      assert.deepEqual(await evaluateCheck(metric('n', '>', 5, [{ key: 'gone', equals: true }]), 'p', fs), { pass: false, reason: 'n = 3 (needs > 5)' }, 'the threshold first');
    });

    it('an unknown kind, and a read function that throws something odd inside a check', async () => {
      assert.deepEqual(await evaluateCheck({ kind: 'shape', path: 'a' } as unknown as MilestoneCheck, 'p', fsOf({})), { pass: false, reason: 'unknown check kind "shape"' });
      const exists: CheckFs = {
        read: () => undefined,
        exists: () => {
          throw new Error('boom');
        },
      };
      assert.deepEqual(await evaluateCheck({ kind: 'fileExists', path: 'a' }, 'p', exists), { pass: false, reason: 'check failed: boom' });
      const odd: CheckFs = {
        read: () => undefined,
        exists: () => {
          throw 42;
        },
      };
      assert.deepEqual(await evaluateCheck({ kind: 'fileExists', path: 'a' }, 'p', odd), { pass: false, reason: 'check failed: 42' });
    });
  });

  describe('tests checks', () => {
    it('what it needs: the milestone, modification times, the test file, a report', async () => {
      assert.deepEqual(await evaluateCheck(testsCheck, 'p', fsOf({})), { pass: false, reason: 'a tests check needs its milestone', tests: { state: 'invalid' } });
      assert.deepEqual(await evaluateCheck(testsCheck, 'p', fsOf({}), ctx), { pass: false, reason: 'cannot tell whether the test report is current', tests: { state: 'invalid' } });
      assert.deepEqual(await evaluateCheck(testsCheck, 'p', fsOf({}, {}), ctx), { pass: false, reason: 'tests/test_a.py does not exist', tests: { state: 'invalid' } });
      assert.deepEqual(await evaluateCheck(testsCheck, 'p', fsOf({}, { 'tests/test_a.py': 0 }), ctx), { pass: false, reason: 'not verified yet: run Verify', tests: { state: 'not-run' } });
      assert.deepEqual(await evaluateCheck(testsCheck, 'p', fsOf({}, { 'tests/test_a.py': 1, [REPORT]: 0 }), ctx), { pass: false, reason: 'the test report cannot be read', tests: { state: 'invalid', at: 0 } });
    });

    it('a report that cannot be used', async () => {
      const times = { 'tests/test_a.py': 1000, [REPORT]: 5000 };
      const big = 'x'.repeat(MAX_REPORT_BYTES + 1);
      assert.deepEqual(await evaluateCheck(testsCheck, 'p', fsOf({ [REPORT]: big }, times), ctx), { pass: false, reason: `the test report is larger than ${MAX_REPORT_BYTES / 1024} KB`, tests: { state: 'invalid', at: 5000 } });
      const broken = await evaluateCheck(testsCheck, 'p', fsOf({ [REPORT]: '<!DOCTYPE x><a/>' }, times), ctx);
      assert.deepEqual(broken, { pass: false, reason: 'the test report has a DOCTYPE; pytest never writes one', tests: { state: 'invalid', at: 5000 } });
      const throwing: CheckFs = {
        read: () => {
          throw new Error('results/ms-one.xml: a link out of the project');
        },
        mtime: (p) => times[p as keyof typeof times],
      };
      assert.deepEqual(await evaluateCheck(testsCheck, 'p', throwing, ctx), { pass: false, reason: 'results/ms-one.xml: a link out of the project', tests: { state: 'invalid', at: 5000 } });
    });

    it('verified, failing with the first failure and counts, stale when a covered file changed after the run', async () => {
      const times = { 'tests/test_a.py': 1000, [REPORT]: 5000, 'src/p/model.py': 4000 };
      const ok = fsOf({ [REPORT]: junit(pass('test_one') + pass('test_two')) }, times);
      assert.deepEqual(await evaluateCheck(testsCheck, 'p', ok, { ...ctx, covers: ['src/{{package}}/model.py', '../outside.py', 'src/missing.py'] }), {
        pass: true,
        reason: '2 of 2 tests pass',
        tests: { state: 'verified', at: 5000, counts: { passed: 2, failed: 0, skipped: 0 } },
      });
      assert.deepEqual(ok.times, ['tests/test_a.py', REPORT, 'src/p/model.py', 'src/missing.py'], 'a covered path outside the project is not looked at');
      const failing = fsOf({ [REPORT]: junit(pass('test_one') + fail('test_two', 'assert 1 == 2')) }, times);
      assert.deepEqual(await evaluateCheck(testsCheck, 'p', failing, ctx), {
        pass: false,
        reason: '1 of 2 tests failing: assert 1 == 2',
        tests: { state: 'failing', at: 5000, failure: 'assert 1 == 2', counts: { passed: 1, failed: 1, skipped: 0 } },
      });
      const stale = fsOf({ [REPORT]: junit(pass('test_one')) }, { ...times, 'src/p/model.py': 4800 });
      assert.deepEqual(await evaluateCheck(testsCheck, 'p', stale, { ...ctx, covers: ['src/{{package}}/model.py'] }), {
        pass: false,
        reason: 'files changed since the tests last ran: verify again',
        tests: { state: 'stale', at: 5000 },
      });
      const staleTest = fsOf({ [REPORT]: junit(pass('test_one')) }, { 'tests/test_a.py': 4600, [REPORT]: 5000 });
      assert.equal((await evaluateCheck(testsCheck, 'p', staleTest, ctx)).tests?.state, 'stale', 'the test file itself counts');
      const olderCover = fsOf({ [REPORT]: junit(pass('test_one')) }, { 'tests/test_a.py': 4000, [REPORT]: 5000, 'src/old.py': 100 });
      assert.equal((await evaluateCheck(testsCheck, 'p', olderCover, { ...ctx, covers: ['src/old.py'] })).tests?.state, 'verified', 'an older covered file does not hide a newer test file');
      const staleLater = fsOf({ [REPORT]: junit(pass('test_one')) }, { 'tests/test_a.py': 4600, [REPORT]: 5000, 'src/old.py': 100 });
      assert.equal((await evaluateCheck(testsCheck, 'p', staleLater, { ...ctx, covers: ['src/old.py'] })).tests?.state, 'stale');
    });

    it('a report for another file is invalid, with no counts', async () => {
      const times = { 'tests/test_a.py': 1000, [REPORT]: 5000 };
      const other = fsOf({ [REPORT]: junit('<testcase classname="tests.test_b" name="t" time="0"/>') }, times);
      assert.deepEqual(await evaluateCheck(testsCheck, 'p', other, ctx), { pass: false, reason: 'the test report is for tests.test_b, not tests/test_a.py', tests: { state: 'invalid', at: 5000 } });
      assert.deepEqual(other.times, ['tests/test_a.py', REPORT], 'without covered files only the test file and the report are looked at');
    });

    it('skipped tests fail with counts and no failure', async () => {
      const times = { 'tests/test_a.py': 1000, [REPORT]: 5000 };
      const skipped = fsOf({ [REPORT]: junit('<testcase classname="tests.test_a" name="t" time="0"><skipped message="later"/></testcase>') }, times);
      assert.deepEqual(await evaluateCheck(testsCheck, 'p', skipped, ctx), {
        pass: false,
        reason: '1 of 1 tests skipped: later',
        tests: { state: 'failing', at: 5000, counts: { passed: 0, failed: 0, skipped: 1 } },
      });
    });
  });

  describe('coveredFiles and evaluateMilestones', () => {
    it('coveredFiles: the milestone file, then the files of its solution, once each', () => {
      const m: MilestoneDef = { id: 'a', title: 'A', done: '', file: 'src/x.py', serves: [] };
      assert.deepEqual(coveredFiles(m), ['src/x.py']);
      const solutions = [
        { milestone: 'b', files: [{ path: 'src/b.py' }] },
        { milestone: 'a', files: [{ path: 'src/x.py' }, { path: 'src/y.py' }] },
      ] as unknown as Parameters<typeof coveredFiles>[1];
      assert.deepEqual(coveredFiles(m, solutions), ['src/x.py', 'src/y.py']);
      assert.deepEqual(coveredFiles({ ...m, id: 'c' }, solutions), ['src/x.py'], 'no solution for this milestone');
    });

    it('reads each file and takes each time once, passes exists through, keeps milestone order', async () => {
      const times: Record<string, number> = { 'tests/test_a.py': 1000, '.learning-path/results/t1.xml': 5000, '.learning-path/results/t2.xml': 5000, 'src/x.py': 10 };
      const fs = fsOf({ '.learning-path/results/t1.xml': junit(pass('a')), '.learning-path/results/t2.xml': junit(fail('a', 'no')), 'a.txt': 'hello' }, times);
      let existsCalls = 0;
      fs.exists = (p) => {
        existsCalls++;
        return p === 'a.txt';
      };
      const tcheck: MilestoneCheck = { kind: 'tests', path: 'tests/test_a.py' };
      const ms: MilestoneDef[] = [
        { id: 't2', title: '', done: '', file: 'src/x.py', serves: [], check: tcheck },
        { id: 'e', title: '', done: '', file: 'x', serves: [], check: { kind: 'fileExists', path: 'a.txt' } },
        { id: 'none', title: '', done: '', file: 'x', serves: [] },
        { id: 't1', title: '', done: '', file: 'src/x.py', serves: [], check: tcheck },
        { id: 'm1', title: '', done: '', file: 'x', serves: [], check: { kind: 'fileMatches', path: 'a.txt', pattern: 'hell' } },
        { id: 'm2', title: '', done: '', file: 'x', serves: [], check: { kind: 'fileMatches', path: 'a.txt', pattern: 'world' } },
      ];
      const r = await evaluateMilestones(ms, 'p', fs);
      assert.deepEqual([...r].map(([id, x]) => [id, x.pass, x.tests?.state]), [
        ['t2', false, 'failing'],
        ['e', true, undefined],
        ['t1', true, 'verified'],
        ['m1', true, undefined],
        ['m2', false, undefined],
      ]);
      assert.equal(existsCalls, 1);
      assert.deepEqual([...fs.reads].sort(), ['.learning-path/results/t1.xml', '.learning-path/results/t2.xml', 'a.txt']);
      assert.deepEqual([...fs.times].sort(), ['.learning-path/results/t1.xml', '.learning-path/results/t2.xml', 'src/x.py', 'tests/test_a.py']);
    });

    it('a read error is cached and reported by every check of that file; without mtime a tests check says so', async () => {
      let reads = 0;
      const fs: CheckFs = {
        read: () => {
          reads++;
          throw new Error('a.txt: over the size cap');
        },
      };
      const ms: MilestoneDef[] = [
        { id: 'x', title: '', done: '', file: 'x', serves: [], check: { kind: 'fileMatches', path: 'a.txt', pattern: 'a' } },
        { id: 'y', title: '', done: '', file: 'x', serves: [], check: { kind: 'fileMatches', path: 'a.txt', pattern: 'b' } },
        { id: 'z', title: '', done: '', file: 'x', serves: [], check: { kind: 'tests', path: 't.py' } },
        { id: 'w', title: '', done: '', file: 'x', serves: [], check: { kind: 'fileExists', path: 'a.txt' } },
      ];
      const r = await evaluateMilestones(ms, 'p', fs, { t: (m, ...a) => `<${m.replace(/\{(\d)\}/g, (_, i: string) => String(a[Number(i)]))}>` });
      assert.deepEqual(Object.fromEntries(r), {
        x: { pass: false, reason: 'a.txt: over the size cap' },
        y: { pass: false, reason: 'a.txt: over the size cap' },
        z: { pass: false, reason: '<cannot tell whether the test report is current>', tests: { state: 'invalid' } },
        w: { pass: false, reason: '<a.txt does not exist yet>' },
      });
      assert.equal(reads, 1);
    });

    it('tests checks see the covered files of their solution', async () => {
      const times: Record<string, number> = { 't.py': 1000, '.learning-path/results/a.xml': 5000, 'src/sol.py': 4900 };
      const fs = fsOf({ '.learning-path/results/a.xml': junit('<testcase classname="t" name="x" time="0"/>') }, times);
      const ms: MilestoneDef[] = [{ id: 'a', title: '', done: '', file: 'src/x.py', serves: [], check: { kind: 'tests', path: 't.py' } }];
      const solutions = [{ milestone: 'a', files: [{ path: 'src/sol.py' }] }] as unknown as Parameters<typeof coveredFiles>[1];
      assert.equal((await evaluateMilestones(ms, 'p', fs)).get('a')?.tests?.state, 'verified');
      assert.equal((await evaluateMilestones(ms, 'p', fs, { solutions })).get('a')?.tests?.state, 'stale');
    });
  });
});
