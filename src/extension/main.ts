/**
 * The features, loaded by the activation entry (extension.ts) right after activation or on first
 * use: the shared services and one registrar per feature.
 */
import * as vscode from 'vscode';
import { registerCatalogSummary } from './features/catalogSummary';
import { registerChoosePath } from './features/choosePath';
import { registerFindSkill } from './features/findSkill';
import { registerMilestones, type MilestonesController } from './features/milestones';
import { registerMilestonesStatusBar, type MilestonesStatusBar } from './features/milestonesStatusBar';
import { registerProgressReport } from './features/progressReport';
import { registerScaffold, type Scaffolder } from './features/scaffold';
import { registerSkillPage, type SkillPages } from './features/skillPageCommands';
import { registerSkillsTree, type SkillsTreeProvider } from './features/skillsTree';
import { createServices, type Services } from './services';

/** What `activate` returns: used by the integration tests to read state through the real providers. */
export interface LearningPathsApi {
  services: Services;
  skillsTree: SkillsTreeProvider;
  milestones: MilestonesController;
  milestonesStatusBar: MilestonesStatusBar;
  scaffold: Scaffolder;
  skillPages: SkillPages;
}

export function activateFeatures(context: vscode.ExtensionContext): LearningPathsApi {
  const services = createServices(context);
  const skillsTree = registerSkillsTree(context, services);
  registerCatalogSummary(context, services);
  registerChoosePath(context, services);
  registerFindSkill(context, services);
  const milestones = registerMilestones(context, services);
  const milestonesStatusBar = registerMilestonesStatusBar(context, milestones);
  const scaffold = registerScaffold(context, services, milestones);
  registerProgressReport(context, services, milestones);
  const skillPages = registerSkillPage(context, services, { serializer: false });
  // Walkthrough completion: the last step completes once any milestone is done.
  context.subscriptions.push(
    services.progress.onDidChange(() => {
      const done = services.catalog.index.skills.some((s) => (services.progress.get(s.id)?.done ?? 0) > 0);
      void vscode.commands.executeCommand('setContext', 'learningPaths.anyMilestoneDone', done);
    }),
  );
  void services.catalog.reload();
  return { services, skillsTree, milestones, milestonesStatusBar, scaffold, skillPages };
}

