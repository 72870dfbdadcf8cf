import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CatalogIndex } from '../../src/core/catalog/catalogIndex';
import { loadCatalog } from '../../src/core/catalog/load';
import { readCatalogFiles } from '../../src/core/catalog/packFiles';
import { readTemplates } from '../../src/core/scaffold/templateFiles';
import type { Template } from '../../src/core/scaffold/types';

/** The repository root: tests run from dist/test/unit (bundled) or test/unit (mutation testing). */
export const repoRoot = findRepoRoot(__dirname);
function findRepoRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data', 'catalog'))) return dir;
  }
  throw new Error(`no repository root above ${from}`);
}

// Mutation testing (Stryker) runs the tests many times in one process, with a different mutant of
// src/core active each time: a fixture kept from an earlier run would hide the mutant. There, every
// call builds the fixture again, and tests build fixtures in beforeEach (not while the file loads), so
// Stryker ties the code a fixture runs to the tests that use it.
const keepFixtures = process.env.STRYKER_MUTATOR_WORKER === undefined;

let cachedIndex: CatalogIndex | undefined;
/** The bundled catalog, loaded from data/catalog YAML exactly as the build does. */
export function bundledIndex(): CatalogIndex {
  if (cachedIndex && keepFixtures) return cachedIndex;
  const result = loadCatalog(readCatalogFiles([resolve(repoRoot, 'data', 'catalog')]));
  if (result.diagnostics.length > 0) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  cachedIndex = new CatalogIndex(result.catalog);
  return cachedIndex;
}

/** The bundled starters (data/templates), read afresh (tests may change them) exactly as the build does. */
export function bundledTemplates(): ReturnType<typeof readTemplates> {
  return readTemplates(resolve(repoRoot, 'data', 'templates'));
}

/** One bundled starter by id (the test fails if it is missing). */
export function bundledTemplate(id: string): Template {
  const t = bundledTemplates().templates.find((x) => x.manifest.id === id);
  if (!t) throw new Error(`the bundled starter ${id} is missing`);
  return t;
}

/** The ids of the bundled starters, from the folder names alone (no src/core code runs): for tests generated per starter. */
export function bundledTemplateIds(): string[] {
  const dir = resolve(repoRoot, 'data', 'templates');
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'template.yaml')))
    .sort();
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

/**
 * A time budget for a test that bounds how an algorithm grows (linear, not quadratic) on a large
 * input. Under mutation testing the code is instrumented (every expression counts its coverage) and
 * runs several times slower on a loaded machine, so the budget is five times larger there; a mutant
 * that makes the code loop for ever still fails, on Stryker's own timeout.
 */
export function timeBudgetMs(ms: number): number {
  return keepFixtures ? ms : ms * 5;
}
