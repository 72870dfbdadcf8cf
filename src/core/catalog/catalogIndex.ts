/** Read-only queries over a merged catalog, built once in linear time. */
import type { CareerRelevance, Catalog, Expectation, Level, Role, Skill } from './types';

export interface Cell {
  skill: Skill;
  expectation: Expectation;
}

export class CatalogIndex {
  readonly levels: readonly Level[];
  readonly roles: readonly Role[];
  readonly skills: readonly Skill[];
  private readonly levelById = new Map<string, Level>();
  private readonly roleById = new Map<string, Role>();
  private readonly skillById = new Map<string, Skill>();
  /** role → level → cells, in skill order. */
  private readonly byRoleLevel = new Map<string, Map<string, Cell[]>>();
  /** skill → role → level → expectation. */
  private readonly bySkill = new Map<string, Map<string, Map<string, Expectation>>>();
  private readonly relevance = new Map<string, CareerRelevance>();

  constructor(readonly catalog: Catalog) {
    this.levels = [...catalog.levels].sort((a, b) => a.order - b.order);
    this.roles = catalog.roles;
    this.skills = catalog.skills;
    for (const l of this.levels) this.levelById.set(l.id, l);
    for (const r of this.roles) {
      this.roleById.set(r.id, r);
      this.byRoleLevel.set(r.id, new Map(this.levels.map((l) => [l.id, []])));
    }
    // Cells are listed required first, then by skill title: walk the skills once in title order
    // and split into two buckets (linear after one sort of the skills).
    // Plain code-unit comparison of lowercased titles: an Intl.Collator costs milliseconds to
    // create (ICU data), which activation cannot afford.
    const key = new Map(this.skills.map((s) => [s, s.title.toLowerCase()]));
    const byTitle = [...this.skills].sort((a, b) => {
      const x = key.get(a) as string;
      const y = key.get(b) as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const optional = new Map<string, Map<string, Cell[]>>();
    for (const r of this.roles) optional.set(r.id, new Map(this.levels.map((l) => [l.id, []])));
    for (const s of byTitle) {
      this.skillById.set(s.id, s);
      const grid = new Map<string, Map<string, Expectation>>();
      this.bySkill.set(s.id, grid);
      for (const e of s.expectations) {
        let row = grid.get(e.role);
        if (!row) grid.set(e.role, (row = new Map()));
        row.set(e.level, e);
        (e.required ? this.byRoleLevel : optional).get(e.role)?.get(e.level)?.push({ skill: s, expectation: e });
      }
    }
    for (const [role, levels] of this.byRoleLevel) {
      for (const [level, cells] of levels) for (const c of optional.get(role)?.get(level) ?? []) cells.push(c);
    }
    for (const r of catalog.careerRelevance) this.relevance.set(`${r.skill}@${r.role}`, r);
  }

  level(id: string): Level | undefined {
    return this.levelById.get(id);
  }
  role(id: string): Role | undefined {
    return this.roleById.get(id);
  }
  skill(id: string): Skill | undefined {
    return this.skillById.get(id);
  }

  /** The skills expected of `role` at `level`, required first, then by title. */
  cells(role: string, level: string): readonly Cell[] {
    return this.byRoleLevel.get(role)?.get(level) ?? [];
  }

  expectation(skill: string, role: string, level: string): Expectation | undefined {
    return this.bySkill.get(skill)?.get(role)?.get(level);
  }

  /** Roles of a skill that have at least one expectation, in catalog role order. */
  rolesOfSkill(skill: string): Role[] {
    const grid = this.bySkill.get(skill);
    return grid ? this.roles.filter((r) => grid.has(r.id)) : [];
  }

  /** Levels at which `role` has expectations for `skill`, in level order. */
  levelsOf(skill: string, role: string): Level[] {
    const row = this.bySkill.get(skill)?.get(role);
    return row ? this.levels.filter((l) => row.has(l.id)) : [];
  }

  /** The level after `level`, if any. */
  nextLevel(level: string): Level | undefined {
    const i = this.levels.findIndex((l) => l.id === level);
    return i >= 0 ? this.levels[i + 1] : undefined;
  }

  careerRelevance(skill: string, role: string): CareerRelevance | undefined {
    return this.relevance.get(`${skill}@${role}`);
  }

  counts(): { skills: number; roles: number; levels: number; expectations: number; required: number } {
    let expectations = 0;
    let required = 0;
    for (const s of this.skills) {
      expectations += s.expectations.length;
      for (const e of s.expectations) if (e.required) required++;
    }
    return { skills: this.skills.length, roles: this.roles.length, levels: this.levels.length, expectations, required };
  }
}
