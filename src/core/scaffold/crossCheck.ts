/** Checks that starters point at things the catalog has (skills, projects, roles, levels). */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Diagnostic } from '../diagnostics';
import type { Template } from './types';

export function checkTemplatesAgainstCatalog(templates: readonly Template[], index: CatalogIndex, fileOf: (id: string) => string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { manifest: m } of templates) {
    const err = (field: string, message: string) =>
      out.push({ file: fileOf(m.id), line: 1, column: 1, endLine: 1, endColumn: 1, field, message, severity: 'error' });
    const skill = index.skill(m.skill);
    if (!skill) err('skill', `unknown skill id "${m.skill}"`);
    if (m.practiceProject && !skill?.practiceProjects?.some((p) => p.id === m.practiceProject)) err('practiceProject', `skill "${m.skill}" has no practice project "${m.practiceProject}"`);
    if (!index.level(m.level)) err('level', `unknown level id "${m.level}"`);
    m.roles.forEach((r, i) => index.role(r) || err(`roles[${i}]`, `unknown role id "${r}"`));
    m.milestones.forEach((ms, i) =>
      ms.serves.forEach((s, j) => {
        const field = `milestones[${i}].serves[${j}]`;
        const sk = index.skill(s.skill);
        if (!sk) err(field, `unknown skill id "${s.skill}"`);
        else if ('project' in s && s.project !== undefined) {
          const p = sk.practiceProjects?.find((q) => q.id === s.project);
          if (!p) err(field, `skill "${s.skill}" has no practice project "${s.project}"`);
          else if (!('step' in s) || s.step === undefined || s.step < 1 || s.step > p.steps.length) err(field, `project "${s.project}" has steps 1–${p.steps.length}`);
        } else if ('role' in s && s.role !== undefined && 'level' in s && s.level !== undefined) {
          if (!index.expectation(s.skill, s.role, s.level)) err(field, `skill "${s.skill}" has no expectation for role "${s.role}" at level "${s.level}"`);
        } else err(field, 'expected {skill, project, step} or {skill, role, level}');
      }),
    );
  }
  return out;
}
