// Reading and mirroring .learning-path.json (src/core/progress/projectManifest.ts): every field's
// problem with its message and position, positions of hand-edited ticks, the warning cap, and the
// text written back.
import * as assert from 'node:assert/strict';
import type { Mark } from '../../src/core/progress/merge';
import { MAX_MANIFEST_DEPTH, MAX_TICK_WARNINGS, readProjectManifest, withMirroredProgress } from '../../src/core/progress/projectManifest';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const HEAD = ['{', '  "starter": "s",', '  "version": 1,', '  "projectId": "abc",', '  "name": "pkg"'];

function problem(text: string): { message: string; line: number; column: number } {
  const r = readProjectManifest(text);
  assert.ok(!r.ok, 'expected a problem');
  return r.problem;
}

function warnings(text: string): [number, number, string][] {
  const r = readProjectManifest(text);
  assert.ok(r.ok, 'expected a manifest');
  return r.warnings.map((w) => [w.line, w.column, w.message]);
}

describe('project manifest fields (core/progress/projectManifest)', () => {
  it('each required field: its message at its key', () => {
    const base = { starter: 's', version: 1, projectId: 'abc', name: 'pkg' };
    const cases: [Record<string, unknown>, string, number][] = [
      [{ ...base, starter: '' }, '"starter": expected the starter id (a string)', 2],
      [{ ...base, starter: 7 }, '"starter": expected the starter id (a string)', 2],
      [{ ...base, projectId: '' }, '"projectId": expected the project id (a string)', 4],
      [{ ...base, name: '' }, '"name": expected the package name (a string)', 5],
      [{ ...base, name: null }, '"name": expected the package name (a string)', 5],
      [{ ...base, version: '1' }, '"version": expected the starter version (an integer ≥ 1)', 3],
      [{ ...base, version: 1.5 }, '"version": expected the starter version (an integer ≥ 1)', 3],
      [{ ...base, version: 0 }, '"version": expected the starter version (an integer ≥ 1)', 3],
      [{ ...base, progress: [] }, '"progress": expected an object of milestone id → { state, at }', 6],
      [{ ...base, progress: 'x' }, '"progress": expected an object of milestone id → { state, at }', 6],
      [{ ...base, progress: null }, '"progress": expected an object of milestone id → { state, at }', 6],
    ];
    for (const [value, message, line] of cases) {
      const text = JSON.stringify(value, null, 2);
      assert.deepEqual(problem(text), { message, line, column: 3 }, message);
    }
  });

  it('a missing field is reported at the start of the file', () => {
    assert.deepEqual(problem('{"version": 1, "projectId": "abc", "name": "pkg"}'), { message: '"starter": expected the starter id (a string)', line: 1, column: 1 });
    assert.deepEqual(problem('{"starter": "s", "projectId": "abc", "name": "pkg"}'), { message: '"version": expected the starter version (an integer ≥ 1)', line: 1, column: 1 });
  });

  it('version 1 and progress {} are fine; createdAt is optional', () => {
    const r = readProjectManifest('{"starter": "s", "version": 1, "projectId": "abc", "name": "pkg", "progress": {}}');
    assert.ok(r.ok);
    assert.deepEqual(r.manifest, { starter: 's', version: 1, projectId: 'abc', name: 'pkg', createdAt: '', progress: {} });
    assert.deepEqual(r.warnings, []);
    assert.deepEqual([...r.marks], []);
    const withDate = readProjectManifest('{"starter": "s", "version": 3, "projectId": "abc", "name": "pkg", "createdAt": 5}');
    assert.ok(withDate.ok);
    assert.deepEqual(withDate.manifest, { starter: 's', version: 3, projectId: 'abc', name: 'pkg', createdAt: '' });
  });

  it('not an object, or nested too deep, is refused at 1:1', () => {
    assert.deepEqual(problem('[1]'), { message: 'expected a JSON object', line: 1, column: 1 });
    assert.deepEqual(problem('"x"'), { message: 'expected a JSON object', line: 1, column: 1 });
    const deep = `{"a": ${'['.repeat(MAX_MANIFEST_DEPTH + 1)}${']'.repeat(MAX_MANIFEST_DEPTH + 1)}}`;
    assert.deepEqual(problem(deep), { message: `nested more than ${MAX_MANIFEST_DEPTH} levels deep; not read`, line: 1, column: 1 });
    const ok = `{"a": ${'['.repeat(MAX_MANIFEST_DEPTH - 1)}${']'.repeat(MAX_MANIFEST_DEPTH - 1)}}`;
    assert.equal(problem(ok).message, '"starter": expected the starter id (a string)');
  });

  it('a syntax error names the JSON problem', () => {
    const p = problem('{"starter": "s",}');
    assert.equal(p.line, 1);
    assert.match(p.message, /^not valid JSON: /);
  });

  it('an invalid project id: the warning shortens it to 40 characters and names the key', () => {
    const id = `${'X'.repeat(45)}`;
    const r = readProjectManifest(lines('{', '  "starter": "s",', '  "version": 1,', `  "projectId": "${id}",`, '  "name": "pkg"', '}'));
    assert.ok(r.ok);
    assert.deepEqual(r.warnings, [
      {
        message: `"projectId": "${'X'.repeat(40)}…" is not a valid project id (expected a UUID, or 1 to 64 lowercase letters, digits and hyphens); this project's progress is kept under "${r.manifest.projectId}"`,
        line: 4,
        column: 3,
      },
    ]);
    const short = readProjectManifest('{"starter": "s", "version": 1, "projectId": "Has Space", "name": "pkg"}');
    assert.ok(short.ok);
    assert.match(short.warnings[0]?.message ?? '', /^"projectId": "Has Space" is not a valid project id/);
    const forty = readProjectManifest(`{"starter": "s", "version": 1, "projectId": "${'Y'.repeat(40)}", "name": "pkg"}`);
    assert.ok(forty.ok);
    assert.ok(forty.warnings[0]?.message.startsWith(`"projectId": "${'Y'.repeat(40)}" is not`));
  });

  it('ticks in older shapes count; open marks are not in manifest.progress', () => {
    const r = readProjectManifest(
      lines(
        ...HEAD.slice(0, -1),
        '  "name": "pkg",',
        '  "progress": {',
        '    "t": true,',
        '    "d": "2025-01-02",',
        '    "o": { "state": "open", "at": "2025-01-03T00:00:00.000Z" },',
        '    "done": { "done": true },',
        '    "v": { "state": "verified", "at": "2025-01-04T00:00:00.000Z" }',
        '  }',
        '}',
      ),
    );
    assert.ok(r.ok);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual([...r.marks], [
      ['t', { state: 'self', at: '1970-01-01T00:00:00.000Z' }],
      ['d', { state: 'self', at: '2025-01-02' }],
      ['o', { state: 'open', at: '2025-01-03T00:00:00.000Z' }],
      ['done', { state: 'self', at: '1970-01-01T00:00:00.000Z' }],
      ['v', { state: 'verified', at: '2025-01-04T00:00:00.000Z' }],
    ]);
    assert.deepEqual(r.manifest.progress, {
      t: { state: 'self', at: '1970-01-01T00:00:00.000Z' },
      d: { state: 'self', at: '2025-01-02' },
      done: { state: 'self', at: '1970-01-01T00:00:00.000Z' },
      v: { state: 'verified', at: '2025-01-04T00:00:00.000Z' },
    });
  });

  it('a tick with an unreadable date is a warning, not a mark', () => {
    const text = lines(...HEAD.slice(0, -1), '  "name": "pkg",', '  "progress": {', '    "x": { "state": "self", "at": "soon" }', '  }', '}');
    assert.deepEqual(warnings(text), [[7, 5, '"progress" → "x": "at": "soon" is not an ISO date; it is kept in the file and not counted']]);
  });

  it('warnings point at the tick inside progress, not at the same key elsewhere', () => {
    const text = lines(
      '{',
      '  "meta": { "bad": 1, "tags": [ { "bad": 2 } ] },',
      '  "starter": "s",',
      '  "version": 1,',
      '  "projectId": "abc",',
      '  "name": "pkg",',
      '  "progress": {',
      '    "ok": { "state": "self", "at": "2025-01-01T00:00:00.000Z" },',
      '    "list": [ { "bad": 3 } ],',
      '    "bad": 4',
      '  },',
      '  "after": { "later": 5 }',
      '}',
    );
    assert.deepEqual(warnings(text), [
      [9, 5, '"progress" → "list": a list is not a tick (expected { "state": "self" | "verified", "at": ISO date }); it is kept in the file and not counted'],
      [10, 5, '"progress" → "bad": 4 is not a tick (expected { "state": "self" | "verified", "at": ISO date }); it is kept in the file and not counted'],
    ]);
  });

  it('top-level keys after arrays and objects keep their positions', () => {
    const text = lines('{', '  "tags": [1, [2]],', '  "meta": { "a": { "b": [] } },', '  "starter": "s",', '  "version": 1,', '  "projectId": 5,', '  "name": "pkg"', '}');
    assert.deepEqual(problem(text), { message: '"projectId": expected the project id (a string)', line: 6, column: 3 });
    const dup = lines('{', '  "starter": 1,', '  "starter": 2', '}');
    assert.deepEqual(problem(dup), { message: '"starter": expected the starter id (a string)', line: 2, column: 3 });
  });

  it('a key under a nested object named like a top-level key does not move the top-level position', () => {
    const text = lines('{', '  "meta": {', '    "projectId": "x"', '  },', '  "starter": "s",', '  "version": 1,', '  "projectId": 5,', '  "name": "pkg"', '}');
    assert.deepEqual(problem(text), { message: '"projectId": expected the project id (a string)', line: 7, column: 3 });
  });

  it('a duplicate tick key is reported at its first position', () => {
    const text = lines(...HEAD.slice(0, -1), '  "name": "pkg",', '  "progress": {', '    "x": 1,', '    "x": 2', '  }', '}');
    assert.deepEqual(warnings(text), [[7, 5, '"progress" → "x": 2 is not a tick (expected { "state": "self" | "verified", "at": ISO date }); it is kept in the file and not counted']]);
  });

  it(`at most ${MAX_TICK_WARNINGS} warnings for values that are not ticks, then one for the rest at "progress"`, () => {
    const n = MAX_TICK_WARNINGS + 3;
    const ticks = Array.from({ length: n }, (_, i) => `    "m${i}": ${i}${i < n - 1 ? ',' : ''}`);
    const text = lines(...HEAD.slice(0, -1), '  "name": "pkg",', '  "progress": {', ...ticks, '  }', '}');
    const w = warnings(text);
    assert.equal(w.length, MAX_TICK_WARNINGS + 1);
    assert.deepEqual(w[0], [7, 5, '"progress" → "m0": 0 is not a tick (expected { "state": "self" | "verified", "at": ISO date }); it is kept in the file and not counted']);
    assert.deepEqual(w[MAX_TICK_WARNINGS - 1]?.slice(0, 2), [7 + MAX_TICK_WARNINGS - 1, 5]);
    assert.deepEqual(w[MAX_TICK_WARNINGS], [6, 3, '"progress": 3 more values are not ticks; they are kept in the file and not counted']);
    const exactly = Array.from({ length: MAX_TICK_WARNINGS }, (_, i) => `    "m${i}": ${i}${i < MAX_TICK_WARNINGS - 1 ? ',' : ''}`);
    assert.equal(warnings(lines(...HEAD.slice(0, -1), '  "name": "pkg",', '  "progress": {', ...exactly, '  }', '}')).length, MAX_TICK_WARNINGS);
  });
});

describe('project manifest mirroring (core/progress/projectManifest)', () => {
  const base = lines(...HEAD, '}');

  it('adds progress last, two-space indented, ending with a newline', () => {
    const next = withMirroredProgress(base, new Map<string, Mark>([['a', { state: 'self', at: '2025-01-01T00:00:00.000Z' }]]));
    assert.equal(
      next,
      lines(
        '{',
        '  "starter": "s",',
        '  "version": 1,',
        '  "projectId": "abc",',
        '  "name": "pkg",',
        '  "progress": {',
        '    "a": {',
        '      "state": "self",',
        '      "at": "2025-01-01T00:00:00.000Z"',
        '    }',
        '  }',
        '}',
      ),
    );
  });

  it('a manifest with an empty key still gets its progress field', () => {
    const next = withMirroredProgress('{"": 0, "starter": "s", "version": 1, "projectId": "abc", "name": "pkg"}', new Map<string, Mark>([['a', { state: 'self', at: '2025-01-01T00:00:00.000Z' }]]));
    assert.ok(next !== undefined);
    assert.deepEqual(JSON.parse(next), { '': 0, starter: 's', version: 1, projectId: 'abc', name: 'pkg', progress: { a: { state: 'self', at: '2025-01-01T00:00:00.000Z' } } });
  });

  it('keeps CRLF line ends', () => {
    const next = withMirroredProgress(base.replace(/\n/g, '\r\n'), new Map<string, Mark>([['a', { state: 'open', at: '2025-01-01T00:00:00.000Z' }]]));
    assert.ok(next !== undefined);
    assert.equal(next.split('\r\n').length, 13);
    assert.equal(next.replace(/\r\n/g, '').includes('\n'), false);
    assert.ok(next.endsWith('}\r\n'));
  });

  it('a progress field in the middle stays there; ticks the store dropped go; unreadable values stay', () => {
    const text = lines(
      '{',
      '  "starter": "s",',
      '  "progress": {',
      '    "gone": { "state": "self", "at": "2025-01-01T00:00:00.000Z" },',
      '    "keep": { "state": "self", "at": "2025-01-01T00:00:00.000Z" },',
      '    "junk": 1',
      '  },',
      '  "version": 1,',
      '  "projectId": "abc",',
      '  "name": "pkg"',
      '}',
    );
    const next = withMirroredProgress(text, new Map<string, Mark>([['keep', { state: 'verified', at: '2025-01-02T00:00:00.000Z' }]]));
    assert.ok(next !== undefined);
    const parsed = JSON.parse(next) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed), ['starter', 'progress', 'version', 'projectId', 'name']);
    assert.deepEqual(parsed.progress, { keep: { state: 'verified', at: '2025-01-02T00:00:00.000Z' }, junk: 1 });
  });

  it('an existing empty progress field with nothing to write is left alone; an invalid manifest is never rewritten', () => {
    const text = lines(...HEAD.slice(0, -1), '  "name": "pkg",', '  "progress": {}', '}');
    assert.equal(withMirroredProgress(text, new Map()), undefined);
    assert.equal(withMirroredProgress('[]', new Map<string, Mark>([['a', { state: 'self', at: '2025-01-01T00:00:00.000Z' }]])), undefined);
    const emptied = withMirroredProgress(lines(...HEAD.slice(0, -1), '  "name": "pkg",', '  "progress": { "a": { "state": "self", "at": "2025-01-01T00:00:00.000Z" } }', '}'), new Map());
    assert.ok(emptied !== undefined);
    assert.deepEqual((JSON.parse(emptied) as { progress: unknown }).progress, {});
  });
});
