/**
 * `starters verify` and `starters new`: the author's proof of a starter and its skeleton.
 *   starters verify <dir|id> [--python P] [--threads 1,2,4] [--jobs 1|2] [--timeout S] [--json] [--keep]
 *   starters new <dir> --id <id>
 * The proof itself is core/authoring/starterProof.ts, its bench on disk ./proofBench.ts.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { formatProof, parseThreads, proveStarter } from '../core/authoring/starterProof';
import { starterIdProblem, starterSkeleton } from '../core/authoring/skeleton';
import { formatDiagnostic } from '../core/diagnostics';
import { readTemplates } from '../core/scaffold/templateFiles';
import type { Template } from '../core/scaffold/types';
import { resolveInterpreter } from '../core/verify/interpreter';
import { which } from '../core/verify/which';
import { CliError, optionValue } from './check';
import { DiskBench } from './proofBench';

const WITH_VALUE = ['--python', '--threads', '--jobs', '--timeout', '--id'];
function positionals(args: string[]): string[] {
  return args.filter((a, i) => !a.startsWith('--') && !WITH_VALUE.includes(args[i - 1] ?? ''));
}

const MB = 1024 * 1024;
/** Caps of a starter folder read from a pack (other people's files): per file, in all, and files. */
export const STARTER_LIMITS = { fileBytes: 5 * MB, totalBytes: 64 * MB, files: 5000 } as const;

/**
 * Why the starter folders below `root` cannot be read safely, or undefined: a link, a named pipe,
 * a device or a socket anywhere (never opened: a FIFO would block the read, a link to /dev/zero
 * would never end), a file over 5 MB, more than 64 MB or 5000 files in all. lstat only.
 */
export function starterTreeProblem(root: string): string | undefined {
  let files = 0;
  let bytes = 0;
  const walk = (dir: string): string | undefined => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) return `${p}: links are not allowed in a starter`;
      if (st.isDirectory()) {
        const inner = walk(p);
        if (inner) return inner;
      } else if (!st.isFile()) return `${p}: not a regular file (a pipe, socket or device); not read`;
      else {
        if (st.size > STARTER_LIMITS.fileBytes) return `${p}: ${st.size} bytes, over the ${STARTER_LIMITS.fileBytes / MB} MB a starter file may have; not read`;
        bytes += st.size;
        if (++files > STARTER_LIMITS.files || bytes > STARTER_LIMITS.totalBytes) return `${root}: more than ${STARTER_LIMITS.files} files or ${STARTER_LIMITS.totalBytes / MB} MB of starters; not read`;
      }
    }
    return undefined;
  };
  return walk(root);
}

/** A starter folder (template.yaml, files/, solutions/, mutants/), read with its mutants. */
export function loadStarter(dirOrId: string, builtInRoot: string): { template: Template; dir: string } {
  let dir = resolve(dirOrId);
  if (!existsSync(join(dir, 'template.yaml'))) {
    if (!starterIdProblem(dirOrId) && existsSync(join(builtInRoot, dirOrId, 'template.yaml'))) dir = join(builtInRoot, dirOrId);
    else throw new CliError(`${dirOrId}: neither a starter folder (no template.yaml in ${dir}) nor a built-in starter id`);
  }
  const id = basename(dir);
  const unsafe = starterTreeProblem(dir);
  if (unsafe) throw new CliError(unsafe, 1);
  // readTemplates reads every starter beside this one: only those that are safe to read.
  for (const sibling of readdirSync(dirname(dir))) {
    const p = join(dirname(dir), sibling);
    if (p !== dir && lstatSync(p).isDirectory() && starterTreeProblem(p)) throw new CliError(`${starterTreeProblem(p)}; move it out of ${dirname(dir)} to verify ${id}`, 1);
  }
  const read = readTemplates(dirname(dir));
  // Only this starter's problems: its siblings are not being verified.
  const mine = read.diagnostics.filter((d) => d.file === dir || d.file.startsWith(`${dir}/`) || !d.file.startsWith('/'));
  const errors = mine.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new CliError(errors.map(formatDiagnostic).join('\n'), 1);
  const template = read.templates.find((t) => t.manifest.id === id);
  if (!template) throw new CliError(`${join(dir, 'template.yaml')}: not a valid starter (its id must be its folder name, "${id}")`, 1);
  return { template, dir };
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
    const unsafe = starterTreeProblem(root);
    if (unsafe) throw new CliError(unsafe, 1);
    const read = readTemplates(root);
    const errors = read.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new CliError(errors.map(formatDiagnostic).join('\n'), 1);
    for (const t of read.templates) if (!out.some((o) => o.manifest.id === t.manifest.id)) out.push(t);
  }
  return out;
}

/** The nearest `.learning-paths/` with a `starters/` folder at or above `dir` (as a pack), or none. */
export function workspacePacks(dir: string): string[] {
  let at = resolve(dir);
  for (;;) {
    const pack = join(at, '.learning-paths');
    if (existsSync(join(pack, 'starters')) && lstatSync(join(pack, 'starters')).isDirectory()) return [pack];
    const up = dirname(at);
    if (up === at) return [];
    at = up;
  }
}
