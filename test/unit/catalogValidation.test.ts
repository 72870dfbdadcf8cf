import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { compilePacks, loadCatalog, parseCatalogFile } from '../../src/core/catalog/load';
import { decodeUtf8, invalidUtf8Offset, MAX_FILES_PER_ROOT, readPackFiles } from '../../src/core/catalog/packFiles';
import { loadPacksInWorker } from '../../src/core/catalog/packWorkerClient';
import type { Catalog } from '../../src/core/catalog/types';
import { formatDiagnostic, type Diagnostic } from '../../src/core/diagnostics';
import { repoRoot } from './helpers';

const base: Catalog = {
  levels: [
    { id: 'junior', title: 'Junior', order: 1, summary: 'Learns' },
    { id: 'middle', title: 'Middle', order: 2, summary: 'Works alone' },
  ],
  roles: [
    { id: 'ml-engineer', title: 'ML Engineer', summary: 'Builds ML systems' },
    { id: 'data-scientist', title: 'Data Scientist', summary: 'Analyses data' },
  ],
  skills: [
    {
      id: 'pytorch',
      title: 'PyTorch',
      summary: 'Tensors',
      roles: ['ml-engineer'],
      expectations: [{ role: 'ml-engineer', level: 'junior', required: true, text: 'Trains models' }],
    },
  ],
  careerRelevance: [],
};

/** The ids of every kind of entry, in order: what a pack may add to but never take away. */
const ids = (c: Catalog) => ({ levels: c.levels.map((x) => x.id).join(), roles: c.roles.map((x) => x.id).join(), skills: c.skills.map((x) => x.id).join() });

const only = (ds: Diagnostic[]) => {
  assert.equal(ds.length, 1, ds.map(formatDiagnostic).join('\n'));
  return ds[0] as Diagnostic;
};

describe('catalog validation: errors name file, line, column and field', () => {
  it('malformed YAML', () => {
    const d = only(loadCatalog([{ file: 'pack.yaml', text: 'skills:\n  - id: x\n    title: [unclosed\n' }], base).diagnostics);
    assert.equal(formatDiagnostic(d), 'pack.yaml:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]');
  });

  it('a missing field', () => {
    const text = 'skills:\n  - id: new-skill\n    title: New\n    roles: [ml-engineer]\n    expectations: []\n';
    const d = only(loadCatalog([{ file: 'p.yaml', text }], base).diagnostics);
    assert.equal(d.field, 'skills[0]');
    assert.equal(d.line, 2);
    assert.equal(d.column, 5);
    assert.match(d.message, /missing required field "summary"/);
  });

  it('a mistyped field', () => {
    const text = 'levels:\n  - id: senior\n    title: Senior\n    order: high\n    summary: Leads\n';
    const d = only(loadCatalog([{ file: 'p.yaml', text }], base).diagnostics);
    assert.equal(d.field, 'levels[0].order');
    assert.deepEqual([d.line, d.column], [4, 12]);
    assert.match(d.message, /expected a whole number, found the text "high"/);
  });

  it('an unknown field, pointing at the key', () => {
    const text = 'roles:\n  - id: x-role\n    title: X\n    summary: s\n    colour: red\n';
    const d = only(loadCatalog([{ file: 'p.yaml', text }], base).diagnostics);
    assert.equal(d.field, 'roles[0].colour');
    assert.deepEqual([d.line, d.column], [5, 5]);
    assert.match(d.message, /unknown field "colour"/);
  });

  it('an unknown role and level id, with a suggestion', () => {
    const text = [
      'skills:',
      '  - id: numpy',
      '    title: NumPy',
      '    summary: Arrays',
      '    roles: [ml-engineer]',
      '    expectations:',
      '      - { role: ml-enginer, level: junior, required: true, text: a }',
      '      - { role: ml-engineer, level: senior, required: false, text: b }',
      '',
    ].join('\n');
    const ds = loadCatalog([{ file: 'p.yaml', text }], base).diagnostics;
    assert.equal(ds.length, 2, ds.map(formatDiagnostic).join('\n'));
    assert.equal(ds[0]?.field, 'skills[0].expectations[0].role');
    assert.equal(ds[0]?.line, 7);
    assert.match(ds[0]?.message ?? '', /unknown role id "ml-enginer" \(did you mean "ml-engineer"\?\)/);
    assert.equal(ds[1]?.field, 'skills[0].expectations[1].level');
    assert.equal(ds[1]?.line, 8);
    assert.match(ds[1]?.message ?? '', /unknown level id "senior"/);
  });

  it('an expectation whose role the skill does not list', () => {
    const text = 'skills:\n  - id: numpy\n    title: NumPy\n    summary: Arrays\n    roles: [ml-engineer]\n    expectations:\n      - { role: data-scientist, level: junior, required: true, text: a }\n';
    const result = loadCatalog([{ file: 'p.yaml', text }], base);
    const d = only(result.diagnostics);
    assert.equal(d.field, 'skills[0].expectations[0].role');
    assert.match(d.message, /not listed in this skill's roles/);
    assert.equal(result.catalog.skills.find((s) => s.id === 'numpy')?.expectations.length, 0, 'the bad cell is dropped, the skill kept');
  });

  it('a duplicate id in one file', () => {
    const role = (n: number) => `  - id: dup\n    title: T${n}\n    summary: s\n`;
    const d = only(loadCatalog([{ file: 'p.yaml', text: `roles:\n${role(1)}${role(2)}` }], base).diagnostics);
    assert.equal(d.field, 'roles[1].id');
    assert.equal(d.line, 5);
    assert.match(d.message, /duplicate id "dup"/);
  });

  it('an id that is not kebab-case', () => {
    const d = only(loadCatalog([{ file: 'p.yaml', text: 'roles:\n  - id: ML_Eng\n    title: T\n    summary: s\n' }], base).diagnostics);
    assert.match(d.message, /kebab-case/);
    assert.deepEqual([d.line, d.column], [2, 9]);
  });

  it('a bad file or entry never stops the rest from loading', () => {
    const result = loadCatalog(
      [
        { file: 'broken.yaml', text: ': : :\n  - [' },
        { file: 'good.yaml', text: 'roles:\n  - id: ok-role\n    title: OK\n    summary: s\n  - id: bad-role\n    title: 3\n' },
      ],
      base,
    );
    assert.ok(result.diagnostics.some((d) => d.file === 'broken.yaml'));
    assert.ok(result.diagnostics.some((d) => d.file === 'good.yaml' && d.field.startsWith('roles[1]')));
    assert.ok(result.catalog.roles.some((r) => r.id === 'ok-role'));
    assert.ok(!result.catalog.roles.some((r) => r.id === 'bad-role'));
    assert.ok(result.catalog.skills.some((s) => s.id === 'pytorch'), 'bundled skills still there');
  });

  it('whitespace-only text is empty text, said once', () => {
    const ds = loadCatalog([{ file: 'p.yaml', text: 'roles:\n  - id: x-role\n    title: "   "\n    summary: ""\n' }], base).diagnostics;
    assert.deepEqual(ds.map(formatDiagnostic), ['p.yaml:3:12: roles[0].title: expected non-empty text', 'p.yaml:4:14: roles[0].summary: expected non-empty text']);
  });

  it('every schema keyword is enforced: enum, maximum, maxLength, minItems', () => {
    const skill = [
      'skills:',
      '  - id: big-skill',
      '    title: Big',
      '    summary: s',
      '    roles: [ml-engineer]',
      '    expectations: []',
      '    practiceProjects:',
      '      - { id: p, title: P, difficulty: impossible, scenario: s, steps: [] }',
      `    learningStages: [{ id: st, title: "${'x'.repeat(301)}", focus: [a] }]`,
      '',
    ].join('\n');
    const ds = loadCatalog([{ file: 'p.yaml', text: skill }, { file: 'l.yaml', text: 'levels:\n  - { id: top, title: Top, order: 101, summary: s }\n' }], base).diagnostics;
    const text = ds.map(formatDiagnostic).join('\n');
    assert.match(text, /practiceProjects\[0\]\.difficulty: expected one of "beginner", "intermediate", "advanced", found the text "impossible"/);
    assert.match(text, /practiceProjects\[0\]\.steps: expected at least 1 item\(s\)/);
    assert.match(text, /learningStages\[0\]\.title: expected at most 300 characters, found 301/);
    assert.match(text, /l\.yaml:2:35: levels\[0\]\.order: expected at most 100, found 101/);
  });

  it('formats as file:line:col: field: message', () => {
    const d = only(loadCatalog([{ file: 'p.yaml', text: 'roles:\n  - id: x\n    title: X\n' }], base).diagnostics);
    assert.equal(formatDiagnostic(d), 'p.yaml:2:5: roles[0]: missing required field "summary"');
  });
});

describe('content-pack precedence', () => {
  it('a pack overrides bundled entries by id, and a later pack overrides an earlier one', () => {
    const skill = (summary: string) => `skills:\n  - id: pytorch\n    title: PyTorch (team)\n    summary: ${summary}\n    roles: [ml-engineer]\n    expectations: []\n`;
    const result = loadCatalog([{ file: 'a.yaml', text: skill('first') }, { file: 'b.yaml', text: skill('second') }], base);
    assert.deepEqual(result.diagnostics, []);
    const s = result.catalog.skills.filter((x) => x.id === 'pytorch');
    assert.equal(s.length, 1);
    assert.equal(s[0]?.summary, 'second');
    assert.equal(result.origins.get('skill:pytorch')?.source.file, 'b.yaml');
  });

  it('a pack adds a practice project to an existing skill, and replaces one by id', () => {
    const p = (title: string) => `  - skill: pytorch\n    id: team-project\n    title: ${title}\n    difficulty: beginner\n    scenario: s\n    steps: [one, two]\n`;
    const result = loadCatalog([{ file: 'a.yaml', text: `practiceProjects:\n${p('First')}` }, { file: 'b.yaml', text: `practiceProjects:\n${p('Second')}` }], base);
    assert.deepEqual(result.diagnostics, []);
    const projects = result.catalog.skills[0]?.practiceProjects ?? [];
    assert.deepEqual(projects.map((x) => x.title), ['Second']);
  });

  it('a practice project for an unknown skill is an error at its line', () => {
    const result = loadCatalog([{ file: 'a.yaml', text: 'practiceProjects:\n  - skill: pytorhc\n    id: p\n    title: P\n    difficulty: beginner\n    scenario: s\n    steps: [a]\n' }], base);
    const d = only(result.diagnostics);
    assert.equal(d.line, 2);
    assert.match(d.message, /unknown skill id "pytorhc" \(did you mean "pytorch"\?\)/);
  });
});

describe('catalog loader robustness', () => {
  const valid = 'skills:\n  - id: numpy\n    title: NumPy\n    summary: Arrays\n    roles: [ml-engineer]\n    expectations:\n      - role: ml-engineer\n        level: junior\n        required: true\n        text: "Uses arrays"\n';

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = loadCatalog([{ file: 'r.yaml', text }], base);
        // Every problem is one line in this file, inside it; a pack never removes a bundled entry.
        for (const d of r.diagnostics) {
          assert.equal(d.file, 'r.yaml');
          assert.ok(d.line >= 1 && d.line <= text.split(/\r\n|\r|\n/).length + 1, formatDiagnostic(d));
          assert.doesNotMatch(formatDiagnostic(d), /\n/);
        }
        const [now, was] = [ids(r.catalog), ids(base)];
        assert.ok(now.levels.startsWith(was.levels) && now.roles.startsWith(was.roles) && now.skills.startsWith(was.skills), JSON.stringify(now));
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on any truncation of a valid file, and reports positions inside it', () => {
    for (let n = 0; n <= valid.length; n++) {
      const text = valid.slice(0, n);
      const r = loadCatalog([{ file: 't.yaml', text }], base);
      for (const d of r.diagnostics) {
        assert.ok(d.line >= 1 && d.line <= text.split('\n').length + 1, `line ${d.line} within the file`);
      }
    }
  });

  it('never throws on random YAML-shaped values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = JSON.stringify({ skills: [value], roles: value });
        const r = loadCatalog([{ file: 'j.yaml', text }], base);
        // No random value is a valid skill: the first problem is the skill's, at its position.
        assert.equal(r.diagnostics[0]?.field.startsWith('skills[0]'), true, r.diagnostics.map(formatDiagnostic).join('\n'));
        assert.deepEqual([r.diagnostics[0]?.line, r.diagnostics[0]?.column], [1, 12]);
        for (const d of r.diagnostics) assert.deepEqual([d.file, d.line, d.severity], ['j.yaml', 1, 'error'], formatDiagnostic(d));
        assert.ok(ids(r.catalog).skills.startsWith(ids(base).skills), 'bundled skills kept');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    // Only known top-level keys, so the one problem is the expansion that was refused.
    const bomb2 = bomb.replace(/^a:/, 'skills:').replace(/^b:/m, 'roles:').replace(/^c:/m, 'levels:').replace(/^d:/m, 'careerRelevance:');
    for (const text of [bomb, bomb2]) {
      const r = parseCatalogFile('bomb.yaml', text);
      assert.deepEqual(r.diagnostics.map(formatDiagnostic), ['bomb.yaml:1:1: cannot read YAML: Excessive alias count indicates a resource exhaustion attack']);
      assert.deepEqual(r.source.fragment, {}, 'nothing of the bomb is loaded');
    }
  });
});

describe('JSON packs (compiled, fast path)', () => {
  it('loads a .json pack and reports a bad field at its line and column', () => {
    const text = '{\n  "roles": [\n    { "id": "new-role", "title": "New", "summary": "s" },\n    { "id": "bad-role", "title": 7, "summary": "s" }\n  ]\n}\n';
    const result = loadCatalog([{ file: 'team.json', text }], base);
    assert.ok(result.catalog.roles.some((r) => r.id === 'new-role'));
    const d = only(result.diagnostics);
    assert.equal(d.field, 'roles[1].title');
    assert.deepEqual([d.line, d.column], [4, 34]);
  });

  it('invalid JSON gets a positioned syntax error', () => {
    const r = loadCatalog([{ file: 'broken.json', text: '{\n  "roles": [\n    { "id": "x", }\n' }], base);
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), ['broken.json:3:18: invalid JSON: trailing comma before "}"']);
  });

  it('compilePacks writes the packs own entries, later files winning, and checks them against the base', () => {
    const role = (summary: string) => `roles:\n  - id: team-role\n    title: Team\n    summary: ${summary}\n`;
    const { fragment, diagnostics } = compilePacks([{ file: 'a.yaml', text: role('first') }, { file: 'b.yaml', text: role('second') }], base);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(fragment, { roles: [{ id: 'team-role', title: 'Team', summary: 'second' }] });
    const again = loadCatalog([{ file: 'c.json', text: JSON.stringify(fragment) }], base);
    assert.deepEqual(again.diagnostics, []);
    assert.equal(again.catalog.roles.find((r) => r.id === 'team-role')?.summary, 'second');
  });
});

describe('pack loading in a worker thread (what the extension host does)', () => {
  const workerFile = join(repoRoot, 'dist', 'packLoader.js');
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lp-worker-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds, reads, validates and merges packs off the host thread, with unsaved edits and positioned problems', async () => {
    const pack = join(dir, '.learning-paths');
    mkdirSync(pack);
    writeFileSync(join(pack, 'a.yaml'), 'roles:\n  - id: disk-role\n    title: On disk\n    summary: s\n');
    writeFileSync(join(pack, 'b.yaml'), 'roles:\n  - id: stale-role\n    title: Stale\n    summary: s\n');
    writeFileSync(join(pack, 'c.json'), '{ "roles": [ { "id": "x", }, ] }');
    const result = await loadPacksInWorker(workerFile, {
      base,
      roots: [
        { path: pack, optional: true },
        { path: join(dir, 'absent'), optional: false },
        { path: join(dir, 'also-absent'), optional: true },
      ],
      overrides: [[join(pack, 'b.yaml'), 'roles:\n  - id: edited-role\n    title: Edited\n    summary: s\n']],
    });
    const roles = result.catalog.roles.map((r) => r.id);
    assert.ok(roles.includes('disk-role') && roles.includes('edited-role') && roles.includes('ml-engineer'), roles.join());
    assert.ok(!roles.includes('stale-role'), 'the unsaved text wins over the file on disk');
    assert.deepEqual(result.files, ['a.yaml', 'b.yaml', 'c.json'].map((f) => join(pack, f)));
    assert.deepEqual(result.missing, [join(dir, 'absent')]);
    assert.deepEqual(result.diagnostics.map(formatDiagnostic), [`${join(pack, 'c.json')}:1:27: invalid JSON: trailing comma before "}"`]);
  });

  it("a workspace's .learning-paths that links out of the workspace is skipped with a warning", async () => {
    const workspace = join(dir, 'ws');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(workspace);
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'foreign.yaml'), 'roles:\n  - id: foreign-role\n    title: Foreign\n    summary: s\n');
    symlinkSync(elsewhere, join(workspace, '.learning-paths'));
    const result = await loadPacksInWorker(workerFile, { base, roots: [{ path: join(workspace, '.learning-paths'), optional: true, within: workspace }], overrides: [] });
    assert.ok(!result.catalog.roles.some((r) => r.id === 'foreign-role'));
    assert.deepEqual(result.diagnostics.map(formatDiagnostic), [`${join(workspace, '.learning-paths')}:1:1: warning: symbolic link to ${elsewhere}, outside ${workspace}; skipped`]);
  });

  it('reads at most 5,000 files of one pack folder, and says so', () => {
    for (let i = 0; i <= MAX_FILES_PER_ROOT; i++) writeFileSync(join(dir, `f${String(i).padStart(5, '0')}.yaml`), '');
    const read = readPackFiles([dir]);
    assert.equal(read.files.length, MAX_FILES_PER_ROOT);
    assert.equal(read.files.at(-1)?.file, join(dir, 'f04999.yaml'));
    assert.deepEqual(read.diagnostics.map(formatDiagnostic), [`${dir}:1:1: warning: more than 5000 catalog files; the rest are not read`]);
  });

  it('a worker that runs out of time is stopped and the load fails with the reason', async () => {
    const pack = join(dir, 'p');
    mkdirSync(pack);
    writeFileSync(join(pack, 'big.yaml'), `skills:\n${'  - { id: s, title: T, summary: S, roles: [], expectations: [] }\n'.repeat(20000)}`);
    await assert.rejects(loadPacksInWorker(workerFile, { base, roots: [{ path: pack, optional: false }], overrides: [] }, { timeoutMs: 1 }), /took longer than/);
  });
});

describe('pack text must be UTF-8', () => {
  it('finds the first invalid byte exactly where a strict TextDecoder refuses', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), (noise, text) => {
        for (const bytes of [noise, new Uint8Array([...Buffer.from(text), ...noise])]) {
          let valid = true;
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(bytes);
          } catch {
            valid = false;
          }
          const at = invalidUtf8Offset(bytes);
          assert.equal(at === -1, valid);
          if (!valid) new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, at)); // the prefix is valid
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('names the byte offset, line and column; a BOM is dropped', () => {
    const r = decodeUtf8('p.yaml', new Uint8Array([...Buffer.from('a: 1\nb: é'), 0xc3, 0x28]));
    assert.ok('diagnostic' in r);
    assert.equal(formatDiagnostic(r.diagnostic), 'p.yaml:2:5: not UTF-8 text: invalid byte 0xc3 at byte offset 10; save the file as UTF-8');
    assert.deepEqual(decodeUtf8('q.yaml', new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), { text: 'a' });
  });
});
