/** Validating starter templates (manifest + files). Pure: the caller reads the files. */
import type { Diagnostic, Locate } from '../diagnostics';
import { diagnosticAt } from '../diagnostics';
import { validateAgainst } from '../catalog/schema';
import { compilePattern } from '../text/pattern';
import { relativePathProblem } from './paths';
import type { Template, TemplateFile, TemplateManifest } from './types';

export const PLACEHOLDER_RE = /\{\{\s*(\w+)\s*\}\}/g;
export const PLACEHOLDERS = ['name', 'package'] as const;

/** Checks a parsed template.yaml plus its files; returns the template or the problems. */
export function validateTemplate(
  manifestFile: string,
  value: unknown,
  locate: Locate,
  files: TemplateFile[],
): { template?: Template; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = validateAgainst('template', value).map((e) => diagnosticAt(manifestFile, locate, e.path, e.message, e.target));
  if (diagnostics.length > 0) return { diagnostics };
  const manifest = value as TemplateManifest;
  const ids = new Set<string>();
  manifest.milestones.forEach((m, i) => {
    if (ids.has(m.id)) diagnostics.push(diagnosticAt(manifestFile, locate, ['milestones', i, 'id'], `duplicate milestone id "${m.id}"`));
    ids.add(m.id);
    const c = m.check;
    if (c) {
      const at = (field: string, message: string) => diagnosticAt(manifestFile, locate, ['milestones', i, 'check', field], message);
      if (c.kind === 'fileMatches') {
        if (c.pattern === undefined) diagnostics.push(at('pattern', 'a fileMatches check needs "pattern"'));
        else {
          // Checks run with a linear-time engine (core/text/pattern.ts): the pattern must be RE2.
          const compiled = compilePattern(c.pattern, c.flags);
          if (!compiled.ok) diagnostics.push(at('pattern', compiled.reason));
        }
      }
      if (c.kind === 'metric' && (c.key === undefined || c.op === undefined || c.value === undefined)) {
        diagnostics.push(at('kind', 'a metric check needs "key", "op" and "value"'));
      }
      if (c.kind === 'metric') {
        (c.require ?? []).forEach((r, j) => {
          if (!['string', 'number', 'boolean'].includes(typeof r.equals)) {
            diagnostics.push(diagnosticAt(manifestFile, locate, ['milestones', i, 'check', 'require', j, 'equals'], 'expected text, a number, or true/false'));
          }
        });
      }
      const raw = c as { select?: unknown; require?: unknown };
      if (c.kind !== 'tests' && raw.select !== undefined) diagnostics.push(at('select', '"select" belongs to a tests check'));
      if (c.kind !== 'metric' && raw.require !== undefined) diagnostics.push(at('require', '"require" belongs to a metric check'));
      const p = relativePathProblem(c.path.replace(PLACEHOLDER_RE, 'x'));
      if (p) diagnostics.push(at('path', p));
    }
    const fp = relativePathProblem(m.file.replace(PLACEHOLDER_RE, 'x'));
    if (fp) diagnostics.push(diagnosticAt(manifestFile, locate, ['milestones', i, 'file'], fp));
  });
  for (const [from, to] of Object.entries(manifest.renames ?? {})) {
    if (typeof to !== 'string' || !ids.has(to)) diagnostics.push(diagnosticAt(manifestFile, locate, ['renames', from], `renames "${from}" to "${String(to)}", which is not a milestone id`));
  }
  for (const f of files) {
    const problem = relativePathProblem(f.path);
    if (problem) diagnostics.push({ file: f.path, line: 1, column: 1, endLine: 1, endColumn: 1, field: '(file)', message: problem, severity: 'error' });
    for (const m of `${f.path}\n${f.content}`.matchAll(PLACEHOLDER_RE)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(m[1] ?? '')) {
        diagnostics.push({ file: f.path, line: 1, column: 1, endLine: 1, endColumn: 1, field: '(file)', message: `unknown placeholder ${m[0]}; expected {{name}} or {{package}}`, severity: 'error' });
      }
    }
  }
  return diagnostics.length > 0 ? { diagnostics } : { template: { manifest, files }, diagnostics };
}
