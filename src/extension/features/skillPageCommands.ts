/**
 * The skill page's commands: Open Skill (preview), Keep Open, Back and Forward, and the tree's
 * double-click (two opens of the same item within DOUBLE_CLICK_MS pin it, as in the Explorer).
 */
import * as vscode from 'vscode';
import type { PageTarget } from '../../core/view/skillHistory';
import { SKILL_PAGE_VIEW_TYPE } from '../../shared/protocol';
import { registerCommand } from '../commands';
import type { Services } from '../services';
import { SkillPages, type SkillPageObserver } from './skillPages';

export type { SkillPages } from './skillPages';

/** What `learningPaths.openSkill` accepts: a skill id, or a skill with an optional role and level (a tree node works too). */
import type { OpenSkillArg } from '../commandTypes';

export type { OpenSkillArg };

const DOUBLE_CLICK_MS = 500;

function parseTarget(arg: unknown): (PageTarget & { via?: 'tree'; pin?: boolean }) | undefined {
  if (typeof arg === 'string' && arg.length > 0) return { skill: arg };
  if (typeof arg !== 'object' || arg === null) return undefined;
  const o = arg as Record<string, unknown>;
  if (typeof o.skill !== 'string' || o.skill.length === 0) return undefined;
  return {
    skill: o.skill,
    ...(typeof o.role === 'string' && o.role ? { role: o.role } : {}),
    ...(typeof o.level === 'string' && o.level ? { level: o.level } : {}),
    ...(o.via === 'tree' ? { via: 'tree' as const } : {}),
    ...(o.pin === true ? { pin: true } : {}),
  };
}

async function pickSkill(services: Services): Promise<string | undefined> {
  const index = services.catalog.index;
  const path = services.learnerPath.get();
  const items = index.skills.map((s) => {
    const e = path ? index.expectation(s.id, path.role, path.current) : undefined;
    return {
      label: `$(mortar-board) ${s.title}`,
      description: [s.group, e ? (e.required ? vscode.l10n.t('required at your level') : vscode.l10n.t('optional at your level')) : undefined].filter(Boolean).join(' · '),
      detail: s.summary,
      skill: s.id,
    };
  });
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Open Skill Page'),
    placeHolder: vscode.l10n.t('Pick a skill'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return pick?.skill;
}

/**
 * `serializer: false` when the activation entry already registered a serializer that forwards
 * to these pages (see extension.ts: it must exist as soon as activation returns).
 */
export function registerSkillPage(context: vscode.ExtensionContext, services: Services, options: { serializer?: boolean; observer?: SkillPageObserver } = {}): SkillPages {
  const pages = new SkillPages(services, options.observer);
  if (options.serializer !== false) context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(SKILL_PAGE_VIEW_TYPE, pages));
  let lastTreeOpen: { key: string; at: number } | undefined;
  context.subscriptions.push(
    pages,
    services.catalog.onDidChange(() => pages.refresh()),
    services.onDidChangeTemplates(() => pages.refresh()),
    services.learnerPath.onDidChange(() => pages.refresh()),
    services.skillCounts.onDidChange(() => pages.refresh()),
    registerCommand('learningPaths.openSkill', async (arg): Promise<string | undefined> => {
      let target = parseTarget(arg);
      if (!target) {
        const skill = await pickSkill(services);
        if (!skill) return undefined;
        target = { skill };
      }
      if (!services.catalog.index.skill(target.skill)) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Learning Paths has no skill “{0}”.', target.skill));
        return undefined;
      }
      let pin = target.pin === true;
      if (target.via === 'tree') {
        // The tree runs an item's command on every click: a second one on the same item soon after is a double-click.
        const key = JSON.stringify([target.skill, target.role ?? '', target.level ?? '']);
        const now = Date.now();
        if (lastTreeOpen && lastTreeOpen.key === key && now - lastTreeOpen.at < DOUBLE_CLICK_MS) pin = true;
        lastTreeOpen = pin ? undefined : { key, at: now };
      }
      pages.open({ skill: target.skill, ...(target.role ? { role: target.role } : {}), ...(target.level ? { level: target.level } : {}) }, { pin });
      return target.skill;
    }),
    registerCommand('learningPaths.pinSkillPage', (arg): string | undefined => {
      // From a command or keybinding with a skill id: open that skill pinned. Otherwise pin the preview page.
      if (typeof arg === 'string' && arg.length > 0) {
        if (!services.catalog.index.skill(arg)) {
          void vscode.window.showWarningMessage(vscode.l10n.t('Learning Paths has no skill “{0}”.', arg));
          return undefined;
        }
        return pages.open({ skill: arg }, { pin: true }).skill;
      }
      return pages.pin()?.skill;
    }),
    registerCommand('learningPaths.showPreviousSkill', () => pages.back()),
    registerCommand('learningPaths.showNextSkill', () => pages.forward()),
  );
  return pages;
}
