/**
 * Turns one file's parsed value into a CatalogFragment: validates every entry against the JSON
 * Schema (validators generated from data/schema at build time), keeps the valid entries and drops (with a diagnostic) only the invalid ones, so one
 * bad entry or file never stops the rest of the catalog from loading.
 */
import { diagnosticAt, locateNowhere, type Diagnostic, type Locate } from '../diagnostics';
import { validateAgainst } from './schema';
import type { Catalog, CatalogFragment } from './types';

/** A validated fragment plus where each entry came from. */
export interface FragmentSource {
  file: string;
  fragment: CatalogFragment;
  locate: Locate;
  /** Each kept entry's index in its list in the file (entries that failed validation are dropped). */
  indexOf: Map<object, number>;
}

const lists = {
  levels: 'level',
  roles: 'role',
  skills: 'skill',
  practiceProjects: 'skillPracticeProject',
  careerRelevance: 'careerRelevance',
} as const satisfies Record<keyof CatalogFragment, string>;

type ListKey = keyof typeof lists;

function isListKey(key: string): key is ListKey {
  return Object.prototype.hasOwnProperty.call(lists, key);
}

export function toFragment(file: string, value: unknown, locate: Locate): { source: FragmentSource; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const fragment: CatalogFragment = {};
  const source: FragmentSource = { file, fragment, locate, indexOf: new Map() };
  if (value === undefined || value === null) return { source, diagnostics }; // empty file
  if (typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push(diagnosticAt(file, locate, [], `expected a mapping with any of ${Object.keys(lists).join(', ')}`));
    return { source, diagnostics };
  }
  for (const [key, list] of Object.entries(value as Record<string, unknown>)) {
    if (!isListKey(key)) {
      diagnostics.push(diagnosticAt(file, locate, [key], `unknown top-level field "${key}"; expected one of ${Object.keys(lists).join(', ')}`, 'key'));
      continue;
    }
    if (list === null || list === undefined) continue;
    if (!Array.isArray(list)) {
      diagnostics.push(diagnosticAt(file, locate, [key], `expected a list of ${lists[key]} entries`));
      continue;
    }
    const kept: unknown[] = [];
    const seen = new Map<string, number>();
    list.forEach((item: unknown, index) => {
      const errors = validateAgainst(lists[key], item, [key, index]);
      if (errors.length > 0) {
        for (const e of errors) diagnostics.push(diagnosticAt(file, locate, e.path, e.message, e.target));
        return;
      }
      const entry = item as { id: string; skill?: string };
      const idKey = key === 'practiceProjects' ? `${entry.skill}/${entry.id}` : entry.id;
      const first = seen.get(idKey);
      if (first !== undefined) {
        diagnostics.push(diagnosticAt(file, locate, [key, index, 'id'], `duplicate id "${entry.id}" (first defined at ${key}[${first}])`));
        return;
      }
      seen.set(idKey, index);
      source.indexOf.set(entry, index);
      kept.push(item);
    });
    (fragment as Record<string, unknown[]>)[key] = kept;
  }
  return { source, diagnostics };
}

/** The compiled bundled catalog as the lowest-precedence source. */
export function bundledSource(catalog: Catalog): FragmentSource {
  return { file: '(bundled catalog)', fragment: catalog, locate: locateNowhere, indexOf: new Map() };
}
