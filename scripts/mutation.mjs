// npm run test:mutation: mutation testing of src/core (StrykerJS, stryker.config.mjs), then the
// per-folder thresholds (scripts/mutation-thresholds.mjs).
// Usage: node scripts/mutation.mjs [--no-build] [any stryker run option, e.g. --force]
//   It first runs the full build (Stryker's sandbox copies dist/: the CLI and the pack worker that
//   some unit tests start, and the compiled starters); --no-build skips it when dist/ is fresh
//   (.ci/run, right after npm test). Incremental: only mutants whose code or tests changed since
//   test/mutation/stryker-incremental.json are run again; --force re-runs every mutant.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const run = (what, command, commandArgs) => {
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (r.error) {
    console.error(`✗ ${what}: ${r.error.message}`);
    process.exit(1);
  }
  if (r.status !== 0) {
    console.error(`✗ ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
};

if (!args.includes('--no-build')) run('the build', process.execPath, [join(root, 'scripts', 'build.mjs')]);
run('stryker', process.execPath, [join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'), 'run', ...args.filter((a) => a !== '--no-build')]);
run('the mutation thresholds', process.execPath, [join(root, 'scripts', 'mutation-thresholds.mjs')]);
