import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** Every file below `dir` (relative paths with /), sorted. */
export function listFiles(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base))
    .sort()
    .flatMap((name) => {
      const rel = base ? `${base}/${name}` : name;
      return statSync(join(dir, rel)).isDirectory() ? listFiles(dir, rel) : [rel];
    });
}
