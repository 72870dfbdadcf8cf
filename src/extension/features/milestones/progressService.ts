/**
 * Milestone ticks of the workspace's projects: ticking by hand (self-reported), verifying
 * milestones whose check passes (on save and output changes, debounced, and on command),
 * mirroring ticks into each project's `.learning-path.json` when
 * `learningPaths.progress.storeInProject` is on, and publishing the per-skill counts the Skills
 * tree and the skill page show. Ticks are kept by the ProgressStore (workspaceState); the last
 * check result of each milestone is kept here, so the view can show verified / failing / not run.
 */
import * as vscode from 'vscode';
import { translate } from '../../translate';
import { evaluateMilestones, MAX_CHECK_BYTES, type CheckFs, type CheckResult } from '../../../core/progress/checks';
import { nextOpenMilestone, progressBySkill } from '../../../core/progress/model';
import { MAX_MANIFEST_BYTES, readProjectManifest, withMirroredProgress } from '../../../core/progress/projectManifest';
import { SafeReadError } from '../../../core/fs/safeRead';
import { writeFileAtomic } from '../../../core/fs/safeWrite';
import { PROJECT_MANIFEST } from '../../../core/scaffold/plan';
import { projectFileMtime, projectPathExists, readProjectText } from '../../projectFiles';
import type { MilestoneData, ProgressStore, Tick } from '../../../core/progress/store';
import { verificationOf, withVerification } from '../../../core/progress/verifications';
import { checkStatus, milestoneCounts, type CheckStatus, type MilestoneCounts } from '../../../core/milestones/treeModel';
import { relativePathProblem } from '../../../core/scaffold/paths';
import { resolveProjectPath } from '../../../core/scaffold/plan';
import type { MilestoneDef } from '../../../core/scaffold/types';
import { setContext } from '../../commands';
import type { SkillCounts } from '../../services';
import { isActive, type ActiveProject, type Project, type ProjectIndex } from './projectIndex';
import type { VerifySummary } from '../../commandTypes';

const SAVE_DEBOUNCE_MS = 400;

/** What a verification changed: titles of milestones newly verified and no longer passing. */
export type { VerifySummary } from '../../commandTypes';

/** One evaluation of a milestone's check: its result and when it ran. */
export interface CheckRecord extends CheckResult {
  /** ISO date and time. */
  at: string;
}

/** How many evaluations of each milestone are kept (newest first). */
const HISTORY = 5;

/** Reads project files for checks through the safe read (src/extension/projectFiles.ts): files up to MAX_CHECK_BYTES, from disk (what was saved). */
export function workspaceCheckFs(folder: vscode.Uri): CheckFs {
  return {
    mtime: (rel) => projectFileMtime(folder, rel),
    read: async (rel) => {
      try {
        return await readProjectText(folder, rel, MAX_CHECK_BYTES);
      } catch (err) {
        if (err instanceof SafeReadError && err.kind === 'missing') return undefined;
        throw err;
      }
    },
    exists: (rel) => projectPathExists(folder, rel),
  };
}

export class MilestoneProgressService implements vscode.Disposable {
  /** Check history per project key → milestone id, newest first (at most HISTORY; kept for this session). */
  private readonly checks = new Map<string, Map<string, CheckRecord[]>>();
  /** Per project key → milestone id: why the last Verify left no report (cleared once a report exists). */
  private readonly runProblems = new Map<string, Map<string, string>>();
  /** Per project key: ids of milestones whose `plot` file exists (as of the last evaluation). */
  private readonly plots = new Map<string, Set<string>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Ticks, check results or the projects changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private syncing: Promise<void> = Promise.resolve();
  private readonly verifyTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly index: ProjectIndex,
    private readonly store: ProgressStore,
    private readonly skillCounts: SkillCounts,
  ) {
    if (store.readOnly) {
      // Said once per window: the service lives as long as the window's extension host.
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Learning Paths: milestone progress is read-only in this window: {0}. It is shown but never changed or overwritten; update Learning Paths to change it.', store.readOnly),
      );
    }
    if (store.problems.length > 0) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Learning Paths: some stored milestone progress could not be read and was set aside ({0}). A copy was kept.', store.problems.slice(0, 3).join('; ')),
      );
    }
    this.disposables.push(
      index.onDidScan((projects) => {
        this.syncing = this.syncing.then(() => this.sync(projects)).catch((err: unknown) => {
          void vscode.window.showErrorMessage(vscode.l10n.t('Learning Paths could not read the practice projects: {0}', String(err)));
        });
      }),
      index.onDidTouch((project) => this.scheduleVerify(project)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('learningPaths.progress.storeInProject')) void this.refresh();
      }),
    );
  }

  /** Scans the projects again, then reconciles, imports mirrored ticks, verifies, mirrors and publishes. */
  async refresh(): Promise<void> {
    await this.index.scan();
    await this.syncing;
  }

  /** Resolves once the scan and its follow-up in progress (if any) are done. */
  async settled(): Promise<void> {
    await this.index.settled();
    await this.syncing;
  }

  ticks(project: Project): Map<string, Tick> {
    return project.manifest ? this.store.ticks(project.manifest.projectId, project.manifest.starter) : new Map();
  }

  lastCheck(project: Project, milestone: string): CheckResult | undefined {
    return this.checks.get(project.key)?.get(milestone)?.[0];
  }

  /** The last evaluations of a milestone's check, newest first. */
  checkHistory(project: Project, milestone: string): readonly CheckRecord[] {
    return this.checks.get(project.key)?.get(milestone) ?? [];
  }

  private remember(project: Project, milestone: string, result: CheckResult): void {
    let byMilestone = this.checks.get(project.key);
    if (!byMilestone) this.checks.set(project.key, (byMilestone = new Map()));
    const record: CheckRecord = { pass: result.pass, reason: result.reason, ...(result.tests ? { tests: result.tests } : {}), at: new Date().toISOString() };
    byMilestone.set(milestone, [record, ...(byMilestone.get(milestone) ?? [])].slice(0, HISTORY));
  }

  /**
   * Records the result of a check run elsewhere: remembered like an evaluated check; a pass
   * verifies the milestone, a failure reverts a verified tick unless it is a tests verdict (those
   * never untick: see evaluate).
   */
  async recordResult(project: Project, milestone: string, result: CheckResult): Promise<Tick | undefined> {
    if (!project.manifest) return undefined;
    this.remember(project, milestone, result);
    await this.store.applyChecks(project.manifest.projectId, project.manifest.starter, new Map(result.pass || !result.tests ? [[milestone, result.pass]] : []));
    await this.mirror(project);
    this.publish();
    return this.store.get(project.manifest.projectId, project.manifest.starter, milestone);
  }

  /** Why the milestone's last Verify wrote no report (pytest missing, the run crashed), if it did not. */
  runProblem(project: Project, milestone: string): string | undefined {
    return this.runProblems.get(project.key)?.get(milestone);
  }

  setRunProblem(project: Project, milestone: string, problem: string): void {
    let m = this.runProblems.get(project.key);
    if (!m) this.runProblems.set(project.key, (m = new Map()));
    m.set(milestone, problem);
  }

  /** Whether the milestone's `plot` file existed at the last evaluation. */
  plotExists(project: Project, milestone: string): boolean {
    return this.plots.get(project.key)?.has(milestone) ?? false;
  }

  /** The milestone's stored data (hints revealed, solution viewed, verification history). */
  milestoneData(project: Project, milestone: string): MilestoneData | undefined {
    return project.manifest ? this.store.milestoneData(project.manifest.projectId, project.manifest.starter, milestone) : undefined;
  }

  /** Changes the milestone's stored data; false when the store refuses (read-only, newer data). */
  async updateMilestoneData(project: Project, milestone: string, update: (cur: MilestoneData) => MilestoneData): Promise<boolean> {
    if (!project.manifest) return false;
    const ok = await this.store.updateMilestoneData(project.manifest.projectId, project.manifest.starter, milestone, update);
    this.publish();
    return ok;
  }

  checkStatus(project: Project, milestone: MilestoneDef): CheckStatus {
    return checkStatus(milestone, this.lastCheck(project, milestone.id));
  }

  counts(project: Project): MilestoneCounts {
    return project.template ? milestoneCounts(project.template.manifest.milestones, this.ticks(project)) : { done: 0, total: 0, verified: 0 };
  }

  nextOpen(project: Project): MilestoneDef | undefined {
    return project.template ? nextOpenMilestone(project.template.manifest.milestones, this.ticks(project)) : undefined;
  }

  private async sync(projects: readonly Project[]): Promise<void> {
    const active = projects.filter(isActive);
    for (const p of active) {
      const { projectId, starter } = p.manifest;
      await this.store.reconcile(projectId, starter, p.template.manifest);
      if (storeInProject(p) && p.mirrored) await this.store.mergeMarks(projectId, starter, p.mirrored);
    }
    for (const key of [...this.checks.keys()]) if (!projects.some((p) => p.key === key)) this.checks.delete(key);
    for (const map of [this.plots, this.runProblems]) for (const key of [...map.keys()]) if (!projects.some((p) => p.key === key)) map.delete(key);
    await this.evaluate(active);
    await Promise.all(active.map((p) => this.mirror(p)));
    void setContext('learningPaths.hasProjects', projects.length > 0);
    this.publish();
  }

  // --- verification -----------------------------------------------------------

  scheduleVerify(project: Project, delay = SAVE_DEBOUNCE_MS): void {
    clearTimeout(this.verifyTimers.get(project.key));
    this.verifyTimers.set(
      project.key,
      setTimeout(() => {
        this.verifyTimers.delete(project.key);
        const current = this.index.byKey(project.key);
        if (current) void this.verify([current], { announce: true });
      }, delay),
    );
  }

  private async evaluate(projects: readonly Project[]): Promise<VerifySummary> {
    const verified: string[] = [];
    const reverted: string[] = [];
    let checked = 0;
    for (const p of projects) {
      if (!isActive(p)) continue;
      const milestones = p.template.manifest.milestones;
      const fs = workspaceCheckFs(p.folder);
      const results = await evaluateMilestones(milestones, p.manifest.name, fs, { solutions: p.template.solutions, t: translate });
      for (const [id, r] of results) {
        this.remember(p, id, r);
        if (r.tests && r.tests.state !== 'not-run') this.runProblems.get(p.key)?.delete(id);
      }
      checked += results.size;
      await Promise.all([this.recordVerifications(p, results), this.findPlots(p, fs)]);
      // A tests check verifies but never unticks: a failing run goes into the verification history.
      const applied = new Map([...results].filter(([, r]) => r.pass || !r.tests).map(([id, r]) => [id, r.pass]));
      const changed = await this.store.applyChecks(p.manifest.projectId, p.manifest.starter, applied);
      for (const id of changed) {
        const title = milestones.find((m) => m.id === id)?.title ?? id;
        (this.store.get(p.manifest.projectId, p.manifest.starter, id) ? verified : reverted).push(title);
      }
    }
    return { verified, reverted, checked };
  }

  /** Appends each new test run (a report not recorded yet) to its milestone's verification history. */
  private async recordVerifications(p: ActiveProject, results: ReadonlyMap<string, CheckResult>): Promise<void> {
    if (this.store.readOnly) return;
    const updates = new Map<string, () => MilestoneData>();
    for (const [id, r] of results) {
      const record = verificationOf(r.tests);
      const next = record && withVerification(this.milestoneData(p, id) ?? { v: 1 }, record);
      if (next) updates.set(id, () => next);
    }
    if (updates.size > 0) await this.store.updateMilestonesData(p.manifest.projectId, p.manifest.starter, updates); // one write
  }

  private async findPlots(p: ActiveProject, fs: CheckFs): Promise<void> {
    const found = await Promise.all(
      p.template.manifest.milestones.map(async (m) => {
        const rel = m.plot && resolveProjectPath(m.plot, p.manifest.name);
        return rel && !relativePathProblem(rel) && (await fs.mtime?.(rel)) !== undefined ? m.id : undefined;
      }),
    );
    this.plots.set(p.key, new Set(found.filter((id): id is string => id !== undefined)));
  }

  /** Re-evaluates the checks of some projects (default: all) and saves what changed. */
  async verify(projects?: readonly Project[], options: { announce?: boolean } = {}): Promise<VerifySummary> {
    await this.settled();
    const list = projects ?? this.index.active();
    const r = await this.evaluate(list);
    await Promise.all(list.map((p) => this.mirror(p)));
    this.publish();
    if (options.announce && (r.verified.length > 0 || r.reverted.length > 0)) {
      const parts = [...r.verified.map((t) => vscode.l10n.t('verified: {0}', t)), ...r.reverted.map((t) => vscode.l10n.t('no longer passes: {0}', t))];
      vscode.window.setStatusBarMessage(`$(verified) ${parts.join(' · ')}`, 8000);
    }
    return r;
  }

  // --- ticking ----------------------------------------------------------------

  /** Ticks (self-reported) or unticks a milestone. Returns the tick now stored. */
  async setDone(project: Project, milestone: string, done: boolean): Promise<Tick | undefined> {
    if (!project.manifest) return undefined;
    const { projectId, starter } = project.manifest;
    if (done) await this.store.markSelf(projectId, starter, milestone);
    else await this.store.clear(projectId, starter, milestone);
    this.index.focus(project);
    await this.mirror(project);
    this.publish();
    return this.store.get(projectId, starter, milestone);
  }

  /** Unticks every milestone of a project; returns how many were done. */
  async resetProject(project: Project): Promise<number> {
    if (!project.manifest) return 0;
    const n = await this.store.clearProject(project.manifest.projectId, project.manifest.starter);
    await this.mirror(project);
    this.publish();
    return n;
  }

  /** Writes pending ticks to workspaceState. */
  flush(): Promise<void> {
    return this.store.flush();
  }

  /** Mirrors the project's ticks into its manifest when the setting is on; a corrupt manifest is left untouched. */
  private async mirror(project: Project): Promise<void> {
    if (!project.manifest || !storeInProject(project) || this.store.readOnly) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === project.manifestUri.toString());
    if (open?.isDirty) return; // the learner is editing it; the next change mirrors again
    let text: string;
    try {
      text = await readProjectText(project.folder, PROJECT_MANIFEST, MAX_MANIFEST_BYTES);
    } catch {
      return; // gone, or not a file it may read (the scan reports why)
    }
    const read = readProjectManifest(text);
    if (!read.ok) {
      this.index.reportProblem(project.manifestUri, read.problem);
      return;
    }
    // What another window mirrored since the last scan is merged first (a later untick wins).
    const { projectId, starter } = project.manifest;
    await this.store.mergeMarks(projectId, starter, read.marks);
    const next = withMirroredProgress(text, this.store.marks(projectId, starter));
    if (next === undefined) return;
    // Written beside it, flushed and renamed over it in one rename(2), so a scan (this window's or
    // another's) never reads a half-written manifest nor finds none: workspace.fs.rename with
    // overwrite deletes the target first, and a scan in that gap lost the project.
    try {
      if (project.folder.scheme === 'file') writeFileAtomic(project.folder.fsPath, PROJECT_MANIFEST, next);
      else await vscode.workspace.fs.writeFile(project.manifestUri, new TextEncoder().encode(next));
    } catch (err) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Could not write milestone progress into {0}: {1}', vscode.workspace.asRelativePath(project.manifestUri), err instanceof Error ? err.message : String(err)));
    }
  }

  /** Publishes the per-skill counts (Skills tree, skill page) and tells the view and status bar. */
  private publish(): void {
    const active: ActiveProject[] = this.index.active();
    this.skillCounts.set(progressBySkill(active.map((p) => ({ manifest: p.template.manifest, ticks: this.ticks(p) }))));
    this.changed.fire();
  }

  dispose(): void {
    for (const t of this.verifyTimers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

function storeInProject(project: Project): boolean {
  return vscode.workspace.getConfiguration('learningPaths.progress', project.folder).get<boolean>('storeInProject', false) === true;
}
