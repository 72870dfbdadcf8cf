/**
 * Starter templates: `data/templates/<id>/template.yaml` plus the files under
 * `data/templates/<id>/files/`. File paths and file contents may use two placeholders:
 *   {{name}}     the project name as the learner typed it (e.g. "My CIFAR classifier")
 *   {{package}}  the Python package name (e.g. "cifar_classifier"), validated as an identifier
 * Placeholders are escaped for the file type when substituted (see scaffold/plan.ts).
 */

/** A further condition of a metric check: `key` in the same JSON file must equal `equals`. */
export interface MetricRequirement {
  key: string;
  equals: string | number | boolean;
}

/**
 * A check that a machine can evaluate without running project code. Paths are project-relative.
 * A `tests` check is also a pure file read: it reads the JUnit XML report that a test run (the
 * learner's Verify, or `cli check --run-tests`) wrote for this milestone under
 * `.learning-path/results/<milestone-id>.xml`; `path` is the pytest file, `select` an optional
 * `-k` expression for milestones that share one file.
 */
export type MilestoneCheck =
  | { kind: 'fileExists'; path: string }
  | { kind: 'fileMatches'; path: string; pattern: string; flags?: string }
  | { kind: 'metric'; path: string; key: string; op: '>=' | '>' | '<=' | '<' | '=='; value: number; require?: MetricRequirement[] }
  | { kind: 'tests'; path: string; select?: string };

/** What a milestone serves in the catalog: a practice-project step, or a skill expectation. */
export type MilestoneServes =
  | { skill: string; project: string; step: number }
  | { skill: string; role: string; level: string };

export interface MilestoneDef {
  id: string;
  title: string;
  /** What "done" means, in a sentence or two. */
  done: string;
  /** The project-relative file to open for this milestone (placeholders allowed). */
  file: string;
  serves: MilestoneServes[];
  check?: MilestoneCheck;
  /** 1–3 graduated hints: the concept, then the API, then the shape of the code. */
  hints?: string[];
  /** Points this milestone is worth in a grade (`check --format classroom|junit|github`); default 1. */
  points?: number;
  /** Project-relative PNG this milestone reasons about (Open Plot). */
  plot?: string;
  /** Wrong implementations its test must catch (files under `mutants/<milestone-id>/<mutant-id>/`). */
  mutants?: MutantDef[];
}

/**
 * A wrong implementation of an exercise (issue 21). Its files are an overlay like a reference
 * solution: the scaffolded file(s) with this exercise written wrongly, applied the way
 * `solution --apply` applies a solution (the change from the scaffold merged onto the learner's
 * file), on a project where every other exercise has its solution. Never scaffolded, never shipped
 * in the VSIX.
 *   mistake     a wrong answer a learner really writes: the exercise's test must fail
 *   cheat       passes the example by gaming the test: the test must fail
 *   equivalent  a right answer written differently (e.g. ddof=1 where it cannot matter): must pass
 */
export interface MutantDef {
  id: string;
  kind: 'mistake' | 'cheat' | 'equivalent';
  says: string;
}

export interface TemplateManifest {
  id: string;
  /** Integer, bumped when milestones change. */
  version: number;
  title: string;
  description: string;
  /** Catalog skill id this starter practises. */
  skill: string;
  /** Practice-project id in that skill, when the starter implements one. */
  practiceProject?: string;
  /** Level id (junior … principal) the starter is aimed at. */
  level: string;
  roles: string[];
  /** Suggested project / package name. */
  defaultName: string;
  /** The offline command that runs the starter on synthetic data and writes outputs/metrics.json. */
  smokeCommand: string;
  /** The command the README teaches for real data. */
  runCommand: string;
  /** The command that runs the starter's own tests. */
  testCommand: string;
  milestones: MilestoneDef[];
  /** Milestone ids renamed since earlier versions: old id → new id. */
  renames?: Record<string, string>;
}

export interface TemplateFile {
  /** Path relative to the project root, with placeholders. */
  path: string;
  content: string;
  /** True when the file is executable (kept on scaffold). */
  executable?: boolean;
}

export interface Template {
  manifest: TemplateManifest;
  files: TemplateFile[];
  /**
   * Reference solutions, one per milestone that has one: overlay files (project-relative paths
   * with placeholders, rendered like `files`), read from `data/templates/<id>/solutions/<milestone-id>/`.
   * An array (not a map) so the compiled dist/templates.json keeps it.
   */
  solutions?: { milestone: string; files: TemplateFile[] }[];
  /**
   * The mutants' overlay files, read from `mutants/<milestone-id>/<mutant-id>/` (rendered like
   * `files`). Only readTemplates on disk fills this; the bundled dist/templates.json leaves it out.
   */
  mutants?: { milestone: string; mutant: string; files: TemplateFile[] }[];
  /** Set for a starter from a content pack: the pack folder it came from (see scaffold/packStarters.ts). */
  pack?: string;
}
