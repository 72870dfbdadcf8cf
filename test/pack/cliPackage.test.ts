// The command-line tool as a team installs it (`npm run test:pack`, part of `npm test`): `npm pack`
// of this repository, `npm install -g` of the tarball into a temporary prefix (Node alone: no build,
// no dev dependency), then, with the installed `learning-paths` only, an author's whole way:
// starters new → starters verify → a learner's scaffold of the pack starter → check --format.
// It needs the build (npm test builds first) and Debian's python3 with pytest.
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..', '..');
const PYTHON = process.env.LP_PYTHON ?? '/usr/bin/python3';
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.error, undefined, `${what}: ${r.error?.message}`);
  assert.equal(r.status, 0, `${what} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('the packed command-line tool (npm pack, npm install -g, learning-paths)', function () {
  this.timeout(600_000);
  let tmp: string;
  let bin: string;
  let env: NodeJS.ProcessEnv;
  const lp = (...args: string[]) => spawnSync(bin, args, { encoding: 'utf8', env, cwd: tmp, timeout: 300_000 });

  before(() => {
    assert.ok(existsSync(join(repoRoot, 'dist', 'cli.js')), 'dist/cli.js is missing: run the build first (npm test does)');
    tmp = mkdtempSync(join(tmpdir(), 'lp-pack-'));
    const prefix = join(tmp, 'prefix');
    // The bin is found through PATH like a user's, with only node's own folder besides it.
    env = { ...process.env, PATH: [join(prefix, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(':'), GITHUB_STEP_SUMMARY: '' };
    // --ignore-scripts: prepack would rebuild dist/ under the running tests; npm test has just built it.
    const packed = ok(spawnSync(NPM, ['pack', '--ignore-scripts', '--pack-destination', tmp], { cwd: repoRoot, encoding: 'utf8' }), 'npm pack');
    const tgz = join(tmp, packed.trim().split('\n').pop() ?? '');
    assert.match(tgz, /learning-paths-\d+\.\d+\.\d+\.tgz$/);
    ok(spawnSync(NPM, ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tgz], { cwd: tmp, encoding: 'utf8', env: { ...process.env, npm_config_prefix: prefix } }), 'npm install -g');
    bin = join(prefix, 'bin', 'learning-paths');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('installs the built CLI and its data, without sources, tests or dev dependencies', () => {
    const installed = join(tmp, 'prefix', 'lib', 'node_modules', 'learning-paths');
    for (const f of ['dist/cli.js', 'dist/templates.json', 'dist/catalog.json', 'data/schema/learning-paths-template.schema.json', 'data/templates/ml-pipeline/template.yaml']) assert.ok(existsSync(join(installed, f)), f);
    for (const f of ['src', 'test', 'dist/test', 'dist/extension.js', 'scripts', 'node_modules/esbuild', 'node_modules/typescript', 'node_modules/mocha']) assert.ok(!existsSync(join(installed, f)), `${f} is not shipped`);
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.deepEqual(pkg.bin, { 'learning-paths': 'dist/cli.js' });
  });

  it('learning-paths --help', () => {
    const help = ok(lp('--help'), 'learning-paths --help');
    assert.match(help, /^usage:/);
    assert.match(help, /learning-paths starters verify <dir\|id>/);
    assert.match(help, /--format json\|junit\|github\|classroom/);
  });

  it('starters new → starters verify → scaffold --pack → check --format junit|classroom|github', () => {
    const pack = join(tmp, 'team-pack');
    ok(lp('starters', 'new', join(pack, 'starters'), '--id', 'pack-demo'), 'starters new');
    const verified = lp('starters', 'verify', join(pack, 'starters', 'pack-demo'), '--python', PYTHON, '--threads', '1,2');
    assert.equal(verified.status, 0, `${verified.stdout}\n${verified.stderr}`);
    assert.match(verified.stdout, /^pack-demo exercises: 1, failing on scaffold: 1, passing with solution: 1, mutants: 2, caught: 2, equivalents: 0, passing: 0$/m);
    assert.match(verified.stdout, /^pack-demo cases: 5 passed, 0 failed, 0 skipped$/m);

    const project = join(tmp, 'learner');
    ok(lp('scaffold', 'pack-demo', project, '--pack', pack), 'scaffold');
    ok(spawnSync(PYTHON, ['-m', 'pack_demo', '--smoke'], { cwd: project, encoding: 'utf8' }), 'smoke run');
    const junit = ok(lp('check', project, '--run-tests', '--python', PYTHON, '--pack', pack, '--format', 'junit'), 'check --format junit');
    assert.match(junit, /<testsuites tests="2" failures="1" errors="0" skipped="0">/);
    assert.match(junit, /<testcase classname="pack-demo" name="run-smoke" file="pack_demo\/__main__.py"\/>/);
    assert.match(junit, /<testcase classname="pack-demo" name="min-max-scale" file="pack_demo\/stats.py" line="\d+">\n\s*<failure message="4 of 4 tests failing: NotImplementedError/);
    const classroom = JSON.parse(ok(lp('check', project, '--pack', pack, '--format', 'classroom'), 'check --format classroom')) as { status: string; max_score: number; tests: { name: string; score: number }[] };
    assert.deepEqual([classroom.status, classroom.max_score, classroom.tests.map((t) => t.score)], ['fail', 3, [1, 0]]);
    const summary = join(tmp, 'summary.md');
    writeFileSync(summary, '');
    const gh = spawnSync(bin, ['check', project, '--pack', pack, '--format', 'github'], { encoding: 'utf8', env: { ...env, GITHUB_STEP_SUMMARY: summary } });
    assert.equal(gh.status, 0, gh.stderr);
    assert.match(gh.stdout, /^::error file=pack_demo\/stats.py,line=\d+,title=Scale values onto \[0%2C 1\]%3A not verified yet::4 of 4 tests failing/m);
    assert.match(readFileSync(summary, 'utf8'), /1 of 2 checked milestones verified, 1 of 3 points\./);
    assert.deepEqual(readdirSync(join(pack, 'starters')), ['pack-demo']);
  });
});
