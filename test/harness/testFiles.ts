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

/**
 * Set in the extension host of the normal integration run: a folder the harness owns. Part one of
 * the window-reload test (`reload/`) writes `before.json` there; the harness then writes `phase`
 * (RELOAD_PHASE_AFTER), runs Developer: Reload Window, and the new extension host runs `afterReload/`.
 */
export const RELOAD_DIR_ENV = 'LP_INTEGRATION_RELOAD_DIR';
export const RELOAD_PHASE_AFTER = 'after-reload';

/**
 * The integration files of a run: those under `restricted/` in the Restricted Mode run, those under
 * `afterReload/` after the harness reloaded the window, every other one otherwise, with `reload/`
 * (part 1 of the reload test) last, so that the project and tick it leaves for part 2 change no
 * other test's counts.
 */
export function integrationFiles(dir: string, restricted: boolean, afterReload = false): string[] {
  if (restricted) return testFiles(join(dir, 'restricted'));
  if (afterReload) return testFiles(join(dir, 'afterReload'));
  const under = (d: string) => (f: string) => f.startsWith(`${d}/`) || f.startsWith(`${d}\\`);
  const apart = [join(dir, 'restricted'), join(dir, 'afterReload'), join(dir, 'reload')].map(under);
  return [...testFiles(dir).filter((f) => !apart.some((isUnder) => isUnder(f))), ...testFiles(join(dir, 'reload'))];
}
