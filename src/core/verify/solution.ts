/**
 * Reference solutions: the overlay files a template keeps under `solutions/<milestone-id>/`,
 * rendered for one project, and what applying them would change. Pure: the caller reads the
 * learner's files and decides whether to write.
 */
import { applyPatch, structuredPatch } from 'diff';
import { relativePathProblem } from '../scaffold/paths';
import { renderTemplateFile } from '../scaffold/plan';
import type { Template } from '../scaffold/types';

export interface SolutionFile {
  /** Project-relative path. */
  path: string;
  /** The reference content. */
  content: string;
}

/** The milestone's reference solution for a project, or undefined when it has none. */
export function renderSolution(template: Template, milestoneId: string, packageName: string): SolutionFile[] | undefined {
  const overlay = template.solutions?.find((s) => s.milestone === milestoneId);
  if (!overlay) return undefined;
  return overlay.files.map((f) => {
    const rendered = renderTemplateFile(f, { package: packageName, name: packageName });
    const problem = relativePathProblem(rendered.path);
    if (problem) throw new Error(`solution file "${f.path}": ${problem}`);
    return rendered;
  });
}

/** The scaffolded (starting) content of a project file, for telling the learner's edits from the starter's text. */
export function scaffoldedContent(template: Template, path: string, packageName: string): string | undefined {
  for (const f of template.files) {
    const rendered = renderTemplateFile(f, { package: packageName, name: packageName });
    if (rendered.path === path) return rendered.content;
  }
  return undefined;
}

export type Merge = { ok: true; content: string } | { ok: false };

/**
 * The learner's file with one exercise's reference solution merged in: the change from the
 * scaffolded file to the reference, applied as a patch to what the learner has now. So a file
 * that holds two exercises keeps the first one's solution (or the learner's own code elsewhere)
 * when the second is applied. Fails when the learner changed the lines the solution replaces.
 */
export function mergeSolution(scaffolded: string | undefined, current: string | undefined, reference: string): Merge {
  if (current === undefined || scaffolded === undefined || current === scaffolded) return { ok: true, content: reference };
  if (current === reference) return { ok: true, content: current };
  const patch = structuredPatch('scaffold', 'reference', scaffolded, reference, undefined, undefined, { context: 3 });
  const merged = applyPatch(current, patch, { fuzzFactor: 2 });
  return merged === false ? { ok: false } : { ok: true, content: merged };
}
