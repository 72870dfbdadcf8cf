// Mocha's options for mutation testing (stryker.config.mjs): the unit tests straight from their
// TypeScript sources (scripts/register-ts.cjs compiles each file on load, no bundle).
// Stryker runs the tests that cover a mutant in load order and stops at the first that fails, so
// the files with slow tests (real processes, timeouts, linear-time checks on large inputs) load
// last: a mutant a fast test detects never waits for them. architecture.test.ts reads the sources,
// which Stryker has instrumented; it guards the codebase's shape and kills no mutant, so it is left
// out of this run only.
'use strict';
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const dir = join('test', 'unit');
const SLOW_LAST = [
  'verifyProcessRunGrace.test.ts',
  'verifyProcessRunWindows.test.ts',
  'skillPageL10n.test.ts',
  'verifyWarmProcess.test.ts',
  'coldRunner.test.ts',
  'processRun.test.ts',
  'startersCli.test.ts',
  'testingDiscovery.test.ts',
  'catalogValidation.test.ts',
  'aptLock.test.ts',
  'scaffoldTransaction.test.ts',
  'verifyWarmRunnerFake.test.ts',
  'warmRunner.test.ts',
  'verifyStubs.test.ts',
  'cliCheck.test.ts',
  'hostileFiles.test.ts',
];
const LEFT_OUT = new Set(['architecture.test.ts']);
const all = readdirSync(join(__dirname, dir)).filter((f) => f.endsWith('.test.ts') && !LEFT_OUT.has(f));
const slow = SLOW_LAST.filter((f) => all.includes(f));
const fast = all.filter((f) => !slow.includes(f)).sort();

module.exports = {
  spec: [...fast, ...slow].map((f) => join(dir, f)),
  extension: ['ts'],
  require: ['scripts/register-ts.cjs'],
  ui: 'bdd',
  timeout: 20000,
  reporter: 'spec',
};
