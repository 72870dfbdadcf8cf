/**
 * Every command id Learning Paths registers or calls, with its argument and result types, and
 * the typed helpers features use instead of string ids with untyped arguments:
 * `executeCommand` (one feature calling another), `registerCommand` (the handler's result must
 * match the table; its argument arrives as `unknown`, because menus, links and other extensions
 * may pass anything, and each feature parses it), `commandLink` (a `vscode.Command` for tree
 * items and the status bar) and `setContext` (the `when`-clause keys).
 * package.json's contributed commands must match this table (test/unit/commandTable.test.ts).
 * The argument and result types live in the leaf commandTypes.ts, so this table imports no feature.
 */
import * as vscode from 'vscode';
import type { CatalogIndex } from '../core/catalog/catalogIndex';
import type { Tick } from '../core/progress/store';
import type { GroupBy, MyPath } from '../core/tree/model';
import type { ExportReportArgs, MilestoneTarget, OpenSkillArg, ProjectTarget, ScaffoldArgs, ScaffoldResult, VerifyRun, VerifySummary, NewStarterArgs } from './commandTypes';

/** A skill, optionally at a role and level (Find Skill, the skill page's "reveal in tree"). */
export interface SkillTarget {
  skill: string;
  role?: string;
  level?: string;
}

interface Signature<A extends unknown[], R> {
  args: A;
  result: R;
}

/** The table: command id → arguments and result. */
export interface CommandTable {
  'learningPaths.showCatalogSummary': Signature<[], ReturnType<CatalogIndex['counts']>>;
  'learningPaths.choosePath': Signature<[preset?: MyPath], MyPath | undefined>;
  'learningPaths.clearPath': Signature<[], void>;
  'learningPaths.findSkill': Signature<[], SkillTarget | undefined>;
  'learningPaths.groupBySkill': Signature<[], void>;
  'learningPaths.groupByRole': Signature<[], void>;
  'learningPaths.revealInTree': Signature<[target: SkillTarget], boolean>;
  'learningPaths.openSkill': Signature<[target?: OpenSkillArg], string | undefined>;
  'learningPaths.pinSkillPage': Signature<[skill?: string], string | undefined>;
  'learningPaths.showPreviousSkill': Signature<[], boolean>;
  'learningPaths.showNextSkill': Signature<[], boolean>;
  'learningPaths.scaffoldProject': Signature<[options?: ScaffoldArgs], ScaffoldResult | undefined>;
  'learningPaths.newStarter': Signature<[options?: NewStarterArgs], string | undefined>;
  'learningPaths.toggleMilestone': Signature<[target?: MilestoneTarget], Tick | undefined>;
  'learningPaths.resetMilestone': Signature<[target?: MilestoneTarget], boolean>;
  'learningPaths.resetProject': Signature<[target?: ProjectTarget & { confirmed?: boolean }], number>;
  'learningPaths.nextMilestone': Signature<[target?: ProjectTarget], string | undefined>;
  'learningPaths.verifyMilestones': Signature<[target?: ProjectTarget & { silent?: boolean; runTests?: boolean }], VerifySummary>;
  'learningPaths.verifyMilestone': Signature<[target?: MilestoneTarget], VerifyRun | undefined>;
  'learningPaths.showHint': Signature<[target?: MilestoneTarget], number | undefined>;
  'learningPaths.compareSolution': Signature<[target?: MilestoneTarget & { confirmed?: boolean }], string[] | undefined>;
  'learningPaths.openPlot': Signature<[target?: MilestoneTarget], boolean>;
  'learningPaths.exportProgressReport': Signature<[options?: ExportReportArgs], string>;
  'learningPaths.openMilestoneFile': Signature<[target?: MilestoneTarget], boolean>;
}

/** Commands VS Code creates for the views (not in package.json's `commands`). */
interface ViewCommandTable {
  'learningPaths.skills.focus': Signature<[], void>;
  'learningPaths.milestones.focus': Signature<[], void>;
}

type AllCommands = CommandTable & ViewCommandTable;
export type CommandId = keyof CommandTable;

/** Runs one of Learning Paths' commands with arguments of the right type. */
export function executeCommand<K extends keyof AllCommands>(id: K, ...args: AllCommands[K]['args']): Thenable<AllCommands[K]['result']> {
  return vscode.commands.executeCommand<AllCommands[K]['result']>(id, ...args);
}

/**
 * Registers a contributed command. The argument is `unknown` on purpose: parse it (see
 * features/milestones/commands.ts) instead of casting it.
 */
export function registerCommand<K extends CommandId>(id: K, handler: (arg?: unknown) => CommandTable[K]['result'] | Thenable<CommandTable[K]['result']>): vscode.Disposable {
  return vscode.commands.registerCommand(id, handler);
}

/** A `vscode.Command` (tree item click, status-bar item) that runs a command with typed arguments. */
export function commandLink<K extends CommandId>(id: K, title: string, ...args: CommandTable[K]['args']): vscode.Command {
  return { command: id, title, arguments: args };
}

/** The context keys `when` clauses in package.json read. */
export interface ContextKeys {
  'learningPaths.hasPath': boolean;
  'learningPaths.groupBy': GroupBy;
  'learningPaths.hasProjects': boolean;
  'learningPaths.anyMilestoneDone': boolean;
  'learningPaths.skillPreviewActive': boolean;
  'learningPaths.skillPreviewCanGoBack': boolean;
  'learningPaths.skillPreviewCanGoForward': boolean;
}

export function setContext<K extends keyof ContextKeys>(key: K, value: ContextKeys[K]): Thenable<void> {
  return vscode.commands.executeCommand('setContext', key, value);
}
