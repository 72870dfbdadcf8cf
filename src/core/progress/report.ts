/**
 * The Markdown progress report: the learner's role and level, per project the milestones done
 * (with dates and how each was confirmed), and the gap to the next level from the catalog's
 * skill expectations. Pure.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import { resolveProjectPath } from '../scaffold/plan';
import type { TemplateManifest } from '../scaffold/types';
import type { MyPath } from '../tree/model';
import { describeCheck } from './checks';
import { countDone, progressBySkill } from './model';
import type { Tick } from './store';
import { milestoneDetailLines, type MilestoneDetail } from './verifications';

export interface ReportProject {
  /** Package name from the project manifest. */
  name: string;
  /** Folder, relative to the workspace where possible. */
  folder: string;
  manifest: TemplateManifest;
  ticks: ReadonlyMap<string, Tick>;
  /** Per milestone: the current test verdict, verification history, hints revealed, solution viewed. */
  details?: ReadonlyMap<string, MilestoneDetail>;
}

export interface ReportInput {
  index: CatalogIndex;
  path?: MyPath;
  projects: readonly ReportProject[];
  now: Date;
}

/** Escapes text for a Markdown paragraph or table cell. */
export function md(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<|#])/g, '\\$1');
}

const day = (iso: string) => (/^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? iso);

export function buildProgressReport(input: ReportInput): string {
  const { index, path, projects, now } = input;
  const out: string[] = ['# Learning Paths progress report', '', `_Generated ${day(now.toISOString())}._`, ''];

  const role = path ? index.role(path.role) : undefined;
  const current = path ? index.level(path.current) : undefined;
  const target = path ? index.level(path.target) : undefined;
  if (path && role && current) {
    out.push(`**Role:** ${md(role.title)}  `, `**Current level:** ${md(current.title)}  `);
    if (target && target.id !== current.id) out.push(`**Target level:** ${md(target.title)}  `);
    out.push('');
  } else {
    out.push('No role and level chosen yet (run **Learning Paths: Choose My Role and Level**), so the gap to the next level is not shown.', '');
  }

  // Projects
  let doneAll = 0;
  let totalAll = 0;
  for (const p of projects) {
    const c = countDone(p.manifest.milestones, p.ticks);
    doneAll += c.done;
    totalAll += c.total;
  }
  out.push('## Practice projects', '');
  if (projects.length === 0) out.push('No scaffolded practice project in this workspace yet (run **Learning Paths: Scaffold Practice Project…**).', '');
  else out.push(`${doneAll} of ${totalAll} milestones done across ${projects.length} project${projects.length === 1 ? '' : 's'}.`, '');
  for (const p of projects) {
    const c = countDone(p.manifest.milestones, p.ticks);
    out.push(`### ${md(p.name)} — ${md(p.manifest.title)}`, '', `Folder \`${p.folder.replace(/`/g, "'")}\` · starter \`${p.manifest.id}\` v${p.manifest.version} · level ${md(index.level(p.manifest.level)?.title ?? p.manifest.level)} · **${c.done}/${c.total}** done`, '');
    out.push('| | Milestone | Done on | Confirmed |', '|---|---|---|---|');
    for (const m of p.manifest.milestones) {
      const t = p.ticks.get(m.id);
      const how = !t ? '' : t.state === 'verified' ? `verified${m.check ? ` (${md(describeCheck(m.check, p.name, { withPattern: false }))})` : ''}` : 'self-reported';
      out.push(`| ${t ? '✅' : '⬜'} | ${md(m.title)} | ${t ? day(t.at) : ''} | ${how} |`);
    }
    out.push('');
    const details = p.manifest.milestones.flatMap((m) => milestoneDetailLines(m.title, m.hints?.length ?? 0, p.ticks.get(m.id), p.details?.get(m.id)));
    if (details.length > 0) out.push('#### Tests, hints and solutions', '', ...details, '');
  }

  // Gap to the next level
  if (path && role && current) {
    const next = target && target.order > current.order ? target : index.nextLevel(current.id);
    out.push('## Gap to the next level', '');
    if (!next) out.push(`${md(current.title)} is the top level; nothing further is expected.`, '');
    else {
      const cells = index.cells(role.id, next.id);
      const bySkill = progressBySkill(projects);
      out.push(`What ${md(next.title)} ${md(role.title)}s are expected to do, next to what you have practised here:`, '');
      if (cells.length === 0) out.push(`The catalog has no expectations for ${md(role.title)} at ${md(next.title)}.`, '');
      for (const { skill, expectation } of cells) {
        const prog = bySkill.get(skill.id);
        const served = servingMilestones(projects, skill.id, role.id, next.id);
        const now = index.expectation(skill.id, role.id, current.id);
        out.push(`- **${md(skill.title)}** (${expectation.required ? 'required' : 'optional'}): ${md(expectation.text)}`);
        if (now) out.push(`  - At ${md(current.title)}: ${md(now.text)}`);
        out.push(`  - Practised here: ${prog ? `${prog.done}/${prog.total} milestones done` : 'no practice project yet'}`);
        for (const s of served) out.push(`  - ${s.done ? '✅' : '⬜'} serves this directly: ${md(s.title)} (${md(s.project)})`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}

function servingMilestones(projects: readonly ReportProject[], skill: string, role: string, level: string): { title: string; project: string; done: boolean }[] {
  const out: { title: string; project: string; done: boolean }[] = [];
  for (const p of projects) {
    for (const m of p.manifest.milestones) {
      if (m.serves.some((s) => s.skill === skill && 'role' in s && s.role === role && s.level === level)) {
        out.push({ title: resolveProjectPath(m.title, p.name), project: p.name, done: p.ticks.has(m.id) });
      }
    }
  }
  return out;
}
