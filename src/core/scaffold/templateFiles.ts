/** Reading starter templates from data/templates/<id>/ on disk (build time and CLI). */
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics';
import { parseYamlSource } from '../catalog/yamlSource';
import { validateTemplate } from './templates';
import type { Template, TemplateFile } from './types';

/** Loads every template below `root`; links and non-files are refused with a diagnostic. */
export function readTemplates(root: string): { templates: Template[]; diagnostics: Diagnostic[] } {
  const templates: Template[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const id of readdirSync(root).sort()) {
    const dir = join(root, id);
    if (!lstatSync(dir).isDirectory()) continue;
    const manifestFile = join(dir, 'template.yaml');
    if (!existsSync(manifestFile)) {
      diagnostics.push({ file: dir, line: 1, column: 1, endLine: 1, endColumn: 1, field: '(file)', message: 'skipped: no template.yaml in this folder', severity: 'warning' });
      continue;
    }
    const parsed = parseYamlSource(manifestFile, readFileSync(manifestFile, 'utf8'));
    diagnostics.push(...parsed.diagnostics);
    if (parsed.value === undefined) continue;
    const files: TemplateFile[] = [];
    const filesRoot = join(dir, 'files');
    const walk = (abs: string, rel: string, files: TemplateFile[]) => {
      for (const name of readdirSync(abs).sort()) {
        if (name === '__pycache__' || name === '.pytest_cache' || name.endsWith('.pyc')) continue;
        const p = join(abs, name);
        const r = rel ? `${rel}/${name}` : name;
        const st = lstatSync(p);
        if (st.isSymbolicLink()) {
          diagnostics.push({ file: p, line: 1, column: 1, endLine: 1, endColumn: 1, field: '(file)', message: 'links are not allowed in a template', severity: 'error' });
        } else if (st.isDirectory()) walk(p, r, files);
        else if (st.isFile()) files.push({ path: r, content: readFileSync(p, 'utf8'), ...(st.mode & 0o111 ? { executable: true } : {}) });
      }
    };
    walk(filesRoot, '', files);
    // Reference solutions: solutions/<milestone-id>/<project-relative path>, rendered like files/.
    const solutions: { milestone: string; files: TemplateFile[] }[] = [];
    const solutionsRoot = join(dir, 'solutions');
    if (existsSync(solutionsRoot) && lstatSync(solutionsRoot).isDirectory()) {
      for (const milestone of readdirSync(solutionsRoot).sort()) {
        const sdir = join(solutionsRoot, milestone);
        if (!lstatSync(sdir).isDirectory()) continue;
        const overlay: TemplateFile[] = [];
        walk(sdir, '', overlay);
        solutions.push({ milestone, files: overlay });
      }
    }
    // Mutants (wrong implementations an exercise's test must catch): mutants/<milestone-id>/<mutant-id>/<path>.
    const mutants: { milestone: string; mutant: string; files: TemplateFile[] }[] = [];
    const mutantsRoot = join(dir, 'mutants');
    if (existsSync(mutantsRoot) && lstatSync(mutantsRoot).isDirectory()) {
      for (const milestone of readdirSync(mutantsRoot).sort()) {
        const mdir = join(mutantsRoot, milestone);
        if (!lstatSync(mdir).isDirectory()) continue;
        for (const mutant of readdirSync(mdir).sort()) {
          const odir = join(mdir, mutant);
          if (!lstatSync(odir).isDirectory()) continue;
          const overlay: TemplateFile[] = [];
          walk(odir, '', overlay);
          mutants.push({ milestone, mutant, files: overlay });
        }
      }
    }
    const result = validateTemplate(manifestFile, parsed.value, parsed.locate, files);
    if (result.template) {
      const declared = new Map<string, Set<string>>();
      for (const m of result.template.manifest.milestones) declared.set(m.id, new Set((m.mutants ?? []).map((x) => x.id)));
      const found = new Set(mutants.map((m) => `${m.milestone}/${m.mutant}`));
      for (const m of mutants) {
        if (!declared.get(m.milestone)?.has(m.mutant)) {
          result.diagnostics.push({ file: join(mutantsRoot, m.milestone, m.mutant), line: 1, column: 1, endLine: 1, endColumn: 1, field: '(file)', message: `mutants/${m.milestone}/${m.mutant} is not declared under that milestone's mutants in template.yaml`, severity: 'error' });
        }
      }
      result.template.manifest.milestones.forEach((m, i) => {
        (m.mutants ?? []).forEach((x, j) => {
          if (!found.has(`${m.id}/${x.id}`)) {
            result.diagnostics.push({ file: manifestFile, ...parsed.locate(['milestones', i, 'mutants', j, 'id']), field: `milestones[${i}].mutants[${j}].id`, message: `mutant "${x.id}" has no files under mutants/${m.id}/${x.id}/`, severity: 'error' });
          }
        });
      });
      if (mutants.length > 0) result.template.mutants = mutants;
    }
    if (result.template && solutions.length > 0) {
      const ids = new Set(result.template.manifest.milestones.map((m) => m.id));
      for (const s of solutions) {
        if (!ids.has(s.milestone)) {
          result.diagnostics.push({ file: join(solutionsRoot, s.milestone), line: 1, column: 1, endLine: 1, endColumn: 1, field: '(file)', message: `solutions/${s.milestone} names no milestone of this template`, severity: 'error' });
        }
      }
      result.template.solutions = solutions;
    }
    diagnostics.push(...result.diagnostics);
    if (result.template) {
      if (result.template.manifest.id !== id) {
        diagnostics.push({ file: manifestFile, ...parsed.locate(['id']), field: 'id', message: `id "${result.template.manifest.id}" must match its folder name "${id}"`, severity: 'error' });
      } else templates.push(result.template);
    }
  }
  return { templates, diagnostics };
}
