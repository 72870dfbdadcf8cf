// Back / Forward of the skill page (src/core/view/skillHistory.ts): the flags, the limits each way, clear.
import * as assert from 'node:assert/strict';
import { SkillHistory } from '../../src/core/view/skillHistory';

describe('skill history limits (core/view/skillHistory)', () => {
  it('canGoBack and canGoForward follow the stacks', () => {
    const h = new SkillHistory();
    assert.equal(h.limit, 20);
    assert.deepEqual([h.canGoBack, h.canGoForward], [false, false]);
    assert.equal(h.goBack({ skill: 'x' }), undefined);
    assert.deepEqual(h.entries(), { back: [], forward: [] }, 'going back with nothing there pushes nothing forward');
    h.visit({ skill: 'a' });
    assert.deepEqual([h.canGoBack, h.canGoForward], [true, false]);
    assert.deepEqual(h.goBack({ skill: 'b' }), { skill: 'a' });
    assert.deepEqual([h.canGoBack, h.canGoForward], [false, true]);
    assert.deepEqual(h.goForward({ skill: 'a' }), { skill: 'b' });
    assert.deepEqual([h.canGoBack, h.canGoForward], [true, false]);
    assert.equal(h.goForward({ skill: 'b' }), undefined);
    assert.deepEqual(h.entries(), { back: [{ skill: 'a' }], forward: [] }, 'going forward with nothing there pushes nothing back');
  });

  it('keeps exactly `limit` entries back, the newest', () => {
    const h = new SkillHistory(2);
    h.visit({ skill: 'a' });
    h.visit({ skill: 'b' });
    assert.deepEqual(h.entries().back, [{ skill: 'b' }, { skill: 'a' }]);
    h.visit({ skill: 'c' });
    assert.deepEqual(h.entries(), { back: [{ skill: 'c' }, { skill: 'b' }], forward: [] });
  });

  it('keeps exactly `limit` entries forward, and back again when going forward', () => {
    const h = new SkillHistory(2);
    h.visit({ skill: 'a' });
    h.visit({ skill: 'b' });
    assert.deepEqual(h.goBack({ skill: 'c' }), { skill: 'b' });
    assert.deepEqual(h.goBack({ skill: 'b' }), { skill: 'a' });
    assert.deepEqual(h.entries(), { back: [], forward: [{ skill: 'b' }, { skill: 'c' }] });
    const f = new SkillHistory(1);
    f.visit({ skill: 'a' });
    f.goBack({ skill: 'b' });
    assert.deepEqual(f.entries(), { back: [], forward: [{ skill: 'b' }] });
    f.visit({ skill: 'x' });
    f.visit({ skill: 'y' });
    assert.deepEqual(f.entries(), { back: [{ skill: 'y' }], forward: [] });
    const g = new SkillHistory(1);
    g.visit({ skill: 'a' });
    g.goBack({ skill: 'b' });
    g.visit({ skill: 'c' }); // drops forward
    g.goBack({ skill: 'd' });
    assert.deepEqual(g.entries(), { back: [], forward: [{ skill: 'd' }] });
    assert.deepEqual(g.goForward({ skill: 'c' }), { skill: 'd' });
    assert.deepEqual(g.entries(), { back: [{ skill: 'c' }], forward: [] });
  });

  it('limit on the way back from forward: going forward pushes onto a full back stack and drops the oldest', () => {
    const h = new SkillHistory(2);
    h.visit({ skill: 'a' });
    h.visit({ skill: 'b' });
    h.goBack({ skill: 'c' }); // back [a], forward [c]
    h.visit({ skill: 'x' }); // back [a, b], forward []
    h.goBack({ skill: 'y' }); // back [a], forward [y]
    h.goBack({ skill: 'x' }); // back [], forward [y, x]
    assert.deepEqual(h.entries(), { back: [], forward: [{ skill: 'x' }, { skill: 'y' }] });
    h.goForward({ skill: 'a' }); // back [a], forward [y]
    h.goForward({ skill: 'x' }); // back [a, x], forward []
    assert.deepEqual(h.entries(), { back: [{ skill: 'x' }, { skill: 'a' }], forward: [] });
  });

  it('clear empties both ways', () => {
    const h = new SkillHistory();
    h.visit({ skill: 'a' });
    h.visit({ skill: 'b' });
    h.goBack({ skill: 'c' });
    assert.deepEqual([h.canGoBack, h.canGoForward], [true, true]);
    h.clear();
    assert.deepEqual([h.canGoBack, h.canGoForward], [false, false]);
    assert.deepEqual(h.entries(), { back: [], forward: [] });
  });

  it('entries are copies: changing them changes nothing', () => {
    const h = new SkillHistory();
    h.visit({ skill: 'a' });
    h.entries().back.push({ skill: 'z' });
    assert.deepEqual(h.entries().back, [{ skill: 'a' }]);
  });
});
