// A require hook that runs the unit tests straight from their TypeScript sources, one file at a time
// (esbuild's transform, no bundle, no type check: `tsc --noEmit` does that). Mutation testing uses it
// (stryker.config.mjs): Stryker then sees test/unit/*.test.ts and src/core/*.ts as the separate files
// they are, so its incremental mode re-tests only what a change touched, and its baseline holds no
// bundles. Also handles the generated validators (ES module syntax in a .js file under src/).
'use strict';
const { readFileSync } = require('node:fs');
const { sep } = require('node:path');
const esbuild = require('esbuild');

const srcMarker = `${sep}src${sep}`;
function compile(module, filename, loader) {
  const { code } = esbuild.transformSync(readFileSync(filename, 'utf8'), {
    loader,
    format: 'cjs',
    target: 'node20',
    sourcefile: filename,
    sourcemap: 'inline',
  });
  module._compile(code, filename);
}
require.extensions['.ts'] = (module, filename) => compile(module, filename, 'ts');
const plainJs = require.extensions['.js'];
require.extensions['.js'] = (module, filename) => {
  if (filename.includes(srcMarker) && !filename.includes(`${sep}node_modules${sep}`)) compile(module, filename, 'js');
  else plainJs(module, filename);
};
