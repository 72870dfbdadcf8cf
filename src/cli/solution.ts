/**
 * `solution DIR MILESTONE [--apply] [--force]`: shows, or applies, an exercise's reference solution.
 * Applying loses nothing and runs nothing: the learner's files are read through the safe read
 * (UTF-8 only, inside the project), compared with the scaffold's own content (no git, so no
 * repository configuration or hook of the project ever runs), every file it replaces is first kept
 * under `.learning-path/backup/`, and each write goes to a temporary file renamed into place, never
 * through a link and never outside the project.
 */
import { createTwoFilesPatch } from 'diff';
import { readTextSync, SafeReadError } from '../core/fs/safeRead';
import { SafeWriteError, writeFileAtomic, writeNewFile } from '../core/fs/safeWrite';
import { MAX_CHECK_BYTES } from '../core/progress/checks';
import type { Template } from '../core/scaffold/types';
import { mergeSolution, renderSolution, scaffoldedContent } from '../core/verify/solution';
import { CliError, openProject } from './check';

/** Where applying a solution keeps the files it replaces (project-relative). */
export const BACKUP_DIR = '.learning-path/backup';

function readLearnerFile(dir: string, path: string): string | undefined {
  try {
    return readTextSync(dir, path, MAX_CHECK_BYTES);
  } catch (err) {
    if (!(err instanceof SafeReadError)) throw err;
    if (err.kind === 'missing') return undefined;
    throw new CliError(`not applied: ${err.message}`, 1);
  }
}

export function solutionCommand(args: string[], templates: () => Template[]): number {
  const [dirArg, milestoneId] = args.filter((a) => !a.startsWith('--'));
  if (!dirArg || !milestoneId) throw new CliError('usage: solution DIR MILESTONE [--apply] [--force]');
  const project = openProject(dirArg, templates);
  const { manifest, template } = project;
  const milestone = template.manifest.milestones.find((m) => m.id === milestoneId);
  if (!milestone) throw new CliError(`${template.manifest.id} has no milestone "${milestoneId}"; its milestones: ${template.manifest.milestones.map((m) => m.id).join(', ')}`, 1);
  const files = renderSolution(template, milestone.id, manifest.name);
  if (!files) throw new CliError(`milestone "${milestoneId}" has no reference solution`, 1);
  const current = new Map<string, string | undefined>();
  const merged = new Map<string, { content: string; clean: boolean }>();
  for (const f of files) {
    const mine = readLearnerFile(project.dir, f.path);
    current.set(f.path, mine);
    const m = mergeSolution(scaffoldedContent(template, f.path, manifest.name), mine, f.content);
    merged.set(f.path, m.ok ? { content: m.content, clean: true } : { content: f.content, clean: false });
  }
  const changing = files.filter((f) => current.get(f.path) !== merged.get(f.path)?.content);
  if (!args.includes('--apply')) {
    // What applying would change in the learner's files.
    for (const f of changing) {
      process.stdout.write(createTwoFilesPatch(`a/${f.path}`, `b/${f.path}`, current.get(f.path) ?? '', merged.get(f.path)?.content ?? '', 'your project', 'reference solution'));
    }
    return 0;
  }
  const conflicts = changing.filter((f) => merged.get(f.path)?.clean === false).map((f) => f.path);
  if (conflicts.length > 0 && !args.includes('--force')) {
    throw new CliError(`not applied: you changed the lines the solution replaces in ${conflicts.join(', ')}; pass --force to replace the file (your version is then kept under ${BACKUP_DIR}/)`, 1);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backupDir = `${BACKUP_DIR}/${milestone.id}-${stamp}`;
  try {
    // Every file it replaces is kept first, clean merge or not: nothing is lost whatever happens next.
    for (const f of changing) {
      const mine = current.get(f.path);
      if (mine !== undefined) writeNewFile(project.dir, `${backupDir}/${f.path}`, mine);
    }
    for (const f of changing) writeFileAtomic(project.dir, f.path, merged.get(f.path)?.content ?? f.content);
  } catch (err) {
    if (!(err instanceof SafeWriteError)) throw err;
    const kept = changing.some((f) => current.get(f.path) !== undefined) ? `; your files are kept under ${backupDir}/` : '';
    throw new CliError(`not applied: ${err.message}${kept}`, 1);
  }
  const backups = changing.some((f) => current.get(f.path) !== undefined) ? ` (your previous version is in ${backupDir}/)` : '';
  process.stdout.write(`applied the reference solution of "${milestone.id}": ${changing.length === 0 ? 'already in place' : changing.map((f) => f.path).join(', ') + backups}\n`);
  return 0;
}
