/**
 * The catalog model. Everything here is plain data (JSON-serialisable) and never imports `vscode`.
 * The YAML files in `data/catalog/` and in team content packs use exactly these shapes
 * (see `data/schema/learning-paths-pack.schema.json`, the single source of truth for the format).
 * Every `id` is stable kebab-case: progress is keyed on ids.
 */

export interface Level {
  id: string;
  title: string;
  /** 1 = Junior … 5 = Principal. */
  order: number;
  summary: string;
}

export interface Role {
  id: string;
  title: string;
  summary: string;
  /** The recurring skill cluster of the role, where a source gives one. */
  skillClusters?: string[];
}

export interface Expectation {
  role: string;
  level: string;
  required: boolean;
  text: string;
}

export interface Figures {
  /** Average demand score (0–10). */
  averageDemand?: number;
  /** Share of the skill at risk of automation by AI, in percent. */
  aiRiskPercent?: number;
  careers?: number;
  categories?: number;
}

export interface LearningStage {
  id: string;
  title: string;
  /** What to focus on at this stage. */
  focus: string[];
  /** Mistakes to avoid at this stage. */
  pitfalls?: string[];
}

export type Difficulty = 'beginner' | 'intermediate' | 'advanced';

export interface PracticeProject {
  id: string;
  title: string;
  difficulty: Difficulty;
  scenario: string;
  steps: string[];
  /** Id of the starter template (data/templates/<id>) that scaffolds this project. */
  starter?: string;
}

export interface Tool {
  name: string;
  purpose: string;
}

export interface ToolCategory {
  id: string;
  title: string;
  tools: Tool[];
}

export interface InterviewQuestion {
  id: string;
  question: string;
  strategy: string;
  sampleAnswer: string;
}

export interface Skill {
  id: string;
  title: string;
  summary: string;
  domain?: string;
  group?: string;
  tags?: string[];
  /** When the source was last updated (YYYY-MM-DD). */
  updated?: string;
  whyItMatters?: string;
  figures?: Figures;
  /** The roles this skill appears in; every expectation's role must be listed here. */
  roles: string[];
  expectations: Expectation[];
  learningStages?: LearningStage[];
  practiceProjects?: PracticeProject[];
  tools?: ToolCategory[];
  interviewQuestions?: InterviewQuestion[];
}

export interface BandDescription {
  /** junior | mid | senior */
  band: string;
  text: string;
}

export interface CareerRelevance {
  id: string;
  skill: string;
  role: string;
  /** The skill as the source names it for this role (e.g. "PyTorch Deep Learning"). */
  skillLabel?: string;
  roleSummary: string;
  payUplift: string;
  timeToProficiency: string;
  breadth: string;
  demandProfile: string;
  skillClusters: string[];
  adjacentSkills: string[];
  whyItMatters: string;
  bands: BandDescription[];
  /** Research findings quoted by the source, each with where it comes from. */
  evidence?: { finding: string; source: string }[];
}

/** One YAML file's content: every key is optional, so a pack can add just one skill. */
export interface CatalogFragment {
  levels?: Level[];
  roles?: Role[];
  skills?: Skill[];
  /** Practice projects added to (or replacing, by id) the projects of an existing skill. */
  practiceProjects?: (PracticeProject & { skill: string })[];
  careerRelevance?: CareerRelevance[];
}

/** The merged catalog (bundled data plus packs). */
export interface Catalog {
  levels: Level[];
  roles: Role[];
  skills: Skill[];
  careerRelevance: CareerRelevance[];
}
