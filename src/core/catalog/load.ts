/** Loading YAML catalog files (bundled data at build time, and team content packs). */
import type { Diagnostic } from '../diagnostics';
import { bundledSource, toFragment, type FragmentSource } from './fragment';
import { mergeFragments, type MergeResult } from './merge';
import type { Catalog } from './types';
import { parseYamlSource } from './yamlSource';

export interface TextFile {
  file: string;
  text: string;
}

/** Parses and validates one file. Never throws: every problem is a diagnostic. */
export function parseCatalogFile(file: string, text: string): { source: FragmentSource; diagnostics: Diagnostic[] } {
  const parsed = parseYamlSource(file, text);
  if (parsed.value === undefined && parsed.diagnostics.some((d) => d.severity === 'error')) {
    return { source: { file, fragment: {}, locate: parsed.locate, indexOf: new Map() }, diagnostics: parsed.diagnostics };
  }
  const { source, diagnostics } = toFragment(file, parsed.value, parsed.locate);
  return { source, diagnostics: [...parsed.diagnostics, ...diagnostics] };
}

/**
 * Loads files in precedence order (later overrides earlier by id) on top of an optional base
 * catalog. File-level diagnostics come first, then cross-entry ones.
 */
export function loadCatalog(files: readonly TextFile[], base?: Catalog): MergeResult {
  const diagnostics: Diagnostic[] = [];
  const sources: FragmentSource[] = base ? [bundledSource(base)] : [];
  for (const f of files) {
    const r = parseCatalogFile(f.file, f.text);
    diagnostics.push(...r.diagnostics);
    sources.push(r.source);
  }
  const merged = mergeFragments(sources);
  return { ...merged, diagnostics: [...diagnostics, ...merged.diagnostics] };
}
