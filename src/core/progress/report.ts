/**
 * The Markdown progress report: the learner's role and level, per project the milestones done
 * (with dates and how each was confirmed), and the gap to the next level from the catalog's
 * skill expectations. Pure.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import { english, type Translate } from '../l10n';
import { resolveProjectPath } from '../scaffold/plan';
import type { TemplateManifest } from '../scaffold/types';
import type { MyPath } from '../tree/model';
import { describeCheck } from './checks';
import { md } from './markdown';
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
  /** The report's language (catalog and project text stay as they are); English by default. */
  t?: Translate;
}


const day = (iso: string) => (/^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? iso);

export function buildProgressReport(input: ReportInput): string {
  const { index, path, projects, now } = input;
  const t = input.t ?? english;
  const out: string[] = [`# ${t('Learning Paths progress report')}`, '', `_${t('Generated {0}.', day(now.toISOString()))}_`, ''];

  const role = path ? index.role(path.role) : undefined;
  const current = path ? index.level(path.current) : undefined;
  const target = path ? index.level(path.target) : undefined;
  if (path && role && current) {
    out.push(`**${t('Role:')}** ${md(role.title)}  `, `**${t('Current level:')}** ${md(current.title)}  `);
    if (target && target.id !== current.id) out.push(`**${t('Target level:')}** ${md(target.title)}  `);
    out.push('');
  } else {
    out.push(t('No role and level chosen yet (run **Learning Paths: Choose My Role and Level**), so the gap to the next level is not shown.'), '');
  }

  // Projects
  let doneAll = 0;
  let totalAll = 0;
  for (const p of projects) {
    const c = countDone(p.manifest.milestones, p.ticks);
    doneAll += c.done;
    totalAll += c.total;
  }
  out.push(`## ${t('Practice projects')}`, '');
  if (projects.length === 0) out.push(t('No scaffolded practice project in this workspace yet (run **Learning Paths: Scaffold Practice Project…**).'), '');
  else out.push(projects.length === 1 ? t('{0} of {1} milestones done across 1 project.', doneAll, totalAll) : t('{0} of {1} milestones done across {2} projects.', doneAll, totalAll, projects.length), '');
  for (const p of projects) {
    const c = countDone(p.manifest.milestones, p.ticks);
    out.push(
      `### ${md(p.name)} — ${md(p.manifest.title)}`,
      '',
      t('Folder {0} · starter {1} v{2} · level {3} · **{4}/{5}** done', `\`${p.folder.replace(/`/g, "'")}\``, `\`${p.manifest.id}\``, p.manifest.version, md(index.level(p.manifest.level)?.title ?? p.manifest.level), c.done, c.total),
      '',
    );
    out.push(`| | ${t('Milestone')} | ${t('Done on')} | ${t('Confirmed')} |`, '|---|---|---|---|');
    for (const m of p.manifest.milestones) {
      const tick = p.ticks.get(m.id);
      const how = !tick ? '' : tick.state === 'verified' ? (m.check ? t('verified ({0})', md(describeCheck(m.check, p.name, { withPattern: false, t }))) : t('verified')) : t('self-reported');
      out.push(`| ${tick ? '✅' : '⬜'} | ${md(m.title)} | ${tick ? day(tick.at) : ''} | ${how} |`);
    }
    out.push('');
    const details = p.manifest.milestones.flatMap((m) => milestoneDetailLines(m.title, m.hints?.length ?? 0, p.ticks.get(m.id), p.details?.get(m.id), t));
    if (details.length > 0) out.push(`#### ${t('Tests, hints and solutions')}`, '', ...details, '');
  }

  // Gap to the next level
  if (path && role && current) {
    const next = target && target.order > current.order ? target : index.nextLevel(current.id);
    out.push(`## ${t('Gap to the next level')}`, '');
    if (!next) out.push(t('{0} is the top level; nothing further is expected.', md(current.title)), '');
    else {
      const cells = index.cells(role.id, next.id);
      const bySkill = progressBySkill(projects);
      out.push(t('What {0} {1}s are expected to do, next to what you have practised here:', md(next.title), md(role.title)), '');
      if (cells.length === 0) out.push(t('The catalog has no expectations for {0} at {1}.', md(role.title), md(next.title)), '');
      for (const { skill, expectation } of cells) {
        const prog = bySkill.get(skill.id);
        const served = servingMilestones(projects, skill.id, role.id, next.id);
        const now = index.expectation(skill.id, role.id, current.id);
        out.push(`- **${md(skill.title)}** (${expectation.required ? t('required') : t('optional')}): ${md(expectation.text)}`);
        if (now) out.push(`  - ${t('At {0}: {1}', md(current.title), md(now.text))}`);
        out.push(`  - ${prog ? t('Practised here: {0}/{1} milestones done', prog.done, prog.total) : t('Practised here: no practice project yet')}`);
        for (const s of served) out.push(`  - ${s.done ? '✅' : '⬜'} ${t('serves this directly: {0} ({1})', md(s.title), md(s.project))}`);
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
