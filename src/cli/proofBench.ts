/**
 * The bench of `starters verify` on disk (core/authoring/starterProof.ts runs the proof on it): a
 * scaffold in a temporary folder, a solved copy, one more solved copy per parallel job that mutants
 * are applied to and restored in, and every process run through core/verify/processRun.ts (its own
 * process group, ended at the timeout).
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProofBench, RunOutcome } from '../core/authoring/starterProof';
import { evaluateMilestones } from '../core/progress/checks';
import { planScaffold, renderTemplateFile } from '../core/scaffold/plan';
import { writePlanTransactionally } from '../core/scaffold/transaction';
import { nodeScaffoldFs } from '../core/scaffold/nodeFs';
import type { MilestoneDef, Template } from '../core/scaffold/types';
import { judgeReport, MAX_REPORT_BYTES, parseJUnit } from '../core/verify/junit';
import { runProcess } from '../core/verify/processRun';
import { mergeSolution, scaffoldedContent } from '../core/verify/solution';
import { planTestRun, shellQuote } from '../core/verify/testRun';
import { projectCheckFs } from './projectFs';

const tail = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(-1)[0] ?? '';

/** The proof's bench: processes and files of one starter under a temporary folder. */
export class DiskBench implements ProofBench {
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

