/**
 * `check` and `solution`: what a learner's own CI or a classroom autograder runs.
 *   check DIR [--run-tests] [--python PATH] [--timeout S] [--json] [--strict]
 *         [--format json|junit|github|classroom] [--pack PACKDIR]   (formats: ./formats.ts)
 *   solution DIR MILESTONE [--apply] [--force]
 */
import { join, resolve } from 'node:path';
import { evaluateMilestones } from '../core/progress/checks';
import { MAX_MANIFEST_BYTES, readProjectManifest } from '../core/progress/projectManifest';
import { readTextSync, SafeReadError } from '../core/fs/safeRead';
import { PROJECT_MANIFEST } from '../core/scaffold/plan';
import type { ProjectManifest } from '../core/scaffold/plan';
import type { Template } from '../core/scaffold/types';
import { resolveInterpreter } from '../core/verify/interpreter';
import { which } from '../core/verify/which';
import { parseCheckFormat } from '../core/authoring/formats';
import { checkedMilestones, writeFormatted } from './formats';
import { projectCheckFs } from './projectFs';
import { parseTimeoutSeconds, runTests } from './runTests';

export class CliError extends Error {
  constructor(
    message: string,
    readonly code = 2,
  ) {
    super(message);
  }
}

export interface Project {
  dir: string;
  manifest: ProjectManifest;
  template: Template;
}

export function openProject(dirArg: string, templates: () => Template[]): Project {
  const dir = resolve(dirArg);
  const file = join(dir, PROJECT_MANIFEST);
  let text: string;
  try {
    text = readTextSync(dir, PROJECT_MANIFEST, MAX_MANIFEST_BYTES);
  } catch (err) {
    if (!(err instanceof SafeReadError)) throw err;
    if (err.kind === 'missing') throw new CliError(`${file}: no ${PROJECT_MANIFEST} here; is ${dir} a scaffolded Learning Paths project?`);
    throw new CliError(`${file}: ${err.reason}`);
  }
  const read = readProjectManifest(text);
  if (!read.ok) throw new CliError(`${file}:${read.problem.line}:${read.problem.column}: ${read.problem.message}`);
  const template = templates().find((t) => t.manifest.id === read.manifest.starter);
  if (!template) throw new CliError(`${file}: unknown starter "${read.manifest.starter}"; this version knows ${templates().map((t) => t.manifest.id).join(', ')}`);
  return { dir, manifest: read.manifest, template };
}

/** The value after `--name`, or undefined when the option is absent; a missing value is a usage error. */
export function optionValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new CliError(`${name} needs a value`);
  return v;
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
    const timeout = parseTimeoutSeconds(optionValue(args, '--timeout'));
    if (!timeout.ok) throw new CliError(timeout.reason);
    runProblems = await runTests(project, choice.path, timeout.seconds);
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

export { solutionCommand } from './solution';
