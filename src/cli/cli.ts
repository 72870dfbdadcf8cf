/**
 * Command line for pack authors and CI:
 *   node dist/cli.js catalog --json [--pack DIR ...]
 *   node dist/cli.js validate DIR_OR_FILE ...
 *   node dist/cli.js compile DIR_OR_FILE ... -o FILE.json
 *   node dist/cli.js templates --json
 *   node dist/cli.js scaffold <starter-id> <dir> [--name N] [--pack PACKDIR]
 *   node dist/cli.js check DIR [--run-tests] [--python PATH] [--timeout S] [--json] [--strict] [--format F] [--pack PACKDIR]
 *   node dist/cli.js solution DIR MILESTONE [--apply] [--force]
 *   node dist/cli.js starters verify <dir|id> [--python P] [--threads 1,2,4] [--jobs 1|2] [--json]
 *   node dist/cli.js starters new <dir> --id <id>
 *   node dist/cli.js build-assets --out DIR        (used by the build)
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { CatalogIndex } from '../core/catalog/catalogIndex';
import { compilePacks, loadCatalog } from '../core/catalog/load';
import { readCatalogFiles, readPackFiles } from '../core/catalog/packFiles';
import type { Catalog } from '../core/catalog/types';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics';
import { checkTemplatesAgainstCatalog } from '../core/scaffold/crossCheck';
import { nodeScaffoldFs } from '../core/scaffold/nodeFs';
import { loadPackStarters } from '../core/scaffold/packStarters';
import { packageNameProblem, starterNamesOf } from '../core/scaffold/paths';
import { planScaffold, ScaffoldError } from '../core/scaffold/plan';
import { createParents, writePlanTransactionally } from '../core/scaffold/transaction';
import { readTemplates } from '../core/scaffold/templateFiles';
import { checkCommand, CliError, solutionCommand } from './check';
import { packTemplates, startersCommand, startersUsage, workspacePacks } from './starters';
import { errnoText } from '../core/fs/safeRead';
import type { Template } from '../core/scaffold/types';

const distDir = __dirname;
const repoRoot = resolve(distDir, '..');

function usage(help = false): never {
  (help ? process.stdout : process.stderr).write(
    [
      'usage:',
      '  learning-paths catalog --json [--pack DIR ...]   print the merged catalog as JSON',
      '  learning-paths validate DIR_OR_FILE ...          check content-pack files and starters/ (exit 1 on errors)',
      '  learning-paths compile DIR_OR_FILE ... -o F.json compile packs to one JSON pack (loads without a YAML parser)',
      '  learning-paths templates --json                  list the starter projects',
      '  learning-paths scaffold <starter-id> <dir> [--name N] [--pack PACKDIR]   write a starter into an empty or new folder',
      '  learning-paths check DIR [--run-tests] [--python PATH] [--timeout S] [--json] [--strict]',
      '        [--format json|junit|github|classroom] [--pack PACKDIR]',
      '                                                   evaluate every milestone of the project in DIR',
      '  learning-paths solution DIR MILESTONE [--apply] [--force]   show (or apply) a reference solution as a diff',
      ...startersUsage,
      '',
    ].join('\n'),
  );
  process.exit(help ? 0 : 2);
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    process.stderr.write(`cannot read ${file}: ${(err as Error).message}\n(run "npm run build" first)\n`);
    process.exit(2);
  }
}

const bundledCatalog = () => readJson<Catalog>(join(distDir, 'catalog.json'));
const bundledTemplates = () => readJson<Template[]>(join(distDir, 'templates.json'));

function printDiagnostics(ds: readonly Diagnostic[], stream: NodeJS.WriteStream): void {
  for (const d of ds) stream.write(formatDiagnostic(d) + '\n');
}

function optionValues(args: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) usage();
      out.push(v);
      i++;
    }
  }
  return out;
}

function positional(args: string[], withValue: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (withValue.includes(a)) i++;
    else if (!a.startsWith('--')) out.push(a);
  }
  return out;
}

function loadWithPacks(packs: string[]): ReturnType<typeof loadCatalog> {
  let read;
  try {
    read = readPackFiles(packs);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const result = loadCatalog(read.files, bundledCatalog());
  return { ...result, diagnostics: [...read.diagnostics, ...result.diagnostics] };
}

/** The starters of `--pack DIR` options (they win by id), then the bundled ones. */
function withPacks(args: string[], project?: string): Template[] {
  try {
    const packs = optionValues(args, '--pack');
    return [...packTemplates(packs.length > 0 || project === undefined ? packs : workspacePacks(project)), ...bundledTemplates()];
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(err.code);
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'catalog': {
      if (!args.includes('--json')) usage();
      const result = loadWithPacks(optionValues(args, '--pack'));
      printDiagnostics(result.diagnostics, process.stderr);
      process.stdout.write(JSON.stringify(result.catalog, null, 2) + '\n');
      return 0;
    }
    case 'validate': {
      const targets = positional(args, []);
      if (targets.length === 0) usage();
      const loaded = loadWithPacks(targets);
      // and the packs' starters (`<pack>/starters/<id>/`), like the extension loads them
      const result = { ...loaded, diagnostics: [...loaded.diagnostics, ...loadPackStarters(targets.map((path) => ({ path })), loaded.catalog).diagnostics] };
      printDiagnostics(result.diagnostics, process.stdout);
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      process.stderr.write(errors === 0 ? 'no problems found\n' : `${errors} problem(s) found\n`);
      return errors === 0 ? 0 : 1;
    }
    case 'compile': {
      const out = optionValues(args, '-o')[0];
      const targets = positional(args, ['-o']);
      if (!out || targets.length === 0) usage();
      let read;
      try {
        read = readPackFiles(targets);
      } catch (err) {
        process.stderr.write(`${(err as Error).message}\n`);
        return 2;
      }
      const compiled = compilePacks(read.files, bundledCatalog());
      const { fragment } = compiled;
      const diagnostics = [...read.diagnostics, ...compiled.diagnostics];
      printDiagnostics(diagnostics, process.stderr);
      if (diagnostics.some((d) => d.severity === 'error')) {
        process.stderr.write('compile: not written, fix the problems above first\n');
        return 1;
      }
      writeFileSync(out, JSON.stringify(fragment) + '\n');
      process.stderr.write(`wrote ${out}\n`);
      return 0;
    }
    case 'templates': {
      if (!args.includes('--json')) usage();
      const list = bundledTemplates().map((t) => ({ ...t.manifest, files: t.files.map((f) => f.path) }));
      process.stdout.write(JSON.stringify(list, null, 2) + '\n');
      return 0;
    }
    case 'scaffold': {
      const [id, dir] = positional(args, ['--name', '--pack']);
      if (!id || !dir) usage();
      const known = withPacks(args);
      const template = known.find((t) => t.manifest.id === id);
      if (!template) {
        process.stderr.write(`unknown starter "${id}"; known: ${known.map((t) => t.manifest.id).join(', ')}\n`);
        return 1;
      }
      const name = optionValues(args, '--name')[0] ?? template.manifest.defaultName;
      const problem = packageNameProblem(name, starterNamesOf(template));
      if (problem) {
        process.stderr.write(`invalid --name "${name}": ${problem}\n`);
        return 1;
      }
      const target = resolve(dir);
      const parents = await createParents(dirname(target), nodeScaffoldFs, dirname);
      try {
        const plan = planScaffold(template, { packageName: name, projectId: randomUUID() });
        await writePlanTransactionally(plan, dirname(target), basename(target), nodeScaffoldFs);
        parents.keep();
        process.stdout.write(`created ${template.manifest.title} in ${target} (${plan.files.length} files)\n`);
        return 0;
      } catch (err) {
        await parents.undo();
        process.stderr.write(`${err instanceof ScaffoldError ? err.message : String(err)}\n`);
        return 1;
      }
    }
    case 'check':
    case 'solution':
    case 'starters':
      try {
        if (command === 'starters') return await startersCommand(args, join(repoRoot, 'data', 'templates'), usage);
        // Without --pack, a project inside a workspace with .learning-paths/starters/ finds its starter there.
        const templates = () => withPacks(args, positional(args, ['--python', '--timeout', '--format', '--pack'])[0]);
        return command === 'check' ? await checkCommand(args, templates) : solutionCommand(args, templates);
      } catch (err) {
        if (!(err instanceof CliError)) throw err;
        process.stderr.write(`${err.message}\n`);
        return err.code;
      }
    case 'build-assets': {
      const out = optionValues(args, '--out')[0] ?? distDir;
      const catalogFiles = readCatalogFiles([join(repoRoot, 'data', 'catalog')]);
      const result = loadCatalog(catalogFiles);
      const templates = readTemplates(join(repoRoot, 'data', 'templates'));
      const index = new CatalogIndex(result.catalog);
      const cross = checkTemplatesAgainstCatalog(templates.templates, index, (id) => join('data', 'templates', id, 'template.yaml'));
      const all = [...result.diagnostics, ...templates.diagnostics, ...cross];
      printDiagnostics(all, process.stderr);
      if (all.some((d) => d.severity === 'error')) {
        process.stderr.write('build-assets: the bundled data has errors (see above)\n');
        return 1;
      }
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'catalog.json'), JSON.stringify(result.catalog));
      // Mutants prove the exercises in CI (`starters verify`); they are never scaffolded or shipped.
      const templatesJson = JSON.stringify(
        templates.templates.map(({ mutants: _files, ...t }) => ({ ...t, manifest: { ...t.manifest, milestones: t.manifest.milestones.map(({ mutants: _declared, ...m }) => m) } })),
      );
      writeFileSync(join(out, 'templates.json'), templatesJson);
      // What the extension reads (and the VSIX ships): Brotli with a 16 MB window sees the whole
      // file, so each reference solution costs about its change from the starter file it overlays.
      writeFileSync(
        join(out, 'templates.json.br'),
        brotliCompressSync(Buffer.from(templatesJson, 'utf8'), {
          params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_LGWIN]: 24, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: templatesJson.length },
        }),
      );
      const c = index.counts();
      process.stdout.write(`${basename(out)}/catalog.json: ${c.skills} skills, ${c.roles} roles, ${c.levels} levels, ${c.expectations} expectations; ${basename(out)}/templates.json: ${templates.templates.length} starters\n`);
      return 0;
    }
    case '--help':
    case '-h':
    case 'help':
      return usage(true);
    default:
      usage();
  }
}

// exitCode, not exit(): exit() would cut off what is still queued for a pipe (stdout to a pipe is
// asynchronous, so `templates --json | …` lost everything after its first 64 KB).
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // An expected file-system fault (EISDIR, EACCES, ENOSPC, …) is one line naming the file, exit 1.
    const e = err as NodeJS.ErrnoException;
    if (err instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string') {
      process.stderr.write(`learning-paths: ${e.path ? `${e.path}: ` : ''}${errnoText(e)}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`learning-paths: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
