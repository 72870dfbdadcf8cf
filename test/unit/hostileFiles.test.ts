// The hostile-corpus suite (issue 19): crafted project files that used to take quadratic time, or
// that parsers must refuse. Every parser and pattern over project files runs in time linear in its
// input up to its cap; property tests (fast-check) grow adversarial inputs and compare.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluateCheck, evaluateMilestones, MAX_CHECK_BYTES, MAX_METRICS_BYTES, MAX_METRICS_CONTAINERS, MAX_METRICS_DEPTH, overBytes, type CheckFs } from '../../src/core/progress/checks';
import { jsonShapeProblem, nestedDeeperThan } from '../../src/core/json';
import { MAX_MANIFEST_BYTES, MAX_MANIFEST_DEPTH, MAX_TICK_WARNINGS, readProjectManifest } from '../../src/core/progress/projectManifest';
import { compilePattern, MAX_PATTERN_CHARS } from '../../src/core/text/pattern';
import { MAX_DETAILS_CHARS, MAX_REPORT_BYTES, MAX_REPORT_DEPTH, MAX_TOTAL_DETAILS_CHARS, parseJUnit } from '../../src/core/verify/junit';
import { fillTo, hostileCorpus, linearityOf, ML_PIPELINE_PATTERN, REPORT_UNITS, REPORT_WRAPS } from '../shared/hostile';

const suite = (body: string) => `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" time="0.5">${body}</testsuite></testsuites>`;
const memFs = (files: Record<string, string>): CheckFs => ({ read: (p) => files[p] });

describe('hostile project files: JUnit reports (saxes)', () => {
  it('keeps each failure’s and error’s traceback as details, entities and CDATA decoded', () => {
    const r = parseJUnit(
      suite(
        '<testcase classname="m" name="a"><failure message="assert 1 == 2">Traceback &lt;here&gt;&#10;  line 3&#x21;</failure></testcase>' +
          '<testcase classname="m" name="b"><error message="boom"><![CDATA[raise <Boom>]]></error></testcase>' +
          '<testcase classname="m" name="c"><skipped message="no GPU">skip text</skipped></testcase>' +
          '<testcase classname="m" name="d"><failure message="only a message"/></testcase>' +
          '<testcase classname="m" name="e"/>',
      ),
    );
    assert.ok(r.ok);
    const [a, b, c, d, e] = r.report.cases;
    assert.equal(a?.details, 'Traceback <here>\n  line 3!');
    assert.equal(a?.message, 'assert 1 == 2');
    assert.equal(b?.details, 'raise <Boom>');
    assert.equal(b?.outcome, 'error');
    assert.equal(c?.details, undefined, 'a skip has no traceback');
    assert.equal(d?.details, undefined);
    assert.equal(e?.outcome, 'passed');
    assert.equal(e?.details, undefined);
  });

  it('a failure after an error replaces its message and details; an error after a failure does not', () => {
    const r = parseJUnit(
      suite(
        '<testcase classname="m" name="a"><error message="teardown">tb1</error><failure message="assert">tb2</failure></testcase>' +
          '<testcase classname="m" name="b"><failure message="assert">tb3</failure><error message="teardown">tb4</error></testcase>' +
          '<testcase classname="m" name="c"><error message="first">tb5</error><failure>tb6</failure></testcase>',
      ),
    );
    assert.ok(r.ok);
    assert.deepEqual(
      r.report.cases.map((c) => [c.outcome, c.message, c.details]),
      [
        ['failed', 'assert', 'tb2'],
        ['failed', 'assert', 'tb3'],
        ['failed', undefined, 'tb6'],
      ],
    );
  });

  it('caps the details per case and over the report', () => {
    const long = 'x'.repeat(MAX_DETAILS_CHARS + 500);
    const one = parseJUnit(suite(`<testcase classname="m" name="a"><failure message="m">${long}</failure></testcase>`));
    assert.ok(one.ok);
    assert.equal(one.report.cases[0]?.details?.length, MAX_DETAILS_CHARS);
    const n = Math.ceil(MAX_TOTAL_DETAILS_CHARS / MAX_DETAILS_CHARS) + 1;
    const many = parseJUnit(suite(Array.from({ length: n }, (_, i) => `<testcase classname="m" name="t${i}"><failure>${'y'.repeat(MAX_DETAILS_CHARS - 10)}</failure></testcase>`).join('')));
    assert.ok(many.ok, many.ok ? '' : many.reason);
    const total = many.report.cases.reduce((sum, c) => sum + (c.details?.length ?? 0), 0);
    assert.equal(total, MAX_TOTAL_DETAILS_CHARS);
    assert.equal(many.report.cases[n - 1]?.details?.length, MAX_TOTAL_DETAILS_CHARS - (n - 1) * (MAX_DETAILS_CHARS - 10), 'the last case gets what is left');
    assert.equal(many.report.cases[n - 1]?.outcome, 'failed', 'its outcome still counts');
  });

  it('refuses what pytest never writes: a DTD, entities, late processing instructions, deep nesting, a byte over the cap', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><testsuite>&b;</testsuite>';
    assert.deepEqual(parseJUnit(laughs), { ok: false, reason: 'the test report has a DOCTYPE; pytest never writes one' });
    assert.deepEqual(parseJUnit(suite('<?pi x?>')), { ok: false, reason: 'the test report has a processing instruction after its start; pytest never writes one' });
    assert.equal(parseJUnit(`\ufeff${suite('')}`).ok, true, 'a byte-order mark before the declaration is fine');
    const deep = suite(`<testcase name="a">${'<p>'.repeat(MAX_REPORT_DEPTH)}${'</p>'.repeat(MAX_REPORT_DEPTH)}</testcase>`);
    const r = parseJUnit(deep);
    assert.ok(!r.ok && r.reason === `the test report is not well-formed XML (nested more than ${MAX_REPORT_DEPTH} elements deep)`, JSON.stringify(r));
    const atDepth = suite(`<testcase name="a">${'<p>'.repeat(MAX_REPORT_DEPTH - 4)}${'</p>'.repeat(MAX_REPORT_DEPTH - 4)}</testcase>`);
    assert.equal(parseJUnit(atDepth).ok, true, `${MAX_REPORT_DEPTH} levels are allowed`);
    assert.equal(parseJUnit('&undefined;').ok, false);
    // The cap is in UTF-8 bytes, not characters.
    const pad = (bytes: number) => suite(`<testcase name="a"><failure>${'é'.repeat(Math.floor((bytes - suite('<testcase name="a"><failure></failure></testcase>').length) / 2))}</failure></testcase>`);
    assert.equal(parseJUnit(pad(MAX_REPORT_BYTES)).ok, true);
    const over = parseJUnit(pad(MAX_REPORT_BYTES + 4));
    assert.deepEqual(over, { ok: false, reason: 'the test report is larger than 256 KB' });
    assert.equal(overBytes('é'.repeat(10), 19), true);
    assert.equal(overBytes('é'.repeat(10), 20), false);
    assert.equal(overBytes('e'.repeat(21), 20), true);
  });

  it('reports grown from adversarial units (openers, unclosed constructs, references, nesting) parse in linear time (fast-check)', function () {
    this.timeout(300_000);
    fc.assert(
      fc.property(fc.constantFrom(...REPORT_UNITS), fc.constantFrom('', ' ', 'x', '\n', '>', '</a>'), fc.constantFrom(...REPORT_WRAPS), (unit, filler, wrap) => {
        const growth = linearityOf((bytes) => parseJUnit(fillTo(bytes, wrap.head, unit + filler, wrap.tail)), MAX_REPORT_BYTES);
        assert.ok(growth.ok, `${JSON.stringify(unit + filler)} ${wrap.name}: ${growth.detail}`);
      }),
      { numRuns: 25 },
    );
  });

  it('every crafted report of the corpus is refused or read, in linear time', function () {
    this.timeout(120_000);
    for (const c of hostileCorpus().filter((x) => x.kind === 'report')) {
      const growth = linearityOf((bytes) => parseJUnit(c.make(bytes)), c.cap);
      assert.ok(growth.ok, `${c.name}: ${growth.detail}`);
    }
  });
});

describe('hostile project files: fileMatches patterns (re2js)', () => {
  it('matches like a JavaScript RegExp for the patterns templates use, with i, m and s', () => {
    const test = (p: string, flags: string, text: string) => {
      const c = compilePattern(p, flags);
      assert.ok(c.ok, c.ok ? '' : c.reason);
      return c.pattern.test(text);
    };
    assert.equal(test('"smoke": false,[\\s\\S]*"model_type": "(random_forest|hist)"', '', '{"smoke": false, "x": 1, "model_type": "hist"}'), true);
    assert.equal(test('weakest class:\\s*cat', 'i', 'Weakest class: CAT'), true);
    assert.equal(test('weakest class:\\s*cat', '', 'Weakest class: CAT'), false);
    assert.equal(test('^b$', 'm', 'a\nb\nc'), true);
    assert.equal(test('^b$', '', 'a\nb\nc'), false);
    assert.equal(test('a.b', 's', 'a\nb'), true);
    assert.equal(test('a.b', '', 'a\nb'), false);
    assert.equal(test('Cat', 'gyu', 'a Cat'), true);
    assert.equal(test('Cat', 'gyu', 'a Cat'), true, 'no state between tests');
  });

  it('refuses what is not linear-time (backreferences, lookaround), unknown flags, and very long patterns', () => {
    const reason = (p: string, flags = '') => {
      const c = compilePattern(p, flags);
      return c.ok ? 'compiled' : c.reason;
    };
    assert.match(reason('(a)\\1'), /^invalid regular expression \(checks use linear-time RE2 syntax: no backreferences or lookaround\): invalid escape sequence/);
    assert.match(reason('(?=a)'), /no backreferences or lookaround\): invalid or unsupported Perl syntax/);
    assert.equal(reason('a', 'x'), 'unsupported flag "x" (use i, m or s)');
    assert.equal(reason('a'.repeat(MAX_PATTERN_CHARS + 1)), `the pattern is longer than ${MAX_PATTERN_CHARS} characters`);
    assert.equal(reason('a'.repeat(MAX_PATTERN_CHARS)), 'compiled');
    const first = compilePattern('cache-0');
    assert.equal(compilePattern('cache-0'), first, 'compiled once, then cached');
    for (let i = 1; i <= 100; i++) compilePattern(`cache-${i}`);
    assert.notEqual(compilePattern('cache-0'), first, 'the cache is bounded: it starts over after 100 patterns');
  });

  it('a check with a pattern the engine refuses fails with the reason, never throws', async () => {
    const r = await evaluateCheck({ kind: 'fileMatches', path: 'a.txt', pattern: '(x)\\1' }, 'p', memFs({ 'a.txt': 'xx' }));
    assert.equal(r.pass, false);
    assert.match(r.reason, /^the pattern of this check cannot be used: invalid regular expression/);
  });

  it('the crafted metrics file that took minutes (thousands of `"smoke": false,` and no model_type) is linear', function () {
    this.timeout(60_000);
    const p = compilePattern(ML_PIPELINE_PATTERN);
    assert.ok(p.ok);
    const growth = linearityOf((bytes) => p.pattern.test('"smoke": false,'.repeat(Math.floor(bytes / 15))), MAX_CHECK_BYTES);
    assert.ok(growth.ok, growth.detail);
  });
});

describe('hostile project files: a read that refuses', () => {
  it('a check whose file the safe read refuses fails with the read’s one-line reason', async () => {
    const refusing: CheckFs = {
      read: (p) => {
        throw new Error(`${p}: a named pipe (FIFO), not a regular file; not read`);
      },
      mtime: () => 1000,
    };
    const matches = await evaluateCheck({ kind: 'fileMatches', path: 'a.txt', pattern: 'x' }, 'p', refusing);
    assert.deepEqual(matches, { pass: false, reason: 'a.txt: a named pipe (FIFO), not a regular file; not read' });
    const metric = await evaluateCheck({ kind: 'metric', path: 'm.json', key: 'a', op: '>=', value: 1 }, 'p', refusing);
    assert.deepEqual(metric, { pass: false, reason: 'm.json: a named pipe (FIFO), not a regular file; not read' });
    const tests = await evaluateCheck({ kind: 'tests', path: 'milestones/test_a.py' }, 'p', refusing, { milestoneId: 'write-a' });
    assert.deepEqual(tests, { pass: false, reason: '.learning-path/results/write-a.xml: a named pipe (FIFO), not a regular file; not read', tests: { state: 'invalid', at: 1000 } });
    const exists = await evaluateCheck({ kind: 'fileExists', path: 'a.txt' }, 'p', { read: refusing.read });
    assert.equal(exists.pass, false, 'a file that cannot be read does not count as existing');
  });

  it('evaluateMilestones reads each file once and passes a refusal on to every check of it', async () => {
    let reads = 0;
    const fs: CheckFs = {
      read: () => {
        reads++;
        throw new Error('m.json: a device, not a regular file; not read');
      },
    };
    const milestones = ['a', 'b'].map((id) => ({ id, title: id, done: 'd', file: 'README.md', serves: [], check: { kind: 'metric' as const, path: 'm.json', key: 'x', op: '>=' as const, value: 1 } }));
    const results = await evaluateMilestones(milestones, 'p', fs);
    assert.equal(reads, 1);
    assert.deepEqual([...results.values()].map((r) => r.reason), ['m.json: a device, not a regular file; not read', 'm.json: a device, not a regular file; not read']);
  });

  it('a report over the cap in bytes (not characters) is refused by the check', async () => {
    const fs: CheckFs = { read: (p) => (p.endsWith('.xml') ? 'é'.repeat(MAX_REPORT_BYTES / 2 + 1) : ''), mtime: () => 1000 };
    const r = await evaluateCheck({ kind: 'tests', path: 'milestones/test_a.py' }, 'p', fs, { milestoneId: 'write-a' });
    assert.deepEqual(r, { pass: false, reason: 'the test report is larger than 256 KB', tests: { state: 'invalid', at: 1000 } });
  });
});

describe('hostile project files: metrics and manifests', () => {
  it('metrics nested deeper than the limit are refused before parsing; at the limit they are read', async () => {
    const deep = `${'['.repeat(MAX_METRICS_DEPTH + 1)}${']'.repeat(MAX_METRICS_DEPTH + 1)}`;
    const r = await evaluateCheck({ kind: 'metric', path: 'outputs/metrics.json', key: 'a', op: '>=', value: 1 }, 'p', memFs({ 'outputs/metrics.json': deep }));
    assert.deepEqual(r, { pass: false, reason: `outputs/metrics.json is nested more than ${MAX_METRICS_DEPTH} levels deep; not read` });
    const forest = `{"a": 2, "b": [${'[],'.repeat(MAX_METRICS_CONTAINERS)}1]}`;
    const many = await evaluateCheck({ kind: 'metric', path: 'm.json', key: 'a', op: '>=', value: 1 }, 'p', memFs({ 'm.json': forest }));
    assert.deepEqual(many, { pass: false, reason: `m.json holds more than ${MAX_METRICS_CONTAINERS} arrays and objects; not read` });
    const history = `{"a": 2, "b": [${'[],'.repeat(MAX_METRICS_CONTAINERS - 3)}1]}`;
    assert.equal((await evaluateCheck({ kind: 'metric', path: 'm.json', key: 'a', op: '>=', value: 1 }, 'p', memFs({ 'm.json': history }))).pass, true);
    const big = `{"a": 2, "pad": "${'x'.repeat(MAX_METRICS_BYTES)}"}`;
    assert.deepEqual(await evaluateCheck({ kind: 'metric', path: 'm.json', key: 'a', op: '>=', value: 1 }, 'p', memFs({ 'm.json': big })), { pass: false, reason: 'm.json is too large to check' });
    const ok = `{"a": 2, "b": ${'['.repeat(MAX_METRICS_DEPTH - 1)}${']'.repeat(MAX_METRICS_DEPTH - 1)}}`;
    assert.equal((await evaluateCheck({ kind: 'metric', path: 'm.json', key: 'a', op: '>=', value: 1 }, 'p', memFs({ 'm.json': ok }))).pass, true);
  });

  it('nesting is counted outside strings only, escapes included', () => {
    assert.equal(nestedDeeperThan('[[1]]', 2), false);
    assert.equal(nestedDeeperThan('[[[1]]]', 2), true);
    assert.equal(nestedDeeperThan('[{"a":[1]}]', 2), true);
    assert.equal(nestedDeeperThan('["[[[[", "\\"[[[["]', 1), false);
    assert.equal(nestedDeeperThan('[1],[2],[3]', 1), false, 'closing brackets bring the depth back');
    assert.equal(nestedDeeperThan('{"a":{}}', 1), true);
    assert.equal(jsonShapeProblem('[[],[],[]]', 5, 4), undefined);
    assert.equal(jsonShapeProblem('[[],[],[],[]]', 5, 4), 'many');
    assert.equal(jsonShapeProblem('[[[]]]', 2, 100), 'deep');
    assert.equal(jsonShapeProblem('["[[[[[["]', 2, 1), undefined);
  });

  it('thousands of hand-edited ticks that are not ticks: at most 50 warnings with exact positions, then one for the rest, in linear time', function () {
    this.timeout(60_000);
    const manifest = (n: number) =>
      JSON.stringify({ starter: 's', projectId: 'p', name: 'n', version: 1, progress: Object.fromEntries(Array.from({ length: n }, (_, i) => [`m${i}`, 'yesterday'])) }, null, 2);
    const read = readProjectManifest(manifest(3000));
    assert.ok(read.ok);
    assert.equal(read.warnings.length, MAX_TICK_WARNINGS + 1);
    assert.deepEqual(read.warnings[0], { message: '"progress" → "m0": "yesterday" is not a date (expected an ISO date such as 2025-01-31); it is kept in the file and not counted', line: 7, column: 5 });
    assert.deepEqual(read.warnings[49], { message: '"progress" → "m49": "yesterday" is not a date (expected an ISO date such as 2025-01-31); it is kept in the file and not counted', line: 56, column: 5 });
    assert.deepEqual(read.warnings[50], { message: `"progress": ${3000 - MAX_TICK_WARNINGS} more values are not ticks; they are kept in the file and not counted`, line: 6, column: 3 });
    const growth = linearityOf((bytes) => readProjectManifest(manifest(Math.floor(bytes / 22))), MAX_MANIFEST_BYTES);
    assert.ok(growth.ok, growth.detail);
  });

  it('a manifest nested too deeply is one problem at its start', () => {
    const r = readProjectManifest(`{"starter": ${'['.repeat(MAX_MANIFEST_DEPTH + 1)}${']'.repeat(MAX_MANIFEST_DEPTH + 1)}}`);
    assert.deepEqual(r, { ok: false, problem: { message: `nested more than ${MAX_MANIFEST_DEPTH} levels deep; not read`, line: 1, column: 1 } });
  });

  it('every crafted metrics file and manifest of the corpus is read or refused in linear time', async function () {
    this.timeout(120_000);
    for (const c of hostileCorpus().filter((x) => x.kind === 'metrics' || x.kind === 'manifest')) {
      // evaluateCheck is async only for its reads: the in-memory read resolves at once, the parsing is synchronous.
      const growth = linearityOf((bytes) => (c.kind === 'manifest' ? readProjectManifest(c.make(bytes)) : metricSync(c.make(bytes))), c.cap);
      assert.ok(growth.ok, `${c.name}: ${growth.detail}`);
      const r = c.kind === 'manifest' ? readProjectManifest(c.make(c.cap)).ok : (await evaluateCheck({ kind: 'metric', path: 'm.json', key: 'a', op: '>=', value: 1 }, 'p', memFs({ 'm.json': c.make(c.cap) }))).reason;
      assert.notEqual(r, undefined);
    }
  });
});

/** What a metric check does with a file's text, synchronously (for timing). */
function metricSync(text: string): unknown {
  return jsonShapeProblem(text, MAX_METRICS_DEPTH, MAX_METRICS_CONTAINERS) ?? (JSON.parse(text) as unknown);
}
