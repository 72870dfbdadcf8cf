/** Counting milestone progress: per project, per skill, the next open milestone. Pure. */
import type { MilestoneDef, TemplateManifest } from '../scaffold/types';
import type { Tick } from './store';

export interface Count {
  done: number;
  total: number;
}

export function countDone(milestones: readonly MilestoneDef[], ticks: ReadonlyMap<string, Tick>): Count {
  return { done: milestones.filter((m) => ticks.has(m.id)).length, total: milestones.length };
}

/** The first milestone (in manifest order) that is not ticked. */
export function nextOpenMilestone(milestones: readonly MilestoneDef[], ticks: ReadonlyMap<string, Tick>): MilestoneDef | undefined {
  return milestones.find((m) => !ticks.has(m.id));
}

/** The skills a milestone counts for: those it serves, plus the starter's own skill. */
export function skillsOfMilestone(manifest: Pick<TemplateManifest, 'skill'>, milestone: MilestoneDef): string[] {
  return [...new Set([manifest.skill, ...milestone.serves.map((s) => s.skill)])];
}

/** Milestones done / total per skill over every project (a milestone counts once for each of its skills). */
export function progressBySkill(projects: readonly { manifest: TemplateManifest; ticks: ReadonlyMap<string, Tick> }[]): Map<string, Count> {
  const out = new Map<string, Count>();
  for (const p of projects) {
    for (const m of p.manifest.milestones) {
      for (const skill of skillsOfMilestone(p.manifest, m)) {
        const c = out.get(skill) ?? { done: 0, total: 0 };
        c.total++;
        if (p.ticks.has(m.id)) c.done++;
        out.set(skill, c);
      }
    }
  }
  return out;
}
