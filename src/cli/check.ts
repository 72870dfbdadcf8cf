/**
 * `check` and `solution`: what a learner's own CI or a classroom autograder runs.
 *   check DIR [--run-tests] [--python PATH] [--timeout S] [--json] [--strict]
 *         [--format json|junit|github|classroom] [--pack PACKDIR]   (formats: ./formats.ts)
 *   solution DIR MILESTONE [--apply] [--force]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { evaluateMilestones } from '../core/progress/checks';
import { readProjectManifest } from '../core/progress/projectManifest';
import { PROJECT_MANIFEST } from '../core/scaffold/plan';
import type { ProjectManifest } from '../core/scaffold/plan';
import type { Template } from '../core/scaffold/types';
import { resolveInterpreter } from '../core/verify/interpreter';
import { which } from '../core/verify/which';
import { mergeSolution, renderSolution, scaffoldedContent } from '../core/verify/solution';
import { planTestRun, RESULTS_DIR, RESULTS_GITIGNORE } from '../core/verify/testRun';
import { parseCheckFormat } from '../core/authoring/formats';
import { checkedMilestones, writeFormatted } from './formats';
import { projectCheckFs } from './projectFs';

export class CliError extends Error {
  constructor(
    message: string,
    readonly code = 2,
  ) {
    super(message);
  }
}

interface Project {
  dir: string;
  manifest: ProjectManifest;
  template: Template;
}

function openProject(dirArg: string, templates: () => Template[]): Project {
  const dir = resolve(dirArg);
  const file = join(dir, PROJECT_MANIFEST);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`${file}: no ${PROJECT_MANIFEST} here; is ${dir} a scaffolded Learning Paths project?`);
  }
  const read = readProjectManifest(text);
  if (!read.ok) throw new CliError(`${file}:${read.problem.line}:${read.problem.column}: ${read.problem.message}`);
  const template = templates().find((t) => t.manifest.id === read.manifest.starter);
  if (!template) throw new CliError(`${file}: unknown starter "${read.manifest.starter}"; this version knows ${templates().map((t) => t.manifest.id).join(', ')}`);
  return { dir, manifest: read.manifest, template };
}

function optionValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new CliError(`${name} needs a value`);
  return v;
}

/** Runs every tests check of the project with `python`; returns a reason per milestone whose run could not produce a report. */
function runTests(project: Project, python: string, timeoutSeconds: number): Map<string, string> {
  const problems = new Map<string, string>();
  const results = join(project.dir, RESULTS_DIR);
  mkdirSync(results, { recursive: true });
  const ignore = join(project.dir, RESULTS_GITIGNORE.path);
  if (!existsSync(ignore)) writeFileSync(ignore, RESULTS_GITIGNORE.content);
  for (const m of project.template.manifest.milestones) {
    const plan = planTestRun(m.id, m.check, project.manifest.name);
    if (!plan) continue;
    const report = join(project.dir, plan.reportPath);
    // A run that writes no report must not leave an earlier report standing for it.
    rmSync(report, { force: true });
    if (!existsSync(join(project.dir, plan.testPath))) {
      problems.set(m.id, `${plan.testPath} does not exist`);
      continue;
    }
    process.stderr.write(`$ ${python} ${plan.args.join(' ')}\n`);
    const run = spawnSync(python, plan.args, { cwd: project.dir, encoding: 'utf8', timeout: timeoutSeconds * 1000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    process.stderr.write(run.stdout ?? '');
    process.stderr.write(run.stderr ?? '');
    if (run.error) {
      const code = (run.error as NodeJS.ErrnoException).code;
      problems.set(m.id, code === 'ETIMEDOUT' ? `the tests did not finish within ${timeoutSeconds} s` : code === 'ENOENT' ? `${python} not found` : run.error.message);
    } else if (!existsSync(report)) {
      const out = `${run.stdout ?? ''}${run.stderr ?? ''}`;
      problems.set(m.id, /No module named pytest/.test(out) ? `pytest is not installed for ${python}` : `pytest wrote no report (exit ${run.status ?? 'signal'})`);
    }
  }
  return problems;
}

export async function checkCommand(args: string[], templates: () => Template[]): Promise<number> {
  const dirArg = args.find((a, i) => !a.startsWith('--') && !['--python', '--timeout', '--format', '--pack'].includes(args[i - 1] ?? ''));
  if (!dirArg) throw new CliError('usage: check DIR [--run-tests] [--python PATH] [--timeout S] [--json] [--format json|junit|github|classroom] [--pack DIR] [--strict]');
  const format = parseCheckFormat(optionValue(args, '--format'), args.includes('--json'));
  if (!format.ok) throw new CliError(format.message);
  const project = openProject(dirArg, templates);
  let runProblems = new Map<string, string>();
  if (args.includes('--run-tests')) {
    const choice = await resolveInterpreter({ setting: optionValue(args, '--python'), which });
    if (!choice.ok) throw new CliError(choice.reason);
    const timeout = Number(optionValue(args, '--timeout') ?? 300);
    if (!Number.isFinite(timeout) || timeout <= 0) throw new CliError('--timeout needs a positive number of seconds');
    runProblems = runTests(project, choice.path, timeout);
  }
  const { manifest, template } = project;
  const results = await evaluateMilestones(template.manifest.milestones, manifest.name, projectCheckFs(project.dir), { solutions: template.solutions });
  const milestones = template.manifest.milestones.map((m) => {
    const r = results.get(m.id);
    const reason = runProblems.get(m.id) ?? r?.reason ?? 'self-reported: no check';
    return { id: m.id, title: m.title, kind: m.check?.kind ?? null, verified: r ? r.pass && !runProblems.has(m.id) : null, reason };
  });
  if (format.format === 'junit' || format.format === 'github' || format.format === 'classroom') {
    writeFormatted(format.format, { project: { starter: manifest.starter, name: manifest.name, title: template.manifest.title }, milestones: checkedMilestones(template, manifest.name, project.dir, milestones) });
  } else if (format.format === 'json') {
    process.stdout.write(JSON.stringify({ project: { starter: manifest.starter, name: manifest.name }, milestones }, null, 2) + '\n');
  } else {
    process.stdout.write(`${template.manifest.title} (${manifest.name})\n`);
    for (const m of milestones) {
      const mark = m.verified === null ? '·' : m.verified ? '✓' : '✗';
      process.stdout.write(`  ${mark} ${m.id}: ${m.title}\n      ${m.reason}\n`);
    }
    const checked = milestones.filter((m) => m.verified !== null);
    process.stdout.write(`${checked.filter((m) => m.verified).length} of ${checked.length} checked milestones verified; ${milestones.length - checked.length} self-reported\n`);
  }
  if (manifest.version !== template.manifest.version) {
    process.stderr.write(`note: the project was scaffolded from version ${manifest.version} of ${manifest.starter}; this is version ${template.manifest.version}\n`);
  }
  return args.includes('--strict') && milestones.some((m) => m.verified === false) ? 1 : 0;
}

/** Files among `paths` with uncommitted changes, or undefined when DIR is not in a git work tree. */
function uncommitted(dir: string, paths: string[]): string[] | undefined {
  const inTree = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, encoding: 'utf8' });
  if (inTree.status !== 0 || inTree.stdout.trim() !== 'true') return undefined;
  const st = spawnSync('git', ['status', '--porcelain', '--', ...paths], { cwd: dir, encoding: 'utf8' });
  if (st.status !== 0) throw new CliError(`git status failed in ${dir}: ${st.stderr.trim()}`);
  return st.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.slice(3));
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
    const abs = join(project.dir, f.path);
    const mine = existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
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
  if (!args.includes('--force')) {
    const dirty = uncommitted(project.dir, changing.map((f) => f.path));
    if (dirty && dirty.length > 0) {
      throw new CliError(`not applied: ${dirty.join(', ')} have uncommitted changes; commit them first, or pass --force (your version is then kept under .learning-path/backup/)`, 1);
    }
    if (conflicts.length > 0) {
      throw new CliError(`not applied: you changed the lines the solution replaces in ${conflicts.join(', ')}; pass --force to replace the file (your version is then kept under .learning-path/backup/)`, 1);
    }
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const f of changing) {
    const abs = join(project.dir, f.path);
    const mine = current.get(f.path);
    // A clean merge keeps every edit of the learner's; a forced replacement keeps their file aside.
    if (mine !== undefined && merged.get(f.path)?.clean === false) {
      const backup = join(project.dir, '.learning-path', 'backup', `${milestone.id}-${stamp}`, f.path);
      mkdirSync(dirname(backup), { recursive: true });
      writeFileSync(backup, mine);
    }
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, merged.get(f.path)?.content ?? f.content);
  }
  process.stdout.write(`applied the reference solution of "${milestone.id}": ${changing.length === 0 ? 'already in place' : changing.map((f) => f.path).join(', ')}\n`);
  return 0;
}
