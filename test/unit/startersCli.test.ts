// `starters new` and `starters verify` end to end with a real pytest (Debian's /usr/bin/python3):
// the skeleton as written is proven; a fixture starter made from it, with mutants of each kind added
// (one the test cannot catch, an equivalent that passes, an "equivalent" that is wrong), a stub that
// passes on the scaffold, and an undeclared mutant folder, each fails the proof naming the cause.
// Then a learner's project scaffolded from the pack starter is graded by check --format.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StarterProof } from '../../src/core/authoring/starterProof';
import type { ClassroomResult } from '../../src/core/authoring/formats';
import { parseJUnit } from '../../src/core/verify/junit';
import { listFiles, repoRoot } from './helpers';

const PYTHON = process.env.LP_PYTHON ?? '/usr/bin/python3';
const CLI = join(repoRoot, 'dist', 'cli.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });

describe('command line: starters new and starters verify', function () {
  this.timeout(180_000);
  let tmp: string;
  let starter: string;
  const stats = (dir: string, kind: 'solutions' | 'mutants', ...rest: string[]) => join(dir, kind, ...rest, '{{package}}', 'stats.py');
  const verify = (dir: string) => {
    const r = cli('starters', 'verify', dir, '--python', PYTHON, '--json');
    return { status: r.status, stderr: r.stderr, proof: JSON.parse(r.stdout) as StarterProof };
  };

  before(() => {
    const probe = spawnSync(PYTHON, ['-m', 'pytest', '--version'], { encoding: 'utf8' });
    if (probe.status !== 0) throw new Error(`${PYTHON} -m pytest is needed (apt-get install python3-pytest): ${probe.stderr}`);
    tmp = mkdtempSync(join(tmpdir(), 'lp-starters-'));
    const r = cli('starters', 'new', join(tmp, 'pack', 'starters'), '--id', 'scale-demo');
    assert.equal(r.status, 0, r.stderr);
    starter = join(tmp, 'pack', 'starters', 'scale-demo');
    assert.match(r.stdout, new RegExp(`created the starter "scale-demo" in ${starter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes the skeleton, refuses to write over a folder that is not empty', () => {
    assert.deepEqual(listFiles(starter), [
      'files/README.md',
      'files/milestones/test_min_max_scale.py',
      'files/pytest.ini',
      'files/tests/test_smoke.py',
      'files/{{package}}/__init__.py',
      'files/{{package}}/__main__.py',
      'files/{{package}}/stats.py',
      'mutants/min-max-scale/divides-by-max/{{package}}/stats.py',
      'mutants/min-max-scale/hard-codes-example/{{package}}/stats.py',
      'solutions/min-max-scale/{{package}}/stats.py',
      'template.yaml',
    ]);
    const before = readFileSync(join(starter, 'template.yaml'), 'utf8');
    const again = cli('starters', 'new', starter, '--id', 'scale-demo');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists and is not an empty folder; nothing was written/);
    assert.equal(readFileSync(join(starter, 'template.yaml'), 'utf8'), before);
    const bad = cli('starters', 'new', tmp, '--id', 'Bad_Id');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /"Bad_Id" is not a starter id/);
  });

  it('proves the skeleton as written: fails on the scaffold, passes with its solution, catches both mutants', () => {
    const { status, stderr, proof } = verify(starter);
    assert.equal(status, 0, stderr);
    assert.deepEqual(proof.failures, []);
    assert.deepEqual(proof.counts, { exercises: 1, failingOnScaffold: 1, passingWithSolution: 1, mutants: 2, caught: 2, equivalents: 0, equivalentsPassing: 0, cases: { passed: 1 + 4, failed: 0, skipped: 0 } });
    assert.deepEqual(proof.exercises[0]?.mutants.map((m) => [m.id, m.caught]), [
      ['divides-by-max', true],
      ['hard-codes-example', true],
    ]);
    assert.match(proof.exercises[0]?.onScaffold[0]?.outcome.detail ?? '', /^4 of 4 tests failing: NotImplementedError/);
    assert.match(stderr, /mutant min-max-scale\/hard-codes-example \(cheat\): caught/);
  });

  it('fails naming a mutant its test does not catch and an equivalent that does not pass; a true equivalent passes', () => {
    const dir = join(tmp, 'fixture', 'scale-demo');
    cpSync(starter, dir, { recursive: true });
    const solution = readFileSync(stats(dir, 'solutions', 'min-max-scale'), 'utf8');
    const last = 'return [(v - low) / (high - low) for v in values]';
    assert.ok(solution.includes(last));
    const add = (id: string, kind: string, content: string) => {
      mkdirSync(join(dir, 'mutants', 'min-max-scale', id, '{{package}}'), { recursive: true });
      writeFileSync(stats(dir, 'mutants', 'min-max-scale', id), content);
      appendFileSync(join(dir, 'template.yaml'), `      - id: ${id}\n        kind: ${kind}\n        says: ${id}.\n`);
    };
    add('same-as-solution', 'mistake', solution);
    add('named-span', 'equivalent', solution.replace(last, 'span = high - low\n    return [(v - low) / span for v in values]'));
    add('padded-range', 'equivalent', solution.replace(last, 'return [(v - low) / (high - low + 1.0) for v in values]'));
    const { status, proof } = verify(dir);
    assert.equal(status, 1);
    assert.deepEqual(proof.failures, [
      'exercise min-max-scale: its test does not catch the mistake same-as-solution: 4 of 4 tests pass',
      `exercise min-max-scale: the equivalent implementation padded-range does not pass: ${proof.exercises[0]?.mutants.find((m) => m.id === 'padded-range')?.detail}`,
    ]);
    assert.match(proof.failures[1] ?? '', /tests failing/);
    assert.deepEqual([proof.counts.mutants, proof.counts.caught, proof.counts.equivalents, proof.counts.equivalentsPassing], [3, 2, 2, 1]);
    assert.deepEqual(proof.exercises[0]?.mutants.find((m) => m.id === 'named-span'), { id: 'named-span', kind: 'equivalent', caught: true, detail: '4 of 4 tests pass' });
  });

  it('fails naming an exercise that passes on the scaffold, and stops at an undeclared mutant folder with its path', () => {
    const dir = join(tmp, 'free', 'scale-demo');
    cpSync(starter, dir, { recursive: true });
    writeFileSync(join(dir, 'files', '{{package}}', 'stats.py'), readFileSync(stats(dir, 'solutions', 'min-max-scale'), 'utf8'));
    const { status, proof } = verify(dir);
    assert.equal(status, 1);
    assert.deepEqual(proof.failures, ['exercise min-max-scale passes on the scaffold (default): 4 of 4 tests pass']);
    assert.equal(proof.counts.failingOnScaffold, 0);

    mkdirSync(join(dir, 'mutants', 'min-max-scale', 'stray', '{{package}}'), { recursive: true });
    writeFileSync(stats(dir, 'mutants', 'min-max-scale', 'stray'), 'x = 1\n');
    const r = cli('starters', 'verify', dir, '--python', PYTHON);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `${join(dir, 'mutants', 'min-max-scale', 'stray')}:1:1: mutants/min-max-scale/stray is not declared under that milestone's mutants in template.yaml\n`);
    assert.equal(r.stdout, '');
  });

  it('refuses bad options with one line and exit 2', () => {
    for (const [args, message] of [
      [['starters', 'verify', starter, '--threads', '0'], /--threads takes a comma-separated list/],
      [['starters', 'verify', starter, '--jobs', '3'], /--jobs must be 1 or 2/],
      [['starters', 'verify', join(tmp, 'nowhere')], /neither a starter folder .* nor a built-in starter id/],
      [['check', tmp, '--format', 'xml'], /--format must be one of text, json, junit, github, classroom, not "xml"/],
    ] as const) {
      const r = cli(...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });

  it('a project scaffolded from the pack starter is graded by check --pack --format junit|classroom|github', () => {
    const project = join(tmp, 'learner');
    const pack = join(tmp, 'pack');
    const s = cli('scaffold', 'scale-demo', project, '--pack', pack);
    assert.equal(s.status, 0, s.stderr);
    writeFileSync(join(project, 'scale_demo', 'stats.py'), readFileSync(stats(starter, 'solutions', 'min-max-scale'), 'utf8').replace('{{name}}', 'scale_demo'));
    const smoke = spawnSync(PYTHON, ['-m', 'scale_demo', '--smoke'], { cwd: project, encoding: 'utf8' });
    assert.equal(smoke.status, 0, smoke.stderr);
    const junit = cli('check', project, '--run-tests', '--python', PYTHON, '--pack', pack, '--format', 'junit');
    assert.equal(junit.status, 0, junit.stderr);
    const parsed = parseJUnit(junit.stdout);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.report.cases.map((c) => [c.name, c.outcome]), [
      ['run-smoke', 'passed'],
      ['min-max-scale', 'passed'],
    ]);
    const classroom = cli('check', project, '--pack', pack, '--format', 'classroom');
    assert.equal(classroom.status, 0, classroom.stderr);
    const c = JSON.parse(classroom.stdout) as ClassroomResult;
    assert.deepEqual([c.status, c.max_score, c.tests.map((x) => x.score)], ['pass', 3, [1, 2]]);
    // github: the summary goes to $GITHUB_STEP_SUMMARY, annotations to stdout.
    const summary = join(tmp, 'summary.md');
    const gh = spawnSync(process.execPath, [CLI, 'check', project, '--pack', pack, '--format', 'github'], { encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: summary } });
    assert.equal(gh.status, 0, gh.stderr);
    assert.equal(gh.stdout.split('\n').filter((l) => l.startsWith('::notice file=')).length, 2, gh.stdout);
    assert.ok(existsSync(summary));
    assert.match(readFileSync(summary, 'utf8'), /2 of 2 checked milestones verified, 3 of 3 points\./);
    // Without --pack the project's starter is unknown: one line, exit 2.
    const unknown = cli('check', project, '--format', 'junit');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown starter "scale-demo"/);
    // ... unless the project sits in a workspace whose .learning-paths/starters/ holds it.
    const workspace = join(tmp, 'workspace');
    cpSync(join(pack, 'starters'), join(workspace, '.learning-paths', 'starters'), { recursive: true });
    cpSync(project, join(workspace, 'projects', 'mine'), { recursive: true, preserveTimestamps: true });
    const found = cli('check', join(workspace, 'projects', 'mine'), '--format', 'classroom');
    assert.equal(found.status, 0, found.stderr);
    assert.deepEqual((JSON.parse(found.stdout) as ClassroomResult).tests.map((x) => x.status), ['pass', 'pass']);
  });

  it('refuses a hostile pack without opening it: a FIFO as template.yaml, a link, a file over 5 MB (after the learner project exists)', () => {
    assert.ok(existsSync(join(tmp, 'learner', '.learning-path.json')));
    const hostile = join(tmp, 'hostile', 'starters');
    const cases: [string, (dir: string) => void, RegExp][] = [
      ['fifo', (dir) => assert.equal(spawnSync('mkfifo', [join(dir, 'template.yaml')]).status, 0), /template\.yaml: not a regular file \(a pipe, socket or device\); not read$/],
      ['link', (dir) => symlinkSync('/dev/zero', join(dir, 'template.yaml')), /template\.yaml: links are not allowed in a starter$/],
      ['big', (dir) => writeFileSync(join(dir, 'template.yaml'), Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)), /template\.yaml: 5242881 bytes, over the 5 MB a starter file may have; not read$/],
    ];
    for (const [id, make, message] of cases) {
      rmSync(join(tmp, 'hostile'), { recursive: true, force: true });
      mkdirSync(join(hostile, id), { recursive: true });
      make(join(hostile, id));
      for (const args of [['check', join(tmp, 'learner'), '--pack', join(tmp, 'hostile')], ['scaffold', id, join(tmp, 'nope'), '--pack', join(tmp, 'hostile')], ['starters', 'verify', join(hostile, id)]]) {
        const r = cli(...args);
        assert.equal(r.status, 1, `${id} ${args[0]}: ${r.stderr}`);
        assert.match(r.stderr.trim(), message);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      }
    }
    assert.ok(!existsSync(join(tmp, 'nope')));
  });
});
