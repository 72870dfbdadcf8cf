// Back / Forward of the preview skill page (src/core/view/skillHistory.ts).
import * as assert from 'node:assert/strict';
import { SkillHistory } from '../../src/core/view/skillHistory';

describe('skill page history (Back / Forward)', () => {
  it('goes back and forward over the skills shown, and a new visit drops what was forward', () => {
    const h = new SkillHistory();
    assert.equal(h.canGoBack, false);
    assert.equal(h.goBack({ skill: 'a' }), undefined, 'nothing to go back to');
    h.visit({ skill: 'a' }); // a → b
    h.visit({ skill: 'b', role: 'ml-engineer', level: 'junior' }); // b → c
    assert.deepEqual(h.goBack({ skill: 'c' }), { skill: 'b', role: 'ml-engineer', level: 'junior' });
    assert.deepEqual(h.goBack({ skill: 'b', role: 'ml-engineer', level: 'junior' }), { skill: 'a' });
    assert.equal(h.canGoBack, false);
    assert.equal(h.canGoForward, true);
    assert.deepEqual(h.goForward({ skill: 'a' }), { skill: 'b', role: 'ml-engineer', level: 'junior' });
    assert.deepEqual(h.entries(), { back: [{ skill: 'a' }], forward: [{ skill: 'c' }] });
    h.visit({ skill: 'b' }); // b → d
    assert.equal(h.canGoForward, false, 'a new visit drops the forward list');
    assert.deepEqual(h.entries().back, [{ skill: 'b' }, { skill: 'a' }]);
  });

  it('keeps the last 20 skills each way', () => {
    const h = new SkillHistory(20);
    for (let i = 0; i < 30; i++) h.visit({ skill: `s${i}` });
    const { back } = h.entries();
    assert.equal(back.length, 20);
    assert.equal(back[0]?.skill, 's29');
    assert.equal(back[19]?.skill, 's10');
    let current = { skill: 'now' };
    for (let i = 0; i < 20; i++) current = h.goBack(current) ?? current;
    assert.equal(current.skill, 's10');
    assert.equal(h.goBack(current), undefined);
    assert.equal(h.entries().forward.length, 20);
  });
});
