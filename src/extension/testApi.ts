/**
 * The test API: what `activate` returns in ExtensionMode.Test only (integration tests, the bench).
 * Tests reach the extension's internals through this object; production classes carry no
 * test-only members (test/unit/testHooks.test.ts keeps it so). It is created by extension.ts
 * only when `context.extensionMode === vscode.ExtensionMode.Test`.
 */
import type * as vscode from 'vscode';
import { ProgressStore } from '../core/progress/store';
import type { SkillPageViewModel } from '../shared/skillPageModel';
import type { ScaffoldResult } from './features/scaffold';
import { scaffoldInto } from './features/scaffold';
import type { SkillPageEvent } from './features/skillPanel';
import { MilestoneProgressService } from './features/milestones/progressService';
import { MilestonesTreeProvider } from './features/milestones/view';
import type { Features, FeatureOptions } from './main';
import { SkillCounts } from './services';

/** Records what the skill pages render and receive (passed to the features as their observer). */
export class SkillPageProbe {
  private readonly models = new Map<string, SkillPageViewModel>();
  private readonly listeners = new Set<(e: SkillPageEvent) => void>();
  readonly observer: NonNullable<FeatureOptions['skillPageObserver']> = {
    rendered: (skill, model) => this.models.set(skill, model),
    received: (e) => {
      for (const l of [...this.listeners]) l(e);
    },
  };

  /** The view model last rendered for a skill's page. */
  lastModel(skill: string): SkillPageViewModel | undefined {
    return this.models.get(skill);
  }

  /** Every message a page's webview posts (after validation). */
  onMessage(listener: (e: SkillPageEvent) => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

export interface TestApi extends Features {
  skillPageProbe: SkillPageProbe;
  /**
   * Hands `raw` to the message handler of the page showing `skill`, as if its webview had posted
   * it (ids checked, then used). Resolves with the warning shown when it was refused.
   */
  postFromSkillPage(skill: string, raw: unknown): Promise<string | undefined>;
  /** Scaffolds a starter into `<parent>/<name>` through workspace.fs: the core the bench times (no prompts, no view). */
  scaffoldStarter(starter: string, parent: vscode.Uri, name: string): Promise<ScaffoldResult>;
  /**
   * A second Milestones tree over a new ProgressStore read from workspaceState, as after a window
   * reload (an extension cannot deactivate and activate itself). It only reads: dispose it right
   * after use, before anything ticks or scans again.
   */
  milestonesAfterReload(): Promise<{ provider: MilestonesTreeProvider; progress: MilestoneProgressService; dispose(): void }>;
}

export function createTestApi(context: vscode.ExtensionContext, features: Features, probe: SkillPageProbe): TestApi {
  return {
    ...features,
    skillPageProbe: probe,
    postFromSkillPage: async (skill, raw) => {
      const page = features.skillPages.page(skill);
      if (!page) throw new Error(`no skill page shows "${skill}"`);
      return page.receive(raw);
    },
    scaffoldStarter: async (starter, parent, name) => {
      const template = features.services.templates().find((t) => t.manifest.id === starter);
      if (!template) throw new Error(`unknown starter "${starter}"`);
      const { plan, target, ms } = await scaffoldInto(template, parent, name);
      return { starter, target, projectId: plan.projectManifest.projectId, files: plan.files.length, ms };
    },
    milestonesAfterReload: async () => {
      await features.milestones.progress.flush();
      const store = new ProgressStore(context.workspaceState);
      await store.ready;
      const counts = new SkillCounts();
      const progress = new MilestoneProgressService(features.milestones.index, store, counts);
      const provider = new MilestonesTreeProvider(features.milestones.index, progress);
      return {
        provider,
        progress,
        dispose: () => {
          provider.dispose();
          progress.dispose();
          counts.dispose();
        },
      };
    },
  };
}
