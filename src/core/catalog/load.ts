/** Loading YAML catalog files (bundled data at build time, and team content packs). */
import type { Diagnostic } from '../diagnostics';
import { bundledSource, toFragment, type FragmentSource } from './fragment';
import { mergeFragments, type MergeResult } from './merge';
import type { Catalog, CatalogFragment } from './types';
import { parseSource } from './yamlSource';

export interface TextFile {
  file: string;
  text: string;
}

/** Parses (YAML, or JSON for .json files) and validates one file. Never throws: every problem is a diagnostic. */
export function parseCatalogFile(file: string, text: string): { source: FragmentSource; diagnostics: Diagnostic[] } {
  const parsed = parseSource(file, text);
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

/**
 * The packs' own entries as one fragment (later files win by id), checked against `base`:
 * what `learning-paths compile` writes, a .json pack that loads without a YAML parser.
 */
export function compilePacks(files: readonly TextFile[], base: Catalog): { fragment: CatalogFragment; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const sources: FragmentSource[] = [];
  for (const f of files) {
    const r = parseCatalogFile(f.file, f.text);
    diagnostics.push(...r.diagnostics);
    sources.push(r.source);
  }
  diagnostics.push(...mergeFragments([bundledSource(base), ...sources]).diagnostics);
  const out: Required<CatalogFragment> = { levels: [], roles: [], skills: [], practiceProjects: [], careerRelevance: [] };
  for (const key of Object.keys(out) as (keyof CatalogFragment)[]) {
    const byId = new Map<string, unknown>();
    for (const s of sources) {
      for (const entry of (s.fragment[key] ?? []) as { id: string; skill?: string }[]) byId.set(key === 'practiceProjects' ? `${entry.skill}/${entry.id}` : entry.id, entry);
    }
    (out[key] as unknown[]) = [...byId.values()];
  }
  const fragment: CatalogFragment = {};
  for (const key of Object.keys(out) as (keyof CatalogFragment)[]) if (out[key].length > 0) (fragment[key] as unknown[]) = out[key];
  return { fragment, diagnostics };
}
