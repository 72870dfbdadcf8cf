// The command line for pack authors and CI (dist/cli.js, built by npm run build).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { repoRoot } from './helpers';

const cli = (...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
// Hostile packs: a hang or a memory blow-up must fail the test quickly, not take the machine down.
const guarded = (...args: string[]) =>
  spawnSync(process.execPath, ['--max-old-space-size=512', join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8', timeout: 20_000, maxBuffer: 64 * 1024 * 1024 });

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
    assert.deepEqual(pytorch?.expectations.filter((e) => typeof e.required !== 'boolean' || e.text.length === 0), [], 'every expectation has required and a text');
    const fluency = c.skills.find((s) => s.id === 'ml-technical-fluency');
    assert.deepEqual(fluency?.practiceProjects?.map((p) => p.steps.length), [4, 4, 4]);
  });

  it('templates --json lists the five starters with their milestones', () => {
    const r = cli('templates', '--json');
    assert.equal(r.status, 0, r.stderr);
    const list = JSON.parse(r.stdout) as { id: string; milestones: unknown[]; files: string[] }[];
    assert.deepEqual(
      list.map((t) => [t.id, t.milestones.length >= 5, t.files.includes('README.md')]),
      ['distributed-pytorch', 'ml-pipeline', 'pytorch-image-classifier', 'transformer-text-classifier', 'two-stage-recommender'].map((id) => [id, true, true]),
    );
  });

  it('build-assets: the Brotli copy the extension reads is the same starters, at a fraction of the size', () => {
    const json = readFileSync(join(repoRoot, 'dist', 'templates.json'));
    const br = readFileSync(join(repoRoot, 'dist', 'templates.json.br'));
    assert.equal(brotliDecompressSync(br).toString('utf8'), json.toString('utf8'));
    assert.ok(br.length < json.length / 4, `${br.length} bytes compressed of ${json.length}`);
  });

  it('build-assets: mutants (files and declarations) prove the exercises in CI but never ship', () => {
    const shipped = JSON.parse(readFileSync(join(repoRoot, 'dist', 'templates.json'), 'utf8')) as { manifest: { milestones: object[] } }[];
    const onDisk = readFileSync(join(repoRoot, 'data', 'templates', 'ml-pipeline', 'template.yaml'), 'utf8');
    assert.match(onDisk, /^ {4}mutants:$/m, 'the starters declare mutants');
    assert.equal(shipped.length, 5);
    for (const t of shipped) {
      assert.ok(!('mutants' in t));
      for (const m of t.manifest.milestones) assert.ok(!('mutants' in m), JSON.stringify(m).slice(0, 80));
    }
  });

  it('templates --json through a shell pipe: the whole document arrives, not its first 64 KB', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${join(repoRoot, 'dist', 'cli.js')}" templates --json | cat`], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.length > 65_536, `only ${r.stdout.length} characters (the list is larger than one pipe buffer)`);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 5);
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

  it('scaffold refuses names that would break the project, saying why', () => {
    const stdlib = cli('scaffold', 'ml-pipeline', join(dir, 'a'), '--name', 'dataclasses');
    assert.equal(stdlib.status, 1);
    assert.equal(stdlib.stderr, 'invalid --name "dataclasses": "dataclasses" would shadow the Python standard-library module of the same name\n');
    const ignored = cli('scaffold', 'ml-pipeline', join(dir, 'b'), '--name', 'outputs');
    assert.equal(ignored.stderr, 'invalid --name "outputs": "outputs" is git-ignored by this starter (.gitignore): the package would never be committed\n');
    const imported = cli('scaffold', 'ml-pipeline', join(dir, 'c'), '--name', 'sklearn');
    assert.equal(imported.stderr, 'invalid --name "sklearn": "sklearn" would shadow the module "sklearn" that this starter imports\n');
    assert.deepEqual(readdirSync(dir), [], 'nothing written');
  });

  it('an expected file-system fault is one line naming the file, exit 1, never a stack trace', () => {
    mkdirSync(join(dir, 'out.json'));
    writeFileSync(join(dir, 'pack.yaml'), 'skills: []\n');
    const r = cli('compile', join(dir, 'pack.yaml'), '-o', join(dir, 'out.json'));
    assert.equal(r.status, 1);
    assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('learning-paths: ')).join('\n'), `learning-paths: ${join(dir, 'out.json')}: is a folder, not a file`);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
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

describe('command line: hostile pack folders load what they can and say what they skipped', () => {
  let dir: string;
  let pack: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-hostile-'));
    pack = join(dir, 'pack');
    mkdirSync(pack);
    writeFileSync(join(pack, 'good.yaml'), 'roles:\n  - id: good-role\n    title: Good\n    summary: loads whatever sits beside it\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `catalog --json` and `validate` on the pack: the good file always loads. */
  const run = () => {
    const catalog = guarded('catalog', '--json', '--pack', pack);
    assert.equal(catalog.error, undefined, `catalog did not finish: ${String(catalog.error)}`);
    assert.equal(catalog.status, 0, catalog.stderr);
    const roles = (JSON.parse(catalog.stdout) as { roles: { id: string }[] }).roles.map((r) => r.id);
    assert.ok(roles.includes('good-role'), 'the good file beside the hostile one is loaded');
    const validate = guarded('validate', pack);
    assert.equal(validate.error, undefined, `validate did not finish: ${String(validate.error)}`);
    return { roles, problems: catalog.stderr, validate };
  };

  it('a FIFO named like a pack file is refused without being opened for reading', () => {
    assert.equal(spawnSync('mkfifo', [join(pack, 'pipe.yaml')]).status, 0, 'mkfifo (coreutils) made no FIFO');
    const r = run();
    assert.match(r.problems, /pipe\.yaml:1:1: a named pipe \(FIFO\), not a regular file; not read/);
    assert.equal(r.validate.status, 1);
  });

  it('a symlink to /dev/zero is skipped (it leaves the pack folder), and naming it directly is refused', () => {
    symlinkSync('/dev/zero', join(pack, 'zero.yaml'));
    const r = run();
    assert.match(r.problems, /zero\.yaml:1:1: warning: symbolic link to \/dev\/zero, outside the pack folder .*; skipped/);
    assert.equal(r.validate.status, 0, r.validate.stdout);
    const direct = guarded('validate', join(pack, 'zero.yaml'));
    assert.equal(direct.error, undefined, String(direct.error));
    assert.equal(direct.status, 1);
    assert.match(direct.stdout, /zero\.yaml:1:1: a device, not a regular file; not read/);
  });

  it('a 100 MB file is refused by its size before it is read', () => {
    const fd = openSync(join(pack, 'huge.yaml'), 'w');
    writeSync(fd, 'roles:\n  - id: huge-role\n    title: Huge\n    summary: "');
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < 100; i++) writeSync(fd, chunk);
    writeSync(fd, '"\n');
    closeSync(fd);
    const r = run();
    assert.match(r.problems, /huge\.yaml:1:1: 100\.0 MB is over the 5 MB limit for YAML pack files; not read/);
    assert.ok(!r.roles.includes('huge-role'));
    assert.equal(r.validate.status, 1);
  });

  it('a symlink loop is reported at its folder and the rest of the pack still loads', () => {
    symlinkSync('b.yaml', join(pack, 'a.yaml'));
    symlinkSync('a.yaml', join(pack, 'b.yaml'));
    mkdirSync(join(pack, 'sub'));
    writeFileSync(join(pack, 'sub', 'more.yaml'), 'roles:\n  - id: sub-role\n    title: Sub\n    summary: below the loop\n');
    symlinkSync('..', join(pack, 'sub', 'up'));
    const r = run();
    assert.ok(r.roles.includes('sub-role'));
    assert.match(r.problems, new RegExp(`${pack.replace(/[/.]/g, '\\$&')}:1:1: symbolic link loop at "a\\.yaml"; not followed`));
    assert.match(r.problems, /sub:1:1: symbolic link loop: "up" points back to .*; not followed/);
    assert.equal(r.validate.status, 1);
  });

  it('a symlink out of the pack folder is skipped with a warning, not followed', () => {
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', 'foreign.yaml'), 'roles:\n  - id: foreign-role\n    title: Foreign\n    summary: not ours\n');
    symlinkSync(join(dir, 'elsewhere'), join(pack, 'shared'));
    symlinkSync(join(dir, 'elsewhere', 'foreign.yaml'), join(pack, 'foreign.yaml'));
    const r = run();
    assert.ok(!r.roles.includes('foreign-role'), 'nothing from outside the pack folder is loaded');
    assert.match(r.problems, /shared:1:1: warning: symbolic link to .*elsewhere, outside the pack folder .*; skipped/);
    assert.match(r.problems, /foreign\.yaml:1:1: warning: symbolic link to .*; skipped/);
    assert.equal(r.validate.status, 0);
    assert.match(r.validate.stdout, /warning: symbolic link/);
  });

  it('a .json pack with a trailing comma, a comment or an unquoted key is an error at its line and column', () => {
    writeFileSync(join(pack, 'comma.json'), '{\n  "roles": [\n    { "id": "comma-role", "title": "C", "summary": "s" },\n  ]\n}\n');
    writeFileSync(join(pack, 'comment.json'), '{\n  // our roles\n  "roles": []\n}\n');
    writeFileSync(join(pack, 'unquoted.json'), '{\n  roles: []\n}\n');
    const r = run();
    assert.ok(!r.roles.includes('comma-role'));
    assert.equal(r.validate.status, 1);
    const out = r.validate.stdout;
    assert.match(out, /comma\.json:4:3: invalid JSON: trailing comma before "\]"/);
    assert.match(out, /comment\.json:2:3: invalid JSON: comments are not allowed in JSON/);
    assert.match(out, /unquoted\.json:2:3: invalid JSON: unexpected "roles", expected a property name in double quotes/);
  });

  it('text that is not UTF-8 is an error naming the file and the byte offset', () => {
    const head = Buffer.from('roles:\n  - id: latin-role\n    title: Caf');
    writeFileSync(join(pack, 'latin1.yaml'), Buffer.concat([head, Buffer.from([0xe9]), Buffer.from('\n    summary: s\n')]));
    const r = run();
    assert.ok(!r.roles.includes('latin-role'));
    assert.equal(r.validate.status, 1);
    assert.match(r.validate.stdout, new RegExp(`latin1\\.yaml:3:15: not UTF-8 text: invalid byte 0xe9 at byte offset ${head.length}`));
  });
});
