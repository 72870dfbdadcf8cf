/**
 * The milestone commands (toggle, reset, reset project, next, verify, open file) and the one
 * parser of their argument. An argument comes from a view menu (a tree node), a tree item or the
 * status bar, a test or a link; it is checked field by field and resolved to a project of the
 * index, never cast.
 */
import * as vscode from 'vscode';
import { parseMilestoneArgs } from '../../../core/milestones/commandArgs';
import { milestonePick, projectPick } from '../../../core/milestones/treeModel';
import type { Tick } from '../../../core/progress/store';
import { resolveProjectPath } from '../../../core/scaffold/plan';
import type { MilestoneDef } from '../../../core/scaffold/types';
import { registerCommand } from '../../commands';
import { translate } from '../../translate';
import type { ActiveProject, Project, ProjectIndex } from './projectIndex';
import type { MilestoneProgressService } from './progressService';
import type { VerifyRunner } from './verifyRunner';
import { openAtStub } from './stubLens';
import type { MilestonesView } from './view';

/** How callers name a project: its id (from the manifest), its view key, or its folder. */
export type { MilestoneTarget, ProjectTarget } from '../../commandTypes';

/** A command argument, checked and resolved against the index. */
export interface ParsedTarget {
  /** Whether the argument named a project at all (then `project` is undefined when it is gone). */
  namedProject: boolean;
  project?: Project;
  milestone?: string;
  confirmed: boolean;
  silent: boolean;
  runTests?: boolean;
}

const isUri = (v: unknown): v is vscode.Uri => v instanceof vscode.Uri;

/** Parses any command argument (core/milestones/commandArgs.ts) and finds the project it names. */
export function parseTarget(arg: unknown, index: ProjectIndex): ParsedTarget {
  const { project: ref, milestone, confirmed, silent, runTests } = parseMilestoneArgs(arg, isUri);
  let project: Project | undefined;
  if (ref?.by === 'key') project = index.byKey(ref.key);
  else if (ref?.by === 'projectId') project = index.byProjectId(ref.projectId);
  else if (ref?.by === 'folder') {
    const folder = typeof ref.folder === 'string' ? vscode.Uri.file(ref.folder) : isUri(ref.folder) ? ref.folder : undefined;
    project = folder && index.byFolder(folder);
  }
  return { namedProject: ref !== undefined, ...(project ? { project } : {}), ...(milestone ? { milestone } : {}), confirmed, silent, ...(runTests !== undefined ? { runTests } : {}) };
}

interface Item<T> extends vscode.QuickPickItem {
  value: T;
}

/** The file a milestone opens, in its project. */
export function milestoneFile(project: Project, milestone: MilestoneDef): vscode.Uri {
  const rel = resolveProjectPath(milestone.file, project.manifest?.name ?? '');
  return vscode.Uri.joinPath(project.folder, ...rel.split('/'));
}

/** Which milestones a command applies to (e.g. only those with hints). */
export type MilestoneFilter = (milestone: MilestoneDef, tick: Tick | undefined, project: Project) => boolean;

export interface Resolvers {
  /** The project the argument names, else the current one (or a pick when there are several). */
  pickProject(placeHolder: string): Promise<ActiveProject | undefined>;
  /** A milestone from the argument, the view's selection, or a pick among those `filter` accepts. */
  resolveMilestone(arg: unknown, filter: MilestoneFilter, placeHolder: string): Promise<{ project: Project; milestone: MilestoneDef } | undefined>;
}

export function createResolvers(index: ProjectIndex, progress: MilestoneProgressService, view: MilestonesView): Resolvers {
  const pickProject = async (placeHolder: string): Promise<ActiveProject | undefined> => {
    const active = index.active();
    if (active.length <= 1) {
      if (active.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('No practice project in this workspace yet. Run "Learning Paths: Scaffold Practice Project…" first.'));
      return active[0];
    }
    const current = index.current();
    const picked = await vscode.window.showQuickPick<Item<ActiveProject>>(
      active.map((p) => ({ ...projectPick(translate, p.manifest.name, vscode.workspace.asRelativePath(p.folder, true), progress.counts(p)), value: p, picked: p === current })),
      { placeHolder, ignoreFocusOut: true },
    );
    return picked?.value;
  };

  const resolveMilestone = async (arg: unknown, filter: MilestoneFilter, placeHolder: string): Promise<{ project: Project; milestone: MilestoneDef } | undefined> => {
    const target = parseTarget(arg, index);
    let project = target.project;
    if (target.namedProject && !project) {
      void vscode.window.showErrorMessage(vscode.l10n.t('That practice project is not in this workspace (any more).'));
      return undefined;
    }
    if (project && target.milestone) {
      const milestone = project.template?.manifest.milestones.find((m) => m.id === target.milestone);
      if (!milestone) {
        void vscode.window.showErrorMessage(vscode.l10n.t('The project has no milestone "{0}".', target.milestone));
        return undefined;
      }
      if (!filter(milestone, progress.ticks(project).get(milestone.id), project)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This does not apply to the milestone "{0}".', milestone.title));
        return undefined;
      }
      return { project, milestone };
    }
    if (!target.namedProject) {
      const selected = view.selectedMilestone();
      if (selected && filter(selected.milestone, progress.ticks(selected.project).get(selected.milestone.id), selected.project)) return selected;
    }
    project ??= await pickProject(placeHolder);
    if (!project?.template) return undefined;
    const ticks = progress.ticks(project);
    const candidates = project.template.manifest.milestones.filter((m) => filter(m, ticks.get(m.id), project));
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No milestone of {0} fits.', project.manifest?.name ?? ''));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick<Item<MilestoneDef>>(
      candidates.map((m) => ({ ...milestonePick(translate, m, ticks.get(m.id)), value: m })),
      { placeHolder, ignoreFocusOut: true, matchOnDescription: true },
    );
    return picked ? { project, milestone: picked.value } : undefined;
  };
  return { pickProject, resolveMilestone };
}

export function registerMilestoneCommands(index: ProjectIndex, progress: MilestoneProgressService, view: MilestonesView, resolvers: Resolvers, runner: VerifyRunner): vscode.Disposable[] {
  const { pickProject, resolveMilestone } = resolvers;

  const openFile = async (project: Project, milestone: MilestoneDef): Promise<boolean> => {
    const uri = milestoneFile(project, milestone);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} does not exist (yet). Milestone: {1}', vscode.workspace.asRelativePath(uri), milestone.title));
      return false;
    }
    await openAtStub(uri, milestone.id);
    index.focus(project);
    return true;
  };

  return [
    registerCommand('learningPaths.toggleMilestone', async (arg) => {
      const r = await resolveMilestone(arg, () => true, vscode.l10n.t('Toggle which milestone?'));
      if (!r) return undefined;
      return progress.setDone(r.project, r.milestone.id, !progress.ticks(r.project).has(r.milestone.id));
    }),
    registerCommand('learningPaths.resetMilestone', async (arg) => {
      const r = await resolveMilestone(arg, (_m, tick) => tick !== undefined, vscode.l10n.t('Reset which milestone?'));
      if (!r) return false;
      await progress.setDone(r.project, r.milestone.id, false);
      return true;
    }),
    registerCommand('learningPaths.resetProject', async (arg) => {
      const target = parseTarget(arg, index);
      const project = target.project ?? (target.namedProject ? undefined : await pickProject(vscode.l10n.t('Reset the progress of which project?')));
      if (!project?.manifest) return 0;
      if (!target.confirmed) {
        const n = progress.counts(project);
        const reset = vscode.l10n.t('Reset Progress');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('Reset the progress of "{0}"?', project.manifest.name),
          { modal: true, detail: vscode.l10n.t('This unticks all {0} done milestone(s) ({1} verified). Project files are not changed; checks that pass verify their milestones again.', n.done, n.verified) },
          reset,
        );
        if (answer !== reset) return 0;
      }
      return progress.resetProject(project);
    }),
    registerCommand('learningPaths.nextMilestone', async (arg) => {
      const target = parseTarget(arg, index);
      const project = target.project ?? (target.namedProject ? undefined : (index.current() ?? (await pickProject(vscode.l10n.t('Next milestone of which project?')))));
      if (!project?.template) return undefined;
      index.focus(project);
      const next = progress.nextOpen(project);
      if (!next) {
        void vscode.window.showInformationMessage(vscode.l10n.t('All milestones of "{0}" are done.', project.manifest?.name ?? ''));
        await view.revealProject(project);
        return undefined;
      }
      await view.revealMilestone(project, next, true);
      return next.id;
    }),
    registerCommand('learningPaths.verifyMilestones', async (arg) => {
      const target = parseTarget(arg, index);
      if (target.namedProject && !target.project) {
        void vscode.window.showErrorMessage(vscode.l10n.t('That practice project is not in this workspace (any more).'));
        return { verified: [], reverted: [], checked: 0 };
      }
      const projects = target.project ? [target.project] : undefined;
      // Tests run first (each project's in one Task); then every check is evaluated from what is on disk.
      const runs = target.runTests === false ? [] : await runner.runProjects(projects ?? index.active(), { quiet: target.silent });
      const r = await progress.verify(projects);
      if (!target.silent) {
        const message =
          r.checked === 0
            ? vscode.l10n.t('No milestone with a check in this workspace.')
            : vscode.l10n.t('Checked {0} milestone(s): {1} newly verified, {2} no longer passing.', r.checked, r.verified.length, r.reverted.length);
        void vscode.window.showInformationMessage(message);
      }
      return runs.length > 0 ? { ...r, runs } : r;
    }),
    registerCommand('learningPaths.verifyMilestone', async (arg) => {
      const r = await resolveMilestone(arg, (m) => m.check?.kind === 'tests', vscode.l10n.t('Verify which milestone (runs its tests)?'));
      return r ? runner.runMilestones(r.project, [r.milestone]) : undefined;
    }),
    registerCommand('learningPaths.openMilestoneFile', async (arg) => {
      const r = await resolveMilestone(arg, () => true, vscode.l10n.t('Open the file of which milestone?'));
      return r ? openFile(r.project, r.milestone) : false;
    }),
  ];
}
