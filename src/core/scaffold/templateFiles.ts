/**
 * Reading starter templates from disk: the built-in `data/templates/<id>/` (build time and CLI)
 * and the starters of content packs (`<pack>/starters/<id>/`, see packStarters.ts), which come
 * from other people. So the reader is defensive for both: no links (a link is an error, never
 * followed), only regular files (`lstat`, then `fstat` on the open descriptor), byte caps per file
 * and per starter, at most so many files, UTF-8 text. Every problem is a diagnostic naming the
 * file; a starter with any error is not loaded.
 */
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { START, type Diagnostic } from '../diagnostics';
import { formatBytes, readTextFile } from '../catalog/packFiles';
import { parseYamlSource } from '../catalog/yamlSource';
import { validateTemplate } from './templates';
import type { Template, TemplateFile } from './types';

const MB = 1024 * 1024;

/** What one starter may hold (also in the README). */
export const STARTER_LIMITS = {
  /** template.yaml */
  manifestBytes: 1 * MB,
  /** Any other file. */
  fileBytes: 1 * MB,
  /** All files of the starter together (files/, solutions/ and mutants/ when read). */
  totalBytes: 16 * MB,
  files: 2000,
  /** Folder depth below the starter. */
  depth: 32,
};

export interface ReadTemplateOptions {
  /**
   * 'read' (the default): the mutants' files are read into `template.mutants`. 'list': only their
   * folders are listed, to check them against template.yaml (the extension never needs their text).
   */
  mutants?: 'read' | 'list';
  /** Text of files open with unsaved edits, by path (only template.yaml is looked up). */
  overrides?: ReadonlyMap<string, string>;
  limits?: Partial<typeof STARTER_LIMITS>;
}

const fileProblem = (file: string, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({ file, ...START, field: '(file)', message, severity });
const skipped = (name: string) => name === '__pycache__' || name === '.pytest_cache' || name.endsWith('.pyc');

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Loads every template below `root` (a folder of starter folders). */
export function readTemplates(root: string, options: ReadTemplateOptions = {}): { templates: Template[]; diagnostics: Diagnostic[] } {
  const templates: Template[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const id of readdirSync(root).sort()) {
    const dir = join(root, id);
    const st = lstatOrUndefined(dir);
    if (st?.isSymbolicLink()) diagnostics.push(fileProblem(dir, 'links are not allowed in a template; not read'));
    if (!st?.isDirectory()) continue;
    const read = readTemplateDir(dir, id, options);
    diagnostics.push(...read.diagnostics);
    if (read.template) templates.push(read.template);
  }
  return { templates, diagnostics };
}

/** Reads and validates one starter folder `dir`, whose name `id` its template.yaml must carry. */
export function readTemplateDir(dir: string, id: string, options: ReadTemplateOptions = {}): { template?: Template; diagnostics: Diagnostic[] } {
  const limits = { ...STARTER_LIMITS, ...options.limits };
  const diagnostics: Diagnostic[] = [];
  const manifestFile = join(dir, 'template.yaml');
  const manifestStat = lstatOrUndefined(manifestFile);
  if (!manifestStat) return { diagnostics: [fileProblem(dir, 'skipped: no template.yaml in this folder', 'warning')] };
  if (manifestStat.isSymbolicLink()) return { diagnostics: [fileProblem(manifestFile, 'links are not allowed in a template; not read')] };
  let manifestText = options.overrides?.get(manifestFile);
  if (manifestText === undefined) {
    const r = readTextFile(manifestFile, manifestFile, limits.manifestBytes);
    if ('diagnostic' in r) return { diagnostics: [r.diagnostic] };
    manifestText = r.text;
  } else if (Buffer.byteLength(manifestText) > limits.manifestBytes) {
    return { diagnostics: [fileProblem(manifestFile, `over the ${formatBytes(limits.manifestBytes)} limit; not read`)] };
  }
  const parsed = parseYamlSource(manifestFile, manifestText);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.value === undefined) return { diagnostics };

  let count = 0;
  let bytes = 0;
  let full = false;
  const walk = (abs: string, rel: string, out: TemplateFile[], depth: number) => {
    let names: string[];
    try {
      names = readdirSync(abs).sort();
    } catch (err) {
      diagnostics.push(fileProblem(abs, `cannot read this folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}`));
      return;
    }
    for (const name of names) {
      if (full || skipped(name)) continue;
      const p = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatOrUndefined(p);
      if (!st) continue; // deleted since the listing
      if (st.isSymbolicLink()) diagnostics.push(fileProblem(p, 'links are not allowed in a template'));
      else if (st.isDirectory()) {
        if (depth >= limits.depth) diagnostics.push(fileProblem(p, `folders nested more than ${limits.depth} deep; not read`));
        else walk(p, r, out, depth + 1);
      } else if (!st.isFile()) diagnostics.push(fileProblem(p, 'not a regular file; not read'));
      else if (++count > limits.files) {
        full = true;
        diagnostics.push(fileProblem(dir, `more than ${limits.files} files in this starter; the rest are not read`));
      } else if (st.size <= limits.fileBytes && (bytes += st.size) > limits.totalBytes) {
        full = true;
        diagnostics.push(fileProblem(dir, `more than ${formatBytes(limits.totalBytes)} of files in this starter; the rest are not read`));
      } else {
        const text = readTextFile(p, p, limits.fileBytes);
        if ('diagnostic' in text) diagnostics.push(text.diagnostic);
        else out.push({ path: r, content: text.text, ...(st.mode & 0o111 ? { executable: true } : {}) });
      }
    }
  };
  /** The sub-folders of `parent` (a folder of the starter); links and files among them are refused. */
  const folders = (parent: string): string[] => {
    const st = lstatOrUndefined(parent);
    if (!st) return [];
    if (!st.isDirectory()) {
      diagnostics.push(fileProblem(parent, st.isSymbolicLink() ? 'links are not allowed in a template' : 'expected a folder'));
      return [];
    }
    let names: string[];
    try {
      names = readdirSync(parent).sort();
    } catch (err) {
      diagnostics.push(fileProblem(parent, `cannot read this folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}`));
      return [];
    }
    return names.filter((name) => {
      if (skipped(name)) return false;
      const s = lstatOrUndefined(join(parent, name));
      if (s?.isSymbolicLink()) diagnostics.push(fileProblem(join(parent, name), 'links are not allowed in a template'));
      return s?.isDirectory() === true;
    });
  };

  const files: TemplateFile[] = [];
  const filesRoot = join(dir, 'files');
  const filesStat = lstatOrUndefined(filesRoot);
  if (!filesStat?.isDirectory() || filesStat.isSymbolicLink()) diagnostics.push(fileProblem(filesRoot, 'a starter needs a files/ folder (the project it scaffolds)'));
  else walk(filesRoot, '', files, 0);
  // Reference solutions: solutions/<milestone-id>/<project-relative path>, rendered like files/.
  const solutionsRoot = join(dir, 'solutions');
  const solutions = folders(solutionsRoot).map((milestone) => {
    const overlay: TemplateFile[] = [];
    walk(join(solutionsRoot, milestone), '', overlay, 0);
    return { milestone, files: overlay };
  });
  // Mutants (wrong implementations an exercise's test must catch): mutants/<milestone-id>/<mutant-id>/<path>.
  const mutantsRoot = join(dir, 'mutants');
  const mutants: { milestone: string; mutant: string; files: TemplateFile[] }[] = [];
  for (const milestone of folders(mutantsRoot)) {
    for (const mutant of folders(join(mutantsRoot, milestone))) {
      const overlay: TemplateFile[] = [];
      if (options.mutants !== 'list') walk(join(mutantsRoot, milestone, mutant), '', overlay, 0);
      mutants.push({ milestone, mutant, files: overlay });
    }
  }

  const result = validateTemplate(manifestFile, parsed.value, parsed.locate, files);
  if (result.template) {
    const declared = new Map<string, Set<string>>();
    for (const m of result.template.manifest.milestones) declared.set(m.id, new Set((m.mutants ?? []).map((x) => x.id)));
    const found = new Set(mutants.map((m) => `${m.milestone}/${m.mutant}`));
    for (const m of mutants) {
      if (!declared.get(m.milestone)?.has(m.mutant)) {
        result.diagnostics.push(fileProblem(join(mutantsRoot, m.milestone, m.mutant), `mutants/${m.milestone}/${m.mutant} is not declared under that milestone's mutants in template.yaml`));
      }
    }
    result.template.manifest.milestones.forEach((m, i) => {
      (m.mutants ?? []).forEach((x, j) => {
        if (!found.has(`${m.id}/${x.id}`)) {
          result.diagnostics.push({ file: manifestFile, ...parsed.locate(['milestones', i, 'mutants', j, 'id']), field: `milestones[${i}].mutants[${j}].id`, message: `mutant "${x.id}" has no files under mutants/${m.id}/${x.id}/`, severity: 'error' });
        }
      });
    });
    if (mutants.length > 0 && options.mutants !== 'list') result.template.mutants = mutants;
    const ids = new Set(result.template.manifest.milestones.map((m) => m.id));
    for (const s of solutions) {
      if (!ids.has(s.milestone)) result.diagnostics.push(fileProblem(join(solutionsRoot, s.milestone), `solutions/${s.milestone} names no milestone of this template`));
    }
    if (solutions.length > 0) result.template.solutions = solutions;
    if (result.template.manifest.id !== id) {
      result.diagnostics.push({ file: manifestFile, ...parsed.locate(['id']), field: 'id', message: `id "${result.template.manifest.id}" must match its folder name "${id}"`, severity: 'error' });
    }
  }
  diagnostics.push(...result.diagnostics);
  // A starter with any error is not loaded: it would scaffold without the file that was refused.
  const ok = result.template !== undefined && !diagnostics.some((d) => d.severity === 'error');
  return ok ? { template: result.template, diagnostics } : { diagnostics };
}
