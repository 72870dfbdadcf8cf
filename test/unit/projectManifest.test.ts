import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson } from '../../src/core/json';
import type { Mark } from '../../src/core/progress/merge';
import { PROJECT_ID_PATTERN, projectKey, readProjectManifest, withMirroredProgress } from '../../src/core/progress/projectManifest';
import type { Tick } from '../../src/core/progress/store';
import { repoRoot } from './helpers';

const good = `{
  "starter": "pytorch-image-classifier",
  "version": 1,
  "projectId": "abc",
  "name": "cifar",
  "createdAt": "2025-01-01T00:00:00.000Z"
}
`;

describe('project manifest (.learning-path.json)', () => {
  it('reads a valid manifest', () => {
    const r = readProjectManifest(good);
    assert.ok(r.ok);
    assert.equal(r.manifest.projectId, 'abc');
    assert.equal(r.manifest.progress, undefined);
  });

  it('reports syntax errors at their line and column', () => {
    const broken = good.replace('"version": 1,', '"version": 1,,');
    const r = readProjectManifest(broken);
    assert.ok(!r.ok);
    assert.equal(r.problem.line, 3);
    assert.equal(r.problem.column, 16);
    assert.match(r.problem.message, /not valid JSON/);
    const trailing = readProjectManifest('{\n  "a": 1,\n}\n');
    assert.ok(!trailing.ok);
    assert.equal(trailing.problem.line, 3);
  });

  it('reports missing or wrong fields at the key', () => {
    const r = readProjectManifest(good.replace('"projectId": "abc"', '"projectId": 5'));
    assert.ok(!r.ok);
    assert.equal(r.problem.line, 4);
    assert.match(r.problem.message, /projectId/);
    assert.ok(!readProjectManifest('[]').ok);
    assert.ok(!readProjectManifest('').ok);
  });

  it('mirrors progress, keeping the other fields, and leaves a corrupt manifest untouched', () => {
    const ticks = new Map<string, Tick>([['run-smoke-test', { state: 'verified', at: '2025-01-02T00:00:00.000Z' }]]);
    const next = withMirroredProgress(good, ticks);
    assert.ok(next);
    const r = readProjectManifest(next);
    assert.ok(r.ok);
    assert.deepEqual(r.manifest.progress, { 'run-smoke-test': { state: 'verified', at: '2025-01-02T00:00:00.000Z' } });
    assert.equal(r.manifest.createdAt, '2025-01-01T00:00:00.000Z');
    assert.equal(withMirroredProgress(next, ticks), undefined, 'no rewrite when nothing changed');
    assert.equal(withMirroredProgress(good, new Map()), undefined, 'no empty progress field added');
    assert.equal(withMirroredProgress('{ "starter": ', ticks), undefined);
  });

  it('strict JSON: agrees with JSON.parse on what is valid', () => {
    const samples = ['{}', '[]', '1', '-0.5e+3', '"a\\u00e9"', '{"a":[1,{"b":null}]}', 'true', ' \n{ } ', '\ufeff{}', '{"a":1,}', '[1,]', '01', '"\t"', "{'a':1}", '{"a" 1}', 'nul', '', '[', '"\\x"', '1 2', '-', '{"a":1}}'];
    for (const s of samples) {
      let native = true;
      try {
        JSON.parse(s.replace(/^\ufeff/, ''));
      } catch {
        native = false;
      }
      assert.equal(parseJson(s).ok, native, JSON.stringify(s));
    }
  });
});

describe('project manifest: hostile ids and hand-edited progress', () => {
  const withId = (id: string) => good.replace('"projectId": "abc"', `"projectId": ${JSON.stringify(id)}`);

  it('a UUID or [a-z0-9-]{1,64} is the project id as it is', () => {
    for (const id of ['abc', '0f8fad5b-d9cb-469f-a165-70867728950e', '0F8FAD5B-D9CB-469F-A165-70867728950E', 'constructor', 'a'.repeat(64)]) {
      const r = readProjectManifest(withId(id));
      assert.ok(r.ok, id);
      assert.equal(r.manifest.projectId, id);
      assert.deepEqual(r.warnings, []);
      assert.equal(projectKey(id), id);
    }
  });

  it('the JSON schema documents the same pattern', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'data', 'schema', 'learning-path-project.schema.json'), 'utf8')) as { properties: { projectId: { pattern: string } } };
    assert.equal(schema.properties.projectId.pattern, PROJECT_ID_PATTERN.source);
  });

  it('anything else is a warning at its line, and the project gets a safe derived key of its own', () => {
    const ids = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'a'.repeat(65), 'x'.repeat(10 * 1024), 'Has Space', 'ünïcode', '../..'])];
    const keys = new Set<string>();
    for (const id of ids) {
      if (PROJECT_ID_PATTERN.test(id)) continue; // 'constructor' is a valid id: the store keeps it in a Map
      const r = readProjectManifest(withId(id));
      assert.ok(r.ok, id);
      assert.match(r.manifest.projectId, /^invalid-[0-9a-f]{40}$/);
      assert.equal(r.manifest.projectId, projectKey(id), 'the same id always gets the same key (ticks survive a reload)');
      assert.ok(PROJECT_ID_PATTERN.test(r.manifest.projectId));
      keys.add(r.manifest.projectId);
      assert.equal(r.warnings.length, 1);
      assert.equal(r.warnings[0]?.line, 4);
      assert.match(r.warnings[0]?.message ?? '', /"projectId": .* is not a valid project id .* kept under "invalid-/);
      assert.equal(withMirroredProgress(withId(id), new Map()), undefined, 'the file is not rewritten for it');
    }
    assert.equal(keys.size, ids.filter((id) => !PROJECT_ID_PATTERN.test(id)).length, 'different ids, different keys');
  });

  const handEdited = `{
  "starter": "pytorch-image-classifier",
  "version": 1,
  "projectId": "abc",
  "name": "cifar",
  "progress": {
    "one": 1,
    "yesterday": "yesterday",
    "feb30": "2024-02-30",
    "good": { "state": "self", "at": "2025-01-02T00:00:00.000Z" },
    "unticked": { "state": "open", "at": "2025-01-03T00:00:00.000Z" },
    "__proto__": { "state": "verified", "at": "2025-01-04T00:00:00.000Z" }
  }
}
`;

  it('invalid hand-edited tick values are reported at their line and not counted', () => {
    const r = readProjectManifest(handEdited);
    assert.ok(r.ok);
    assert.deepEqual(
      r.warnings.map((w) => [w.line, w.message.replace(/;.*/, '')]),
      [
        [7, '"progress" → "one": 1 is not a tick (expected { "state": "self" | "verified", "at": ISO date })'],
        [8, '"progress" → "yesterday": "yesterday" is not a date (expected an ISO date such as 2025-01-31)'],
        [9, '"progress" → "feb30": "2024-02-30" is not a date (expected an ISO date such as 2025-01-31)'],
      ],
    );
    assert.deepEqual([...r.marks.keys()], ['good', 'unticked', '__proto__']);
    assert.equal(r.marks.get('unticked')?.state, 'open');
    assert.ok(r.manifest.progress && Object.hasOwn(r.manifest.progress, '__proto__'));
    assert.equal(Object.getPrototypeOf(r.manifest.progress), Object.prototype);
  });

  it('mirroring keeps the values it cannot read exactly as they are and writes untick times', () => {
    const next = withMirroredProgress(
      handEdited,
      new Map<string, Mark>([
        ['good', { state: 'open', at: '2025-02-01T00:00:00.000Z' }],
        ['__proto__', { state: 'verified', at: '2025-01-04T00:00:00.000Z' }],
        ['one', { state: 'self', at: '2025-02-01T00:00:00.000Z' }],
        ['new', { state: 'self', at: '2025-02-02T00:00:00.000Z' }],
      ]),
    );
    assert.ok(next);
    const progress = (JSON.parse(next) as { progress: Record<string, unknown> }).progress;
    assert.equal(progress.one, 1);
    assert.equal(progress.yesterday, 'yesterday');
    assert.equal(progress.feb30, '2024-02-30');
    assert.deepEqual(progress.good, { state: 'open', at: '2025-02-01T00:00:00.000Z' });
    assert.ok(Object.hasOwn(progress, '__proto__'));
    assert.deepEqual(progress.new, { state: 'self', at: '2025-02-02T00:00:00.000Z' });
    assert.equal(Object.hasOwn(progress, 'unticked'), false, 'what the store no longer has is not written back');
    assert.ok(next.indexOf('"progress"') > next.indexOf('"name"'), 'the field stays where it was');
    const again = readProjectManifest(next);
    assert.ok(again.ok);
    assert.equal(again.warnings.length, 3, 'still reported until the learner fixes them');
  });
});
