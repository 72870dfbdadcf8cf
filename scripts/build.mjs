// Generates the schema validators, builds every bundle with esbuild, then compiles the bundled catalog and starters into dist/.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = new URL('..', import.meta.url).pathname;

/** Every .ts file below dir (recursively), relative to the repository root. */
function tsFiles(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

// 'module' first: jsonc-parser's UMD build requires its own files dynamically, which a bundle cannot
// resolve; its ES module build bundles cleanly.
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], mainFields: ['module', 'main'] };

// Parsers of project files that the extension needs only when a check reads a test report (saxes)
// or a fileMatches pattern (re2js): core requires them on first use, and dist/main.js leaves them to
// their own bundles (dist/saxes.js, dist/re2js.js) so its own size and load time stay as they were.
const LAZY = { saxes: './saxes.js', re2js: './re2js.js' };
const lazyParsers = {
  name: 'lazy-parsers',
  setup(build) {
    build.onResolve({ filter: /^(saxes|re2js)$/ }, (args) => ({ path: LAZY[args.path], external: true }));
  },
};

/** Tests, harness and bench: never shipped; always with source maps for readable stack traces. */
const testsBuild = {
  ...node,
  sourcemap: 'linked',
  minify: false,
  entryPoints: [...tsFiles('test'), ...tsFiles('bench')],
  outbase: '.',
  outdir: 'dist',
  external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron', 'esbuild', 'fast-check'],
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  // Activation entry (tiny) and the features it loads right after activation (see extension.ts).
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './main.js', './testApi.js'] },
  { ...node, entryPoints: ['src/extension/main.ts'], outfile: 'dist/main.js', external: ['vscode', './solutionMerge.js'], plugins: [lazyParsers] },
  { ...node, entryPoints: ['src/extension/lazy/saxes.ts'], outfile: 'dist/saxes.js' },
  { ...node, entryPoints: ['src/extension/lazy/re2js.ts'], outfile: 'dist/re2js.js' },
  // Reference solutions (the `diff` package): loaded on the first Compare with Reference Solution.
  { ...node, entryPoints: ['src/extension/solutionMerge.ts'], outfile: 'dist/solutionMerge.js' },
  // The content-pack worker (worker_threads): YAML parser, validators, merge. main.js starts it by path.
  { ...node, entryPoints: ['src/extension/packLoader.ts'], outfile: 'dist/packLoader.js' },
  // The test API: loaded only in ExtensionMode.Test (see extension.ts), left out of the package (.vscodeignore).
  { ...node, entryPoints: ['src/extension/testApi.ts'], outfile: 'dist/testApi.js' },
  { ...node, entryPoints: ['src/cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
  },
  testsBuild,
];

function compileAssets() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'build-assets', '--out', join(root, 'dist')], { stdio: 'inherit' });
}

if (!watch) rmSync(join(root, 'dist'), { recursive: true, force: true });
// The schema validators (Ajv standalone code from data/schema/*.json), bundled like any module.
execFileSync(process.execPath, [join(root, 'scripts/gen-validators.mjs')], { stdio: 'inherit' });
// The skill page's icons (SVG path data of the codicons it uses, from @vscode/codicons).
execFileSync(process.execPath, [join(root, 'scripts/gen-icons.mjs')], { stdio: 'inherit' });

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.rebuild()));
  compileAssets();
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] watching for changes (bundled data is compiled once; re-run the build after editing data/)');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  compileAssets();
  console.log(`built ${relative(process.cwd(), join(root, 'dist')) || 'dist'} (${production ? 'production' : 'development'})`);
}
