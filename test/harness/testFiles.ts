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
