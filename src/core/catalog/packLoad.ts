/**
 * Loading every content pack of a workspace in one call: find, read and parse the files, validate
 * and merge them over the bundled catalog. Synchronous and CPU-bound, so the extension runs it in a
 * worker thread (src/extension/packLoader.ts, started by packWorkerClient.ts), never on the
 * extension host's own thread.
 */
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics';
import { checkTemplatesAgainstCatalog } from '../scaffold/crossCheck';
import { mergeStarters, readPackStarters } from '../scaffold/packStarters';
import type { Template } from '../scaffold/types';
import { CatalogIndex } from './catalogIndex';
import { loadCatalog, type TextFile } from './load';
import { readPackFiles, STARTERS_FOLDER } from './packFiles';
import type { PackLoadRequest, PackLoadResult } from './packWorkerClient';

/** The packs merged over `request.base` (`fingerprints` is left empty: the worker fills it in). */
export function loadPacks(request: PackLoadRequest): PackLoadResult {
  const overrides = new Map(request.overrides);
  const files: TextFile[] = [];
  const listed: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const missing: string[] = [];
  const layers: Template[][] = [];
  for (const root of request.roots) {
    try {
      const read = readPackFiles([root.path], overrides, root.within);
      files.push(...read.files);
      listed.push(...read.listed);
      diagnostics.push(...read.diagnostics);
    } catch {
      if (!root.optional) missing.push(root.path);
      continue;
    }
    const starters = readPackStarters(root.path, { overrides, ...(root.within !== undefined ? { within: root.within } : {}) });
    layers.push(starters.starters);
    diagnostics.push(...starters.diagnostics);
  }
  const result = loadCatalog(files, request.base);
  // A pack starter must name skills, roles and levels of the merged catalog; one that does not is left out.
  let index: CatalogIndex | undefined; // built only when there is a starter to check
  const starters = mergeStarters(layers).filter((t) => {
    index ??= new CatalogIndex(result.catalog);
    const problems = checkTemplatesAgainstCatalog([t], index, () => join(t.pack ?? '', STARTERS_FOLDER, t.manifest.id, 'template.yaml'));
    diagnostics.push(...problems);
    return problems.length === 0;
  });
  return { catalog: result.catalog, starters, diagnostics: [...diagnostics, ...result.diagnostics], files: listed, missing, fingerprints: new Map() };
}
