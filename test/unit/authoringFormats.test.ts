// check --format junit|github|classroom (core/authoring/formats.ts), the CI workflow generator and
// the starter skeleton: the shapes other tools read, validated, not only looked at.
import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { CI_WORKFLOW_PATH, ciWorkflow } from '../../src/core/authoring/ciWorkflow';
import { checkJunit, classroomResult, githubAnnotations, githubData, githubProperty, githubSummary, parseCheckFormat, score, xmlEscape, type CheckResult } from '../../src/core/authoring/formats';
import { defaultPackageName, starterIdProblem, starterSkeleton } from '../../src/core/authoring/skeleton';
import { parseYamlSource } from '../../src/core/catalog/yamlSource';
import { pseudo } from '../../src/core/l10n';
import { validateTemplate } from '../../src/core/scaffold/templates';
import { findStubMarkers } from '../../src/core/verify/stubs';
import { parseJUnit } from '../../src/core/verify/junit';
import { bundledIndex } from './helpers';
import { checkTemplatesAgainstCatalog } from '../../src/core/scaffold/crossCheck';

const result: CheckResult = {
  project: { starter: 'calc', name: 'calc_app', title: 'Calc <& "friends">' },
  milestones: [
    { id: 'run-smoke', title: 'Run it', kind: 'metric', verified: true, reason: 'epochs = 1 (needs >= 1)', points: 1, file: 'README.md' },
    { id: 'write-add', title: 'Write add, then sub: 50%', kind: 'tests', verified: false, reason: '1 of 2 tests failing: assert 4 == 5\nsecond line | pipe', points: 3, file: 'calc_app/calc.py', line: 7 },
    { id: 'explain', title: 'Explain', kind: null, verified: null, reason: 'self-reported: no check', points: 5, file: 'README.md' },
    { id: 'write-sub', title: 'Write sub', kind: 'tests', verified: true, reason: '2 of 2 tests pass', points: 2, file: 'calc_app/calc.py', line: 12 },
  ],
};

describe('check --format', () => {
  it('parses --format, with --json as json and nothing as text', () => {
    assert.deepEqual(parseCheckFormat(undefined, false), { ok: true, format: 'text' });
    assert.deepEqual(parseCheckFormat(undefined, true), { ok: true, format: 'json' });
    for (const f of ['json', 'junit', 'github', 'classroom', 'text']) assert.deepEqual(parseCheckFormat(f, true), { ok: true, format: f });
    assert.deepEqual(parseCheckFormat('xml', false), { ok: false, message: '--format must be one of text, json, junit, github, classroom, not "xml"' });
  });

  it('junit: one test case per milestone, failures and self-reported skips counted, parseable by a JUnit reader', () => {
    const xml = checkJunit(result);
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites tests="4" failures="1" errors="0" skipped="1">/);
    assert.match(xml, /<testsuite name="calc \(calc_app\)" tests="4" failures="1" errors="0" skipped="1">/);
    const parsed = parseJUnit(xml);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
    assert.deepEqual(
      parsed.report.cases.map((c) => [c.classname, c.name, c.outcome]),
      [
        ['calc', 'run-smoke', 'passed'],
        ['calc', 'write-add', 'failed'],
        ['calc', 'explain', 'skipped'],
        ['calc', 'write-sub', 'passed'],
      ],
    );
    assert.equal(parsed.report.cases[1]?.message, '1 of 2 tests failing: assert 4 == 5\nsecond line | pipe');
    assert.match(xml, /name="write-add" file="calc_app\/calc.py" line="7">/);
    assert.match(xml, /name="run-smoke" file="README.md"\/>/, 'no line attribute without a stub');
    assert.match(checkJunit(result, pseudo), /<skipped message="⟦self-reported: no check⟧"\/>/);
  });

  it('junit: escapes markup and drops characters XML cannot hold', () => {
    assert.equal(xmlEscape(`a<b>&"c'\u0001d\u0009`), 'a&lt;b&gt;&amp;&quot;c&apos;d\u0009');
    const hostile = checkJunit({ project: { starter: 's', name: 'n', title: 't' }, milestones: [{ id: 'x', title: '</testcase><testcase name="fake">', kind: 'tests', verified: false, reason: ']]><!-- \u0000', points: 1, file: 'a.py' }] });
    const parsed = parseJUnit(hostile);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.report.cases.map((c) => c.name), ['x']);
  });

  it('github: an error annotation at each failing exercise stub, a notice for each verified milestone, none for self-reported', () => {
    assert.equal(
      githubAnnotations(result),
      [
        '::notice file=README.md,line=1,title=Run it%3A verified::epochs = 1 (needs >= 1)',
        '::error file=calc_app/calc.py,line=7,title=Write add%2C then sub%3A 50%25%3A not verified yet::1 of 2 tests failing: assert 4 == 5%0Asecond line | pipe',
        '::notice file=calc_app/calc.py,line=12,title=Write sub%3A verified::2 of 2 tests pass',
        '',
      ].join('\n'),
    );
    assert.equal(githubData('50%\r\nx'), '50%25%0D%0Ax');
    assert.equal(githubProperty('a:b,c%'), 'a%3Ab%2Cc%25');
  });

  it('github: the job summary, a Markdown table with points', () => {
    const md = githubSummary(result);
    const lines = md.trimEnd().split('\n');
    assert.equal(lines[0], '### Calc &lt;& "friends"&gt; (calc_app)');
    assert.equal(lines[2], '2 of 3 checked milestones verified, 3 of 6 points.');
    assert.equal(lines[4], '| | Milestone | Points | Result |');
    assert.equal(lines[5], '| --- | --- | ---: | --- |');
    assert.deepEqual(lines.slice(6), [
      '| ✅ | Run it (`run-smoke`) | 1/1 | epochs = 1 (needs &gt;= 1) |',
      '| ❌ | Write add, then sub: 50% (`write-add`) | 0/3 | 1 of 2 tests failing: assert 4 == 5 second line \\| pipe |',
      '| · | Explain (`explain`) | – | self-reported: no check |',
      '| ✅ | Write sub (`write-sub`) | 2/2 | 2 of 2 tests pass |',
    ]);
    // Every row has the header's four cells (no pipe escapes the table).
    for (const row of lines.slice(4)) assert.equal(row.replace(/\\\|/g, '').split('|').length - 2, 4, row);
    assert.match(githubSummary(result, pseudo), /⟦2 of 3 checked milestones verified, 3 of 6 points.⟧/);
    const odd = githubSummary({ project: { starter: 's', name: 'n', title: 't' }, milestones: [{ id: 'x', title: 'a\\|b', kind: 'tests', verified: false, reason: 'C:\\tmp\r\n<b>', points: 1, file: 'a.py' }] });
    assert.equal(odd.trimEnd().split('\n').pop(), '| ❌ | a\\\\\\|b (`x`) | 0/1 | C:\\\\tmp &lt;b&gt; |');
  });

  it('classroom: the autograding reporter shape, points per checked milestone', () => {
    const c = classroomResult(result);
    assert.deepEqual(c, {
      version: 1,
      status: 'fail',
      max_score: 6,
      tests: [
        { name: 'Run it', status: 'pass', message: 'epochs = 1 (needs >= 1)', line_no: 0, filename: 'README.md', score: 1, max_score: 1 },
        { name: 'Write add, then sub: 50%', status: 'fail', message: '1 of 2 tests failing: assert 4 == 5\nsecond line | pipe', line_no: 7, filename: 'calc_app/calc.py', score: 0, max_score: 3 },
        { name: 'Write sub', status: 'pass', message: '2 of 2 tests pass', line_no: 12, filename: 'calc_app/calc.py', score: 2, max_score: 2 },
      ],
    });
    // What the reporter does with it: base64 in the step output, decoded, summed.
    const decoded = JSON.parse(Buffer.from(Buffer.from(JSON.stringify(c)).toString('base64'), 'base64').toString('utf8')) as typeof c;
    assert.equal(decoded.tests.reduce((s, x) => s + x.score, 0), 3);
    const allPass = classroomResult({ ...result, milestones: result.milestones.filter((m) => m.verified !== false) });
    assert.deepEqual([allPass.status, allPass.max_score], ['pass', 3]);
    assert.deepEqual(score(result), { earned: 3, total: 6 });
  });
});

describe('CI workflow (Scaffold > Add a CI workflow)', () => {
  it('installs Python, the requirements and the CLI, then runs check --run-tests --format github', () => {
    assert.equal(CI_WORKFLOW_PATH, '.github/workflows/learning-path.yml');
    const wf = parseYaml(ciWorkflow()) as { on: Record<string, unknown>; jobs: { check: { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] } }; env: Record<string, string> };
    assert.deepEqual(Object.keys(wf.on), ['push', 'pull_request', 'workflow_dispatch']);
    const steps = wf.jobs.check.steps;
    assert.deepEqual(steps.filter((s) => s.uses).map((s) => s.uses), ['actions/checkout@v4', 'actions/setup-node@v4', 'actions/setup-python@v5']);
    assert.equal(steps[1]?.with?.['node-version'], 20);
    const runs = steps.filter((s) => s.run).map((s) => s.run ?? '');
    assert.match(runs[0] ?? '', /pip install -r requirements.txt/);
    assert.equal(runs[1], 'npm install -g "$LEARNING_PATHS_CLI"');
    assert.equal(runs[2], 'learning-paths check . --run-tests --python python --format github');
    assert.equal(wf.env.LEARNING_PATHS_CLI, 'learning-paths');
  });
});

describe('starter skeleton (starters new, New Starter…)', () => {
  it('is a valid starter: its template.yaml passes the schema and the catalog, every mutant has files', () => {
    const files = starterSkeleton('scale-demo');
    const yaml = files.find((f) => f.path === 'template.yaml');
    assert.ok(yaml);
    const parsed = parseYamlSource('template.yaml', yaml.content);
    assert.deepEqual(parsed.diagnostics, []);
    const tplFiles = files.filter((f) => f.path.startsWith('files/')).map((f) => ({ path: f.path.slice('files/'.length), content: f.content }));
    const v = validateTemplate('template.yaml', parsed.value, parsed.locate, tplFiles);
    assert.deepEqual(v.diagnostics, []);
    assert.ok(v.template);
    assert.deepEqual(checkTemplatesAgainstCatalog([v.template], bundledIndex(), () => 'template.yaml'), []);
    const m = v.template.manifest;
    assert.equal(m.id, 'scale-demo');
    assert.equal(m.defaultName, 'scale_demo');
    const exercises = m.milestones.filter((x) => x.check?.kind === 'tests');
    assert.equal(exercises.length, 1);
    const ex = exercises[0];
    assert.ok(ex);
    assert.equal(ex.hints?.length, 3);
    assert.equal(ex.points, 2);
    assert.deepEqual(ex.mutants?.map((x) => [x.id, x.kind]), [
      ['divides-by-max', 'mistake'],
      ['hard-codes-example', 'cheat'],
    ]);
    for (const x of ex.mutants ?? []) assert.ok(files.some((f) => f.path === `mutants/${ex.id}/${x.id}/{{package}}/stats.py`), x.id);
    assert.ok(files.some((f) => f.path === `solutions/${ex.id}/{{package}}/stats.py`));
    assert.ok(files.some((f) => f.path === `files/${(ex.check as { path: string }).path}`));
    // The stub carries the exercise's marker; the solution and the mutants do not.
    const stub = files.find((f) => f.path === 'files/{{package}}/stats.py')?.content ?? '';
    assert.deepEqual(findStubMarkers(stub).map((s) => s.milestoneId), [ex.id]);
    for (const f of files.filter((x) => /^(solutions|mutants)\//.test(x.path))) assert.deepEqual(findStubMarkers(f.content), [], f.path);
    assert.ok(!files.some((f) => /import (torch|numpy)/.test(f.content)), 'pure Python');
  });

  it('holds the pieces an author edits: stub, solution, two wrong versions, smoke run, suite, test', () => {
    const byPath = new Map(starterSkeleton('demo').map((f) => [f.path, f.content]));
    const expect: [string, RegExp][] = [
      ['files/README.md', /^# \{\{name\}\}\n\nScaffolded from the Learning Paths starter `demo`\./],
      ['files/pytest.ini', /^\[pytest\]\ntestpaths = tests\npythonpath = \.\n$/],
      ['files/{{package}}/__init__.py', /^$/],
      ['files/{{package}}/__main__.py', /except NotImplementedError:[\s\S]*fallbacks\.append\("min_max_scale"\)[\s\S]*"metrics\.json"/],
      ['files/{{package}}/stats.py', /def min_max_scale\(values: Sequence\[float\]\) -> List\[float\]:[\s\S]* {4}# TODO\(milestone: min-max-scale\)\n {4}raise NotImplementedError\("Write min_max_scale \(milestone min-max-scale\)"\)\n$/],
      ['files/tests/test_smoke.py', /def test_smoke_run_writes_metrics\(tmp_path\):[\s\S]*assert written\["rows"\] == 10\n$/],
      ['files/milestones/test_min_max_scale.py', /rng = random\.Random\(7\)[\s\S]*def test_an_empty_list_is_refused\(\):\n {4}with pytest\.raises\(ValueError\):/],
      ['solutions/min-max-scale/{{package}}/stats.py', / {8}return \[0\.0 for _ in values\]\n {4}return \[\(v - low\) \/ \(high - low\) for v in values\]\n$/],
      ['mutants/min-max-scale/divides-by-max/{{package}}/stats.py', / {4}return \[\(v - low\) \/ high for v in values\]\n$/],
      ['mutants/min-max-scale/hard-codes-example/{{package}}/stats.py', / {4}if list\(values\) == \[2\.0, 4\.0, 6\.0\]:\n {8}return \[0\.0, 0\.5, 1\.0\]\n {4}return \[float\(v\) for v in values\]\n$/],
      ['template.yaml', /^# A Learning Paths starter[\s\S]*^smokeCommand: "python -m \{\{package\}\} --smoke"$/m],
    ];
    assert.deepEqual([...byPath.keys()].sort(), expect.map(([p]) => p).sort());
    for (const [path, re] of expect) assert.match(byPath.get(path) ?? '', re, path);
    // The three versions of stats.py share everything up to the function's body.
    const head = (text: string) => text.slice(0, text.indexOf('Example: min_max_scale'));
    const stub = byPath.get('files/{{package}}/stats.py') ?? '';
    assert.ok(head(stub).length > 300);
    for (const p of ['solutions/min-max-scale/{{package}}/stats.py', 'mutants/min-max-scale/divides-by-max/{{package}}/stats.py', 'mutants/min-max-scale/hard-codes-example/{{package}}/stats.py']) assert.equal(head(byPath.get(p) ?? ''), head(stub), p);
  });

  it('template.yaml: points is a whole number from 0 to 1000', () => {
    const yaml = starterSkeleton('scale-demo').find((f) => f.path === 'template.yaml')?.content ?? '';
    const line = yaml.split('\n').indexOf('    points: 2') + 1;
    assert.ok(line > 0);
    const check = (value: string) => {
      const parsed = parseYamlSource('template.yaml', yaml.replace('    points: 2\n', `    points: ${value}\n`));
      return validateTemplate('template.yaml', parsed.value, parsed.locate, []).diagnostics;
    };
    for (const value of ['0', '1000']) assert.deepEqual(check(value), [], value);
    for (const value of ['-1', '1.5', '"2"', '1001']) {
      const ds = check(value);
      assert.deepEqual([ds.length, ds[0]?.line, ds[0]?.field], [1, line, 'milestones[1].points'], value);
    }
  });

  it('refuses an id that is not a starter id, and derives the package name', () => {
    for (const bad of ['', 'Has-Caps', 'two--hyphens', '-lead', 'under_score', 'x'.repeat(81)]) {
      assert.match(starterIdProblem(bad) ?? '', /is not a starter id/, bad);
      assert.throws(() => starterSkeleton(bad), /is not a starter id/);
    }
    assert.equal(starterIdProblem('a1-b2'), undefined);
    assert.equal(defaultPackageName('my-starter'), 'my_starter');
    assert.equal(defaultPackageName('3d-vision'), 'p_3d_vision');
    const pkg = starterSkeleton('3d-vision').find((f) => f.path === 'template.yaml')?.content ?? '';
    assert.match(pkg, /^defaultName: p_3d_vision$/m);
  });
});
