/**
 * Starters in content packs: `<pack>/starters/<id>/` holds a starter in exactly the built-in
 * format (template.yaml, files/, solutions/<milestone-id>/, optional mutants/), read by the same
 * defensive reader (templateFiles.ts) and checked by the same validator. `starters/` and each
 * starter folder must be real folders of the pack: a link is refused, never followed.
 *
 * Precedence is the packs' own: bundled < the folders of `learningPaths.contentPacks` (in order) <
 * each workspace folder's `.learning-paths/`; a later starter replaces an earlier one with the
 * same id (mergeStarters).
 */
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { START, type Diagnostic } from '../diagnostics';
import { CatalogIndex } from '../catalog/catalogIndex';
import { formatBytes, isInside, STARTERS_FOLDER } from '../catalog/packFiles';
import type { Catalog } from '../catalog/types';
import { checkTemplatesAgainstCatalog } from './crossCheck';
import { mergeStarters } from './mergeStarters';
import { readTemplateDir } from './templateFiles';
import type { Template } from './types';

/** At most this many starters are read from one pack. */
export const MAX_STARTERS_PER_PACK = 100;
/**
 * Once a pack's starters hold this many bytes, its further starters are not read (each starter has
 * its own cap too): the starters reach the extension host in one message, and receiving it is one
 * synchronous deserialisation.
 */
export const MAX_STARTER_BYTES_PER_PACK = 16 * 1024 * 1024;

export interface PackStarters {
  starters: Template[];
  diagnostics: Diagnostic[];
}

const problem = (file: string, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({ file, ...START, field: '(file)', message, severity });

/**
 * The starters of the pack folder `root` (nothing when it has no `starters/` folder, or when it is
 * a file). `within`: a folder the pack must resolve into (a workspace's `.learning-paths/`); a pack
 * that links out of it is left out (the catalog read reports it). Mutants are listed, not read.
 */
export function readPackStarters(root: string, options: { within?: string; overrides?: ReadonlyMap<string, string>; maxBytes?: number } = {}): PackStarters {
  const empty: PackStarters = { starters: [], diagnostics: [] };
  let rootReal: string;
  try {
    rootReal = realpathSync(root);
    if (options.within !== undefined && !isInside(rootReal, realpathSync(options.within))) return empty;
  } catch {
    return empty; // missing or unreadable: the catalog read reports it
  }
  const dir = join(root, STARTERS_FOLDER);
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return empty;
  }
  if (st.isSymbolicLink()) return { starters: [], diagnostics: [problem(dir, 'links are not allowed here: starters/ must be a folder of the pack; not read')] };
  if (!st.isDirectory()) return empty;
  const out: PackStarters = { starters: [], diagnostics: [] };
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    return { starters: [], diagnostics: [problem(dir, `cannot read this folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}`)] };
  }
  let read = 0;
  let bytes = 0;
  const maxBytes = options.maxBytes ?? MAX_STARTER_BYTES_PER_PACK;
  for (const name of names) {
    const path = join(dir, name);
    let s;
    try {
      s = lstatSync(path);
    } catch {
      continue; // deleted since the listing
    }
    if (s.isSymbolicLink()) {
      out.diagnostics.push(problem(path, 'links are not allowed here: a starter must be a folder of the pack; not read'));
      continue;
    }
    if (!s.isDirectory() || name.startsWith('.')) continue; // a README beside the starters; a folder being written (New Starter)
    if (++read > MAX_STARTERS_PER_PACK) {
      out.diagnostics.push(problem(dir, `more than ${MAX_STARTERS_PER_PACK} starters in this pack; the rest are not read`, 'warning'));
      break;
    }
    if (bytes >= maxBytes) {
      out.diagnostics.push(problem(dir, `the starters read so far hold ${formatBytes(bytes)}, the limit for one pack; "${name}" and the rest are not read`, 'warning'));
      break;
    }
    const r = readTemplateDir(path, name, { mutants: 'list', ...(options.overrides ? { overrides: options.overrides } : {}) });
    out.diagnostics.push(...r.diagnostics);
    if (r.template) {
      out.starters.push({ ...r.template, pack: root });
      for (const f of [...r.template.files, ...(r.template.solutions ?? []).flatMap((x) => x.files)]) bytes += f.content.length;
    }
  }
  return out;
}

/** Starters by precedence: each later list replaces the earlier starters with the same id (in their place). */
export { mergeStarters };

/**
 * The starters of several packs, in precedence order (the extension's pack worker and the CLI's
 * `validate`): read, merged, and checked against `catalog` (the catalog merged with those packs),
 * so a starter that names a skill, role or level the catalog lacks is left out, saying which.
 */
export function loadPackStarters(roots: readonly { path: string; within?: string }[], catalog: Catalog, overrides?: ReadonlyMap<string, string>): PackStarters {
  const diagnostics: Diagnostic[] = [];
  const layers = roots.map((root) => {
    const read = readPackStarters(root.path, { ...(root.within !== undefined ? { within: root.within } : {}), ...(overrides ? { overrides } : {}) });
    diagnostics.push(...read.diagnostics);
    return read.starters;
  });
  let index: CatalogIndex | undefined; // built only when there is a starter to check
  const starters = mergeStarters(layers).filter((t) => {
    index ??= new CatalogIndex(catalog);
    const problems = checkTemplatesAgainstCatalog([t], index, () => join(t.pack ?? '', STARTERS_FOLDER, t.manifest.id, 'template.yaml'));
    diagnostics.push(...problems);
    return problems.length === 0;
  });
  return { starters, diagnostics };
}
