/**
 * The features, loaded by the activation entry (extension.ts) right after activation or on first
 * use: the shared services and one registrar per feature.
 */
import * as vscode from 'vscode';
import { setContext } from './commands';
import { registerCatalogSummary } from './features/catalogSummary';
import { registerChoosePath } from './features/choosePath';
import { registerFindSkill } from './features/findSkill';
import { registerMilestones, type MilestonesFeature } from './features/milestones';
import { registerNewStarter } from './features/newStarter';
import { registerProgressReport } from './features/progressReport';
import { registerScaffold, type Scaffolder } from './features/scaffold';
import { registerSkillPage, type SkillPages } from './features/skillPageCommands';
import type { SkillPageObserver } from './features/skillPanel';
import { registerSkillsTree, type SkillsTreeProvider } from './features/skillsTree';
import { createServices, type Services } from './services';

/**
 * Environment flag the bench and the test runners set so the skill page reports its first paint
 * (`painted`). Honoured only outside ExtensionMode.Production: a shipped extension never measures.
 */
export const MEASURE_PAINT_ENV = 'LEARNING_PATHS_MEASURE_PAINT';

/** The features, for the activation entry (the page serializer) and the test API. Not exported by `activate`. */
export interface Features {
  services: Services;
  skillsTree: SkillsTreeProvider;
  milestones: MilestonesFeature;
  scaffold: Scaffolder;
  skillPages: SkillPages;
}

export interface FeatureOptions {
  /** Watches the skill pages (the test API, in ExtensionMode.Test only). */
  skillPageObserver?: Omit<SkillPageObserver, 'measurePaint'>;
}

export function activateFeatures(context: vscode.ExtensionContext, options: FeatureOptions = {}): Features {
  const services = createServices(context);
  const skillsTree = registerSkillsTree(context, services);
  registerCatalogSummary(context, services);
  registerChoosePath(context, services);
  registerFindSkill(context, services);
  const milestones = registerMilestones(context, services);
  const scaffold = registerScaffold(context, services, milestones);
  registerProgressReport(context, services, milestones);
  registerNewStarter(context, services);
  const measurePaint = context.extensionMode !== vscode.ExtensionMode.Production && process.env[MEASURE_PAINT_ENV] === '1';
  const observer: SkillPageObserver | undefined =
    options.skillPageObserver || measurePaint
      ? { measurePaint, rendered: (skill, model) => options.skillPageObserver?.rendered(skill, model), received: (e) => options.skillPageObserver?.received(e) }
      : undefined;
  const skillPages = registerSkillPage(context, services, { serializer: false, ...(observer ? { observer } : {}) });
  // Walkthrough completion: the last step completes once any milestone is done.
  context.subscriptions.push(
    services.skillCounts.onDidChange(() => {
      const done = services.catalog.index.skills.some((s) => (services.skillCounts.get(s.id)?.done ?? 0) > 0);
      void setContext('learningPaths.anyMilestoneDone', done);
    }),
  );
  void services.catalog.reload();
  return { services, skillsTree, milestones, scaffold, skillPages };
}
