/**
 * The run of an exercise as the extension runs it: the plan of core/verify/testRun.ts (the same
 * pytest command the CLI runs, the same JUnit report that decides the milestone) plus Learning
 * Paths' pytest plugin, which writes the per-test results next to the report. Also: which
 * exercises a saved file belongs to (verify on save). Pure.
 */
import { resolveProjectPath } from '../scaffold/plan';
import type { Template } from '../scaffold/types';
import { RESULTS_DIR, type TestRunPlan } from '../verify/testRun';

/** The plugin's module name (python/lp_verify_plugin.py, shipped in the VSIX). */
export const PLUGIN_MODULE = 'lp_verify_plugin';

/** The project-relative per-test results file of a milestone (next to its JUnit report). */
export function resultsPathOf(milestoneId: string): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(milestoneId)) throw new Error(`not a milestone id: ${JSON.stringify(milestoneId)}`);
  return `${RESULTS_DIR}/${milestoneId}.json`;
}

export interface ExtensionRunPlan extends TestRunPlan {
  /** Project-relative per-test results file the plugin writes. */
  resultsPath: string;
}

/** The plan with the plugin loaded (`-p lp_verify_plugin --lp-json=<results>`). */
export function withResults(plan: TestRunPlan): ExtensionRunPlan {
  const resultsPath = resultsPathOf(plan.milestoneId);
  return { ...plan, resultsPath, args: [...plan.args, '-p', PLUGIN_MODULE, `--lp-json=${resultsPath}`] };
}

/** The environment that lets Python import the plugin: its folder first on PYTHONPATH. */
export function pluginEnv(pluginDir: string, current: string | undefined, delimiter: string): Record<string, string> {
  return { PYTHONPATH: current ? `${pluginDir}${delimiter}${current}` : pluginDir };
}

/**
 * The exercises (milestones with a tests check) a project-relative file belongs to: the file the
 * exercise opens, its test file, and the files of its reference-solution overlay.
 */
export function exercisesOfFile(relPath: string, template: Template, packageName: string): string[] {
  const out: string[] = [];
  for (const m of template.manifest.milestones) {
    if (m.check?.kind !== 'tests') continue;
    const overlay = template.solutions?.find((s) => s.milestone === m.id)?.files ?? [];
    const paths = [m.file, m.check.path, ...overlay.map((f) => f.path)];
    if (paths.some((p) => resolveProjectPath(p, packageName) === relPath)) out.push(m.id);
  }
  return out;
}
