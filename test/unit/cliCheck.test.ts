// `check` and `solution` on the command line, end to end with a real pytest: the CLI is copied
// next to a templates.json holding one small starter, so the test does not depend on the bundled starters.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Template } from '../../src/core/scaffold/types';
import { repoRoot } from './helpers';

/** Debian's interpreter sees python3-pytest (installed by .ci/run and npm test's set-up). */
const PYTHON = process.env.LP_PYTHON ?? '/usr/bin/python3';

const ADD_STUB = '# TODO(milestone: write-add)\ndef add(a, b):\n    raise NotImplementedError("Write add")\n';
const ADD_DONE = 'def add(a, b):\n    return a + b\n';
const SUB_STUB = '# TODO(milestone: write-sub)\ndef sub(a, b):\n    raise NotImplementedError("Write sub")\n';
const SUB_DONE = 'def sub(a, b):\n    return a - b\n';

const template: Template = {
  manifest: {
    id: 'calc',
    version: 1,
    title: 'Calculator',
    description: 'A tiny starter.',
    skill: 'pytorch',
    level: 'junior',
    roles: ['ml-engineer'],
    defaultName: 'calc',
    smokeCommand: 'python -m {{package}}',
    runCommand: 'python -m {{package}}',
    testCommand: 'python -m pytest -q',
    milestones: [
      { id: 'run-smoke-test', title: 'Run the smoke test', done: 'd', file: 'README.md', serves: [], check: { kind: 'metric', path: 'outputs/metrics.json', key: 'epochs', op: '>=', value: 1, require: [{ key: 'smoke', equals: true }] } },
      { id: 'write-add', title: 'Write add', done: 'd', file: '{{package}}/calc.py', serves: [], check: { kind: 'tests', path: 'milestones/test_add.py' }, hints: ['Addition.', 'Use +.'] },
      { id: 'write-sub', title: 'Write sub', done: 'd', file: '{{package}}/calc.py', serves: [], check: { kind: 'tests', path: 'milestones/test_sub.py' } },
      { id: 'explain', title: 'Explain it', done: 'd', file: 'README.md', serves: [] },
    ],
  },
  files: [
    { path: 'README.md', content: '# {{name}}\n' },
    { path: '{{package}}/__init__.py', content: '' },
    { path: '{{package}}/calc.py', content: `${ADD_STUB}\n\n${SUB_STUB}` },
    { path: 'milestones/test_sub.py', content: 'from {{package}}.calc import sub\n\n\ndef test_sub():\n    assert sub(5, 3) == 2\n' },
    { path: 'milestones/test_add.py', content: 'from {{package}}.calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5, "add(2, 3) should be 5"\n\n\ndef test_negative():\n    assert add(-2, 1) == -1\n' },
  ],
  // Two exercises in one file: each overlay is the scaffolded file with only its own exercise solved.
  solutions: [
    { milestone: 'write-add', files: [{ path: '{{package}}/calc.py', content: `${ADD_DONE}\n\n${SUB_STUB}` }] },
    { milestone: 'write-sub', files: [{ path: '{{package}}/calc.py', content: `${ADD_STUB}\n\n${SUB_DONE}` }] },
  ],
};

interface CheckJson {
  project: { starter: string; name: string };
  milestones: { id: string; title: string; kind: string | null; verified: boolean | null; reason: string }[];
}

describe('command line: check and solution', function () {
  this.timeout(120_000);
  let tmp: string;
  let cliPath: string;
  let project: string;
  const cli = (...args: string[]) => spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', timeout: 90_000 });
  const check = (...extra: string[]): CheckJson => {
    const r = cli('check', project, '--json', ...extra);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as CheckJson;
  };
  const byId = (j: CheckJson, id: string) => j.milestones.find((m) => m.id === id);

  before(function () {
    const probe = spawnSync(PYTHON, ['-m', 'pytest', '--version'], { encoding: 'utf8' });
    if (probe.status !== 0) throw new Error(`${PYTHON} -m pytest is needed (apt-get install python3-pytest): ${probe.stderr}`);
  });
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'lp-check-'));
    mkdirSync(join(tmp, 'dist'));
    cliPath = join(tmp, 'dist', 'cli.js');
    copyFileSync(join(repoRoot, 'dist', 'cli.js'), cliPath);
    writeFileSync(join(tmp, 'dist', 'templates.json'), JSON.stringify([template]));
    project = join(tmp, 'proj');
    const r = cli('scaffold', 'calc', project, '--name', 'mycalc');
    assert.equal(r.status, 0, r.stderr);
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('a fresh scaffold verifies nothing; the tests fail until the solution is applied, then pass', () => {
    const fresh = check();
    assert.deepEqual(fresh.project, { starter: 'calc', name: 'mycalc' });
    assert.deepEqual(
      fresh.milestones.map((m) => [m.id, m.kind, m.verified]),
      [
        ['run-smoke-test', 'metric', false],
        ['write-add', 'tests', false],
        ['write-sub', 'tests', false],
        ['explain', null, null],
      ],
    );
    assert.match(byId(fresh, 'write-add')?.reason ?? '', /not verified yet/);

    const failing = check('--run-tests', '--python', PYTHON);
    assert.equal(byId(failing, 'write-add')?.verified, false);
    assert.match(byId(failing, 'write-add')?.reason ?? '', /2 of 2 tests failing: NotImplementedError: Write add/);
    assert.ok(existsSync(join(project, '.learning-path', 'results', 'write-add.xml')));
    assert.match(readFileSync(join(project, '.learning-path', '.gitignore'), 'utf8'), /^\*$/m);
    assert.equal(cli('check', project, '--strict').status, 1, '--strict fails while a checked milestone is unverified');

    const diff = cli('solution', project, 'write-add');
    assert.equal(diff.status, 0, diff.stderr);
    assert.match(diff.stdout, /^--- a\/mycalc\/calc\.py\tyour project$/m);
    assert.match(diff.stdout, /^\+ {4}return a \+ b$/m);
    assert.match(readFileSync(join(project, 'mycalc', 'calc.py'), 'utf8'), /NotImplementedError/, 'showing the diff writes nothing');

    const applied = cli('solution', project, 'write-add', '--apply');
    assert.equal(applied.status, 0, applied.stderr);
    const passing = check('--run-tests', '--python', PYTHON);
    assert.equal(byId(passing, 'write-add')?.verified, true, byId(passing, 'write-add')?.reason);
    assert.equal(byId(passing, 'write-add')?.reason, '2 of 2 tests pass');
    assert.equal(byId(passing, 'write-sub')?.verified, false, 'the other exercise in the same file is still the learner’s to do');

    // The second solution in the same file keeps the first one.
    assert.equal(cli('solution', project, 'write-sub', '--apply').status, 0);
    assert.equal(readFileSync(join(project, 'mycalc', 'calc.py'), 'utf8'), `${ADD_DONE}\n\n${SUB_DONE}`);
    const both = check('--run-tests', '--python', PYTHON);
    assert.deepEqual([byId(both, 'write-add')?.verified, byId(both, 'write-sub')?.verified], [true, true]);

    // Editing the code after the run makes the report stale: not verified until the tests run again.
    const future = new Date(Date.now() + 5_000);
    utimesSync(join(project, 'mycalc', 'calc.py'), future, future);
    assert.match(byId(check(), 'write-add')?.reason ?? '', /changed since the tests last ran/);
  });

  it('the smoke metric needs its require conditions too', () => {
    mkdirSync(join(project, 'outputs'));
    writeFileSync(join(project, 'outputs', 'metrics.json'), JSON.stringify({ epochs: 2, smoke: false }));
    assert.match(byId(check(), 'run-smoke-test')?.reason ?? '', /smoke is false \(needs true\)/);
    writeFileSync(join(project, 'outputs', 'metrics.json'), JSON.stringify({ epochs: 2, smoke: true }));
    assert.equal(byId(check(), 'run-smoke-test')?.verified, true);
  });

  it('solution --apply keeps the learner’s other edits, never overwrites their attempt without --force, and then keeps a backup', () => {
    // An edit elsewhere in the file survives the merge.
    writeFileSync(join(project, 'mycalc', 'calc.py'), `# my notes\n${ADD_STUB}\n\n${SUB_STUB}`);
    assert.equal(cli('solution', project, 'write-add', '--apply').status, 0);
    assert.equal(readFileSync(join(project, 'mycalc', 'calc.py'), 'utf8'), `# my notes\n${ADD_DONE}\n\n${SUB_STUB}`);
    // An attempt at the lines the solution replaces is never overwritten without --force.
    writeFileSync(join(project, 'mycalc', 'calc.py'), `${ADD_STUB}\n\ndef sub(a, b):\n    return a - b  # my attempt\n`);
    const refused = cli('solution', project, 'write-sub', '--apply');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /not applied: you changed the lines the solution replaces in mycalc\/calc\.py/);
    assert.match(readFileSync(join(project, 'mycalc', 'calc.py'), 'utf8'), /my attempt/);
    const forced = cli('solution', project, 'write-sub', '--apply', '--force');
    assert.equal(forced.status, 0, forced.stderr);
    // Every apply keeps what it replaces: the clean merge above, and the forced replacement.
    const backups = readdirSync(join(project, '.learning-path', 'backup')).sort();
    assert.equal(backups.length, 2);
    assert.match(readFileSync(join(project, '.learning-path', 'backup', backups.find((b) => b.startsWith('write-add-')) as string, 'mycalc', 'calc.py'), 'utf8'), /# my notes/);
    assert.match(readFileSync(join(project, '.learning-path', 'backup', backups.find((b) => b.startsWith('write-sub-')) as string, 'mycalc', 'calc.py'), 'utf8'), /my attempt/);
    assert.match(forced.stdout, /your previous version is in \.learning-path\/backup\/write-sub-/);
  });

  it('runs no git: the project’s git configuration (core.fsmonitor, hooks) never runs', () => {
    const git = (...a: string[]) => spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: project, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'start');
    const marker = join(tmp, 'fsmonitor-ran');
    git('config', 'core.fsmonitor', `touch ${marker}; false`);
    writeFileSync(join(project, '.git', 'hooks', 'post-checkout'), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    writeFileSync(join(project, 'mycalc', 'calc.py'), `${ADD_STUB}\n# a note\n${SUB_STUB}`);
    const applied = cli('solution', project, 'write-add', '--apply');
    assert.equal(applied.status, 0, applied.stderr);
    assert.equal(existsSync(marker), false, 'core.fsmonitor ran');
    assert.equal(readFileSync(join(project, 'mycalc', 'calc.py'), 'utf8'), `${ADD_DONE}\n# a note\n${SUB_STUB}`);
  });

  it('solution --apply never writes through a link or out of the project, and refuses non-UTF-8 and FIFOs', () => {
    const outside = join(tmp, 'outside.py');
    const calc = join(project, 'mycalc', 'calc.py');
    // The learner's file is a link to a file outside the project: neither read nor written.
    writeFileSync(outside, `${ADD_STUB}\n\n${SUB_STUB}`);
    rmSync(calc);
    symlinkSync(outside, calc);
    const linked = cli('solution', project, 'write-add', '--apply');
    assert.equal(linked.status, 1);
    assert.match(linked.stderr, /^not applied: mycalc\/calc\.py: a symbolic link to a file outside the project; not read\n$/);
    assert.equal(readFileSync(outside, 'utf8'), `${ADD_STUB}\n\n${SUB_STUB}`);
    // A link inside the project is read, but the write replaces no link: it is refused.
    rmSync(calc);
    writeFileSync(join(project, 'mycalc', 'real.py'), `${ADD_STUB}\n\n${SUB_STUB}`);
    symlinkSync('real.py', calc);
    const inner = cli('solution', project, 'write-add', '--apply');
    assert.equal(inner.status, 1);
    assert.match(inner.stderr, /^not applied: mycalc\/calc\.py: is a symbolic link; nothing is written through it; your files are kept under \.learning-path\/backup\/write-add-[^/]+\/\n$/);
    assert.equal(readFileSync(join(project, 'mycalc', 'real.py'), 'utf8'), `${ADD_STUB}\n\n${SUB_STUB}`);
    // A folder on the way that links out of the project.
    rmSync(join(project, 'mycalc'), { recursive: true });
    mkdirSync(join(tmp, 'elsewhere'));
    writeFileSync(join(tmp, 'elsewhere', 'calc.py'), `${ADD_STUB}\n\n${SUB_STUB}`);
    symlinkSync(join(tmp, 'elsewhere'), join(project, 'mycalc'));
    const dirLink = cli('solution', project, 'write-add', '--apply');
    assert.equal(dirLink.status, 1);
    assert.match(dirLink.stderr, /outside the project/);
    assert.equal(readFileSync(join(tmp, 'elsewhere', 'calc.py'), 'utf8'), `${ADD_STUB}\n\n${SUB_STUB}`);
    // Not UTF-8: refused, never replaced silently.
    rmSync(join(project, 'mycalc'));
    mkdirSync(join(project, 'mycalc'));
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${ADD_STUB}\n\n${SUB_STUB}`)]);
    writeFileSync(calc, latin1);
    const bytes = cli('solution', project, 'write-add', '--apply');
    assert.equal(bytes.status, 1);
    assert.match(bytes.stderr, /^not applied: mycalc\/calc\.py: not UTF-8 text \(invalid byte 0xe9 at byte offset 5\); not read\n$/);
    assert.deepEqual(readFileSync(calc), latin1);
    // A FIFO where the file should be: refused at once, no hang.
    rmSync(calc);
    assert.equal(spawnSync('mkfifo', [calc]).status, 0);
    const fifo = cli('solution', project, 'write-add', '--apply');
    assert.equal(fifo.status, 1);
    assert.match(fifo.stderr, /^not applied: mycalc\/calc\.py: a named pipe \(FIFO\), not a regular file; not read\n$/);
  });

  it('check --timeout is validated, and a test run that ignores SIGTERM still ends', () => {
    for (const bad of ['0', '-1', 'abc', '5s', 'Infinity', '1e400', '100000']) {
      const r = cli('check', project, '--run-tests', '--python', PYTHON, '--timeout', bad);
      assert.equal(r.status, 2, bad);
      assert.match(r.stderr, /^--timeout (needs a positive number of seconds|is at most 86400 seconds)/, bad);
    }
    writeFileSync(join(project, 'milestones', 'conftest.py'), 'import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\ntime.sleep(120)\n');
    const t0 = Date.now();
    const r = check('--run-tests', '--python', PYTHON, '--timeout', '1');
    assert.ok(Date.now() - t0 < 30_000, `took ${Date.now() - t0} ms`);
    assert.match(byId(r, 'write-add')?.reason ?? '', /did not finish within 1 s/);
    assert.equal(byId(r, 'write-add')?.verified, false);
  });

  it('a hostile project file is a one-line error, never a stack trace', () => {
    rmSync(join(project, '.learning-path.json'));
    symlinkSync('/dev/zero', join(project, '.learning-path.json'));
    const dev = cli('check', project);
    assert.equal(dev.status, 2);
    assert.match(dev.stderr, /\.learning-path\.json: a symbolic link to a file outside the project; not read\n$/);
    rmSync(join(project, '.learning-path.json'));
    mkdirSync(join(project, '.learning-path.json'));
    const dir = cli('check', project);
    assert.equal(dir.status, 2);
    assert.match(dir.stderr, /\.learning-path\.json: a folder, not a regular file; not read\n$/);
    assert.doesNotMatch(dir.stderr + dev.stderr, /\n\s+at /);
  });

  it('clear one-line errors: no project, unknown milestone, no solution, missing test file, no pytest', () => {
    const none = cli('check', tmp);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no \.learning-path\.json here/);
    assert.match(cli('solution', project, 'nope').stderr, /has no milestone "nope"/);
    assert.match(cli('solution', project, 'explain').stderr, /has no reference solution/);
    rmSync(join(project, 'milestones', 'test_add.py'));
    assert.match(byId(check('--run-tests', '--python', PYTHON), 'write-add')?.reason ?? '', /milestones\/test_add\.py does not exist/);
    writeFileSync(join(project, 'milestones', 'test_add.py'), 'def test_a():\n    pass\n');
    assert.match(byId(check('--run-tests', '--python', '/bin/false'), 'write-add')?.reason ?? '', /pytest wrote no report/);
    assert.match(byId(check('--run-tests', '--python', join(tmp, 'no-such-python')), 'write-add')?.reason ?? '', /not found/);
  });
});
