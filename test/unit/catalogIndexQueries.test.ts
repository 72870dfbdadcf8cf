// CatalogIndex (src/core/catalog/catalogIndex.ts) over a small hand-made catalog whose levels are
// out of order, whose titles differ only in case or sort differently upper- and lower-cased, and
// whose skills mention a role and a level the catalog does not have.
import * as assert from 'node:assert/strict';
import { CatalogIndex } from '../../src/core/catalog/catalogIndex';
import { smallCatalog } from './catalogFixtures';

describe('catalog index queries (core/catalog/catalogIndex)', () => {
  let index: CatalogIndex;
  beforeEach(() => {
    index = new CatalogIndex(smallCatalog());
  });

  const cells = (role: string, level: string) => index.cells(role, level).map((c) => `${c.skill.id}:${c.expectation.required ? 'required' : 'optional'}`);

  it('levels by order; roles and skills in catalog order', () => {
    assert.deepEqual(index.levels.map((l) => l.id), ['junior', 'middle', 'senior']);
    assert.deepEqual(index.roles.map((r) => r.id), ['ml', 'ds', 'empty']);
    assert.deepEqual(index.skills.map((s) => s.id), ['zeta', 'alphabet', 'alpha-beta', 'beta', 'gamma', 'dup-1', 'dup-2']);
  });

  it('the catalog itself keeps its level order', () => {
    assert.deepEqual(index.catalog.levels.map((l) => l.id), ['senior', 'junior', 'middle']);
  });

  it('cells: required first, then by lower-cased title in code-unit order, equal titles in catalog order', () => {
    // "alpha_beta" < "alphabet" lower-cased ("_" is below "b"), but "ALPHABET" < "ALPHA_BETA" upper-cased.
    assert.deepEqual(cells('ml', 'junior'), ['beta:required', 'zeta:required', 'alpha-beta:optional', 'alphabet:optional', 'gamma:optional']);
    assert.deepEqual(cells('ml', 'middle'), ['alphabet:required', 'zeta:optional']);
    assert.deepEqual(cells('ds', 'junior'), ['beta:optional']);
    assert.deepEqual(cells('ds', 'middle'), ['dup-1:required', 'dup-2:required']);
    assert.deepEqual(cells('ds', 'senior'), ['zeta:required']);
    assert.deepEqual(cells('ml', 'senior'), []);
    assert.deepEqual(cells('empty', 'junior'), []);
    assert.deepEqual(cells('ghost', 'junior'), [], 'an unknown role has no cells');
    assert.deepEqual(cells('ml', 'nowhere'), [], 'an unknown level has no cells');
  });

  it('each cell carries its skill and its expectation', () => {
    const [first] = index.cells('ds', 'senior');
    assert.equal(first?.skill.title, 'zeta tools');
    assert.deepEqual(first?.expectation, { role: 'ds', level: 'senior', required: true, text: 'ds at senior' });
  });

  it('finds levels, roles and skills by id', () => {
    assert.equal(index.level('middle')?.title, 'Middle');
    assert.equal(index.role('ds')?.title, 'Data Scientist');
    assert.equal(index.skill('alpha-beta')?.title, 'Alpha_Beta');
    assert.equal(index.level('ml'), undefined);
    assert.equal(index.role('junior'), undefined);
    assert.equal(index.skill('ghost'), undefined);
  });

  it('an expectation by skill, role and level, also for a role the catalog lacks', () => {
    assert.deepEqual(index.expectation('zeta', 'ml', 'middle'), { role: 'ml', level: 'middle', required: false, text: 'ml at middle' });
    assert.deepEqual(index.expectation('gamma', 'ghost', 'junior'), { role: 'ghost', level: 'junior', required: true, text: 'ghost at junior' });
    assert.equal(index.expectation('zeta', 'ml', 'senior'), undefined);
    assert.equal(index.expectation('zeta', 'empty', 'junior'), undefined);
    assert.equal(index.expectation('nothing', 'ml', 'junior'), undefined);
  });

  it('the roles of a skill in catalog role order, known roles only; the levels of a skill and role in level order', () => {
    assert.deepEqual(index.rolesOfSkill('zeta').map((r) => r.id), ['ml', 'ds']);
    assert.deepEqual(index.rolesOfSkill('gamma').map((r) => r.id), ['ml']);
    assert.deepEqual(index.rolesOfSkill('nothing'), []);
    assert.deepEqual(index.levelsOf('zeta', 'ml').map((l) => l.id), ['junior', 'middle']);
    assert.deepEqual(index.levelsOf('zeta', 'ds').map((l) => l.id), ['senior']);
    assert.deepEqual(index.levelsOf('zeta', 'empty'), []);
    assert.deepEqual(index.levelsOf('nothing', 'ml'), []);
  });

  it('the next level by order, none after the last or for an unknown level', () => {
    assert.equal(index.nextLevel('junior')?.id, 'middle');
    assert.equal(index.nextLevel('middle')?.id, 'senior');
    assert.equal(index.nextLevel('senior'), undefined);
    assert.equal(index.nextLevel('nowhere'), undefined);
  });

  it('career relevance by skill and role', () => {
    assert.equal(index.careerRelevance('alphabet', 'ml')?.id, 'alphabet-ml');
    assert.equal(index.careerRelevance('beta', 'ds')?.id, 'beta-ds');
    assert.equal(index.careerRelevance('beta', 'ml'), undefined);
    assert.equal(index.careerRelevance('ml', 'alphabet'), undefined);
  });

  it('counts skills, roles, levels, expectations and required expectations', () => {
    assert.deepEqual(index.counts(), { skills: 7, roles: 3, levels: 3, expectations: 13, required: 8 });
    assert.deepEqual(new CatalogIndex({ levels: [], roles: [], skills: [], careerRelevance: [] }).counts(), { skills: 0, roles: 0, levels: 0, expectations: 0, required: 0 });
  });

  it('hundreds of cells: sorted by lower-cased title, equal titles kept in catalog order', () => {
    // Titles from a fixed pseudo-random sequence, many of them equal but for case.
    const titles: string[] = [];
    for (let i = 0, x = 7; i < 300; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const t = `Skill ${String.fromCharCode(97 + (x % 26))}${(x >> 8) % 7}`;
      titles.push(x % 3 === 0 ? t.toUpperCase() : t);
    }
    const skills = titles.map((title, i) => ({ id: `s${i}`, title, summary: 's', roles: ['ml'], expectations: [{ role: 'ml', level: 'junior', required: i % 4 === 0, text: 't' }] }));
    const big = new CatalogIndex({ ...smallCatalog(), skills });
    const order = (required: boolean) =>
      skills
        .map((s, i) => ({ id: s.id, key: s.title.toLowerCase(), i, required: s.expectations[0]?.required }))
        .filter((s) => s.required === required)
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i))
        .map((s) => s.id);
    assert.deepEqual(
      big.cells('ml', 'junior').map((c) => c.skill.id),
      [...order(true), ...order(false)],
    );
  });
});
