// Validating and reading starters in detail (src/core/scaffold/templates.ts, templateFiles.ts):
// each manifest problem at its field, each file problem with its words, and the reader's handling
// of folders it cannot read, executables, solutions and mutants.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonPath } from '../../src/core/catalog/jsonPath';
import { formatDiagnostic, type Locate } from '../../src/core/diagnostics';
import { readTemplateDir, readTemplates, STARTER_LIMITS } from '../../src/core/scaffold/templateFiles';
import { PLACEHOLDERS, validateTemplate } from '../../src/core/scaffold/templates';
import type { TemplateManifest } from '../../src/core/scaffold/types';

const manifest: TemplateManifest = {
  id: 'tiny',
  version: 1,
  title: 'Tiny',
  description: 'A tiny starter',
  skill: 'pytorch',
  level: 'junior',
  roles: ['ml-engineer'],
  defaultName: 'tiny_project',
  smokeCommand: 'python -m {{package}}.train --smoke',
  runCommand: 'python -m {{package}}.train',
  testCommand: 'python -m pytest -q',
  milestones: [{ id: 'run', title: 'Run it', done: 'It ran', file: '{{package}}/train.py', serves: [{ skill: 'pytorch', role: 'ml-engineer', level: 'junior' }] }],
};
type Milestone = TemplateManifest['milestones'][number];
const milestone = (over: Record<string, unknown>): Milestone => ({ ...(manifest.milestones[0] as Milestone), ...over }) as Milestone;

/** A locate that puts each field path on its own line: line = how many path elements. */
const locate: Locate = (path: JsonPath) => ({ line: path.length, column: 1, endLine: path.length, endColumn: 1 });
const problems = (value: unknown, files: { path: string; content: string }[] = []) => validateTemplate('t.yaml', value, locate, files).diagnostics.map(formatDiagnostic);

describe('starter manifests in detail (core/scaffold/templates validateTemplate)', () => {
  it('a valid manifest gives the template with its files', () => {
    const files = [{ path: '{{package}}/train.py', content: 'NAME = "{{ name }}"' }];
    assert.deepEqual(validateTemplate('t.yaml', manifest, locate, files), { template: { manifest, files }, diagnostics: [] });
    assert.deepEqual(PLACEHOLDERS, ['name', 'package']);
  });

  it('a schema error is reported alone', () => {
    assert.deepEqual(problems({ ...manifest, milestones: [milestone({ id: 'a' }), milestone({ id: 'a' })], version: 'x' }).length, 1);
  });

  it('a duplicate milestone id, at the second one', () => {
    assert.deepEqual(problems({ ...manifest, milestones: [milestone({ id: 'a' }), milestone({ id: 'b' }), milestone({ id: 'a' })] }), ['t.yaml:3:1: milestones[2].id: duplicate milestone id "a"']);
  });

  it('check fields that belong to another kind of check, and the ones a kind needs', () => {
    const check = (c: Record<string, unknown>) => problems({ ...manifest, milestones: [milestone({ check: { path: 'out.json', ...c } })] });
    assert.deepEqual(check({ kind: 'fileMatches' }), ['t.yaml:4:1: milestones[0].check.pattern: a fileMatches check needs "pattern"']);
    assert.deepEqual(check({ kind: 'fileMatches', pattern: 'a+b', flags: 'i' }), []);
    assert.deepEqual(check({ kind: 'fileMatches', pattern: '(?=x)' }).length, 1);
    assert.match(check({ kind: 'fileMatches', pattern: '(?=x)' })[0] ?? '', /^t\.yaml:4:1: milestones\[0\]\.check\.pattern: /);
    assert.deepEqual(check({ kind: 'metric', key: 'acc', op: '>=', value: 0.5 }), []);
    for (const missing of ['key', 'op', 'value']) {
      const c: Record<string, unknown> = { kind: 'metric', key: 'acc', op: '>=', value: 0.5 };
      delete c[missing];
      assert.deepEqual(check(c), ['t.yaml:4:1: milestones[0].check.kind: a metric check needs "key", "op" and "value"'], missing);
    }
    assert.deepEqual(check({ kind: 'metric', key: 'acc', op: '>=', value: 0.5, require: [{ key: 'a', equals: 'x' }, { key: 'b', equals: [1] }] }), ['t.yaml:6:1: milestones[0].check.require[1].equals: expected text, a number, or true/false']);
    assert.deepEqual(check({ kind: 'tests', select: 'test_a' }), []);
    assert.deepEqual(check({ kind: 'fileExists', select: 'test_a' }), ['t.yaml:4:1: milestones[0].check.select: "select" belongs to a tests check']);
    assert.deepEqual(check({ kind: 'fileExists', require: [{ key: 'a', equals: 1 }] }), ['t.yaml:4:1: milestones[0].check.require: "require" belongs to a metric check']);
    assert.deepEqual(check({ kind: 'fileExists', require: [{ key: 'a', equals: [1] }] }), ['t.yaml:4:1: milestones[0].check.require: "require" belongs to a metric check'], 'only a metric check has its conditions checked');
    assert.deepEqual(check({ kind: 'metric', key: 'acc', op: '>=', value: 0.5, require: [{ key: 'a', equals: 'x' }, { key: 'b', equals: 3 }, { key: 'c', equals: false }] }), []);
    assert.deepEqual(check({ kind: 'fileExists', path: '{{package}}/../../x' }), ['t.yaml:4:1: milestones[0].check.path: ".." would leave the project folder']);
    assert.deepEqual(check({ kind: 'fileExists', path: '{{package}}/out.json' }), []);
  });

  it("a milestone's file must stay inside the project (placeholders count as names)", () => {
    assert.deepEqual(problems({ ...manifest, milestones: [milestone({ file: '/etc/passwd' })] }), ['t.yaml:3:1: milestones[0].file: absolute paths are not allowed']);
    assert.deepEqual(problems({ ...manifest, milestones: [milestone({ file: '{{ package }}/{{name}}.py' })] }), []);
  });

  it('renames must point at a milestone id', () => {
    assert.deepEqual(problems({ ...manifest, renames: { old: 'run' } }), []);
    assert.deepEqual(problems({ ...manifest, renames: { old: 'gone' } }), ['t.yaml:2:1: renames.old: renames "old" to "gone", which is not a milestone id']);
    assert.deepEqual(problems({ ...manifest, renames: { old: 5 } }), ['t.yaml:2:1: renames.old: renames "old" to "5", which is not a milestone id']);
  });

  it('file problems name the file: an unsafe path, an unknown placeholder in its path or its text', () => {
    assert.deepEqual(
      problems(manifest, [
        { path: '../x', content: '' },
        { path: '{{pkg}}/a.py', content: 'x = "{{ nom }}" + "{{name}}"' },
      ]),
      ['../x:1:1: ".." would leave the project folder', '{{pkg}}/a.py:1:1: unknown placeholder {{pkg}}; expected {{name}} or {{package}}', '{{pkg}}/a.py:1:1: unknown placeholder {{ nom }}; expected {{name}} or {{package}}'],
    );
    const { diagnostics } = validateTemplate('t.yaml', manifest, locate, [{ path: 'a', content: '{{x}}' }]);
    assert.deepEqual(diagnostics, [{ file: 'a', line: 1, column: 1, endLine: 1, endColumn: 1, field: '(file)', message: 'unknown placeholder {{x}}; expected {{name}} or {{package}}', severity: 'error' }]);
    const bad = validateTemplate('t.yaml', manifest, locate, [{ path: 'a/', content: '' }]);
    assert.deepEqual(bad, { diagnostics: [{ file: 'a/', line: 1, column: 1, endLine: 1, endColumn: 1, field: '(file)', message: 'empty or "." path segments are not allowed', severity: 'error' }] });
  });
});

const yaml = (id: string, milestoneExtra = '') => `id: ${id}
version: 1
title: Tiny
description: A tiny starter
skill: pytorch
level: junior
roles: [ml-engineer]
defaultName: tiny_project
smokeCommand: "python -m {{package}}.main --smoke"
runCommand: "python -m {{package}}.main"
testCommand: "python -m pytest -q"
milestones:
  - id: add
    title: Add
    done: add() returns the sum.
    file: "{{package}}/main.py"
    serves:
      - {skill: pytorch, role: ml-engineer, level: junior}
${milestoneExtra}`;

describe('reading a starter folder in detail (core/scaffold/templateFiles)', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'lp-tplfiles-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const starter = (id = 'tiny', extra = '') => {
    const dir = join(root, id);
    mkdirSync(join(dir, 'files', '{{package}}'), { recursive: true });
    writeFileSync(join(dir, 'template.yaml'), yaml(id, extra));
    writeFileSync(join(dir, 'files', '{{package}}', 'main.py'), 'def add(a, b):\n    return 0\n');
    return dir;
  };
  const messages = (r: { diagnostics: { file: string; message: string }[] }) => r.diagnostics.map((d) => `${d.file.replace(root, '<root>')}: ${d.message}`);

  it('reads the files, marking executables, and skips caches', () => {
    const dir = starter();
    writeFileSync(join(dir, 'files', 'run.sh'), 'echo hi\n', { mode: 0o755 });
    mkdirSync(join(dir, 'files', '__pycache__'));
    writeFileSync(join(dir, 'files', '__pycache__', 'x.pyc'), 'junk');
    writeFileSync(join(dir, 'files', 'y.pyc'), 'junk');
    mkdirSync(join(dir, 'files', '.pytest_cache'));
    writeFileSync(join(dir, 'files', '.pytest_cache', 'README.md'), 'cache');
    const r = readTemplateDir(dir, 'tiny');
    assert.deepEqual(messages(r), []);
    assert.deepEqual(r.template?.files, [
      { path: 'run.sh', content: 'echo hi\n', executable: true },
      { path: '{{package}}/main.py', content: 'def add(a, b):\n    return 0\n' },
    ]);
    assert.equal(r.template?.solutions, undefined);
    assert.equal(r.template?.mutants, undefined);
  });

  it('unsaved edits of template.yaml over the limit are refused by their bytes', () => {
    const dir = starter();
    const manifestFile = join(dir, 'template.yaml');
    const text = yaml('tiny');
    const exact = readTemplateDir(dir, 'tiny', { overrides: new Map([[manifestFile, text]]), limits: { manifestBytes: Buffer.byteLength(text) } });
    assert.deepEqual(messages(exact), []);
    assert.equal(exact.template?.manifest.id, 'tiny');
    const over = readTemplateDir(dir, 'tiny', { overrides: new Map([[manifestFile, `${text}#é`]]), limits: { manifestBytes: Buffer.byteLength(text) + 2 } });
    assert.deepEqual(messages(over), [`<root>/tiny/template.yaml: over the ${Buffer.byteLength(text) + 2} B limit; not read`.replace(`${Buffer.byteLength(text) + 2} B`, formatted(Buffer.byteLength(text) + 2))]);
    assert.equal(over.template, undefined);
  });

  it('solutions/ and mutants/ that are files, and links among their folders, are refused', () => {
    const dir = starter();
    writeFileSync(join(dir, 'solutions'), 'not a folder');
    mkdirSync(join(dir, 'mutants'));
    symlinkSync(join(dir, 'files'), join(dir, 'mutants', 'add'));
    const r = readTemplateDir(dir, 'tiny');
    assert.deepEqual(messages(r), ['<root>/tiny/solutions: expected a folder', '<root>/tiny/mutants/add: links are not allowed in a template']);
    assert.equal(r.template, undefined);
    rmSync(join(dir, 'mutants'), { recursive: true });
    symlinkSync(join(dir, 'files'), join(dir, 'mutants'));
    assert.deepEqual(messages(readTemplateDir(dir, 'tiny')), ['<root>/tiny/solutions: expected a folder', '<root>/tiny/mutants: links are not allowed in a template']);
  });

  it('solutions: per milestone, caches and files beside them skipped; one for no milestone is an error', () => {
    const dir = starter();
    mkdirSync(join(dir, 'solutions', 'add', '{{package}}'), { recursive: true });
    writeFileSync(join(dir, 'solutions', 'add', '{{package}}', 'main.py'), 'def add(a, b):\n    return a + b\n');
    mkdirSync(join(dir, 'solutions', '__pycache__'));
    writeFileSync(join(dir, 'solutions', 'README.md'), 'notes');
    const ok = readTemplateDir(dir, 'tiny');
    assert.deepEqual(messages(ok), []);
    assert.deepEqual(ok.template?.solutions, [{ milestone: 'add', files: [{ path: '{{package}}/main.py', content: 'def add(a, b):\n    return a + b\n' }] }]);
    mkdirSync(join(dir, 'solutions', 'nope'));
    const bad = readTemplateDir(dir, 'tiny');
    assert.deepEqual(messages(bad), ['<root>/tiny/solutions/nope: solutions/nope names no milestone of this template']);
    assert.equal(bad.template, undefined);
  });

  it('mutants: read for the author, listed for the extension, checked against template.yaml both ways', () => {
    const dir = starter('tiny', '    mutants:\n      - {id: off-by-one, kind: mistake, says: adds one too many}\n');
    mkdirSync(join(dir, 'mutants', 'add', 'off-by-one', '{{package}}'), { recursive: true });
    writeFileSync(join(dir, 'mutants', 'add', 'off-by-one', '{{package}}', 'main.py'), 'def add(a, b):\n    return a + b + 1\n');
    const read = readTemplateDir(dir, 'tiny');
    assert.deepEqual(messages(read), []);
    assert.deepEqual(read.template?.mutants, [{ milestone: 'add', mutant: 'off-by-one', files: [{ path: '{{package}}/main.py', content: 'def add(a, b):\n    return a + b + 1\n' }] }]);
    const listed = readTemplateDir(dir, 'tiny', { mutants: 'list' });
    assert.deepEqual(messages(listed), []);
    assert.equal(listed.template?.mutants, undefined);
    mkdirSync(join(dir, 'mutants', 'add', 'extra'));
    rmSync(join(dir, 'mutants', 'add', 'off-by-one'), { recursive: true });
    const r = readTemplateDir(dir, 'tiny', { mutants: 'list' });
    assert.deepEqual(
      r.diagnostics.map((d) => `${formatDiagnostic(d).replace(root, '<root>')}`),
      ['<root>/tiny/mutants/add/extra:1:1: mutants/add/extra is not declared under that milestone\'s mutants in template.yaml', '<root>/tiny/template.yaml:20:14: milestones[0].mutants[0].id: mutant "off-by-one" has no files under mutants/add/off-by-one/'],
    );
  });

  it('the id must match the folder, at the id field', () => {
    const dir = starter('tiny');
    const r = readTemplateDir(dir, 'other');
    assert.deepEqual(r.diagnostics.map((d) => formatDiagnostic(d).replace(root, '<root>')), ['<root>/tiny/template.yaml:1:5: id: id "tiny" must match its folder name "other"']);
    assert.equal(r.template, undefined);
  });

  it('a folder without template.yaml is skipped with a warning; readTemplates ignores files beside the starters', () => {
    starter('tiny');
    mkdirSync(join(root, 'empty'));
    writeFileSync(join(root, 'README.md'), 'starters');
    const r = readTemplates(root);
    assert.deepEqual(r.templates.map((t) => t.manifest.id), ['tiny']);
    assert.deepEqual(r.diagnostics.map((d) => [d.file.replace(root, '<root>'), d.message, d.severity]), [['<root>/empty', 'skipped: no template.yaml in this folder', 'warning']]);
  });

  it('the byte cap of a starter holds its files exactly; a file over the per-file cap is refused alone', () => {
    const dir = starter();
    writeFileSync(join(dir, 'files', 'b.txt'), 'bbbb');
    const total = 'def add(a, b):\n    return 0\n'.length + 4;
    assert.deepEqual(messages(readTemplateDir(dir, 'tiny', { limits: { totalBytes: total } })), []);
    assert.deepEqual(messages(readTemplateDir(dir, 'tiny', { limits: { totalBytes: total - 1 } })), [`<root>/tiny: more than ${total - 1} bytes of files in this starter; the rest are not read`]);
    const big = readTemplateDir(dir, 'tiny', { limits: { fileBytes: 4, totalBytes: 4 } });
    assert.deepEqual(messages(big), [`<root>/tiny/files/{{package}}/main.py: ${total - 4} bytes is over the 4 bytes limit; not read`]);
    assert.equal(readTemplateDir(dir, 'tiny', { limits: { depth: 1 } }).template?.files.length, 2, 'one level of folders is within a depth of 1');
    assert.deepEqual(messages(readTemplateDir(dir, 'tiny', { limits: { depth: 0 } })), ['<root>/tiny/files/{{package}}: folders nested more than 0 deep; not read']);
  });

  it('reads starters and files in name order, and stops at the byte cap once', () => {
    for (const id of ['m-mid', 'z-last', 'a-first', 'k-kay']) starter(id);
    assert.deepEqual(readTemplates(root).templates.map((t) => t.manifest.id), ['a-first', 'k-kay', 'm-mid', 'z-last']);
    const dir = join(root, 'a-first');
    for (const n of ['q.txt', 'c.txt', 'x.txt', 'b.txt']) writeFileSync(join(dir, 'files', n), 'bbbb');
    assert.deepEqual(readTemplateDir(dir, 'a-first').template?.files.map((f) => f.path), ['b.txt', 'c.txt', 'q.txt', 'x.txt', '{{package}}/main.py']);
    assert.deepEqual(messages(readTemplateDir(dir, 'a-first', { limits: { totalBytes: 4 } })), ['<root>/a-first: more than 4 bytes of files in this starter; the rest are not read']);
  });

  it('a template.yaml that is not YAML is the one problem reported', () => {
    const dir = starter();
    writeFileSync(join(dir, 'template.yaml'), 'id: [unclosed\n');
    const r = readTemplateDir(dir, 'tiny');
    assert.equal(r.diagnostics.length, 1, messages(r).join('\n'));
    assert.equal(r.template, undefined);
  });

  it('a mutant folder of a milestone that does not exist, and a declared mutant without files, are errors', () => {
    const dir = starter('tiny', '    mutants:\n      - {id: off-by-one, kind: mistake, says: adds one}\n');
    mkdirSync(join(dir, 'mutants', 'nope', 'x'), { recursive: true });
    const r = readTemplateDir(dir, 'tiny', { mutants: 'list' });
    assert.deepEqual(r.diagnostics.map((d) => [d.severity, formatDiagnostic(d).replace(root, '<root>')]), [
      ['error', "<root>/tiny/mutants/nope/x:1:1: mutants/nope/x is not declared under that milestone's mutants in template.yaml"],
      ['error', '<root>/tiny/template.yaml:20:14: milestones[0].mutants[0].id: mutant "off-by-one" has no files under mutants/add/off-by-one/'],
    ]);
    rmSync(join(dir, 'mutants'), { recursive: true });
    const missing = readTemplateDir(dir, 'tiny', { mutants: 'list' });
    assert.deepEqual(missing.diagnostics.map((d) => d.severity), ['error']);
    assert.equal(missing.template, undefined);
  });

  it('a warning alone does not leave a starter out; the limits default to STARTER_LIMITS', () => {
    assert.deepEqual(STARTER_LIMITS, { manifestBytes: 1024 * 1024, fileBytes: 1024 * 1024, totalBytes: 16 * 1024 * 1024, files: 2000, depth: 32 });
    const dir = starter();
    const r = readTemplateDir(dir, 'tiny', { limits: { files: 1 } });
    assert.deepEqual(messages(r), []);
    assert.equal(r.template?.files.length, 1);
    writeFileSync(join(dir, 'files', 'b.txt'), 'b');
    assert.deepEqual(messages(readTemplateDir(dir, 'tiny', { limits: { files: 1 } })), ['<root>/tiny: more than 1 files in this starter; the rest are not read']);
  });
});

function formatted(bytes: number): string {
  return `${bytes} bytes`;
}
