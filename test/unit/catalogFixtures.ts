// Small hand-made catalogs for the catalog index and Skills tree tests (built afresh by each call).
import type { Catalog, CareerRelevance, Expectation, Skill } from '../../src/core/catalog/types';
export const ex = (role: string, level: string, required: boolean, text = `${role} at ${level}`): Expectation => ({ role, level, required, text });
const relevance = (skill: string, role: string): CareerRelevance => ({
  id: `${skill}-${role}`, skill, role, roleSummary: 'r', payUplift: 'p', timeToProficiency: 't', breadth: 'b', demandProfile: 'd', skillClusters: [], adjacentSkills: [], whyItMatters: 'w', bands: [],
});
export function smallCatalog(): Catalog {
  const skill = (id: string, title: string, roles: string[], expectations: Expectation[], group?: string): Skill => ({ id, title, summary: `${title} summary`, roles, expectations, ...(group ? { group } : {}) });
  return {
    levels: [
      { id: 'senior', title: 'Senior', order: 3, summary: 's' },
      { id: 'junior', title: 'Junior', order: 1, summary: 'j' },
      { id: 'middle', title: 'Middle', order: 2, summary: 'm' },
    ],
    roles: [
      { id: 'ml', title: 'ML Engineer', summary: 'ml' },
      { id: 'ds', title: 'Data Scientist', summary: 'ds' },
      { id: 'empty', title: 'Empty Role', summary: 'e' },
    ],
    skills: [
      skill('zeta', 'zeta tools', ['ml', 'ds'], [ex('ml', 'junior', true), ex('ml', 'middle', false), ex('ds', 'senior', true)], 'Tooling'),
      skill('alphabet', 'Alphabet', ['ml'], [ex('ml', 'junior', false), ex('ml', 'middle', true)]),
      skill('alpha-beta', 'Alpha_Beta', ['ml'], [ex('ml', 'junior', false)]),
      skill('beta', 'beta', ['ml', 'ds'], [ex('ml', 'junior', true), ex('ds', 'junior', false)], 'Core'),
      skill('gamma', 'Gamma', ['ml'], [ex('ml', 'junior', false), ex('ghost', 'junior', true), ex('ml', 'nowhere', true)]),
      skill('dup-1', 'Dup', ['ds'], [ex('ds', 'middle', true)]),
      skill('dup-2', 'dup', ['ds'], [ex('ds', 'middle', true)]),
    ],
    careerRelevance: [relevance('alphabet', 'ml'), relevance('beta', 'ds')],
  };
}

/**
 * A catalog big enough to page: `n` skills for role r0000 at junior, all optional, whose titles run
 * backwards (so a skill's place among the cells is not its place in the catalog), and `roles` roles.
 */
export function pagedCatalog(n: number, roles: number): Catalog {
  return {
    levels: [
      { id: 'junior', title: 'Junior', order: 1, summary: 'j' },
      { id: 'middle', title: 'Middle', order: 2, summary: 'm' },
    ],
    roles: Array.from({ length: roles }, (_, i) => ({ id: `r${pad(i)}`, title: `Role ${pad(i)}`, summary: 'r' })),
    skills: Array.from({ length: n }, (_, i) => ({ id: `k${pad(i)}`, title: `Skill ${pad(n - 1 - i)}`, summary: 's', roles: ['r0000'], expectations: [ex('r0000', 'junior', false)] })),
    careerRelevance: [],
  };
}

/**
 * 501 levels (junior, then l0001…l0500) and 501 roles (r0000…r0500); 600 skills for r0000 at junior
 * titled "Skill …", then the skill "wide" (titled last) that every role has at junior and r0000 has at
 * every level.
 */
export function wideCatalog(): Catalog {
  const levels = [{ id: 'junior', title: 'Junior', order: 1, summary: 'j' }, ...Array.from({ length: 500 }, (_, i) => ({ id: `l${pad(i + 1)}`, title: `Level ${pad(i + 1)}`, order: i + 2, summary: 'l' }))];
  const roles = Array.from({ length: 501 }, (_, i) => ({ id: `r${pad(i)}`, title: `Role ${pad(i)}`, summary: 'r' }));
  const wide: Skill = {
    id: 'wide',
    title: 'Zzz wide',
    summary: 'w',
    roles: roles.map((r) => r.id),
    expectations: [...levels.map((l) => ex('r0000', l.id, false)), ...roles.slice(1).map((r) => ex(r.id, 'junior', false))],
  };
  const skills = Array.from({ length: 600 }, (_, i): Skill => ({ id: `k${pad(i)}`, title: `Skill ${pad(i)}`, summary: 's', roles: ['r0000'], expectations: [ex('r0000', 'junior', false)] }));
  return { levels, roles, skills: [...skills, wide], careerRelevance: [] };
}

const pad = (i: number) => String(i).padStart(4, '0');
