// Strict JSON with positions (src/core/json.ts): the exact message and position of each kind of
// error, the line index, the ranges of fields, and the shape check that runs before parsing.
import * as assert from 'node:assert/strict';
import { jsonRangeFinder, jsonShapeProblem, lineColumn, lineIndex, nestedDeeperThan, parseJson } from '../../src/core/json';

/** `message @ line:column (offset)` of a parse that must fail. */
function failure(text: string): string {
  const r = parseJson(text);
  if (r.ok) return 'parsed';
  return `${r.error.message} @ ${r.error.line}:${r.error.column} (${r.error.offset})`;
}

describe('strict JSON errors (core/json parseJson)', () => {
  it('parses strict JSON, with or without a byte-order mark', () => {
    assert.deepEqual(parseJson('{"a": [1, "x", null]}'), { ok: true, value: { a: [1, 'x', null] } });
    assert.deepEqual(parseJson('\ufeff{"a":1}'), { ok: true, value: { a: 1 } });
  });

  it('trailing commas, at the closing bracket, across lines', () => {
    const cases: [string, string][] = [
      ['{"a": 1,}', 'trailing comma before "}" @ 1:9 (8)'],
      ['[1,]', 'trailing comma before "]" @ 1:4 (3)'],
      ['[\n1,\n]', 'trailing comma before "]" @ 3:1 (5)'],
      ['{"a":1,\n  }', 'trailing comma before "}" @ 2:3 (10)'],
      ['{"x": [1, 2,]}', 'trailing comma before "]" @ 1:13 (12)'],
      ['{"k": "\\"\\u0041\\\\"  , }', 'trailing comma before "}" @ 1:23 (22)'],
      ['{"a":1,}' + ' '.repeat(300), 'trailing comma before "}" @ 1:8 (7)'],
    ];
    assert.deepEqual(cases.map(([t]) => [t, failure(t)]), cases);
  });

  it('what was expected where something else stands', () => {
    const cases: [string, string][] = [
      ['{a: 1}', 'unexpected "a", expected a property name in double quotes @ 1:2 (1)'],
      ['{"a":1,,}', 'unexpected ",", expected a property name in double quotes @ 1:8 (7)'],
      ['{"a": 1, "b"}', 'unexpected "}", expected ":" @ 1:13 (12)'],
      ['{"a" 1}', 'unexpected "1", expected ":" @ 1:6 (5)'],
      ['[1 2]', 'unexpected "2", expected "," @ 1:4 (3)'],
      ['{"a": 1 "b": 2}', 'unexpected "\\"", expected "," @ 1:9 (8)'],
      ['[1:2]', 'unexpected ":", expected "," @ 1:3 (2)'],
      ['[1', 'unexpected end of file, expected "," or "]" @ 1:3 (2)'],
      ['{"a": 1', 'unexpected end of file, expected "," or "}" @ 1:8 (7)'],
      ['1 2', 'unexpected "2", expected end of file @ 1:3 (2)'],
      ['{"a":1}}', 'unexpected "}", expected end of file @ 1:8 (7)'],
      ['{"a":}', 'unexpected "}", expected a value @ 1:6 (5)'],
      ['[:]', 'unexpected ":", expected a value @ 1:2 (1)'],
      [']', 'unexpected "]", expected a value @ 1:1 (0)'],
      ['[1,}', 'unexpected "}", expected a value @ 1:4 (3)'],
      ['[1,,]', 'unexpected ",", expected a value @ 1:4 (3)'],
      ['', 'unexpected end of file, expected a value @ 1:1 (0)'],
      ['  ', 'unexpected end of file, expected a value @ 1:3 (2)'],
      ['\ufeff{"a":}', 'unexpected "}", expected a value @ 1:7 (6)'],
    ];
    assert.deepEqual(cases.map(([t]) => [t, failure(t)]), cases);
  });

  it('words that are not JSON values, with what was expected after them', () => {
    const cases: [string, string][] = [
      ['[tru]', 'unexpected "tru" @ 1:2 (1)'],
      ['{"a": tru}', 'unexpected "tru", expected a value @ 1:7 (6)'],
      ['{"a": nul, }', 'unexpected "nul", expected a value @ 1:7 (6)'],
      ['[-]', 'unexpected "-" @ 1:2 (1)'],
      ['{"a":1}x', 'unexpected "x" @ 1:8 (7)'],
      ['{"a": yes, "b": 1}', 'unexpected "yes", expected a value @ 1:7 (6)'],
      ['[1, x]', 'unexpected "x", expected a value @ 1:5 (4)'],
      ['{"a":1, bad: 2}', 'unexpected "bad", expected a property name in double quotes @ 1:9 (8)'],
      ['{ tru: 1}', 'unexpected "tru", expected a property name in double quotes @ 1:3 (2)'],
      ['{bad}', 'unexpected "bad" @ 1:2 (1)'],
    ];
    assert.deepEqual(cases.map(([t]) => [t, failure(t)]), cases);
  });

  it('strings and numbers: the offending character, not the string start', () => {
    const cases: [string, string][] = [
      ['"abc', 'unterminated string @ 1:1 (0)'],
      ['"\\', 'unterminated string @ 1:1 (0)'],
      ['["\\u', 'unterminated string @ 1:2 (1)'],
      ['[1.]', 'invalid number @ 1:2 (1)'],
      ['["\\x"]', 'invalid escape in string @ 1:3 (2)'],
      ['["ok\\n", "bad\\q"]', 'invalid escape in string @ 1:14 (13)'],
      ['{"a":"\\u00e9\\z"}', 'invalid escape in string @ 1:13 (12)'],
      ['["a\\u12G4"]', 'invalid \\u escape @ 1:4 (3)'],
      ['["\\u00"]', 'invalid \\u escape @ 1:3 (2)'],
      ['["\\uABCDx\\u12"]', 'invalid \\u escape @ 1:10 (9)'],
      ['{"a":"b\\n\\u00e9\\uZZZZ"}', 'invalid \\u escape @ 1:16 (15)'],
      ['["a\tb"]', 'control character in string (use \\n, \\t) @ 1:4 (3)'],
      ['["a b\tc"]', 'control character in string (use \\n, \\t) @ 1:6 (5)'],
      ['["\\n\t"]', 'control character in string (use \\n, \\t) @ 1:5 (4)'],
      ['[\n"a\tb"]', 'control character in string (use \\n, \\t) @ 2:3 (4)'],
      ['["a\tb\\x"]', 'invalid escape in string @ 1:6 (5)'],
      ['["\\x\tb"]', 'control character in string (use \\n, \\t) @ 1:5 (4)'],
      ['["\tb\\u12G4"]', 'invalid \\u escape @ 1:5 (4)'],
      ['["\\u12\tG"]', 'control character in string (use \\n, \\t) @ 1:7 (6)'],
    ];
    assert.deepEqual(cases.map(([t]) => [t, failure(t)]), cases);
  });

  it('comments, and nesting too deep for the parser', () => {
    assert.equal(failure('/*c*/1'), 'comments are not allowed in JSON @ 1:1 (0)');
    assert.equal(failure('{"a":1}\n// c'), 'comments are not allowed in JSON @ 2:1 (8)');
    assert.equal(failure('{"a":1} /* c */'), 'comments are not allowed in JSON @ 1:9 (8)');
    assert.equal(failure('['.repeat(20000)), 'nested too deeply @ 1:1 (0)');
  });
});

describe('line index (core/json lineIndex, lineColumn)', () => {
  it('maps offsets to 1-based lines and columns, empty lines and the end included', () => {
    const at = lineIndex('ab\ncd\n\nef');
    assert.deepEqual(
      [0, 1, 2, 3, 5, 6, 7, 8, 9, 10].map((o) => `${at(o).line}:${at(o).column}`),
      ['1:1', '1:2', '1:3', '2:1', '2:3', '3:1', '4:1', '4:2', '4:3', '4:4'],
    );
    assert.deepEqual(lineColumn('x\ny\nz', 4), { line: 3, column: 1 });
    assert.deepEqual(lineColumn('', 0), { line: 1, column: 1 });
    const many = lineIndex('\n'.repeat(100));
    assert.deepEqual([0, 1, 50, 99, 100].map((o) => many(o).line), [1, 2, 51, 100, 101]);
  });
});

describe('field ranges (core/json jsonRangeFinder)', () => {
  it('finds a value or a key by path, or the deepest ancestor that exists', () => {
    const text = '{\n  "a": {"b": [10, {"c": null}]},\n  "d": "x",\n  "e": []\n}';
    const find = jsonRangeFinder(text);
    const show = (path: (string | number)[], target?: 'key' | 'value') => {
      const r = find(path, target);
      return r ? text.slice(r[0], r[1]) : undefined;
    };
    assert.equal(show([]), text);
    assert.equal(show(['a']), '{"b": [10, {"c": null}]}');
    assert.equal(show(['a'], 'key'), '"a"');
    assert.equal(show(['a', 'b']), '[10, {"c": null}]');
    assert.equal(show(['a', 'b', 1]), '{"c": null}');
    assert.equal(show(['a', 'b', 1, 'c']), 'null');
    assert.equal(show(['a', 'b', 1, 'c'], 'key'), '"c"');
    assert.equal(show(['a', 'b', 0]), '10');
    assert.equal(show(['a', 'b', 5]), '[10, {"c": null}]');
    assert.equal(show(['a', 'b', 'x']), '[10, {"c": null}]');
    assert.equal(show(['a', 'zz']), '{"b": [10, {"c": null}]}');
    assert.equal(show(['a', 'zz'], 'key'), '{"b": [10, {"c": null}]}');
    assert.equal(show(['a', 'b', 0, 'x']), '10');
    assert.equal(show(['d', 'q']), '"x"');
    assert.equal(show(['d'], 'key'), '"d"');
    assert.equal(show(['zz', 'yy']), text);
    assert.equal(show(['e', 0]), '[]');
    assert.deepEqual(find(['d']), [text.indexOf('"x"'), text.indexOf('"x"') + 3]);
    assert.deepEqual(find([]), [0, text.length]);
    assert.equal(show(['a', 'b', 'length']), '[10, {"c": null}]', 'an index is a number, not a property of the list');
  });

  it('a key without a value points at the key; no value at all, or nesting too deep, gives undefined', () => {
    assert.deepEqual(jsonRangeFinder('{"a":')(['a']), [1, 4]);
    assert.deepEqual(jsonRangeFinder('{"a"}')(['a']), [1, 4]);
    assert.deepEqual(jsonRangeFinder('{"a":1}')(['a', 'b']), [5, 6]);
    assert.equal(jsonRangeFinder('')([]), undefined);
    assert.equal(jsonRangeFinder('['.repeat(20000))(['a']), undefined);
    assert.deepEqual(jsonRangeFinder('{"1": 2, "x": [3]}')([1]), [6, 7], 'a number segment names an object key too');
    assert.deepEqual(jsonRangeFinder('{"a": {"undefined": 1}}')(['a']), [6, 22], 'the path ends where it ends');
  });
});

describe('JSON shape before parsing (core/json jsonShapeProblem, nestedDeeperThan)', () => {
  it('counts the depth and the containers outside strings', () => {
    const cases: [string, number, number | undefined, string | undefined][] = [
      ['[[]]', 1, undefined, 'deep'],
      ['[[]]', 2, undefined, undefined],
      ['[{}]', 1, undefined, 'deep'],
      ['{"a":{}}', 1, undefined, 'deep'],
      ['"[[["', 0, undefined, undefined],
      ['["\\"[["]', 1, undefined, undefined],
      ['["\\\\",[[]]]', 2, undefined, 'deep'],
      ['[],[],[]', 5, 2, 'many'],
      ['[],[],[]', 5, 3, undefined],
      ['{},{}', 1, 1, 'many'],
      ['[[]],[]', 1, 2, 'deep'],
      ['[{"a":[1]}]', 3, 2, 'many'],
      ['}}[[', 1, undefined, undefined],
      ['[]]][', 1, undefined, undefined],
      ['', 0, undefined, undefined],
    ];
    assert.deepEqual(
      cases.map(([t, d, m]) => [t, d, m, m === undefined ? jsonShapeProblem(t, d) : jsonShapeProblem(t, d, m)]),
      cases,
    );
  });

  it('nestedDeeperThan is the depth half of it', () => {
    assert.equal(nestedDeeperThan('[[[]]]', 2), true);
    assert.equal(nestedDeeperThan('[[[]]]', 3), false);
    assert.equal(nestedDeeperThan('[],[],[],[]', 1), false, 'many containers are not deep');
  });
});
