// The state table (src/extension/state.ts): every key once, versioned, and parsers that let only
// values of the documented shape through.
import * as assert from 'node:assert/strict';
import { STATE, syncedKeys } from '../../src/extension/state';

describe('state keys', () => {
  it('every key is unique, namespaced, and carries its version', () => {
    const entries = Object.values(STATE);
    assert.equal(new Set(entries.map((e) => e.key)).size, entries.length);
    for (const e of entries) {
      assert.match(e.key, /^learningPaths\./, e.key);
      assert.match(e.key, new RegExp(`\\.v${e.version}(\\.|$)`), `${e.key} names version ${e.version}`);
    }
  });

  it('only the learner path syncs across machines', () => {
    assert.deepEqual(syncedKeys(), ['learningPaths.path.v1']);
  });

  it('the learner path: three strings, nothing else kept', () => {
    assert.deepEqual(STATE.learnerPath.parse({ role: 'r', current: 'c', target: 't', extra: 1 }), { role: 'r', current: 'c', target: 't' });
    for (const bad of [undefined, null, 'r', [], { role: 'r', current: 'c' }, { role: 1, current: 'c', target: 't' }]) assert.equal(STATE.learnerPath.parse(bad), undefined);
  });

  it('group-by: role or skill', () => {
    assert.equal(STATE.skillsGroupBy.parse('skill'), 'skill');
    assert.equal(STATE.skillsGroupBy.parse('role'), 'role');
    assert.equal(STATE.skillsGroupBy.parse('level'), undefined);
  });

  it('a pending scaffold: project and time required, readme optional', () => {
    assert.deepEqual(STATE.pendingScaffold.parse({ project: 'file:///p', at: 5 }), { project: 'file:///p', at: 5 });
    assert.deepEqual(STATE.pendingScaffold.parse({ project: 'file:///p', at: 5, readme: 'file:///p/README.md' }), { project: 'file:///p', at: 5, readme: 'file:///p/README.md' });
    for (const bad of [{ project: 'p' }, { at: 5 }, { project: 3, at: 5 }, 'p']) assert.equal(STATE.pendingScaffold.parse(bad), undefined);
  });
});
