/**
 * `starters verify` and `starters new`: the author's proof of a starter and its skeleton.
 *   starters verify <dir|id> [--python P] [--threads 1,2,4] [--jobs 1|2] [--timeout S] [--json] [--keep]
 *   starters new <dir> --id <id>
 * The proof itself is core/authoring/starterProof.ts; this file is its bench on disk: a scaffold
 * in a temporary folder, solved copies (one per parallel job) that mutants are applied to and
 * restored in, and every process run through core/verify/processRun.ts (it always ends).
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { formatProof, parseThreads, proveStarter, type ProofBench, type RunOutcome } from '../core/authoring/starterProof';
import { starterIdProblem, starterSkeleton } from '../core/authoring/skeleton';
import { formatDiagnostic } from '../core/diagnostics';
import { evaluateMilestones } from '../core/progress/checks';
import { planScaffold, renderTemplateFile } from '../core/scaffold/plan';
import { writePlanTransactionally } from '../core/scaffold/transaction';
import { nodeScaffoldFs } from '../core/scaffold/nodeFs';
import { readTemplates } from '../core/scaffold/templateFiles';
import type { MilestoneDef, Template } from '../core/scaffold/types';
import { resolveInterpreter } from '../core/verify/interpreter';
import { judgeReport, MAX_REPORT_BYTES, parseJUnit } from '../core/verify/junit';
import { runProcess } from '../core/verify/processRun';
import { mergeSolution, scaffoldedContent } from '../core/verify/solution';
import { planTestRun, shellQuote } from '../core/verify/testRun';
import { which } from '../core/verify/which';
import { CliError } from './check';
import { projectCheckFs } from './projectFs';

function optionValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new CliError(`${name} needs a value`);
  return v;
}

const WITH_VALUE = ['--python', '--threads', '--jobs', '--timeout', '--id'];
function positionals(args: string[]): string[] {
  return args.filter((a, i) => !a.startsWith('--') && !WITH_VALUE.includes(args[i - 1] ?? ''));
}

/** A starter folder (template.yaml, files/, solutions/, mutants/), read with its mutants. */
export function loadStarter(dirOrId: string, builtInRoot: string): { template: Template; dir: string } {
  let dir = resolve(dirOrId);
  if (!existsSync(join(dir, 'template.yaml'))) {
    if (!starterIdProblem(dirOrId) && existsSync(join(builtInRoot, dirOrId, 'template.yaml'))) dir = join(builtInRoot, dirOrId);
    else throw new CliError(`${dirOrId}: neither a starter folder (no template.yaml in ${dir}) nor a built-in starter id`);
  }
  const id = basename(dir);
  const read = readTemplates(dirname(dir));
  // Only this starter's problems: its siblings are not being verified.
  const mine = read.diagnostics.filter((d) => d.file === dir || d.file.startsWith(`${dir}/`) || !d.file.startsWith('/'));
  const errors = mine.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new CliError(errors.map(formatDiagnostic).join('\n'), 1);
  const template = read.templates.find((t) => t.manifest.id === id);
  if (!template) throw new CliError(`${join(dir, 'template.yaml')}: not a valid starter (its id must be its folder name, "${id}")`, 1);
  return { template, dir };
}

const tail = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(-1)[0] ?? '';

/** The proof's bench: processes and files of one starter under a temporary folder. */
class DiskBench implements ProofBench {
  private readonly pkg: string;
  private reports = 0;
  private readonly originals = new Map<number, Map<string, string | undefined>>();
  private readonly solvedFiles = new Map<string, string>();

  constructor(
    private readonly template: Template,
    private readonly root: string,
    private readonly python: string,
    private readonly timeoutMs: number,
  ) {
    this.pkg = template.manifest.defaultName;
    mkdirSync(join(root, 'reports'), { recursive: true });
  }

  dirOf(copy: string): string {
    return join(this.root, copy);
  }

  async scaffold(copy: string): Promise<void> {
    const plan = planScaffold(this.template, { packageName: this.pkg, projectId: randomUUID() });
    await writePlanTransactionally(plan, this.root, copy, nodeScaffoldFs);
  }

  private command(raw: string): string {
    let cmd = raw.replace(/\{\{\s*(package|name)\s*\}\}/g, this.pkg);
    const m = /^python3?(\s|$)/.exec(cmd);
    if (m) cmd = `${shellQuote(this.python)}${cmd.slice(m[0].length - m[1]!.length)}`;
    return cmd;
  }

  private async shell(copy: string, cmd: string): Promise<{ exitCode: number | undefined; output: string; problem?: string }> {
    let output = '';
    const r = await runProcess({
      command: 'sh',
      args: ['-c', cmd],
      cwd: this.dirOf(copy),
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      timeoutMs: this.timeoutMs,
      onOutput: (chunk) => {
        output = (output + chunk).slice(-200_000);
      },
    });
    const problem = r.startError ?? (r.timedOut ? `'${cmd}' did not finish within ${this.timeoutMs / 1000} s` : r.exitCode === undefined ? `'${cmd}' ended by ${r.signal ?? 'a signal'}` : undefined);
    return { exitCode: r.exitCode, output, ...(problem ? { problem } : {}) };
  }

  private readReport(report: string, testPath: string | undefined): { counts: RunOutcome['counts']; skipped: RunOutcome['skipped']; verdict?: ReturnType<typeof judgeReport> } | undefined {
    if (!existsSync(report) || lstatSync(report).size > MAX_REPORT_BYTES) return undefined;
    const parsed = parseJUnit(readFileSync(report, 'utf8'));
    if (!parsed.ok) return undefined;
    const cases = parsed.report.cases;
    const counts = { passed: cases.filter((c) => c.outcome === 'passed').length, failed: cases.filter((c) => c.outcome === 'failed' || c.outcome === 'error').length, skipped: cases.filter((c) => c.outcome === 'skipped').length };
    const skipped = cases.filter((c) => c.outcome === 'skipped').map((c) => ({ test: `${this.template.manifest.id}: ${c.classname}::${c.name}`, reason: (c.message ?? 'no reason given').split('\n')[0] ?? '' }));
    return { counts, skipped, ...(testPath ? { verdict: judgeReport(parsed.report, { testPath, reportMtime: Date.now() }) } : {}) };
  }

  async suite(copy: 'scaffold' | 'solved'): Promise<RunOutcome> {
    let cmd = this.command(this.template.manifest.testCommand);
    const report = join(this.root, 'reports', `suite-${copy}.xml`);
    const isPytest = / -m pytest(\s|$)/.test(cmd) && !/[|&;<>()$`\\"']/.test(cmd.replace(shellQuote(this.python), ''));
    if (isPytest) cmd += ` -rs -p no:cacheprovider ${shellQuote(`--junitxml=${report}`)}`;
    const run = await this.shell(copy, cmd);
    const read = isPytest ? this.readReport(report, undefined) : undefined;
    const counts = read?.counts ?? { passed: 0, failed: 0, skipped: 0 };
    const skipped = read?.skipped ?? [];
    if (run.problem) return { state: 'broken', detail: run.problem, counts, skipped };
    if (run.exitCode === 5) return { state: 'broken', detail: `'${cmd}' collected no tests (pytest exit 5)`, counts, skipped };
    if (run.exitCode !== 0) return { state: 'failed', detail: `'${cmd}' failed (exit ${run.exitCode}): ${tail(run.output)}`, counts, skipped };
    return { state: 'passed', detail: `'${cmd}'`, counts, skipped };
  }

  async smoke(copy: 'scaffold' | 'solved'): Promise<{ ok: boolean; detail: string }> {
    const cmd = this.command(this.template.manifest.smokeCommand);
    const metrics = join(this.dirOf(copy), 'outputs', 'metrics.json');
    rmSync(metrics, { force: true });
    const run = await this.shell(copy, cmd);
    if (run.problem) return { ok: false, detail: run.problem };
    if (run.exitCode !== 0) return { ok: false, detail: `'${cmd}' failed (exit ${run.exitCode}): ${tail(run.output)}` };
    try {
      JSON.parse(readFileSync(metrics, 'utf8'));
    } catch {
      return { ok: false, detail: `'${cmd}' wrote no valid outputs/metrics.json` };
    }
    return { ok: true, detail: `'${cmd}'` };
  }

  async verifiedByChecks(): Promise<string[]> {
    const results = await evaluateMilestones(this.template.manifest.milestones, this.pkg, projectCheckFs(this.dirOf('scaffold')), { solutions: this.template.solutions });
    return [...results].filter(([, r]) => r.pass).map(([id]) => id);
  }

  async exercise(copy: string, milestone: MilestoneDef, env: Readonly<Record<string, string>>): Promise<RunOutcome> {
    const plan = planTestRun(milestone.id, milestone.check, this.pkg);
    const none = { passed: 0, failed: 0, skipped: 0 };
    if (!plan) return { state: 'broken', detail: `${milestone.id} has no tests check`, counts: none, skipped: [] };
    const report = join(this.root, 'reports', `${++this.reports}-${milestone.id}.xml`);
    const args = [...plan.args.map((a) => (a.startsWith('--junitxml=') ? `--junitxml=${report}` : a)), '-rs'];
    let output = '';
    const r = await runProcess({
      command: this.python,
      args,
      cwd: this.dirOf(copy),
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...env },
      timeoutMs: this.timeoutMs,
      onOutput: (chunk) => {
        output = (output + chunk).slice(-200_000);
      },
    });
    if (r.startError) return { state: 'broken', detail: `cannot start ${r.startError}`, counts: none, skipped: [] };
    if (r.timedOut) return { state: 'broken', detail: `${plan.testPath} did not finish within ${this.timeoutMs / 1000} s`, counts: none, skipped: [] };
    if (r.exitCode === 5) return { state: 'broken', detail: `${plan.testPath} collected no tests (pytest exit 5)`, counts: none, skipped: [] };
    const read = this.readReport(report, plan.testPath);
    if (!read?.verdict) return { state: 'broken', detail: `pytest wrote no readable report (exit ${r.exitCode ?? r.signal}): ${tail(output)}`, counts: read?.counts ?? none, skipped: read?.skipped ?? [] };
    const { verdict, counts, skipped } = read;
    const state = verdict.state === 'verified' && r.exitCode === 0 ? 'passed' : verdict.state === 'failing' && counts.failed > 0 ? 'failed' : 'broken';
    return { state, detail: verdict.reason, counts, skipped };
  }

  async solve(workers: number): Promise<string[]> {
    await this.scaffold('solved');
    const problems: string[] = [];
    const dir = this.dirOf('solved');
    for (const s of this.template.solutions ?? []) {
      for (const f of s.files) {
        const rendered = renderTemplateFile(f, { package: this.pkg, name: this.pkg });
        const abs = join(dir, rendered.path);
        const current = existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
        const merged = mergeSolution(scaffoldedContent(this.template, rendered.path, this.pkg), current, rendered.content);
        if (!merged.ok) {
          problems.push(`the solution of ${s.milestone} does not merge onto ${rendered.path} once the other solutions are applied`);
          continue;
        }
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, merged.content);
        this.solvedFiles.set(rendered.path, merged.content);
      }
    }
    for (let i = 0; i < workers; i++) cpSync(dir, this.dirOf(`worker-${i}`), { recursive: true });
    return problems;
  }

  async applyMutant(worker: number, milestoneId: string, mutantId: string): Promise<string | undefined> {
    const overlay = this.template.mutants?.find((m) => m.milestone === milestoneId && m.mutant === mutantId);
    if (!overlay) return `mutants/${milestoneId}/${mutantId}/ has no files`;
    const dir = this.dirOf(`worker-${worker}`);
    const originals = new Map<string, string | undefined>();
    this.originals.set(worker, originals);
    for (const f of overlay.files) {
      const rendered = renderTemplateFile(f, { package: this.pkg, name: this.pkg });
      const abs = join(dir, rendered.path);
      const current = existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
      // The file with every OTHER exercise's solution: this exercise's solution changed the very
      // lines the mutant writes wrongly.
      const scaffolded = scaffoldedContent(this.template, rendered.path, this.pkg);
      let base = scaffolded;
      for (const s of this.template.solutions ?? []) {
        if (s.milestone === milestoneId) continue;
        for (const sf of s.files) {
          const sol = renderTemplateFile(sf, { package: this.pkg, name: this.pkg });
          if (sol.path !== rendered.path) continue;
          const m = mergeSolution(scaffolded, base, sol.content);
          if (!m.ok) return `the solution of ${s.milestone} does not merge onto ${rendered.path}`;
          base = m.content;
        }
      }
      const merged = mergeSolution(scaffolded, base, rendered.content);
      if (!merged.ok) return `mutants/${milestoneId}/${mutantId}/${f.path} does not merge onto ${rendered.path} with the other exercises' solutions (it must be the scaffolded file with only this exercise written wrongly)`;
      originals.set(rendered.path, current);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, merged.content);
    }
    return undefined;
  }

  async restore(worker: number): Promise<void> {
    const dir = this.dirOf(`worker-${worker}`);
    for (const [path, content] of this.originals.get(worker) ?? []) {
      if (content === undefined) rmSync(join(dir, path), { force: true });
      else writeFileSync(join(dir, path), content);
    }
    this.originals.delete(worker);
  }
}

export async function startersVerify(args: string[], builtInRoot: string): Promise<number> {
  const [target] = positionals(args);
  if (!target) throw new CliError('usage: starters verify <dir|id> [--python P] [--threads 1,2,4] [--jobs 1|2] [--timeout S] [--json] [--keep]');
  const { template } = loadStarter(target, builtInRoot);
  const choice = await resolveInterpreter({ setting: optionValue(args, '--python'), which });
  if (!choice.ok) throw new CliError(choice.reason);
  const threadsArg = optionValue(args, '--threads');
  const threads = threadsArg === undefined ? undefined : parseThreads(threadsArg);
  if (threads && !threads.ok) throw new CliError(threads.message);
  const jobs = Number(optionValue(args, '--jobs') ?? 2);
  if (jobs !== 1 && jobs !== 2) throw new CliError('--jobs must be 1 or 2');
  const timeout = Number(optionValue(args, '--timeout') ?? 900);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new CliError('--timeout needs a positive number of seconds');
  const json = args.includes('--json');
  const out = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
  const root = mkdtempSync(join(tmpdir(), `lp-verify-${template.manifest.id}-`));
  try {
    out(`--- starter ${template.manifest.id} (${choice.path}${threads?.ok ? `, threads ${threads.threads.join(',')}` : ''})`);
    const bench = new DiskBench(template, root, choice.path, timeout * 1000);
    await bench.scaffold('scaffold');
    const proof = await proveStarter(template, bench, { ...(threads?.ok ? { threads: threads.threads } : {}), jobs, log: (l) => out(`    ${l}`) });
    for (const line of formatProof(proof)) out(line);
    if (json) process.stdout.write(JSON.stringify(proof, null, 2) + '\n');
    return proof.failures.length === 0 ? 0 : 1;
  } finally {
    if (args.includes('--keep')) out(`kept the projects in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

export function startersNew(args: string[]): number {
  const [dirArg] = positionals(args);
  const id = optionValue(args, '--id');
  if (!dirArg || !id) throw new CliError('usage: starters new <dir> --id <id>   (writes <dir>/<id>/, or <dir> itself when its name is <id>)');
  const problem = starterIdProblem(id);
  if (problem) throw new CliError(problem);
  const base = resolve(dirArg);
  const target = basename(base) === id ? base : join(base, id);
  if (existsSync(target) && (!lstatSync(target).isDirectory() || readdirSync(target).length > 0)) throw new CliError(`${target} already exists and is not an empty folder; nothing was written`, 1);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  // Written whole into a sibling temporary folder, then renamed into place: never half a starter.
  const temp = mkdtempSync(join(parent, `.${id}.new-`));
  try {
    for (const f of starterSkeleton(id)) {
      mkdirSync(dirname(join(temp, f.path)), { recursive: true });
      writeFileSync(join(temp, f.path), f.content, { flag: 'wx' });
    }
    if (existsSync(target)) rmdirSync(target);
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw new CliError(`could not write ${target}: ${(err as Error).message}`, 1);
  }
  process.stdout.write(`created the starter "${id}" in ${target}\nnext: learning-paths starters verify ${target}\n`);
  return 0;
}

export const startersUsage = [
  '  learning-paths starters verify <dir|id> [--python P] [--threads 1,2,4] [--jobs 1|2] [--timeout S] [--json] [--keep]',
  '                                                   prove a starter: each exercise fails on the scaffold, passes with',
  '                                                   its solution and catches its mutants; suite and smoke run pass',
  '  learning-paths starters new <dir> --id <id>      write a new starter skeleton into <dir>/<id>/',
];

export async function startersCommand(args: string[], builtInRoot: string, usage: () => never): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify') return startersVerify(rest, builtInRoot);
  if (sub === 'new') return startersNew(rest);
  return usage();
}

/**
 * The starters of content packs (`--pack DIR`): DIR/starters/<id>/, DIR/.learning-paths/starters/<id>/,
 * or DIR itself holding <id>/template.yaml folders. Earlier packs win over later ones.
 */
export function packTemplates(dirs: readonly string[]): Template[] {
  const out: Template[] = [];
  for (const dir of dirs) {
    const abs = resolve(dir);
    const root = [join(abs, 'starters'), join(abs, '.learning-paths', 'starters'), abs].find((d) => existsSync(d) && lstatSync(d).isDirectory());
    if (!root) throw new CliError(`--pack ${dir}: no such folder`);
    const read = readTemplates(root);
    const errors = read.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new CliError(errors.map(formatDiagnostic).join('\n'), 1);
    for (const t of read.templates) if (!out.some((o) => o.manifest.id === t.manifest.id)) out.push(t);
  }
  return out;
}
