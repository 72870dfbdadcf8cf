/**
 * Builds the skill page's view model (src/shared/skillPageModel.ts): everything the webview shows,
 * computed from the catalog, the learner's path, the bundled starters and milestone progress. Pure
 * (never imports `vscode`), so it is unit-tested directly; the webview only renders what this
 * returns. Catalog text is passed through as data; the few sentences composed here go through `t`.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Difficulty, Level, PracticeProject, Skill } from '../catalog/types';
import type { Translate } from '../l10n';
import type { MilestoneDef, MilestoneServes, TemplateManifest } from '../scaffold/types';
import { expectationDiff } from '../text/expectationDiff';
import type { MyPath } from '../tree/model';
import type { Figure, Matrix, MilestoneView, NextLevel, ProjectView, Ref, SkillPageModel, SkillPageViewModel, StarterView } from '../../shared/skillPageModel';

export interface SkillPageInput {
  index: CatalogIndex;
  skill: string;
  /** The learner's path, if they chose one. */
  path?: MyPath;
  /** Role and level picked on the page (or passed by the command); default: the path's. */
  role?: string;
  level?: string;
  /** Manifests of the starters (bundled and from content packs). */
  starters?: readonly TemplateManifest[];
  /** Starter id → the content pack it comes from (as shown to the learner), for pack starters. */
  starterPacks?: ReadonlyMap<string, string>;
  /** Milestone progress of this skill, when a scaffolded project serves it. */
  progress?: { done: number; total: number };
  /** Translates the sentences the builder composes (vscode.l10n.t in the extension). */
  translate: Translate;
}


const DIFFICULTY_LEVEL: Record<Difficulty, string> = { beginner: 'junior', intermediate: 'middle', advanced: 'senior' };

/** Builds the page for one skill. */
export function buildSkillPage(input: SkillPageInput): SkillPageViewModel {
  const { index, translate: t } = input;
  const skill = index.skill(input.skill);
  if (!skill) return { kind: 'missing', skill: input.skill };

  const path = input.path && index.role(input.path.role) && index.level(input.path.current) ? input.path : undefined;
  const roleTitle = (id: string) => index.role(id)?.title ?? id;
  const levelRef = (l: Level): Ref => ({ id: l.id, title: l.title });

  // Roles on offer: with expectations, with career data, and the learner's own.
  const withExpectations = new Set(index.rolesOfSkill(skill.id).map((r) => r.id));
  const withCareer = new Set(index.catalog.careerRelevance.filter((c) => c.skill === skill.id).map((c) => c.role));
  const roles = index.roles
    .filter((r) => withExpectations.has(r.id) || withCareer.has(r.id) || r.id === path?.role)
    .map((r) => ({ id: r.id, title: r.title, mine: r.id === path?.role, hasExpectations: withExpectations.has(r.id) }));

  const role = pick(
    [input.role, path?.role, roles.find((r) => r.hasExpectations)?.id, roles[0]?.id],
    (id) => roles.some((r) => r.id === id),
  );
  const level = pick(
    [input.level, path?.current, role ? index.levelsOf(skill.id, role)[0]?.id : undefined, index.levels[0]?.id],
    (id) => index.level(id) !== undefined,
  );
  const next = level ? index.nextLevel(level) : undefined;

  const matrix: Matrix = {
    levels: index.levels.map((l) => ({ ...levelRef(l), summary: l.summary, selected: l.id === level, mine: l.id === path?.current })),
    rows: roles
      .filter((r) => r.hasExpectations)
      .map((r) => ({
        role: { id: r.id, title: r.title },
        selected: r.id === role,
        mine: r.mine,
        cells: index.levels.map((l) => {
          const e = index.expectation(skill.id, r.id, l.id);
          return {
            level: l.id,
            ...(e ? { expectation: { text: e.text, required: e.required } } : {}),
            mine: r.mine && l.id === path?.current,
            selected: r.id === role && l.id === level,
            next: r.id === role && l.id === next?.id,
          };
        }),
      })),
  };

  const starters = input.starters ?? [];
  const related = relatedSkills(index, skill);
  const packs = input.starterPacks ?? new Map<string, string>();
  const projects = withPacks(projectsOf(t, index, skill, related, starters), packs);
  const nextLevel = nextLevelOf(t, index, skill, role, level, projects, starters);

  const model: SkillPageModel = {
    kind: 'skill',
    skill: {
      id: skill.id,
      title: skill.title,
      summary: skill.summary,
      ...(skill.domain ? { domain: skill.domain } : {}),
      ...(skill.group ? { group: skill.group } : {}),
      tags: skill.tags ?? [],
      ...(skill.updated ? { updated: skill.updated } : {}),
      ...(skill.whyItMatters ? { whyItMatters: skill.whyItMatters } : {}),
    },
    figures: figuresOf(t, skill),
    roles,
    levels: index.levels.map((l) => ({ ...levelRef(l), mine: l.id === path?.current })),
    selection: { ...(role ? { role } : {}), ...(level ? { level } : {}) },
    pinned: { ...(input.role && input.role === role ? { role } : {}), ...(input.level && input.level === level ? { level } : {}) },
    ...(path ? { learner: { role: { id: path.role, title: roleTitle(path.role) }, level: levelRef(index.level(path.current) as Level) } } : {}),
    matrix,
    nextLevel: nextLevel.kind === 'gap' ? { ...nextLevel, projects: withPacks(nextLevel.projects, packs) } : nextLevel,
    stages: (skill.learningStages ?? []).map((s) => ({ id: s.id, title: s.title, focus: s.focus, pitfalls: s.pitfalls ?? [] })),
    projects,
    tools: (skill.tools ?? []).map((c) => ({ id: c.id, title: c.title, tools: c.tools.map((t) => ({ name: t.name, purpose: t.purpose })) })),
    interview: (skill.interviewQuestions ?? []).map((q) => ({ id: q.id, question: q.question, strategy: q.strategy, sampleAnswer: q.sampleAnswer })),
    career: careerOf(t, index, skill, role),
    ...(input.progress ? { progress: input.progress } : {}),
    related: related.map((s) => ({ id: s.id, title: s.title })),
  };
  return model;
}

function pick(candidates: (string | undefined)[], valid: (id: string) => boolean): string | undefined {
  return candidates.find((c): c is string => c !== undefined && valid(c));
}

function figuresOf(t: Translate, skill: Skill): Figure[] {
  const f = skill.figures;
  if (!f) return [];
  const out: Figure[] = [];
  if (f.averageDemand !== undefined) out.push({ id: 'demand', label: t('Demand'), value: `${f.averageDemand}/10`, description: t('average demand {0} out of 10', f.averageDemand) });
  if (f.aiRiskPercent !== undefined) out.push({ id: 'aiRisk', label: t('AI risk'), value: `${f.aiRiskPercent}%`, description: t('{0} percent at risk of automation by AI', f.aiRiskPercent) });
  if (f.careers !== undefined) out.push({ id: 'careers', label: t('Careers'), value: String(f.careers), description: t('{0} careers', f.careers) });
  if (f.categories !== undefined) out.push({ id: 'categories', label: t('Categories'), value: String(f.categories), description: t('{0} categories', f.categories) });
  return out;
}

/** Skills that list this skill's id among their tags (e.g. the technical-fluency guide tagged `pytorch`). */
function relatedSkills(index: CatalogIndex, skill: Skill): Skill[] {
  return index.skills.filter((s) => s.id !== skill.id && (s.tags ?? []).includes(skill.id) && (s.practiceProjects?.length ?? 0) > 0);
}

function servesThisSkill(m: TemplateManifest, skill: string): boolean {
  return m.skill === skill || m.milestones.some((ms) => ms.serves.some((s) => s.skill === skill));
}

/**
 * The projects of this skill, then those of related skills, then starters that serve this skill
 * without a catalog project.
 */
function projectsOf(t: Translate, index: CatalogIndex, skill: Skill, related: Skill[], starters: readonly TemplateManifest[]): ProjectView[] {
  const out: ProjectView[] = [];
  const usedStarters = new Set<string>();
  const starterFor = (owner: Skill, p: PracticeProject) =>
    starters.find((m) => (p.starter !== undefined && m.id === p.starter) || (m.skill === owner.id && m.practiceProject === p.id));

  for (const p of skill.practiceProjects ?? []) {
    const m = starterFor(skill, p);
    if (m) usedStarters.add(m.id);
    out.push(projectView(t, index, skill, p, m, undefined, t('A practice project of this skill.')));
  }
  for (const owner of related) {
    for (const p of owner.practiceProjects ?? []) {
      const m = starterFor(owner, p);
      if (m) usedStarters.add(m.id);
      out.push(projectView(t, index, owner, p, m, { id: owner.id, title: owner.title }, t('A project of a related skill (tagged {0}).', skill.id)));
    }
  }
  for (const m of starters) {
    if (usedStarters.has(m.id) || !servesThisSkill(m, skill.id)) continue;
    const owner = index.skill(m.skill);
    const p = owner?.practiceProjects?.find((x) => x.id === m.practiceProject || x.starter === m.id);
    if (owner && p) {
      out.push(projectView(t, index, owner, p, m, owner.id === skill.id ? undefined : { id: owner.id, title: owner.title }, t("Its starter's milestones serve {0}.", skill.title)));
    } else {
      const level = index.level(m.level);
      out.push({
        key: `starter:${m.id}`,
        title: m.title,
        ...(level ? { level: { id: level.id, title: level.title } } : {}),
        scenario: m.description,
        steps: [],
        starter: starterView(t, index, m),
        reason: t('A starter project whose milestones serve {0}.', skill.title),
      });
    }
  }
  return out;
}

function projectView(t: Translate, index: CatalogIndex, owner: Skill, p: PracticeProject, m: TemplateManifest | undefined, from: Ref | undefined, reason: string): ProjectView {
  const level = index.level((m && index.level(m.level) ? m.level : undefined) ?? DIFFICULTY_LEVEL[p.difficulty]);
  return {
    key: `${owner.id}/${p.id}`,
    project: p.id,
    title: p.title,
    difficulty: p.difficulty,
    ...(level ? { level: { id: level.id, title: level.title } } : {}),
    scenario: p.scenario,
    steps: p.steps.map((text, i) => ({
      number: i + 1,
      text,
      milestones: (m?.milestones ?? []).filter((ms) => ms.serves.some((s) => 'step' in s && s.skill === owner.id && s.project === p.id && s.step === i + 1)).map((ms) => ms.title),
    })),
    ...(m ? { starter: starterView(t, index, m) } : {}),
    ...(from ? { from } : {}),
    reason,
  };
}

/** The projects, each starter from a content pack marked with its pack. */
function withPacks(projects: ProjectView[], packs: ReadonlyMap<string, string>): ProjectView[] {
  return projects.map((p) => {
    const pack = p.starter && packs.get(p.starter.id);
    return p.starter && pack !== undefined ? { ...p, starter: { ...p.starter, pack } } : p;
  });
}

function starterView(t: Translate, index: CatalogIndex, m: TemplateManifest, next?: { role: string; level: string; skill: string }): StarterView {
  const level = index.level(m.level);
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    ...(level ? { level: { id: level.id, title: level.title } } : {}),
    milestones: m.milestones.map((ms) => milestoneView(t, index, ms, next)),
  };
}

function milestoneView(t: Translate, index: CatalogIndex, ms: MilestoneDef, next?: { role: string; level: string; skill: string }): MilestoneView {
  return {
    id: ms.id,
    title: ms.title,
    done: ms.done,
    serves: ms.serves.map((s) => servesLabel(t, index, s)),
    servesNextLevel: next !== undefined && ms.serves.some((s) => 'role' in s && s.skill === next.skill && s.role === next.role && s.level === next.level),
  };
}

function servesLabel(t: Translate, index: CatalogIndex, s: MilestoneServes): string {
  if ('step' in s) {
    const p = index.skill(s.skill)?.practiceProjects?.find((x) => x.id === s.project);
    return p ? t('Step {0} of {1}', s.step, p.title) : t('Step {0}', s.step);
  }
  const skill = index.skill(s.skill)?.title ?? s.skill;
  return `${skill}: ${index.role(s.role)?.title ?? s.role} · ${index.level(s.level)?.title ?? s.level}`;
}

function nextLevelOf(
  t: Translate,
  index: CatalogIndex,
  skill: Skill,
  role: string | undefined,
  level: string | undefined,
  projects: ProjectView[],
  starters: readonly TemplateManifest[],
): NextLevel {
  if (!role || !level) return { kind: 'noRole' };
  const roleRef = { id: role, title: index.role(role)?.title ?? role };
  const from = index.level(level);
  if (!from) return { kind: 'noRole' };
  const fromRef = { id: from.id, title: from.title };
  const to = index.nextLevel(level);
  if (!to) return { kind: 'top', role: roleRef, level: fromRef };
  const toRef = { id: to.id, title: to.title };
  const nextE = index.expectation(skill.id, role, to.id);
  if (!nextE) return { kind: 'noExpectation', role: roleRef, from: fromRef, to: toRef };
  const currentE = index.expectation(skill.id, role, level);
  // The skill's own name is never news ("custom PyTorch models" adds "custom").
  const diff = expectationDiff(`${skill.title} ${skill.id} ${currentE?.text ?? ''}`, nextE.text);
  const change = !currentE
    ? 'new'
    : currentE.required === nextE.required
      ? nextE.required
        ? 'staysRequired'
        : 'staysOptional'
      : nextE.required
        ? 'becomesRequired'
        : 'becomesOptional';

  const target = { skill: skill.id, role, level: to.id };
  const serving: ProjectView[] = [];
  for (const p of projects) {
    const m = p.starter ? starters.find((s) => s.id === p.starter?.id) : undefined;
    const direct = m?.milestones.some((ms) => ms.serves.some((s) => 'role' in s && s.skill === skill.id && s.role === role && s.level === to.id)) ?? false;
    const aimed = p.level?.id === to.id;
    if (!direct && !aimed) continue;
    if (m && m.roles.length > 0 && !m.roles.includes(role) && !direct) continue;
    serving.push({
      ...p,
      reason: direct ? t('Its milestones serve {0} · {1} in {2}.', roleRef.title, to.title, skill.title) : t('Aimed at {0}.', to.title),
      ...(m ? { starter: starterView(t, index, m, target) } : {}),
    });
  }
  // Starters whose milestones serve the step directly come first.
  serving.sort((a, b) => Number(servesTarget(b)) - Number(servesTarget(a)));

  return {
    kind: 'gap',
    role: roleRef,
    from: fromRef,
    to: toRef,
    ...(currentE ? { current: { text: currentE.text, required: currentE.required } } : {}),
    next: { text: nextE.text, required: nextE.required },
    change,
    points: diff.points,
    newTerms: diff.newTerms,
    projects: serving,
  };
}

function servesTarget(p: ProjectView): boolean {
  return p.starter?.milestones.some((m) => m.servesNextLevel) ?? false;
}

function careerOf(t: Translate, index: CatalogIndex, skill: Skill, role: string | undefined): SkillPageModel['career'] {
  const availableFor = index.catalog.careerRelevance
    .filter((c) => c.skill === skill.id)
    .map((c) => ({ id: c.role, title: index.role(c.role)?.title ?? c.role }));
  const c = role ? index.careerRelevance(skill.id, role) : undefined;
  if (!c) return { availableFor };
  return {
    availableFor,
    view: {
      role: { id: c.role, title: index.role(c.role)?.title ?? c.role },
      ...(c.skillLabel ? { skillLabel: c.skillLabel } : {}),
      roleSummary: c.roleSummary,
      facts: [
        { label: t('Pay uplift'), value: c.payUplift },
        { label: t('Time to proficiency'), value: c.timeToProficiency },
        { label: t('Breadth'), value: c.breadth },
        { label: t('Demand'), value: c.demandProfile },
      ],
      skillClusters: c.skillClusters,
      adjacentSkills: c.adjacentSkills,
      whyItMatters: c.whyItMatters,
      bands: c.bands.map((b) => ({ band: b.band, text: b.text })),
      evidence: (c.evidence ?? []).map((e) => ({ finding: e.finding, source: e.source })),
    },
  };
}
