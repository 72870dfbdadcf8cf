/** `check --run-tests`: every tests check of a project run through the one process runner (core/verify/processRun.ts). */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { existsInsideSync } from '../core/fs/safeRead';
import { ensureDirInside, SafeWriteError, writeNewFile } from '../core/fs/safeWrite';
import type { ProjectManifest } from '../core/scaffold/plan';
import type { Template } from '../core/scaffold/types';
import { runProcess } from '../core/verify/processRun';
import { planTestRun, RESULTS_DIR, RESULTS_GITIGNORE } from '../core/verify/testRun';

/** The longest `--timeout` (a day): longer is a typo, and a timer could not hold it anyway. */
export const MAX_TIMEOUT_SECONDS = 24 * 60 * 60;

/** `--timeout` in seconds: a plain positive number up to a day; otherwise why not. */
export function parseTimeoutSeconds(value: string | undefined, fallback = 300): { ok: true; seconds: number } | { ok: false; reason: string } {
  if (value === undefined) return { ok: true, seconds: fallback };
  const seconds = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) return { ok: false, reason: `--timeout needs a positive number of seconds, not ${JSON.stringify(value)}` };
  if (seconds > MAX_TIMEOUT_SECONDS) return { ok: false, reason: `--timeout is at most ${MAX_TIMEOUT_SECONDS} seconds (a day), not ${value}` };
  return { ok: true, seconds };
}

/** What pytest printed last (for telling "no pytest" from other failures), bounded. */
const TAIL_CHARS = 64 * 1024;

/** Runs every tests check of the project with `python`; returns a reason per milestone whose run did not produce a report. */
export async function runTests(project: { dir: string; manifest: ProjectManifest; template: Template }, python: string, timeoutSeconds: number): Promise<Map<string, string>> {
  const problems = new Map<string, string>();
  try {
    ensureDirInside(project.dir, RESULTS_DIR);
    if (!existsInsideSync(project.dir, RESULTS_GITIGNORE.path)) writeNewFile(project.dir, RESULTS_GITIGNORE.path, RESULTS_GITIGNORE.content);
  } catch (err) {
    if (!(err instanceof SafeWriteError)) throw err;
    for (const m of project.template.manifest.milestones) if (m.check?.kind === 'tests') problems.set(m.id, `cannot write test reports: ${err.message}`);
    return problems;
  }
  for (const m of project.template.manifest.milestones) {
    const plan = planTestRun(m.id, m.check, project.manifest.name);
    if (!plan) continue;
    // A run that writes no report must not leave an earlier report standing for it (rm removes a link, never its target).
    rmSync(join(project.dir, plan.reportPath), { force: true, recursive: true });
    if (!existsInsideSync(project.dir, plan.testPath)) {
      problems.set(m.id, `${plan.testPath} does not exist`);
      continue;
    }
    process.stderr.write(`$ ${python} ${plan.args.join(' ')}\n`);
    let tail = '';
    const run = await runProcess({
      command: python,
      args: plan.args,
      cwd: project.dir,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      timeoutMs: timeoutSeconds * 1000,
      onOutput: (chunk) => {
        process.stderr.write(chunk);
        tail = (tail + chunk).slice(-TAIL_CHARS);
      },
    });
    if (run.startError) problems.set(m.id, run.startError);
    else if (run.timedOut) problems.set(m.id, `the tests did not finish within ${timeoutSeconds} s (stopped: SIGTERM to the process group, then SIGKILL)`);
    else if (!existsInsideSync(project.dir, plan.reportPath)) {
      problems.set(m.id, /No module named pytest/.test(tail) ? `pytest is not installed for ${python}` : `pytest wrote no report (exit ${run.exitCode ?? run.signal ?? 'unknown'})`);
    }
  }
  return problems;
}
