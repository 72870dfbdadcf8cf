/**
 * The skill page as plain data: what the host's builder (src/core/view/skillPageModel.ts) computes
 * and the webview (src/webview) renders. Types only, shared by both sides of the protocol.
 *
 * Catalog text in here is data: the webview inserts it as text, never as markup. The few
 * sentences the builder composes itself (reasons, labels) arrive already translated.
 */
import type { Difficulty } from '../core/catalog/types';
import type { GapPoint } from '../core/text/expectationDiff';

export type { GapPoint, Segment } from '../core/text/expectationDiff';

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
  /** The content pack it comes from (a folder, as the workspace shows it); absent for a bundled starter. */
  pack?: string;
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
