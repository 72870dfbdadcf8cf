/**
 * The skill page as plain data: everything the webview shows, computed from the catalog, the
 * learner's path, the bundled starters and milestone progress. Pure (never imports `vscode`), so
 * it is unit-tested directly; the webview only renders what this returns.
 *
 * All strings here are catalog text: the webview inserts them as text, never as markup.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Difficulty, Level, PracticeProject, Skill } from '../catalog/types';
import type { MilestoneDef, MilestoneServes, TemplateManifest } from '../scaffold/types';
import type { MyPath } from '../tree/model';

export interface SkillPageInput {
  index: CatalogIndex;
  skill: string;
  /** The learner's path, if they chose one. */
  path?: MyPath;
  /** Role and level picked on the page (or passed by the command); default: the path's. */
  role?: string;
  level?: string;
  /** Manifests of the bundled starters. */
  starters?: readonly TemplateManifest[];
  /** Milestone progress of this skill, when a scaffolded project serves it. */
  progress?: { done: number; total: number };
}

export interface Ref {
  id: string;
  title: string;
}

export interface ExpectationView {
  text: string;
  required: boolean;
}

export interface Figure {
  id: 'demand' | 'aiRisk' | 'careers' | 'categories';
  label: string;
  value: string;
  /** A spoken form, e.g. "9.1 out of 10". */
  description: string;
}

export interface MatrixCell {
  level: string;
  expectation?: ExpectationView;
  /** The learner's own cell (their role and current level on their path). */
  mine: boolean;
  /** The selected role at the selected level. */
  selected: boolean;
  /** The selected role at the level after the selected one. */
  next: boolean;
}

export interface MatrixRow {
  role: Ref;
  /** The role picked in the selector. */
  selected: boolean;
  /** The learner's role on their path. */
  mine: boolean;
  cells: MatrixCell[];
}

export interface Matrix {
  levels: (Ref & { summary: string; selected: boolean; mine: boolean })[];
  rows: MatrixRow[];
}

/** A run of text in an expectation sentence; `added` marks words the previous level does not mention. */
export interface Segment {
  text: string;
  added: boolean;
}

export interface GapPoint {
  text: string;
  segments: Segment[];
  /** True when every content word already appears at the current level. */
  covered: boolean;
}

export interface MilestoneView {
  id: string;
  title: string;
  done: string;
  /** What it serves, in words ("Step 3" or "ML Engineer · Middle"). */
  serves: string[];
  /** True when it serves this skill's expectation for the selected role at the next level. */
  servesNextLevel: boolean;
}

export interface StarterView {
  id: string;
  title: string;
  description: string;
  level?: Ref;
  milestones: MilestoneView[];
}

export interface StepView {
  number: number;
  text: string;
  /** Titles of the starter's milestones that serve this step. */
  milestones: string[];
}

export interface ProjectView {
  /** Unique on the page: `<skill>/<project>` or `starter:<id>` for a starter without a catalog project. */
  key: string;
  /** The catalog practice-project id, when there is one. */
  project?: string;
  title: string;
  difficulty?: Difficulty;
  /** The level the project (or its starter) is aimed at. */
  level?: Ref;
  scenario: string;
  steps: StepView[];
  starter?: StarterView;
  /** Set when the project belongs to another skill (a related skill tagged with this one). */
  from?: Ref;
  /** Why the project is on this page. */
  reason: string;
}

export type NextLevel =
  | {
      kind: 'gap';
      role: Ref;
      from: Ref;
      to: Ref;
      current?: ExpectationView;
      next: ExpectationView;
      /** How the required flag changes from the current level to the next. */
      change: 'becomesRequired' | 'becomesOptional' | 'staysRequired' | 'staysOptional' | 'new';
      /** The next level's expectation, sentence by sentence, with what is new marked. */
      points: GapPoint[];
      /** The distinct new phrases, in order: "what to cover to advance". */
      newTerms: string[];
      /** Practice projects (and their starters' milestones) that serve the step. */
      projects: ProjectView[];
    }
  | { kind: 'top'; role: Ref; level: Ref }
  | { kind: 'noExpectation'; role: Ref; from: Ref; to: Ref }
  | { kind: 'noRole' };

export interface StageView {
  id: string;
  title: string;
  focus: string[];
  pitfalls: string[];
}

export interface ToolCategoryView {
  id: string;
  title: string;
  tools: { name: string; purpose: string }[];
}

export interface InterviewView {
  id: string;
  question: string;
  strategy: string;
  sampleAnswer: string;
}

export interface CareerView {
  role: Ref;
  skillLabel?: string;
  roleSummary: string;
  facts: { label: string; value: string }[];
  skillClusters: string[];
  adjacentSkills: string[];
  whyItMatters: string;
  bands: { band: string; text: string }[];
  evidence: { finding: string; source: string }[];
}

export interface SkillPageModel {
  kind: 'skill';
  skill: {
    id: string;
    title: string;
    summary: string;
    domain?: string;
    group?: string;
    tags: string[];
    updated?: string;
    whyItMatters?: string;
  };
  figures: Figure[];
  /** Roles the selector offers (roles with expectations, with career data, and the learner's), in catalog order. */
  roles: (Ref & { mine: boolean; hasExpectations: boolean })[];
  levels: (Ref & { mine: boolean })[];
  /** The role and level the page is showing; the learner's path, if any. */
  selection: { role?: string; level?: string };
  /** The role and level picked on the page or passed by the command (absent: they follow the learner's path). */
  pinned: { role?: string; level?: string };
  learner?: { role: Ref; level: Ref };
  matrix: Matrix;
  nextLevel: NextLevel;
  stages: StageView[];
  projects: ProjectView[];
  tools: ToolCategoryView[];
  interview: InterviewView[];
  /** Career relevance for the selected role; the roles that have it, when the selected one does not. */
  career: { view?: CareerView; availableFor: Ref[] };
  progress?: { done: number; total: number };
  /** Other skills this page draws practice projects from. */
  related: Ref[];
}

export interface MissingSkillModel {
  kind: 'missing';
  skill: string;
}

export type SkillPageViewModel = SkillPageModel | MissingSkillModel;

const DIFFICULTY_LEVEL: Record<Difficulty, string> = { beginner: 'junior', intermediate: 'middle', advanced: 'senior' };

/** Builds the page for one skill. */
export function buildSkillPage(input: SkillPageInput): SkillPageViewModel {
  const { index } = input;
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
  const projects = projectsOf(index, skill, related, starters);

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
    figures: figuresOf(skill),
    roles,
    levels: index.levels.map((l) => ({ ...levelRef(l), mine: l.id === path?.current })),
    selection: { ...(role ? { role } : {}), ...(level ? { level } : {}) },
    pinned: { ...(input.role && input.role === role ? { role } : {}), ...(input.level && input.level === level ? { level } : {}) },
    ...(path ? { learner: { role: { id: path.role, title: roleTitle(path.role) }, level: levelRef(index.level(path.current) as Level) } } : {}),
    matrix,
    nextLevel: nextLevelOf(index, skill, role, level, projects, starters),
    stages: (skill.learningStages ?? []).map((s) => ({ id: s.id, title: s.title, focus: s.focus, pitfalls: s.pitfalls ?? [] })),
    projects,
    tools: (skill.tools ?? []).map((c) => ({ id: c.id, title: c.title, tools: c.tools.map((t) => ({ name: t.name, purpose: t.purpose })) })),
    interview: (skill.interviewQuestions ?? []).map((q) => ({ id: q.id, question: q.question, strategy: q.strategy, sampleAnswer: q.sampleAnswer })),
    career: careerOf(index, skill, role),
    ...(input.progress ? { progress: input.progress } : {}),
    related: related.map((s) => ({ id: s.id, title: s.title })),
  };
  return model;
}

function pick(candidates: (string | undefined)[], valid: (id: string) => boolean): string | undefined {
  return candidates.find((c): c is string => c !== undefined && valid(c));
}

function figuresOf(skill: Skill): Figure[] {
  const f = skill.figures;
  if (!f) return [];
  const out: Figure[] = [];
  if (f.averageDemand !== undefined) out.push({ id: 'demand', label: 'Demand', value: `${f.averageDemand}/10`, description: `average demand ${f.averageDemand} out of 10` });
  if (f.aiRiskPercent !== undefined) out.push({ id: 'aiRisk', label: 'AI risk', value: `${f.aiRiskPercent}%`, description: `${f.aiRiskPercent} percent at risk of automation by AI` });
  if (f.careers !== undefined) out.push({ id: 'careers', label: 'Careers', value: String(f.careers), description: `${f.careers} careers` });
  if (f.categories !== undefined) out.push({ id: 'categories', label: 'Categories', value: String(f.categories), description: `${f.categories} categories` });
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
function projectsOf(index: CatalogIndex, skill: Skill, related: Skill[], starters: readonly TemplateManifest[]): ProjectView[] {
  const out: ProjectView[] = [];
  const usedStarters = new Set<string>();
  const starterFor = (owner: Skill, p: PracticeProject) =>
    starters.find((m) => (p.starter !== undefined && m.id === p.starter) || (m.skill === owner.id && m.practiceProject === p.id));

  for (const p of skill.practiceProjects ?? []) {
    const m = starterFor(skill, p);
    if (m) usedStarters.add(m.id);
    out.push(projectView(index, skill, p, m, undefined, 'A practice project of this skill.'));
  }
  for (const owner of related) {
    for (const p of owner.practiceProjects ?? []) {
      const m = starterFor(owner, p);
      if (m) usedStarters.add(m.id);
      out.push(projectView(index, owner, p, m, { id: owner.id, title: owner.title }, `A project of a related skill (tagged ${skill.id}).`));
    }
  }
  for (const m of starters) {
    if (usedStarters.has(m.id) || !servesThisSkill(m, skill.id)) continue;
    const owner = index.skill(m.skill);
    const p = owner?.practiceProjects?.find((x) => x.id === m.practiceProject || x.starter === m.id);
    if (owner && p) {
      out.push(projectView(index, owner, p, m, owner.id === skill.id ? undefined : { id: owner.id, title: owner.title }, `Its starter's milestones serve ${skill.title}.`));
    } else {
      const level = index.level(m.level);
      out.push({
        key: `starter:${m.id}`,
        title: m.title,
        ...(level ? { level: { id: level.id, title: level.title } } : {}),
        scenario: m.description,
        steps: [],
        starter: starterView(index, m),
        reason: `A starter project whose milestones serve ${skill.title}.`,
      });
    }
  }
  return out;
}

function projectView(index: CatalogIndex, owner: Skill, p: PracticeProject, m: TemplateManifest | undefined, from: Ref | undefined, reason: string): ProjectView {
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
    ...(m ? { starter: starterView(index, m) } : {}),
    ...(from ? { from } : {}),
    reason,
  };
}

function starterView(index: CatalogIndex, m: TemplateManifest, next?: { role: string; level: string; skill: string }): StarterView {
  const level = index.level(m.level);
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    ...(level ? { level: { id: level.id, title: level.title } } : {}),
    milestones: m.milestones.map((ms) => milestoneView(index, ms, next)),
  };
}

function milestoneView(index: CatalogIndex, ms: MilestoneDef, next?: { role: string; level: string; skill: string }): MilestoneView {
  return {
    id: ms.id,
    title: ms.title,
    done: ms.done,
    serves: ms.serves.map((s) => servesLabel(index, s)),
    servesNextLevel: next !== undefined && ms.serves.some((s) => 'role' in s && s.skill === next.skill && s.role === next.role && s.level === next.level),
  };
}

function servesLabel(index: CatalogIndex, s: MilestoneServes): string {
  if ('step' in s) {
    const p = index.skill(s.skill)?.practiceProjects?.find((x) => x.id === s.project);
    return `Step ${s.step}${p ? ` of ${p.title}` : ''}`;
  }
  const skill = index.skill(s.skill)?.title ?? s.skill;
  return `${skill}: ${index.role(s.role)?.title ?? s.role} · ${index.level(s.level)?.title ?? s.level}`;
}

function nextLevelOf(
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
      reason: direct ? `Its milestones serve ${roleRef.title} · ${to.title} in ${skill.title}.` : `Aimed at ${to.title}.`,
      ...(m ? { starter: starterView(index, m, target) } : {}),
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

function careerOf(index: CatalogIndex, skill: Skill, role: string | undefined): SkillPageModel['career'] {
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
        { label: 'Pay uplift', value: c.payUplift },
        { label: 'Time to proficiency', value: c.timeToProficiency },
        { label: 'Breadth', value: c.breadth },
        { label: 'Demand', value: c.demandProfile },
      ],
      skillClusters: c.skillClusters,
      adjacentSkills: c.adjacentSkills,
      whyItMatters: c.whyItMatters,
      bands: c.bands.map((b) => ({ band: b.band, text: b.text })),
      evidence: (c.evidence ?? []).map((e) => ({ finding: e.finding, source: e.source })),
    },
  };
}

// ── What the next level expects that the current one does not ─────────────────────────────

/** Words that carry no skill content (function words and generic verbs of the matrices). */
const STOPWORDS = new Set(
  (
    'a an and are as at be been being both but by can could do does each either for from has have having how in into is it its ' +
    'itself more most no nor not of on once one only or other our out over own same so some such than that the their them ' +
    'then there these they this those through to too under until up very was were what when where whether which while who ' +
    'whom why will with within without would you your also across after all any before between beyond during just like many ' +
    'much per rather several via well own whole new old way ways kind kinds well ' +
    // generic verbs and adverbs of the expectation texts
    'able apply applies applying build builds building built create creates creating does doing get gets getting give gives ' +
    'go goes handle handles handling help helps keep keeps know knows knowing make makes making put puts putting run runs ' +
    'set sets setting take takes taking try tries use uses using used work works working write writes writing ' +
    'own owns their themselves others things thing what whats basic simple small ' +
    'alone bring brings careful complete down fast faster rely relies relying result results speed speeds'
  ).split(/\s+/),
);

const TOKEN = /[A-Za-z0-9][A-Za-z0-9+#&/.'’-]*[A-Za-z0-9+#]|[A-Za-z0-9]/g;

/** A crude stem, so that "trains", "training" and "trained" compare equal. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length <= 3 || /[^a-z]/.test(w)) return w;
  for (const suffix of ['izations', 'ization', 'ations', 'ation', 'ings', 'ing', 'ers', 'er', 'ied', 'ies', 'ed', 'es', 's', 'ly']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function contentStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(TOKEN)) {
    const lower = m[0].toLowerCase();
    if (STOPWORDS.has(lower)) continue;
    out.add(stem(lower));
    // "MLflow/W&B" also mentions "MLflow"; "nn.Module" also "Module".
    for (const part of lower.split(/[/.]/)) if (part && part !== lower && !STOPWORDS.has(part)) out.add(stem(part));
  }
  return out;
}

/** Splits an expectation into sentences. */
export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z(“"])/)
    .filter((s) => s.length > 0);
}

/**
 * What `next` says that `current` does not: each sentence of `next` split into segments, with the
 * content words the current text never mentions marked `added` (runs of them merged into one
 * phrase), and the distinct added phrases in order.
 */
export function expectationDiff(current: string, next: string): { points: GapPoint[]; newTerms: string[] } {
  const known = contentStems(current);
  const newTerms: string[] = [];
  const seen = new Set<string>();
  const points = sentences(next).map((sentence): GapPoint => {
    const segments: Segment[] = [];
    let last = 0;
    let contentWords = 0;
    let addedWords = 0;
    const push = (text: string, added: boolean) => {
      if (!text) return;
      const prev = segments[segments.length - 1];
      if (prev && prev.added === added) prev.text += text;
      else segments.push({ text, added });
    };
    for (const m of sentence.matchAll(TOKEN)) {
      const word = m[0];
      const at = m.index ?? 0;
      const between = sentence.slice(last, at);
      const lower = word.toLowerCase();
      const isContent = !STOPWORDS.has(lower) && !/^\d+$/.test(word);
      const added = isContent && !known.has(stem(lower));
      if (isContent) contentWords++;
      if (added) addedWords++;
      // A space or hyphen between two added words belongs to the phrase ("early stopping").
      const prev = segments[segments.length - 1];
      push(between, added && prev?.added === true && /^[\s-]*$/.test(between) && between.length > 0);
      push(word, added);
      last = at + word.length;
    }
    push(sentence.slice(last), false);
    for (const s of segments) {
      if (!s.added) continue;
      const key = s.text.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        newTerms.push(s.text);
      }
    }
    return { text: sentence, segments, covered: contentWords > 0 && addedWords === 0 };
  });
  return { points, newTerms };
}
