/**
 * `check DIR --format junit|github|classroom`: writes the verdicts in the chosen format (the
 * generators are core/authoring/formats.ts). github also appends the Markdown job summary to
 * $GITHUB_STEP_SUMMARY when that is set (as on GitHub Actions).
 */
import { appendFileSync } from 'node:fs';
import { checkJunit, classroomResult, githubAnnotations, githubSummary, type CheckedMilestone, type CheckFormat, type CheckResult } from '../core/authoring/formats';
import { resolveProjectPath } from '../core/scaffold/plan';
import type { Template } from '../core/scaffold/types';
import { stubLine } from '../core/verify/stubs';
import { projectCheckFs } from './projectFs';

/** The verdicts with each milestone's points and the 1-based line of its stub in its file. */
export function checkedMilestones(template: Template, packageName: string, dir: string, verdicts: { id: string; title: string; kind: string | null; verified: boolean | null; reason: string }[]): CheckedMilestone[] {
  const fs = projectCheckFs(dir);
  return verdicts.map((v) => {
    const m = template.manifest.milestones.find((x) => x.id === v.id);
    const file = resolveProjectPath(m?.file ?? 'README.md', packageName);
    let text: ReturnType<typeof fs.read>;
    try {
      text = fs.read(file);
    } catch {
      text = undefined; // a file the safe read refuses (a link out, a device): no stub line, the verdict stands
    }
    const line = typeof text === 'string' ? stubLine(text, v.id) : undefined;
    return { ...v, points: m?.points ?? 1, file, ...(line !== undefined ? { line: line + 1 } : {}) };
  });
}

/** Writes `result` in `format` (junit, github or classroom) to stdout. */
export function writeFormatted(format: Exclude<CheckFormat, 'text' | 'json'>, result: CheckResult, env: NodeJS.ProcessEnv = process.env): void {
  if (format === 'junit') process.stdout.write(checkJunit(result));
  else if (format === 'classroom') process.stdout.write(JSON.stringify(classroomResult(result)) + '\n');
  else {
    process.stdout.write(githubAnnotations(result));
    const summary = env.GITHUB_STEP_SUMMARY;
    if (summary) {
      try {
        appendFileSync(summary, githubSummary(result));
      } catch (err) {
        process.stderr.write(`could not append the job summary to ${summary}: ${(err as Error).message}\n`);
      }
    } else process.stdout.write(`\n${githubSummary(result)}`);
  }
}
