/**
 * Loading every content pack of a workspace in one call: find, read and parse the files, validate
 * and merge them over the bundled catalog. Synchronous and CPU-bound, so the extension runs it in a
 * worker thread (src/extension/packLoader.ts, started by packWorkerClient.ts), never on the
 * extension host's own thread.
 */
import type { Diagnostic } from '../diagnostics';
import { loadPackStarters } from '../scaffold/packStarters';
import { loadCatalog, type TextFile } from './load';
import { readPackFiles } from './packFiles';
import type { PackLoadRequest, PackLoadResult, PackRoot } from './packWorkerClient';

/** The packs merged over `request.base` (`fingerprints` and `startersHash` are left empty: the worker fills them in). */
export function loadPacks(request: PackLoadRequest): PackLoadResult {
  const overrides = new Map(request.overrides);
  const files: TextFile[] = [];
  const listed: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const missing: string[] = [];
  const found: PackRoot[] = [];
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
    found.push(root);
  }
  const result = loadCatalog(files, request.base);
  // The packs' starters (`<pack>/starters/<id>/`), checked against the merged catalog.
  const { starters, diagnostics: starterProblems } = loadPackStarters(found, result.catalog, overrides);
  return { catalog: result.catalog, starters, diagnostics: [...diagnostics, ...starterProblems, ...result.diagnostics], files: listed, missing, fingerprints: new Map(), startersHash: '' };
}
