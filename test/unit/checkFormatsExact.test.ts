// `check --format` output byte for byte (src/core/authoring/formats.ts): one small project with a
// verified, a failing and a self-reported milestone, in every format, plus the escaping helpers.
import * as assert from 'node:assert/strict';
import { checkJunit, classroomResult, githubAnnotations, githubData, githubProperty, githubSummary, parseCheckFormat, score, xmlAttr, xmlEscape, type CheckResult } from '../../src/core/authoring/formats';
import { pseudo } from '../../src/core/l10n';

const result = (): CheckResult => ({
  project: { starter: 'demo-starter', name: 'my_proj', title: 'Demo <Starter> | 1' },
  milestones: [
    { id: 'run-smoke', title: 'Run it', kind: 'fileExists', verified: true, reason: 'outputs/metrics.json exists', points: 1, file: 'README.md' },
    { id: 'scale', title: 'Scale "values"', kind: 'tests', verified: false, reason: '2 of 3 tests failing:\nassert 0.5 == 1', points: 3, file: 'pkg/stats.py', line: 12 },
    { id: 'notes', title: 'Take notes', kind: null, verified: null, reason: 'self-reported', points: 2, file: 'NOTES.md' },
  ],
});

describe('check output formats, exactly (core/authoring/formats)', () => {
  it('parses --format: the five names, json by --json, text by default, anything else refused', () => {
    assert.deepEqual(parseCheckFormat(undefined, false), { ok: true, format: 'text' });
    assert.deepEqual(parseCheckFormat(undefined, true), { ok: true, format: 'json' });
    for (const f of ['text', 'json', 'junit', 'github', 'classroom']) assert.deepEqual(parseCheckFormat(f, true), { ok: true, format: f });
    assert.deepEqual(parseCheckFormat('xml', false), { ok: false, message: '--format must be one of text, json, junit, github, classroom, not "xml"' });
    assert.deepEqual(parseCheckFormat('', false), { ok: false, message: '--format must be one of text, json, junit, github, classroom, not ""' });
  });

  it('escapes XML text and attributes, dropping what XML 1.0 cannot hold', () => {
    assert.equal(xmlEscape(`a&b<c>d"e'f`), 'a&amp;b&lt;c&gt;d&quot;e&apos;f');
    assert.equal(xmlEscape('\u0000\u0001\u0008|\u000b\u000c|\u000e\u001f|\ufffe\uffff|\t\n\r|ok \ufffd\u0007'), '||||\t\n\r|ok \ufffd');
    assert.equal(xmlAttr('a\tb\nc\rd<'), 'a&#9;b&#10;c&#13;d&lt;');
  });

  it('escapes GitHub workflow command data and properties', () => {
    assert.equal(githubData('50%\r\nnext\nline'), '50%25%0D%0Anext%0Aline');
    assert.equal(githubProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
  });

  it('junit: the whole report', () => {
    assert.equal(
      checkJunit(result()),
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites tests="3" failures="1" errors="0" skipped="1">',
        '  <testsuite name="demo-starter (my_proj)" tests="3" failures="1" errors="0" skipped="1">',
        '    <testcase classname="demo-starter" name="run-smoke" file="README.md"/>',
        '    <testcase classname="demo-starter" name="scale" file="pkg/stats.py" line="12">',
        '      <failure message="2 of 3 tests failing:&#10;assert 0.5 == 1">Scale &quot;values&quot;\n2 of 3 tests failing:\nassert 0.5 == 1</failure>',
        '    </testcase>',
        '    <testcase classname="demo-starter" name="notes" file="NOTES.md">',
        '      <skipped message="self-reported: no check"/>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    assert.match(checkJunit(result(), pseudo), /<skipped message="⟦self-reported: no check⟧"\/>/);
  });

  it('github: annotations for checked milestones only, at line 1 when the stub line is unknown', () => {
    assert.equal(
      githubAnnotations(result()),
      '::notice file=README.md,line=1,title=Run it%3A verified::outputs/metrics.json exists\n' +
        '::error file=pkg/stats.py,line=12,title=Scale "values"%3A not verified yet::2 of 3 tests failing:%0Aassert 0.5 == 1\n',
    );
    assert.equal(githubAnnotations({ ...result(), milestones: [] }), '');
  });

  it('github: the job summary table', () => {
    assert.equal(
      githubSummary(result()),
      [
        '### Demo &lt;Starter&gt; \\| 1 (my_proj)',
        '',
        '1 of 2 checked milestones verified, 1 of 4 points.',
        '',
        '| | Milestone | Points | Result |',
        '| --- | --- | ---: | --- |',
        '| ✅ | Run it (`run-smoke`) | 1/1 | outputs/metrics.json exists |',
        '| ❌ | Scale "values" (`scale`) | 0/3 | 2 of 3 tests failing: assert 0.5 == 1 |',
        '| · | Take notes (`notes`) | – | self-reported |',
        '',
      ].join('\n'),
    );
  });

  it('github: a summary cell puts line breaks as one space and escapes backslashes, pipes and angle brackets', () => {
    const odd = githubSummary({ project: { starter: 's', name: 'n', title: 't' }, milestones: [{ id: 'x', title: 'a\\b', kind: 'tests', verified: false, reason: 'one\r\n\r\ntwo | <three>', points: 1, file: 'f' }] });
    assert.equal(odd.trimEnd().split('\n').pop(), '| ❌ | a\\\\b (`x`) | 0/1 | one two \\| &lt;three&gt; |');
  });

  it('classroom: checked milestones as tests with their points; pass only when all pass', () => {
    assert.deepEqual(classroomResult(result()), {
      version: 1,
      status: 'fail',
      max_score: 4,
      tests: [
        { name: 'Run it', status: 'pass', message: 'outputs/metrics.json exists', line_no: 0, filename: 'README.md', score: 1, max_score: 1 },
        { name: 'Scale "values"', status: 'fail', message: '2 of 3 tests failing:\nassert 0.5 == 1', line_no: 12, filename: 'pkg/stats.py', score: 0, max_score: 3 },
      ],
    });
    const allPass = { ...result(), milestones: result().milestones.filter((m) => m.verified !== false) };
    assert.equal(classroomResult(allPass).status, 'pass');
    assert.deepEqual(score(result()), { earned: 1, total: 4 });
    assert.deepEqual(score({ ...result(), milestones: [] }), { earned: 0, total: 0 });
  });
});
