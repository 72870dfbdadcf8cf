/**
 * Merges fragments in precedence order (first = lowest: bundled data, then content packs) and
 * checks what spans entries: unknown role/level/skill ids, expectations whose role the skill
 * does not list, duplicate cells. Later entries replace earlier ones with the same id.
 */
import { diagnosticAt, type Diagnostic } from '../diagnostics';
import type { JsonPath } from './jsonPath';
import type { FragmentSource } from './fragment';
import type { CareerRelevance, Catalog, Level, PracticeProject, Role, Skill } from './types';

export interface Origin {
  source: FragmentSource;
  path: JsonPath;
}

export interface MergeResult {
  catalog: Catalog;
  diagnostics: Diagnostic[];
  /** Where each level/role/skill/careerRelevance entry finally came from, by `kind:id`. */
  origins: Map<string, Origin>;
}

export function mergeFragments(sources: readonly FragmentSource[]): MergeResult {
  const diagnostics: Diagnostic[] = [];
  const origins = new Map<string, Origin>();
  const levels = new Map<string, Level>();
  const roles = new Map<string, Role>();
  const skills = new Map<string, Skill>();
  const relevance = new Map<string, CareerRelevance>();

  const take = <T extends { id: string }>(kind: string, key: 'levels' | 'roles' | 'skills' | 'careerRelevance', into: Map<string, T>, source: FragmentSource, list: T[] | undefined) => {
    for (const entry of list ?? []) {
      into.set(entry.id, entry);
      origins.set(`${kind}:${entry.id}`, { source, path: [key, source.indexOf.get(entry) ?? 0] });
    }
  };
  for (const source of sources) {
    const f = source.fragment;
    take('level', 'levels', levels, source, f.levels);
    take('role', 'roles', roles, source, f.roles);
    take('skill', 'skills', skills, source, f.skills);
    take('careerRelevance', 'careerRelevance', relevance, source, f.careerRelevance);
    // Practice projects added to an existing skill (by skill id); replaces a project with the same id.
    for (const p of f.practiceProjects ?? []) {
      const path: JsonPath = ['practiceProjects', source.indexOf.get(p) ?? 0];
      const skill = skills.get(p.skill);
      if (!skill) {
        diagnostics.push(diagnosticAt(source.file, source.locate, [...path, 'skill'], `unknown skill id "${p.skill}"${suggest(p.skill, skills.keys())}`));
        continue;
      }
      const { skill: _skillId, ...project } = p;
      const projects: PracticeProject[] = (skill.practiceProjects ?? []).filter((q) => q.id !== project.id);
      skills.set(skill.id, { ...skill, practiceProjects: [...projects, project] });
    }
  }

  // Cross-entry checks, reported where the offending entry was written.
  const levelIds = new Set(levels.keys());
  const roleIds = new Set(roles.keys());
  const cleanSkills: Skill[] = [];
  for (const skill of skills.values()) {
    const origin = origins.get(`skill:${skill.id}`);
    const at = (path: JsonPath, message: string) => {
      if (origin) diagnostics.push(diagnosticAt(origin.source.file, origin.source.locate, [...origin.path, ...path], message));
    };
    skill.roles.forEach((r, i) => {
      if (!roleIds.has(r)) at(['roles', i], `unknown role id "${r}"${suggest(r, roleIds)}`);
    });
    const listed = new Set(skill.roles);
    const cells = new Map<string, number>();
    const expectations = skill.expectations.filter((e, i) => {
      if (!roleIds.has(e.role)) {
        at(['expectations', i, 'role'], `unknown role id "${e.role}"${suggest(e.role, roleIds)}`);
        return false;
      }
      if (!listed.has(e.role)) {
        at(['expectations', i, 'role'], `role "${e.role}" is not listed in this skill's roles (${skill.roles.join(', ') || 'none'})`);
        return false;
      }
      if (!levelIds.has(e.level)) {
        at(['expectations', i, 'level'], `unknown level id "${e.level}"${suggest(e.level, levelIds)}`);
        return false;
      }
      const cell = `${e.role}@${e.level}`;
      const first = cells.get(cell);
      if (first !== undefined) {
        at(['expectations', i], `duplicate expectation for role "${e.role}" at level "${e.level}" (first at expectations[${first}])`);
        return false;
      }
      cells.set(cell, i);
      return true;
    });
    const projectIds = new Set<string>();
    (skill.practiceProjects ?? []).forEach((p, i) => {
      if (projectIds.has(p.id)) at(['practiceProjects', i, 'id'], `duplicate practice project id "${p.id}"`);
      projectIds.add(p.id);
    });
    cleanSkills.push(expectations.length === skill.expectations.length ? skill : { ...skill, expectations });
  }
  for (const r of relevance.values()) {
    const origin = origins.get(`careerRelevance:${r.id}`);
    if (!origin) continue;
    if (!skills.has(r.skill)) diagnostics.push(diagnosticAt(origin.source.file, origin.source.locate, [...origin.path, 'skill'], `unknown skill id "${r.skill}"${suggest(r.skill, skills.keys())}`));
    if (!roleIds.has(r.role)) diagnostics.push(diagnosticAt(origin.source.file, origin.source.locate, [...origin.path, 'role'], `unknown role id "${r.role}"${suggest(r.role, roleIds)}`));
  }
  const orders = new Map<number, string>();
  for (const l of levels.values()) {
    const other = orders.get(l.order);
    const origin = origins.get(`level:${l.id}`);
    if (other !== undefined && origin) {
      diagnostics.push(diagnosticAt(origin.source.file, origin.source.locate, [...origin.path, 'order'], `level "${l.id}" has the same order ${l.order} as "${other}"`, 'value', 'warning'));
    }
    orders.set(l.order, l.id);
  }

  return {
    catalog: {
      levels: [...levels.values()].sort((a, b) => a.order - b.order),
      roles: [...roles.values()],
      skills: cleanSkills,
      careerRelevance: [...relevance.values()].filter((r) => skills.has(r.skill) && roleIds.has(r.role)),
    },
    diagnostics,
    origins,
  };
}

/** ` (did you mean "x"?)` for a close known id, else ''. */
export function suggest(id: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 3)) + 1;
  for (const k of known) {
    const d = distance(id, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 99;
}
