import * as assert from 'node:assert/strict';
import { parseJson } from '../../src/core/json';
import { readProjectManifest, withMirroredProgress } from '../../src/core/progress/projectManifest';
import type { Tick } from '../../src/core/progress/store';

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
