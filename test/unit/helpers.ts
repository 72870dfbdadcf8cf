import { resolve } from 'node:path';
import { CatalogIndex } from '../../src/core/catalog/catalogIndex';
import { loadCatalog } from '../../src/core/catalog/load';
import { readCatalogFiles } from '../../src/core/catalog/packFiles';

/** The repository root (tests run from dist/test/unit). */
export const repoRoot = resolve(__dirname, '..', '..', '..');

let cached: CatalogIndex | undefined;
/** The bundled catalog, loaded from data/catalog YAML exactly as the build does. */
export function bundledIndex(): CatalogIndex {
  if (!cached) {
    const result = loadCatalog(readCatalogFiles([resolve(repoRoot, 'data', 'catalog')]));
    if (result.diagnostics.length > 0) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    cached = new CatalogIndex(result.catalog);
  }
  return cached;
}
