// Reading one catalog file (src/core/catalog/yamlSource.ts: YAML and JSON, positions of fields)
// and the schema messages a pack author reads (schema.ts), asserted exactly.
import * as assert from 'node:assert/strict';
import { validateAgainst, type SchemaKind } from '../../src/core/catalog/schema';
import { parseJsonSource, parseSource, parseYamlSource } from '../../src/core/catalog/yamlSource';

const fileProblem = (file: string, line: number, column: number, endLine: number, endColumn: number, message: string, severity = 'error') => ({ file, line, column, endLine, endColumn, field: '(file)', message, severity });

describe('catalog file parsing (core/catalog/yamlSource)', () => {
  it('YAML that breaks the spec strictly, or repeats a key, is invalid, at its position', () => {
    const strict = parseYamlSource('s.yaml', 'skills: [ a\n  : 1 ]\n');
    assert.deepEqual([strict.value, strict.diagnostics], [undefined, [fileProblem('s.yaml', 1, 12, 2, 1, 'invalid YAML: Implicit keys of flow sequence pairs need to be on a single line')]]);
    const twice = parseYamlSource('u.yaml', 'a: 1\na: 2\n');
    assert.deepEqual([twice.value, twice.diagnostics], [undefined, [fileProblem('u.yaml', 2, 1, 2, 2, 'invalid YAML: Map keys must be unique')]]);
  });

  it('only the first line of a YAML error is kept', () => {
    const r = parseYamlSource('m.yaml', 'a: [b\nc]\n');
    assert.deepEqual(
      r.diagnostics.map((d) => d.message),
      ['invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]', 'invalid YAML: Implicit map keys need to be followed by map values'],
    );
  });

  it('an alias bomb is refused when read, at the start of the file', () => {
    const r = parseYamlSource('b.yaml', 'a: &a [x, x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n');
    assert.deepEqual([r.value, r.diagnostics], [undefined, [fileProblem('b.yaml', 1, 1, 1, 1, 'cannot read YAML: Excessive alias count indicates a resource exhaustion attack')]]);
  });

  it('a YAML warning is kept with the value', () => {
    const r = parseYamlSource('w.yaml', '%FOO bar\n---\na: 1\n');
    assert.deepEqual([r.file, r.value, r.diagnostics], ['w.yaml', { a: 1 }, [fileProblem('w.yaml', 1, 1, 1, 9, 'Unknown directive %FOO', 'warning')]]);
  });

  it('an empty file is null, without problems', () => {
    const r = parseYamlSource('e.yaml', '');
    assert.deepEqual([r.value, r.diagnostics], [null, []]);
  });

  it('locates a value, a key, or the deepest part of the path that exists', () => {
    const y = parseYamlSource('l.yaml', 'a:\n  undefined: 1\nroles:\n  - id: x\n    title: T\n  - id: y\nempty:\nlist: [1, 2]\n');
    const at = (p: { line: number; column: number; endLine: number; endColumn: number }) => `${p.line}:${p.column}-${p.endLine}:${p.endColumn}`;
    assert.deepEqual(
      [
        y.locate(['a']),
        y.locate(['a', 'undefined']),
        y.locate(['roles', 1, 'id'], 'key'),
        y.locate(['roles', 1, 'id']),
        y.locate(['roles', 1, 'id'], 'value'),
        y.locate(['roles', 5]),
        y.locate(['roles', 'x', 0]),
        y.locate(['empty']),
        y.locate(['empty'], 'key'),
        y.locate(['list', 1, 'deeper']),
        y.locate(['nothing']),
        y.locate([]),
      ].map(at),
      ['2:3-3:1', '2:14-2:15', '6:5-6:7', '6:9-6:10', '6:9-6:10', '4:3-7:1', '4:3-7:1', '7:7-7:7', '7:1-7:6', '8:11-8:12', '1:1-9:1', '1:1-9:1'],
    );
  });

  it('a key without a value is located at the key', () => {
    const y = parseYamlSource('k.yaml', '? a\n');
    assert.deepEqual(y.locate(['a']), { line: 1, column: 3, endLine: 1, endColumn: 4 });
  });

  it('invalid YAML still locates its fields (the first of two equal keys)', () => {
    assert.deepEqual(parseYamlSource('u.yaml', 'a: 1\na: 2\n').locate(['a']), { line: 1, column: 4, endLine: 1, endColumn: 5 });
  });

  it('invalid JSON is one problem one character wide, and every path is located there', () => {
    const r = parseJsonSource('x.json', '{\n  "a": [1,\n}');
    assert.deepEqual([r.value, r.diagnostics], [undefined, [fileProblem('x.json', 3, 1, 3, 2, 'invalid JSON: unexpected "}", expected a value')]]);
    assert.deepEqual(r.locate(['a', 0]), { line: 3, column: 1, endLine: 3, endColumn: 2 });
  });

  it('JSON locates values and keys, and the whole document for a path that is not there', () => {
    const r = parseJsonSource('ok.json', '{\n  "roles": [\n    {"id": "x"}\n  ]\n}');
    assert.deepEqual([r.value, r.diagnostics], [{ roles: [{ id: 'x' }] }, []]);
    assert.deepEqual(
      [r.locate(['roles', 0, 'id']), r.locate(['roles', 0, 'id'], 'key'), r.locate(['nothing']), r.locate(['roles', 0, 'id'])],
      [
        { line: 3, column: 12, endLine: 3, endColumn: 15 },
        { line: 3, column: 6, endLine: 3, endColumn: 10 },
        { line: 1, column: 1, endLine: 5, endColumn: 2 },
        { line: 3, column: 12, endLine: 3, endColumn: 15 },
      ],
    );
  });

  it('picks JSON by a .json ending in any case, YAML for anything else', () => {
    assert.deepEqual(parseSource('P.JSON', '{"roles": []}').value, { roles: [] });
    assert.deepEqual(parseSource('p.json.yaml', 'roles: []\n').value, { roles: [] });
    assert.deepEqual(parseSource('p.yml', '{"roles": [],}').value, { roles: [] }, 'YAML accepts a trailing comma');
    assert.deepEqual(parseSource('p.json', '{"roles": [],}').diagnostics.map((d) => d.message), ['invalid JSON: trailing comma before "}"']);
  });
});

describe('schema messages (core/catalog/schema)', () => {
  const order = (value: unknown) => validateAgainst('level', { id: 'a', title: 't', order: value, summary: 's' }).map((e) => e.message);

  it('a valid entry has no errors', () => {
    assert.deepEqual(validateAgainst('level', { id: 'a', title: 't', order: 1, summary: 's' }), []);
  });

  it('paths start at the base path; "" is said once although it breaks two rules', () => {
    assert.deepEqual(validateAgainst('level', { id: 'Bad_Id', title: '', order: 0, summary: 's' }, ['levels', 2]), [
      { path: ['levels', 2, 'id'], target: 'value', message: 'expected a kebab-case id (lowercase letters, digits and single dashes), found the text "Bad_Id"' },
      { path: ['levels', 2, 'title'], target: 'value', message: 'expected non-empty text' },
      { path: ['levels', 2, 'order'], target: 'value', message: 'expected at least 1, found 0' },
    ]);
  });

  it('says what was found instead of the expected type', () => {
    assert.deepEqual(
      [101, 1.5, 'x', null, [], {}, true, 'y'.repeat(40), 'z'.repeat(41)].map((v) => order(v)),
      [
        ['expected at most 100, found 101'],
        ['expected a whole number, found number 1.5'],
        ['expected a whole number, found the text "x"'],
        ['expected a whole number, found null'],
        ['expected a whole number, found a list'],
        ['expected a whole number, found a mapping'],
        ['expected a whole number, found boolean true'],
        [`expected a whole number, found the text "${'y'.repeat(40)}"`],
        [`expected a whole number, found the text "${'z'.repeat(40)}…"`],
      ],
    );
  });

  it('maxLength, pattern, maximum and minimum of nested fields', () => {
    assert.deepEqual(validateAgainst('skill', { id: 'a', title: 'x'.repeat(301), summary: 's', roles: [], expectations: [], updated: 'yesterday', figures: { averageDemand: 11, careers: -1 } }), [
      { path: ['title'], target: 'value', message: 'expected at most 300 characters, found 301' },
      { path: ['updated'], target: 'value', message: 'expected text matching ^\\d{4}-\\d{2}-\\d{2}$, found the text "yesterday"' },
      { path: ['figures', 'averageDemand'], target: 'value', message: 'expected at most 10, found 11' },
      { path: ['figures', 'careers'], target: 'value', message: 'expected at least 0, found -1' },
    ]);
  });

  it('enum and minItems', () => {
    assert.deepEqual(validateAgainst('skillPracticeProject', { skill: 'a', id: 'p', title: 'P', difficulty: 'impossible', scenario: 's', steps: [] }), [
      { path: ['difficulty'], target: 'value', message: 'expected one of "beginner", "intermediate", "advanced", found the text "impossible"' },
      { path: ['steps'], target: 'value', message: 'expected at least 1 item(s)' },
    ]);
  });

  it('list indexes in paths are numbers, at any size', () => {
    const expectations = Array.from({ length: 151 }, () => ({ role: 'r', level: 'l', required: true, text: 't' }));
    expectations[150] = { role: 'r', level: 'l', required: 'yes' as unknown as boolean, text: 't' };
    assert.deepEqual(validateAgainst('skill', { id: 'a', title: 't', summary: 's', roles: [], expectations }, ['skills', 0]), [
      { path: ['skills', 0, 'expectations', 150, 'required'], target: 'value', message: 'expected true or false, found the text "yes"' },
    ]);
  });

  it('an unknown field is an error at its key, listing the known ones', () => {
    assert.deepEqual(validateAgainst('role', { id: 'r', title: 'R', summary: 's', colour: 'red' }, ['roles', 0]), [
      { path: ['roles', 0, 'colour'], target: 'key', message: 'unknown field "colour"; expected one of id, title, summary, skillClusters' },
    ]);
  });

  it('template manifests: required fields, minimum, pattern, maxItems, maximum, enum', () => {
    const errors = validateAgainst('template', {
      version: 0,
      defaultName: 'Bad-Name',
      milestones: [{ id: 'm', title: 't', done: 'd', file: 'f', serves: [], hints: ['a', 'b', 'c', 'd'], points: 1001, check: { kind: 'nope', path: 'p', flags: 'x' } }],
    });
    assert.deepEqual(
      errors.filter((e) => e.path.length > 0),
      [
        { path: ['version'], target: 'value', message: 'expected at least 1, found 0' },
        { path: ['defaultName'], target: 'value', message: 'expected text matching ^[a-z_][a-z0-9_]*$, found the text "Bad-Name"' },
        { path: ['milestones', 0, 'check', 'kind'], target: 'value', message: 'expected one of "fileExists", "fileMatches", "metric", "tests", found the text "nope"' },
        { path: ['milestones', 0, 'check', 'flags'], target: 'value', message: 'expected text matching ^[imsu]*$, found the text "x"' },
        { path: ['milestones', 0, 'hints'], target: 'value', message: 'expected at most 3 item(s), found 4' },
        { path: ['milestones', 0, 'points'], target: 'value', message: 'expected at most 1000, found 1001' },
      ],
    );
    assert.deepEqual(errors.filter((e) => e.path.length === 0).map((e) => e.message).slice(0, 2), ['missing required field "id"', 'missing required field "title"']);
  });

  it('an unknown kind is a programming error', () => {
    assert.throws(() => validateAgainst('nope' as SchemaKind, {}), { message: 'no schema validator for nope' });
  });
});
