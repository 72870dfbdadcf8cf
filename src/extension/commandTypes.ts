/**
 * The argument and result types of Learning Paths' commands: a leaf module (it imports only
 * `vscode` and core types) that both the command table (commands.ts) and the features that
 * register the commands import, so the table no longer imports every feature.
 */
import type * as vscode from 'vscode';
import type { TestsState } from '../core/milestones/testsStatus';

/** A project, by id, key or folder (the Milestones view, links, other extensions). */
export interface ProjectTarget {
  projectId?: string;
  /** The project's key in the view (its manifest's URI string). */
  projectKey?: string;
  folder?: vscode.Uri | string;
}

/** A project and one of its milestones, by id. */
export interface MilestoneTarget extends ProjectTarget {
  milestone?: string;
}

/** What one Verify run did. */
export interface VerifyRun {
  /** The project's package name. */
  project: string;
  outcome: 'finished' | 'cancelled' | 'timedOut' | 'untrusted' | 'noInterpreter' | 'busy' | 'nothing';
  /** The interpreter that ran the tests. */
  interpreter?: string;
  exitCode?: number;
  /** Each milestone run, with its tests state after the run. */
  results: { milestone: string; state: TestsState | 'none'; failure?: string }[];
}

export interface VerifySummary {
  verified: string[];
  /** Milestones a failing (non-tests) check unticked; a failing tests check never unticks. */
  reverted: string[];
  /** How many milestone checks were evaluated. */
  checked: number;
  /** The test runs made first (Verify Milestones), one per project. */
  runs?: VerifyRun[];
}

export interface ExportReportArgs {
  /** Write the report to this file (overwriting it) instead of opening an untitled document. */
  save?: vscode.Uri;
  /** Open the report (default true). */
  open?: boolean;
}

export interface ScaffoldArgs {
  /** Starter id (the skill page's button passes it). */
  starter?: string;
  /** The folder to create the project in (the project is `<folder>/<name>`). */
  folder?: vscode.Uri | string;
  /** Project (Python package) name. */
  name?: string;
  /** Open the README afterwards (default true). */
  openReadme?: boolean;
  /** Reveal the project in the Milestones view afterwards (default true). */
  reveal?: boolean;
  /** Add `.github/workflows/learning-path.yml` (asked, default off, when the name is asked too). */
  ciWorkflow?: boolean;
}

export interface NewStarterArgs {
  id?: string;
  /** The workspace folder to write into (default: the only one, else asked). */
  folder?: vscode.Uri;
}

export interface ScaffoldResult {
  starter: string;
  /** The project folder. */
  target: vscode.Uri;
  projectId: string;
  files: number;
  /** Time spent planning and writing the files, in milliseconds. */
  ms: number;
}

export type OpenSkillArg = string | { skill: string; role?: string; level?: string; via?: 'tree'; pin?: boolean };
