/**
 * At the stub (issue 20): a CodeLens above every `TODO(milestone: <id>)` line of a scaffolded
 * project's files — Verify with the exercise's state, Hint (n of m), Compare with Reference
 * Solution — over the pure core/milestones/stubLens.ts, running the existing commands; refreshed
 * when the milestone state changes, the projects are rescanned, trust is granted, and every
 * minute ("verified 3 min ago" ages). Also `openAtStub`: open an exercise's file with its stub
 * line revealed and selected (else the file's top), for Open Milestone File and the view's click.
 */
import * as vscode from 'vscode';
import { stubLenses, type StubLensAction } from '../../../core/milestones/stubLens';
import { findStubMarkers, stubLine } from '../../../core/verify/stubs';
import { commandLink, type CommandId } from '../../commands';
import { translate } from '../../translate';
import type { ProjectIndex } from './projectIndex';
import type { MilestoneProgressService } from './progressService';
import { hasSolution } from './solutionView';

/** Files larger than this get no lenses and open at the top (the marker search is linear, but the text is not ours). */
export const MAX_STUB_TEXT = 2 * 1024 * 1024;

const COMMAND: Readonly<Record<StubLensAction, CommandId & ('learningPaths.verifyMilestone' | 'learningPaths.showHint' | 'learningPaths.compareSolution')>> = {
  verify: 'learningPaths.verifyMilestone',
  hint: 'learningPaths.showHint',
  compare: 'learningPaths.compareSolution',
};

export class StubLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscriptions: vscode.Disposable;

  constructor(
    private readonly index: ProjectIndex,
    private readonly progress: MilestoneProgressService,
  ) {
    const timer = setInterval(() => this.emitter.fire(), 60_000);
    this.subscriptions = vscode.Disposable.from(
      progress.onDidChange(() => this.emitter.fire()),
      index.onDidScan(() => this.emitter.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire()),
      { dispose: () => clearInterval(timer) },
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const project = this.index.projectOf(document.uri);
    const milestones = project?.template?.manifest.milestones;
    if (!project?.manifest || !milestones) return [];
    const text = document.getText();
    if (text.length > MAX_STUB_TEXT) return [];
    const out: vscode.CodeLens[] = [];
    const now = Date.now();
    for (const marker of findStubMarkers(text)) {
      const milestone = milestones.find((m) => m.id === marker.milestoneId);
      if (!milestone) continue;
      const tests = this.progress.lastCheck(project, milestone.id)?.tests;
      const tick = this.progress.ticks(project).get(milestone.id);
      const hintsRevealed = this.progress.milestoneData(project, milestone.id)?.hintsRevealed;
      const runProblem = this.progress.runProblem(project, milestone.id);
      const lenses = stubLenses(translate, {
        milestone,
        ...(tick ? { tick } : {}),
        ...(tests ? { tests } : {}),
        ...(hintsRevealed !== undefined ? { hintsRevealed } : {}),
        hasSolution: hasSolution(project, milestone.id),
        now,
        restricted: !vscode.workspace.isTrusted,
        ...(runProblem ? { runProblem } : {}),
      });
      const range = new vscode.Range(marker.line, 0, marker.line, 0);
      for (const lens of lenses) {
        const command = commandLink(COMMAND[lens.action], lens.title, { projectKey: project.key, milestone: milestone.id });
        out.push(new vscode.CodeLens(range, { ...command, tooltip: lens.tooltip }));
      }
    }
    return out;
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.emitter.dispose();
  }
}

export function registerStubLens(index: ProjectIndex, progress: MilestoneProgressService): vscode.Disposable[] {
  const provider = new StubLensProvider(index, progress);
  return [provider, vscode.languages.registerCodeLensProvider({ scheme: 'file' }, provider)];
}

/** Opens `uri` with the stub line of `milestoneId` revealed and selected, else at the top; the line, or undefined for the top. */
export async function openAtStub(uri: vscode.Uri, milestoneId: string): Promise<number | undefined> {
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const line = text.length <= MAX_STUB_TEXT ? stubLine(text, milestoneId) : undefined;
  const selection = line === undefined ? new vscode.Range(0, 0, 0, 0) : document.lineAt(line).range;
  const editor = await vscode.window.showTextDocument(document, { preview: true, selection });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return line;
}
