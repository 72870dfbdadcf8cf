/** A generated catalog of N skills × 7 roles × 5 levels, as YAML text and as data (bench and tests). */
import type { Catalog, Skill } from '../src/core/catalog/types';

export const GEN_ROLES = ['computer-vision-engineer', 'data-scientist', 'llm-engineer', 'ml-engineer', 'nlp-engineer', 'mlops-engineer', 'ml-platform-engineer'];
export const GEN_LEVELS = ['junior', 'middle', 'senior', 'lead', 'principal'];

export function generateCatalog(skills: number): Catalog {
  const out: Skill[] = [];
  for (let i = 0; i < skills; i++) {
    out.push({
      id: `skill-${i}`,
      title: `Skill ${i}`,
      summary: `Generated skill number ${i} for benchmarks`,
      group: `Group ${i % 20}`,
      roles: GEN_ROLES,
      expectations: GEN_ROLES.flatMap((role, r) =>
        GEN_LEVELS.map((level, l) => ({ role, level, required: (i + r + l) % 3 !== 0, text: `Expectation of ${role} at ${level} for skill ${i}: builds, ships and explains it.` })),
      ),
    });
  }
  return {
    levels: GEN_LEVELS.map((id, i) => ({ id, title: id[0]?.toUpperCase() + id.slice(1), order: i + 1, summary: `Level ${id}` })),
    roles: GEN_ROLES.map((id) => ({ id, title: id, summary: `Role ${id}` })),
    skills: out,
    careerRelevance: [],
  };
}

/** The same catalog as a YAML pack file (block style, as a person writes it). */
export function generateYaml(skills: number): string {
  const c = generateCatalog(skills);
  const lines: string[] = ['levels:'];
  for (const l of c.levels) lines.push(`  - id: ${l.id}`, `    title: ${l.title}`, `    order: ${l.order}`, `    summary: ${l.summary}`);
  lines.push('roles:');
  for (const r of c.roles) lines.push(`  - id: ${r.id}`, `    title: ${r.title}`, `    summary: ${r.summary}`);
  lines.push('skills:');
  for (const s of c.skills) {
    lines.push(`  - id: ${s.id}`, `    title: ${s.title}`, `    summary: ${s.summary}`, `    group: ${s.group}`, `    roles: [${s.roles.join(', ')}]`, '    expectations:');
    for (const e of s.expectations) lines.push(`      - role: ${e.role}`, `        level: ${e.level}`, `        required: ${e.required}`, `        text: "${e.text}"`);
  }
  return lines.join('\n') + '\n';
}
