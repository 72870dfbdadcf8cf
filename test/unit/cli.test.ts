// The command line for pack authors and CI (dist/cli.js, built by npm run build).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './helpers';

const cli = (...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8', timeout: 60_000 });

describe('command line', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lp-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('validate: one file:line:col line per problem, exit 1; exit 0 when clean', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'roles:\n  - id: ok-role\n    title: OK\n    summary: fine\n  - id: Bad_Role\n    title: Bad\n');
    const bad = cli('validate', dir);
    assert.equal(bad.status, 1);
    const lines = bad.stdout.trim().split('\n');
    assert.equal(lines.length, 2, bad.stdout);
    assert.match(lines[0] ?? '', new RegExp(`^${join(dir, 'bad.yaml').replace(/[/.]/g, '\\$&')}:5:5: roles\\[1\\]: missing required field "summary"$`));
    assert.match(lines[1] ?? '', /bad\.yaml:5:9: roles\[1\]\.id: expected a kebab-case id/);
    writeFileSync(join(dir, 'bad.yaml'), 'roles:\n  - id: ok-role\n    title: OK\n    summary: fine\n');
    const good = cli('validate', dir);
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.equal(good.stdout, '');
  });

  it('catalog --json: the merged catalog with the documented shape, packs included', () => {
    writeFileSync(join(dir, 'team.yaml'), 'roles:\n  - id: team-role\n    title: Team Role\n    summary: ours\n');
    const r = cli('catalog', '--json', '--pack', dir);
    assert.equal(r.status, 0, r.stderr);
    const c = JSON.parse(r.stdout) as { levels: { id: string; title: string; order: number }[]; roles: { id: string; title: string }[]; skills: { id: string; expectations: { role: string; level: string; required: boolean; text: string }[]; practiceProjects?: { id: string; title: string; difficulty: string; steps: string[] }[] }[] };
    assert.deepEqual(c.levels.map((l) => [l.id, l.order]), [['junior', 1], ['middle', 2], ['senior', 3], ['lead', 4], ['principal', 5]]);
    assert.ok(c.roles.some((x) => x.id === 'team-role' && x.title === 'Team Role'));
    const pytorch = c.skills.find((s) => s.id === 'pytorch');
    assert.equal(pytorch?.expectations.length, 25);
    assert.ok(pytorch?.expectations.every((e) => typeof e.required === 'boolean' && e.text.length > 0));
    const fluency = c.skills.find((s) => s.id === 'ml-technical-fluency');
    assert.deepEqual(fluency?.practiceProjects?.map((p) => p.steps.length), [4, 4, 4]);
  });

  it('templates --json lists the five starters with their milestones', () => {
    const r = cli('templates', '--json');
    assert.equal(r.status, 0, r.stderr);
    const list = JSON.parse(r.stdout) as { id: string; milestones: unknown[]; files: string[] }[];
    assert.equal(list.length, 5);
    assert.ok(list.every((t) => t.milestones.length >= 5 && t.files.includes('README.md')));
  });

  it('scaffold: writes a starter, refuses a non-empty folder, an unknown starter and a bad name', () => {
    const ok = cli('scaffold', 'ml-pipeline', join(dir, 'pipe'), '--name', 'my_pipeline');
    assert.equal(ok.status, 0, ok.stderr);
    assert.ok(readdirSync(join(dir, 'pipe')).includes('my_pipeline'));
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'keep.txt'), 'mine');
    const taken = cli('scaffold', 'ml-pipeline', join(dir, 'taken'));
    assert.equal(taken.status, 1);
    assert.match(taken.stderr, /not empty/);
    assert.deepEqual(readdirSync(join(dir, 'taken')), ['keep.txt']);
    assert.equal(cli('scaffold', 'no-such-starter', join(dir, 'x')).status, 1);
    const badName = cli('scaffold', 'ml-pipeline', join(dir, 'y'), '--name', 'Bad-Name');
    assert.equal(badName.status, 1);
    assert.match(badName.stderr, /invalid --name/);
  });

  it('scaffold under a 4 KB file-size limit (EFBIG mid-write): nothing left behind, the cause and the file named, a re-run works', () => {
    // bash's `ulimit -f` counts 1024-byte blocks; Node ignores SIGXFSZ, so a write past it fails with EFBIG.
    const limited = (...args: string[]) =>
      spawnSync('bash', ['-c', 'ulimit -f 4 && exec "$0" "$@"', process.execPath, join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
    const target = join(dir, 'deep', 'er', 'pipe');
    const r = limited('scaffold', 'ml-pipeline', target, '--name', 'my_pipeline');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /^Could not write .*\/deep\/er\/pipe\/\S+: file too large \(the file-size limit was reached\) \(EFBIG\)\. Nothing was left behind: .*pipe is still absent\.\n$/);
    assert.deepEqual(readdirSync(dir), [], 'not even the parent folders it created');
    mkdirSync(join(dir, 'empty'));
    const inEmpty = limited('scaffold', 'ml-pipeline', join(dir, 'empty'));
    assert.equal(inEmpty.status, 1);
    assert.match(inEmpty.stderr, /EFBIG.*empty is empty, as it was/);
    assert.deepEqual(readdirSync(dir), ['empty']);
    assert.deepEqual(readdirSync(join(dir, 'empty')), []);
    const again = cli('scaffold', 'ml-pipeline', join(dir, 'empty'), '--name', 'my_pipeline');
    assert.equal(again.status, 0, again.stderr);
    assert.ok(readdirSync(join(dir, 'empty')).includes('.learning-path.json'));
    assert.deepEqual(readdirSync(dir), ['empty'], 'no temporary folder left');
  });
});
