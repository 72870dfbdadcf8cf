import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every *.test.js file below `dir` (recursively), sorted, so suites run in a stable order. */
export function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return testFiles(path);
      return name.endsWith('.test.js') ? [path] : [];
    });
}

/** Set in the extension host of the Restricted Mode integration run (runIntegration.ts --restricted). */
export const RESTRICTED_ENV = 'LP_INTEGRATION_RESTRICTED';

/** The integration files of a run: those under `restricted/` in the Restricted Mode run, every other one otherwise. */
export function integrationFiles(dir: string, restricted: boolean): string[] {
  const restrictedDir = join(dir, 'restricted');
  return restricted ? testFiles(restrictedDir) : testFiles(dir).filter((f) => !f.startsWith(`${restrictedDir}/`) && !f.startsWith(`${restrictedDir}\\`));
}
