// Starters in content packs (issue 22): read defensively, validated like the built-in ones, merged
// by pack precedence, and kept apart from the pack's catalog files.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPacks } from '../../src/core/catalog/packLoad';
import { readPackFiles } from '../../src/core/catalog/packFiles';
import { formatDiagnostic } from '../../src/core/diagnostics';
import { mergeStarters, readPackStarters, MAX_STARTERS_PER_PACK } from '../../src/core/scaffold/packStarters';
import { readTemplateDir, readTemplates } from '../../src/core/scaffold/templateFiles';
import type { Template } from '../../src/core/scaffold/types';
import { parse as parseYaml } from 'yaml';
import { ciWorkflow } from '../../src/core/authoring/ciWorkflow';
import { starterSkeleton } from '../../src/core/authoring/skeleton';
import { english } from '../../src/core/l10n';
import { buildSkillPage } from '../../src/core/view/skillPageModel';
import type { NextLevel, SkillPageModel } from '../../src/shared/skillPageModel';
import { bundledIndex, repoRoot } from './helpers';

const manifest = (id: string, extra = '') => `id: ${id}
version: 1
title: Team starter ${id}
description: A team's own exercise.
skill: pytorch
level: junior
roles: [ml-engineer]
defaultName: team_project
smokeCommand: "python -m {{package}}.main --smoke"
runCommand: "python -m {{package}}.main"
testCommand: "python -m pytest -q"
milestones:
  - id: add-numbers
    title: Add two numbers
    done: add() returns the sum.
    file: "{{package}}/main.py"
    serves:
      - {skill: pytorch, role: ml-engineer, level: junior}
    check: {kind: tests, path: milestones/test_add_numbers.py}
    hints: [Return the sum.]
${extra}`;

/** Writes a valid starter `<pack>/starters/<id>/`; returns its folder. */
function writeStarter(pack: string, id: string, extra = ''): string {
  const dir = join(pack, 'starters', id);
  mkdirSync(join(dir, 'files', '{{package}}'), { recursive: true });
  mkdirSync(join(dir, 'files', 'milestones'), { recursive: true });
  mkdirSync(join(dir, 'solutions', 'add-numbers', '{{package}}'), { recursive: true });
  writeFileSync(join(dir, 'template.yaml'), manifest(id, extra));
  writeFileSync(join(dir, 'files', '{{package}}', 'main.py'), 'def add(a, b):\n    raise NotImplementedError  # TODO(milestone: add-numbers)\n');
  writeFileSync(join(dir, 'files', 'milestones', 'test_add_numbers.py'), 'from {{package}}.main import add\n\ndef test_add():\n    assert add(2, 3) == 5\n');
  writeFileSync(join(dir, 'solutions', 'add-numbers', '{{package}}', 'main.py'), 'def add(a, b):\n    return a + b\n');
  return dir;
}

const messages = (ds: readonly { message: string }[]) => ds.map((d) => d.message).join('\n');
const base = () => bundledIndex().catalog;

describe('starters in content packs', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lp-pack-starters-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a pack starter in the built-in format, marked with its pack', () => {
    const pack = join(dir, '.learning-paths');
    writeStarter(pack, 'team-add');
    const { starters, diagnostics } = readPackStarters(pack);
    assert.deepEqual(diagnostics, []);
    assert.equal(starters.length, 1);
    const t = starters[0] as Template;
    assert.equal(t.manifest.id, 'team-add');
    assert.equal(t.pack, pack);
    assert.deepEqual(t.files.map((f) => f.path).sort(), ['milestones/test_add_numbers.py', '{{package}}/main.py']);
    assert.deepEqual(t.solutions?.map((s) => s.milestone), ['add-numbers']);
  });

  it('a pack without starters/ (or with a file of that name) has no starters and no problems', () => {
    assert.deepEqual(readPackStarters(dir), { starters: [], diagnostics: [] });
    writeFileSync(join(dir, 'starters'), 'not a folder');
    assert.deepEqual(readPackStarters(dir), { starters: [], diagnostics: [] });
    assert.deepEqual(readPackStarters(join(dir, 'absent')), { starters: [], diagnostics: [] });
  });

  it("the catalog walk leaves the pack's starters/ alone (template.yaml is not a catalog file)", () => {
    const pack = join(dir, 'pack');
    writeStarter(pack, 'team-add');
    writeFileSync(join(pack, 'starters', 'team-add', 'files', 'data.json'), '{"not": "a catalog"}');
    writeFileSync(join(pack, 'team.yaml'), 'roles:\n  - id: team-role\n    title: Team\n    summary: s\n');
    mkdirSync(join(pack, 'more', 'starters'), { recursive: true });
    writeFileSync(join(pack, 'more', 'starters', 'deep.yaml'), 'roles: []\n');
    const read = readPackFiles([pack]);
    assert.deepEqual(read.listed, [join(pack, 'more', 'starters', 'deep.yaml'), join(pack, 'team.yaml')], 'only the top-level starters/ is skipped');
    assert.deepEqual(read.diagnostics, []);
  });

  it('loads pack starters with the catalog, by pack precedence: a later pack replaces a starter with the same id', () => {
    const setting = join(dir, 'team-pack');
    const workspace = join(dir, 'ws');
    writeStarter(setting, 'team-add');
    writeStarter(setting, 'only-in-setting');
    writeStarter(join(workspace, '.learning-paths'), 'team-add');
    const result = loadPacks({ base: base(), roots: [{ path: setting, optional: false }, { path: join(workspace, '.learning-paths'), optional: true, within: workspace }], overrides: [] });
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(
      result.starters.map((t) => [t.manifest.id, t.pack]),
      [
        ['only-in-setting', setting],
        ['team-add', join(workspace, '.learning-paths')],
      ],
    );
    assert.deepEqual(result.files, [], 'no starter file was taken for a catalog file');
  });

  it('mergeStarters: a pack starter replaces a bundled one with the same id, in its place', () => {
    const t = (id: string, pack?: string): Template => ({ manifest: { id } as Template['manifest'], files: [], ...(pack ? { pack } : {}) });
    const merged = mergeStarters([[t('a'), t('b'), t('c')], [t('b', 'p1'), t('d', 'p1')], [t('d', 'p2')]]);
    assert.deepEqual(
      merged.map((x) => `${x.manifest.id}:${x.pack ?? 'bundled'}`),
      ['a:bundled', 'b:p1', 'c:bundled', 'd:p2'],
    );
  });

  it('a starter that names a skill, role or level the catalog lacks is left out, saying which', () => {
    const pack = join(dir, 'pack');
    writeStarter(pack, 'team-add');
    writeStarter(pack, 'bad-skill');
    const file = join(pack, 'starters', 'bad-skill', 'template.yaml');
    writeFileSync(file, manifest('bad-skill').replace('skill: pytorch\n', 'skill: no-such-skill\n'));
    const result = loadPacks({ base: base(), roots: [{ path: pack, optional: false }], overrides: [] });
    assert.deepEqual(result.starters.map((t) => t.manifest.id), ['team-add']);
    assert.deepEqual(result.diagnostics.map(formatDiagnostic), [`${file}:1:1: skill: unknown skill id "no-such-skill"`]);
  });

  it('a pack starter may practise a skill its own pack adds', () => {
    const pack = join(dir, 'pack');
    writeStarter(pack, 'team-add');
    const file = join(pack, 'starters', 'team-add', 'template.yaml');
    writeFileSync(file, manifest('team-add').replace(/skill: pytorch/g, 'skill: team-numpy').replace('roles: [ml-engineer]', 'roles: [ml-engineer]'));
    writeFileSync(
      join(pack, 'team.yaml'),
      'skills:\n  - id: team-numpy\n    title: NumPy\n    summary: s\n    roles: [ml-engineer]\n    expectations:\n      - { role: ml-engineer, level: junior, required: true, text: Vectorises }\n',
    );
    const result = loadPacks({ base: base(), roots: [{ path: pack, optional: false }], overrides: [] });
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(result.starters.map((t) => t.manifest.skill), ['team-numpy']);
  });

  it('bad YAML and schema errors are reported at their line and column, and the starter is left out', () => {
    const pack = join(dir, 'pack');
    writeStarter(pack, 'broken');
    writeStarter(pack, 'wrong-type');
    const broken = join(pack, 'starters', 'broken', 'template.yaml');
    writeFileSync(broken, 'id: broken\nversion: 1\ntitle: [unclosed\n');
    const wrong = join(pack, 'starters', 'wrong-type', 'template.yaml');
    writeFileSync(wrong, manifest('wrong-type').replace('version: 1', 'version: one'));
    const { starters, diagnostics } = readPackStarters(pack);
    assert.deepEqual(starters, []);
    const brokenLine = diagnostics.find((d) => d.file === broken);
    assert.ok(brokenLine, messages(diagnostics));
    assert.match(brokenLine.message, /invalid YAML/);
    assert.ok(brokenLine.line >= 3, `line ${brokenLine.line}`);
    const wrongType = diagnostics.find((d) => d.file === wrong);
    assert.deepEqual(wrongType && [wrongType.line, wrongType.column, wrongType.field], [2, 10, 'version'], messages(diagnostics));
  });

  it('the id must match its folder', () => {
    const pack = join(dir, 'pack');
    const folder = writeStarter(pack, 'folder-name');
    writeFileSync(join(folder, 'template.yaml'), manifest('other-id'));
    const { starters, diagnostics } = readPackStarters(pack);
    assert.deepEqual(starters, []);
    assert.deepEqual(diagnostics.map(formatDiagnostic), [`${join(folder, 'template.yaml')}:1:5: id: id "other-id" must match its folder name "folder-name"`]);
  });

  it('unsaved edits of template.yaml are validated as the author types', () => {
    const pack = join(dir, 'pack');
    const folder = writeStarter(pack, 'team-add');
    const file = join(folder, 'template.yaml');
    const edited = readPackStarters(pack, { overrides: new Map([[file, manifest('team-add').replace('Team starter team-add', 'Edited title')]]) });
    assert.equal(edited.starters[0]?.manifest.title, 'Edited title');
  });

  it("the CLI's validate checks a pack's starters too, one file:line:col per problem", () => {
    const pack = join(dir, 'pack');
    writeStarter(pack, 'team-add');
    const cli = () => spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'validate', pack], { encoding: 'utf8', timeout: 60_000 });
    const ok = cli();
    assert.deepEqual([ok.status, ok.stdout, ok.stderr], [0, '', 'no problems found\n']);
    const wrong = join(pack, 'starters', 'team-add', 'template.yaml');
    writeFileSync(wrong, manifest('team-add').replace('version: 1', 'version: one'));
    const bad = cli();
    assert.deepEqual([bad.status, bad.stdout, bad.stderr], [1, `${wrong}:2:10: version: expected a whole number, found the text "one"\n`, '1 problem(s) found\n']);
  });

  describe('hostile starters (a cloned repository)', () => {
    it('a link inside a starter is refused, never followed, and the starter is left out', () => {
      const pack = join(dir, 'pack');
      const folder = writeStarter(pack, 'linked');
      symlinkSync('/etc/passwd', join(folder, 'files', 'passwd'));
      const { starters, diagnostics } = readPackStarters(pack);
      assert.deepEqual(starters, []);
      assert.deepEqual(diagnostics.map(formatDiagnostic), [`${join(folder, 'files', 'passwd')}:1:1: links are not allowed in a template`]);
    });

    it('a template.yaml, a solutions/ or a solution folder that is a link is refused, even with unsaved edits', () => {
      const elsewhere = writeStarter(join(dir, 'elsewhere'), 'team-add');
      const folder = writeStarter(join(dir, 'pack'), 'team-add');
      const manifestFile = join(folder, 'template.yaml');
      rmSync(manifestFile);
      symlinkSync(join(elsewhere, 'template.yaml'), manifestFile);
      const edited = new Map([[manifestFile, manifest('team-add')]]);
      assert.deepEqual(readTemplateDir(folder, 'team-add', { overrides: edited }).diagnostics.map((d) => d.message), ['links are not allowed in a template; not read']);
      rmSync(manifestFile);
      writeFileSync(manifestFile, manifest('team-add'));
      rmSync(join(folder, 'solutions'), { recursive: true });
      symlinkSync(join(elsewhere, 'solutions'), join(folder, 'solutions'));
      const linkedSolutions = readTemplateDir(folder, 'team-add');
      assert.deepEqual([linkedSolutions.template, linkedSolutions.diagnostics.map(formatDiagnostic)], [undefined, [`${join(folder, 'solutions')}:1:1: links are not allowed in a template`]]);
      rmSync(join(folder, 'solutions'));
      mkdirSync(join(folder, 'solutions'));
      symlinkSync(join(elsewhere, 'solutions', 'add-numbers'), join(folder, 'solutions', 'add-numbers'));
      assert.deepEqual(readTemplateDir(folder, 'team-add').diagnostics.map(formatDiagnostic), [`${join(folder, 'solutions', 'add-numbers')}:1:1: links are not allowed in a template`]);
    });

    it('readTemplates (the built-in starters) refuses a starter folder that is a link', () => {
      writeStarter(join(dir, 'elsewhere'), 'team-add');
      const root = join(dir, 'templates');
      mkdirSync(root);
      symlinkSync(join(dir, 'elsewhere', 'starters', 'team-add'), join(root, 'team-add'));
      writeStarter(join(dir, 'real'), 'real-one');
      symlinkSync(join(dir, 'real', 'starters', 'real-one'), join(root, 'linked-too'));
      const r = readTemplates(root);
      assert.deepEqual(r.templates, []);
      assert.deepEqual(r.diagnostics.map((d) => d.message), ['links are not allowed in a template; not read', 'links are not allowed in a template; not read']);
    });

    it('starters/ or a starter folder that is a link is refused', () => {
      const elsewhere = join(dir, 'elsewhere');
      writeStarter(elsewhere, 'outside');
      const pack = join(dir, 'pack');
      mkdirSync(pack);
      symlinkSync(join(elsewhere, 'starters'), join(pack, 'starters'));
      assert.deepEqual(readPackStarters(pack).diagnostics.map((d) => d.message), ['links are not allowed here: starters/ must be a folder of the pack; not read']);
      const pack2 = join(dir, 'pack2');
      mkdirSync(join(pack2, 'starters'), { recursive: true });
      symlinkSync(join(elsewhere, 'starters', 'outside'), join(pack2, 'starters', 'outside'));
      const r = readPackStarters(pack2);
      assert.deepEqual([r.starters.length, r.diagnostics.map((d) => d.message)], [0, ['links are not allowed here: a starter must be a folder of the pack; not read']]);
    });

    it("a workspace's .learning-paths that links out of the workspace gives no starters", () => {
      const elsewhere = join(dir, 'elsewhere');
      writeStarter(elsewhere, 'outside');
      const ws = join(dir, 'ws');
      mkdirSync(ws);
      symlinkSync(elsewhere, join(ws, '.learning-paths'));
      assert.deepEqual(readPackStarters(join(ws, '.learning-paths'), { within: ws }), { starters: [], diagnostics: [] });
      assert.equal(readPackStarters(join(ws, '.learning-paths')).starters.length, 1, 'the same pack, not confined, is read');
    });

    it('a huge file is refused by its size before it is read', () => {
      const pack = join(dir, 'pack');
      const folder = writeStarter(pack, 'huge');
      const big = join(folder, 'files', 'weights.py');
      writeFileSync(big, '');
      truncateSync(big, 100 * 1024 * 1024); // sparse: 100 MB that take no disk
      const { starters, diagnostics } = readPackStarters(pack);
      assert.deepEqual(starters, []);
      assert.deepEqual(diagnostics.map(formatDiagnostic), [`${big}:1:1: 100 MB is over the 1 MB limit; not read`]);
    });

    it('a huge template.yaml is refused too', () => {
      const pack = join(dir, 'pack');
      const folder = writeStarter(pack, 'huge');
      truncateSync(join(folder, 'template.yaml'), 2 * 1024 * 1024);
      assert.deepEqual(readPackStarters(pack).diagnostics.map((d) => d.message), ['2 MB is over the 1 MB limit; not read']);
    });

    it('a FIFO is not opened (opening it would wait for a writer)', () => {
      const pack = join(dir, 'pack');
      const folder = writeStarter(pack, 'fifo');
      execFileSync('mkfifo', [join(folder, 'files', 'pipe.py')]);
      const { starters, diagnostics } = readPackStarters(pack);
      assert.deepEqual(starters, []);
      assert.deepEqual(diagnostics.map((d) => d.message), ['not a regular file; not read']);
    });

    it('bytes that are not UTF-8 are named by offset', () => {
      const pack = join(dir, 'pack');
      const folder = writeStarter(pack, 'binary');
      writeFileSync(join(folder, 'files', 'blob.py'), Buffer.from([0x61, 0x62, 0xff]));
      assert.match(messages(readPackStarters(pack).diagnostics), /not UTF-8 text: invalid byte 0xff at byte offset 2/);
    });

    it('caps the files, the bytes and the depth of one starter', () => {
      const folder = writeStarter(dir, 'capped');
      for (let i = 0; i < 5; i++) writeFileSync(join(folder, 'files', `f${i}.py`), 'x = 1\n');
      mkdirSync(join(folder, 'files', 'a', 'b'), { recursive: true });
      writeFileSync(join(folder, 'files', 'a', 'b', 'deep.py'), '');
      assert.match(messages(readTemplateDir(folder, 'capped', { limits: { files: 4 } }).diagnostics), /more than 4 files in this starter; the rest are not read/);
      assert.equal(readTemplateDir(folder, 'capped', { limits: { files: 4 } }).template, undefined);
      assert.match(messages(readTemplateDir(folder, 'capped', { limits: { totalBytes: 100 } }).diagnostics), /more than 100 bytes of files in this starter/);
      assert.match(messages(readTemplateDir(folder, 'capped', { limits: { depth: 1 } }).diagnostics), /folders nested more than 1 deep; not read/);
      assert.ok(readTemplateDir(folder, 'capped').template, 'within the default limits it loads');
    });

    it('more than the cap of starters in one pack: the rest are not read, with a warning', () => {
      const pack = join(dir, 'pack');
      for (let i = 0; i <= MAX_STARTERS_PER_PACK; i++) mkdirSync(join(pack, 'starters', `s${String(i).padStart(3, '0')}`), { recursive: true });
      const r = readPackStarters(pack);
      assert.equal(r.diagnostics.filter((d) => /no template\.yaml/.test(d.message)).length, MAX_STARTERS_PER_PACK);
      assert.deepEqual(r.diagnostics.at(-1)?.message, `more than ${MAX_STARTERS_PER_PACK} starters in this pack; the rest are not read`);
    });

    it("once a pack's starters hold the pack's byte budget, the rest are not read, with a warning", () => {
      const pack = join(dir, 'pack');
      for (const id of ['a-first', 'b-second', 'c-third']) writeStarter(pack, id);
      const one = readPackStarters(pack, { maxBytes: 1 });
      assert.deepEqual(one.starters.map((t) => t.manifest.id), ['a-first']);
      assert.match(one.diagnostics.map(formatDiagnostic).join('\n'), /warning: the starters read so far hold \d+ bytes, the limit for one pack; "b-second" and the rest are not read/);
      assert.deepEqual(readPackStarters(pack).starters.map((t) => t.manifest.id), ['a-first', 'b-second', 'c-third']);
    });

    it('without a files/ folder a starter is refused', () => {
      const folder = writeStarter(dir, 'nofiles');
      rmSync(join(folder, 'files'), { recursive: true });
      assert.match(messages(readTemplateDir(folder, 'nofiles').diagnostics), /a starter needs a files\/ folder/);
    });
  });

  describe('mutants: listed for the extension, read for the author', () => {
    const declare = (text: string) => text.replace('    hints: [Return the sum.]\n', '    hints: [Return the sum.]\n    mutants:\n      - {id: subtracts, kind: mistake, says: subtracts}\n');

    it("the extension lists a mutant's folder but never reads its files", () => {
      const folder = writeStarter(dir, 'mut');
      writeFileSync(join(folder, 'template.yaml'), declare(manifest('mut')));
      mkdirSync(join(folder, 'mutants', 'add-numbers', 'subtracts'), { recursive: true });
      writeFileSync(join(folder, 'mutants', 'add-numbers', 'subtracts', 'main.py'), Buffer.from([0xff])); // not UTF-8: an error only when read
      const listed = readTemplateDir(folder, 'mut', { mutants: 'list' });
      assert.deepEqual(listed.diagnostics, []);
      assert.equal(listed.template?.mutants, undefined);
      const read = readTemplateDir(folder, 'mut');
      assert.match(messages(read.diagnostics), /not UTF-8 text/);
    });

    it('a mutant folder that is not declared, or a declared mutant without a folder, is an error either way', () => {
      const folder = writeStarter(dir, 'mut');
      mkdirSync(join(folder, 'mutants', 'add-numbers', 'stray'), { recursive: true });
      assert.match(messages(readTemplateDir(folder, 'mut', { mutants: 'list' }).diagnostics), /mutants\/add-numbers\/stray is not declared/);
      rmSync(join(folder, 'mutants'), { recursive: true });
      writeFileSync(join(folder, 'template.yaml'), declare(manifest('mut')));
      assert.match(messages(readTemplateDir(folder, 'mut', { mutants: 'list' }).diagnostics), /mutant "subtracts" has no files under mutants\/add-numbers\/subtracts\//);
    });
  });

  it("the skill page shows a pack starter on its skill's page, marked with its pack (and the next level's projects too)", () => {
    const folder = writeStarter(dir, 'team-add');
    writeFileSync(join(folder, 'template.yaml'), manifest('team-add').replace('{skill: pytorch, role: ml-engineer, level: junior}', '{skill: pytorch, role: ml-engineer, level: middle}'));
    const team = readTemplateDir(folder, 'team-add').template;
    assert.ok(team);
    const bundledLike = { ...team.manifest, id: 'bundled-like', title: 'Bundled like' };
    const model = buildSkillPage({
      index: bundledIndex(),
      skill: 'pytorch',
      role: 'ml-engineer',
      level: 'junior',
      starters: [team.manifest, bundledLike],
      starterPacks: new Map([['team-add', '.learning-paths']]),
      translate: english,
    });
    assert.equal(model.kind, 'skill');
    const { projects, nextLevel } = model as SkillPageModel;
    const starters = projects.flatMap((p) => (p.starter ? [[p.starter.id, p.starter.pack ?? 'bundled']] : []));
    assert.deepEqual(starters.filter(([id]) => id === 'team-add' || id === 'bundled-like'), [['team-add', '.learning-paths'], ['bundled-like', 'bundled']]);
    assert.equal(nextLevel.kind, 'gap');
    const next = (nextLevel as Extract<NextLevel, { kind: 'gap' }>).projects;
    assert.deepEqual(next.filter((p) => p.starter?.id === 'team-add').map((p) => p.starter?.pack), ['.learning-paths']);
    assert.ok(next.some((p) => p.starter?.id === 'bundled-like' && p.starter.pack === undefined));
  });

  it('the authoring skeleton (New Starter, starters new) loads as a valid pack starter as written', () => {
    const pack = join(dir, '.learning-paths');
    for (const f of starterSkeleton('team-skeleton')) {
      const path = join(pack, 'starters', 'team-skeleton', f.path);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, f.content);
    }
    const result = loadPacks({ base: base(), roots: [{ path: pack, optional: true }], overrides: [] });
    assert.deepEqual(result.diagnostics.map(formatDiagnostic), []);
    assert.deepEqual(result.starters.map((t) => t.manifest.id), ['team-skeleton']);
    assert.ok(result.starters[0]?.manifest.milestones.some((m) => m.check?.kind === 'tests'), 'it holds an exercise');
  });

  it('the CI workflow Scaffold can add is a YAML workflow with jobs', () => {
    const workflow = parseYaml(ciWorkflow()) as { jobs?: Record<string, unknown> };
    assert.ok(workflow.jobs && Object.keys(workflow.jobs).length > 0, ciWorkflow());
  });
});
