// Repository-relative paths shared by the harness, the integration runner and the UI fixture.
// Every file under test/ is bundled on its own by esbuild into dist/test/..., so paths are
// found from the running file upwards instead of relying on a fixed __dirname depth.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
        if (pkg.name === 'learning-paths') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the Learning Paths repository above ${start}`);
    dir = parent;
  }
}

/** Absolute path of the repository (the folder holding the extension's package.json). */
export const repoRoot: string = findRepoRoot(__dirname);

/** Ignored cache folder (code-server install, sample workspace for `npm start`). */
export const cacheRoot = join(repoRoot, '.cache');

/** Fixture workspace folder that tests and `npm start` open. */
export const fixtureWorkspace = join(repoRoot, 'test', 'fixtures', 'workspace');

/** Ignored folder for screenshots and other test artefacts. */
export const testResultsDir = join(repoRoot, 'test-results');

/** The bundled extension entry point; the workbench cannot load the extension without it. */
export const extensionMain = join(repoRoot, 'dist', 'extension.js');

/** The integration suite's entry point, run inside the extension host. */
export const integrationIndex = join(repoRoot, 'dist', 'test', 'integration', 'index.js');

/** `publisher.name` from package.json: the id VS Code gives the extension. */
export function extensionId(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${pkg.publisher}.${pkg.name}`;
}
