// Mutation testing of src/core (StrykerJS): `npm run test:mutation` (scripts/mutation.mjs).
// Stryker copies the repository (with an existing full build in dist/: the CLI and the pack worker
// that some unit tests start, and the compiled starters) into .stryker-tmp/, instruments
// src/core/**/*.ts there, and the mocha runner runs the unit tests straight from their TypeScript
// sources (.mocharc.mutation.cjs: scripts/register-ts.cjs compiles each file on load, no bundle).
// So Stryker sees each test file and each source file as itself: incremental mode re-tests only the
// mutants whose code or covering tests changed, and the baseline holds no bundled copies of the code.
// New folders under src/core and new test/unit/*.test.ts files are picked up without edits.
// Incremental: test/mutation/stryker-incremental.json (committed) holds the last results.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'mocha',
  // architecture.test.ts reads the sources (line counts, imports), which Stryker has instrumented in
  // its sandbox; it guards the codebase's shape and kills no mutant, so .mocharc.mutation.cjs leaves
  // it out of this run only.
  mochaOptions: { config: '.mocharc.mutation.cjs' },
  mutate: ['src/core/**/*.ts', '!src/core/**/*.d.ts', '!src/core/**/generated/**'],
  checkers: ['typescript'],
  // The checkers' program is src/core alone (tsconfig.mutation.json): a mutant counts as a compile
  // error when the product code no longer type-checks. With the unit tests in the program too, each
  // check re-typed every test file that imports the mutated module, and the checkers kept the test
  // runner waiting most of the time. (`npm run typecheck` still checks the whole repository.)
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level code: constant tables, regular expressions, message maps) run
  // once per module load, so Stryker cannot tell which test covers them and must reload and run
  // the whole suite (about a minute here) for each one: ~1,500 of them would take a day. They
  // are reported as Ignored (the README gives the count); the behaviour they feed is covered
  // through the functions that use them, which are mutated and tested.
  ignoreStatic: true,
  // 2 TypeScript checkers and 2 test runners on the 2-core machine: the runners wait on child
  // processes (python3, the CLI) part of the time.
  concurrency: 4,
  timeoutMS: 10000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 10,
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  reporters: ['progress', 'clear-text', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, reportTests: false, reportMutants: false, reportScoreTable: true },
  // scripts/mutation-thresholds.mjs checks the score of src/core and of each folder (Stryker's own
  // `break` is one global number).
  thresholds: { high: 90, low: 80, break: null },
  ignorePatterns: ['/reports', '/test-results', '/out', '/.cache', '/.vscode-test', '*.vsix', '/bench-results*.json', '/learning-paths.vsix'],
  tempDirName: '.stryker-tmp',
};
