/**
 * Planning a test run for a `tests` milestone: where its JUnit report goes and the pytest command
 * line. Pure: the extension turns the plan into a VS Code Task, the CLI into a child process.
 */
import type { MilestoneCheck } from '../scaffold/types';
import { resolveProjectPath } from '../scaffold/plan';

/** The folder (project-relative) that holds a project's test reports; it git-ignores itself. */
export const RESULTS_DIR = '.learning-path/results';
/** Written into `.learning-path/` so that nothing in it is ever committed. */
export const RESULTS_GITIGNORE = { path: '.learning-path/.gitignore', content: '# Written by Learning Paths: test reports of Verify runs, never committed.\n*\n' };

/** The project-relative report path of a milestone (milestone ids are `[a-z0-9-]` by the template schema). */
export function reportPathOf(milestoneId: string): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(milestoneId)) throw new Error(`not a milestone id: ${JSON.stringify(milestoneId)}`);
  return `${RESULTS_DIR}/${milestoneId}.xml`;
}

export interface TestRunPlan {
  milestoneId: string;
  /** Project-relative test file. */
  testPath: string;
  /** Project-relative JUnit report path. */
  reportPath: string;
  /** Arguments after the interpreter: `-m pytest <path> -q … --junitxml=<report>`. */
  args: string[];
}

/** The run of one milestone's tests, or undefined when its check is not a tests check. */
export function planTestRun(milestoneId: string, check: MilestoneCheck | undefined, packageName: string): TestRunPlan | undefined {
  if (!check || check.kind !== 'tests') return undefined;
  const testPath = resolveProjectPath(check.path, packageName);
  const reportPath = reportPathOf(milestoneId);
  const args = ['-m', 'pytest', testPath, '-q', '-p', 'no:cacheprovider', `--junitxml=${reportPath}`, '-o', 'junit_family=xunit1'];
  if (check.select) args.push('-k', check.select);
  return { milestoneId, testPath, reportPath, args };
}

/** POSIX shell quoting of one argument (for showing a command line a person can copy). */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
