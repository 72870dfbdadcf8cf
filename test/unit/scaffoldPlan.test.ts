import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateNowhere } from '../../src/core/diagnostics';
import { nodeScaffoldFs } from '../../src/core/scaffold/nodeFs';
import { packageNameProblem, relativePathProblem, suggestPackageName } from '../../src/core/scaffold/paths';
import { escaperFor, planScaffold, PROJECT_MANIFEST, resolveProjectPath, ScaffoldError, writePlan } from '../../src/core/scaffold/plan';
import { readTemplates } from '../../src/core/scaffold/templateFiles';
import { validateTemplate } from '../../src/core/scaffold/templates';
import type { Template, TemplateManifest } from '../../src/core/scaffold/types';
import { bundledTemplate, bundledTemplateIds, bundledTemplates, repoRoot } from './helpers';

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
  milestones: [{ id: 'run', title: 'Run it', done: 'It ran', file: '{{package}}/train.py', serves: [{ skill: 'pytorch', role: 'ml-engineer', level: 'junior' }], check: { kind: 'fileExists', path: 'outputs/metrics.json' } }],
};
const tiny = (files: Template['files']): Template => ({ manifest, files });

describe('scaffold: names and paths', () => {
  it('accepts Python package names and explains every refusal', () => {
    assert.equal(packageNameProblem('cifar_classifier'), undefined);
    assert.match(packageNameProblem('') ?? '', /enter a name/);
    assert.match(packageNameProblem('my-project') ?? '', /letters, digits and underscores/);
    assert.match(packageNameProblem('1st') ?? '', /not starting with a digit/);
    assert.match(packageNameProblem('MyProject') ?? '', /lowercase/);
    assert.match(packageNameProblem('class') ?? '', /Python keyword/);
    assert.match(packageNameProblem('torch') ?? '', /shadow/);
    assert.match(packageNameProblem('a'.repeat(65)) ?? '', /64/);
  });

  it('suggests a valid name from free text', () => {
    assert.equal(suggestPackageName('My CIFAR model!'), 'my_cifar_model');
    assert.equal(suggestPackageName('2 tower recsys'), 'p_2_tower_recsys');
    assert.equal(suggestPackageName('***'), 'project');
  });

  it('refuses paths that would leave the project', () => {
    assert.equal(relativePathProblem('pkg/train.py'), undefined);
    assert.match(relativePathProblem('/etc/passwd') ?? '', /absolute/);
    assert.match(relativePathProblem('C:/x') ?? '', /absolute/);
    assert.match(relativePathProblem('~/x') ?? '', /absolute/);
    assert.match(relativePathProblem('pkg/../../x') ?? '', /\.\./);
    assert.match(relativePathProblem('pkg\\x') ?? '', /backslash/);
    assert.match(relativePathProblem('pkg//x') ?? '', /empty/);
    assert.match(relativePathProblem('./x') ?? '', /empty or "\."/);
  });
});

describe('scaffold: planning', () => {
  it('substitutes placeholders in paths and contents and adds the project manifest', () => {
    const plan = planScaffold(tiny([{ path: '{{package}}/train.py', content: 'NAME = "{{name}}"\nimport {{package}}\n' }]), { packageName: 'demo', projectId: 'id-1', now: new Date('2026-01-02T03:04:05Z') });
    assert.deepEqual(plan.files.map((f) => f.path), ['demo/train.py', PROJECT_MANIFEST]);
    assert.equal(plan.files[0]?.content, 'NAME = "demo"\nimport demo\n');
    assert.deepEqual(JSON.parse(plan.files[1]?.content ?? ''), { starter: 'tiny', version: 1, projectId: 'id-1', name: 'demo', createdAt: '2026-01-02T03:04:05.000Z' });
  });

  it('escapes a display name for each file type', () => {
    const hostile = 'x" <script>alert(1)</script>\n`rm -rf`';
    const plan = planScaffold(
      tiny([
        { path: 'a.json', content: '{"title": "{{name}}"}' },
        { path: 'README.md', content: '# {{name}}' },
        { path: 'a.py', content: 'T = "{{name}}"' },
        { path: 'run.sh', content: 'echo {{name}}' },
      ]),
      { packageName: 'demo', displayName: hostile, projectId: 'p' },
    );
    const content = (p: string) => plan.files.find((f) => f.path === p)?.content ?? '';
    assert.equal(JSON.parse(content('a.json')).title, hostile.replace('\n', ' '));
    assert.ok(!content('README.md').includes('<script>') && !content('README.md').includes('`'));
    assert.equal(content('a.py'), 'T = "x\\" <script>alert(1)</script> `rm -rf`"');
    assert.doesNotMatch(content('run.sh').slice(5), /[`"<>;|&$]/);
    assert.equal(escaperFor('x.yaml')('a"b'), 'a\\"b');
  });

  it('refuses a template whose file would land outside the project, before anything is written', () => {
    assert.throws(() => planScaffold(tiny([{ path: '{{package}}/../../../etc/x', content: '' }]), { packageName: 'demo', projectId: 'p' }), (e: unknown) => e instanceof ScaffoldError && /"\.\."/.test(e.message));
    assert.throws(() => planScaffold(tiny([{ path: '/abs', content: '' }]), { packageName: 'demo', projectId: 'p' }), /absolute/);
    assert.throws(() => planScaffold(tiny([{ path: PROJECT_MANIFEST, content: '{}' }]), { packageName: 'demo', projectId: 'p' }), /may not contain/);
    assert.throws(() => planScaffold(tiny([]), { packageName: 'bad-name', projectId: 'p' }), /Invalid project name/);
  });

  it('validates template manifests: placeholders, patterns, renames, check paths', () => {
    const bad = {
      ...manifest,
      renames: { old: 'nowhere' },
      milestones: [{ ...manifest.milestones[0], check: { kind: 'fileMatches', path: '../x', pattern: '(' } }],
    };
    const { template, diagnostics } = validateTemplate('t.yaml', bad, locateNowhere, [{ path: 'a.py', content: '{{pkg}}' }]);
    assert.equal(template, undefined);
    const messages = diagnostics.map((d) => d.message).join('\n');
    assert.match(messages, /invalid regular expression/);
    assert.match(messages, /"\.\." would leave/);
    assert.match(messages, /not a milestone id/);
    assert.match(messages, /unknown placeholder \{\{pkg\}\}/);
  });

  it('accepts a metric require condition of text, number or true/false, and refuses any other value', () => {
    const metric = (equals: unknown) => ({
      ...manifest,
      milestones: [{ ...manifest.milestones[0], check: { kind: 'metric', path: 'm.json', key: 'a', op: '>', value: 0, require: [{ key: 'smoke', equals: false }, { key: 'n', equals: 3 }, { key: 's', equals }] } }],
    });
    const ok = validateTemplate('t.yaml', metric('real'), locateNowhere, []);
    assert.deepEqual(ok.diagnostics.map((d) => d.message), []);
    const bad = validateTemplate('t.yaml', metric({ nested: 1 }), locateNowhere, []);
    assert.match(bad.diagnostics.map((d) => d.message).join('\n'), /expected text, a number, or true\/false/);
  });

  it('refuses links inside a template folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'lp-tpl-'));
    try {
      mkdirSync(join(root, 'tiny', 'files'), { recursive: true });
      writeFileSync(
        join(root, 'tiny', 'template.yaml'),
        readFileSync(join(repoRoot, 'data', 'templates', 'ml-pipeline', 'template.yaml'), 'utf8')
          .replace(/^id: .*$/m, 'id: tiny')
          .replace(/^ {4}mutants:\n(?: {6}- .*\n)+/gm, ''), // this copy has no mutants/ folder
      );
      assert.doesNotMatch(readFileSync(join(root, 'tiny', 'template.yaml'), 'utf8'), /mutants:/);
      symlinkSync('/etc/passwd', join(root, 'tiny', 'files', 'passwd'));
      const { templates, diagnostics } = readTemplates(root);
      assert.deepEqual(diagnostics.map((d) => d.message), ['links are not allowed in a template']);
      // A starter with any error is left out whole (it may come from an untrusted pack): nothing of /etc/passwd is read.
      assert.deepEqual(templates, []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('scaffold: writing', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'lp-scaffold-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const plan = () => planScaffold(tiny([{ path: '{{package}}/train.py', content: 'print(1)\n' }]), { packageName: 'demo', projectId: 'p' });

  it('writes into a new or empty folder', async () => {
    await writePlan(plan(), join(root, 'new'), nodeScaffoldFs);
    assert.equal(readFileSync(join(root, 'new', 'demo', 'train.py'), 'utf8'), 'print(1)\n');
    mkdirSync(join(root, 'empty'));
    await writePlan(plan(), join(root, 'empty'), nodeScaffoldFs);
    assert.ok(readdirSync(join(root, 'empty')).includes(PROJECT_MANIFEST));
  });

  it('never overwrites: a non-empty folder or a file is refused and left as it was', async () => {
    mkdirSync(join(root, 'taken'));
    writeFileSync(join(root, 'taken', 'mine.txt'), 'keep me');
    await assert.rejects(writePlan(plan(), join(root, 'taken'), nodeScaffoldFs), /already exists and is not empty/);
    assert.deepEqual(readdirSync(join(root, 'taken')), ['mine.txt']);
    writeFileSync(join(root, 'afile'), 'x');
    await assert.rejects(writePlan(plan(), join(root, 'afile'), nodeScaffoldFs), /is a file/);
    assert.equal(readFileSync(join(root, 'afile'), 'utf8'), 'x');
  });
});

describe('bundled starters', () => {
  let templates: Template[];
  let diagnostics: ReturnType<typeof bundledTemplates>['diagnostics'];
  beforeEach(() => ({ templates, diagnostics } = bundledTemplates()));

  it('all five load without problems', () => {
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(templates.map((t) => t.manifest.id).sort(), ['distributed-pytorch', 'ml-pipeline', 'pytorch-image-classifier', 'transformer-text-classifier', 'two-stage-recommender']);
  });

  for (const id of bundledTemplateIds()) {
    it(`${id}: plans cleanly, every placeholder filled, 5–10 milestones whose files exist`, () => {
      const t = bundledTemplate(id);
      const plan = planScaffold(t, { packageName: t.manifest.defaultName, projectId: 'p' });
      for (const f of plan.files) assert.doesNotMatch(`${f.path}\n${f.content}`, /\{\{\s*(name|package)\s*\}\}/, f.path);
      const paths = new Set(plan.files.map((f) => f.path));
      for (const required of ['README.md', 'requirements.txt']) assert.ok(paths.has(required), `${required} in ${t.manifest.id}`);
      assert.ok([...paths].some((p) => p.startsWith('tests/')), 'has a tests/ folder');
      assert.ok(t.manifest.milestones.length >= 5 && t.manifest.milestones.length <= 10, `${t.manifest.milestones.length} milestones`);
      for (const m of t.manifest.milestones) assert.ok(paths.has(resolveProjectPath(m.file, t.manifest.defaultName)), `milestone ${m.id} opens ${m.file}, which the starter does not have`);
      assert.ok(t.manifest.milestones.some((m) => m.check), 'at least one milestone a machine can check');
    });
  }

  it('a display name with an apostrophe, quotes and a backslash leaves every Python file valid, the name intact in its strings', () => {
    const name = `O'Brien's "best" \\ project`;
    // The bundled starters, and the name in each kind of Python string a team starter may use.
    const team = tiny([{ path: 'quotes.py', content: `A = '{{name}}'\nB = "{{name}}"\nC = '''{{name}}'''\nD = """{{name}}"""\n` }]);
    const files = [...templates, team].flatMap((t) => planScaffold(t, { packageName: t.manifest.defaultName, displayName: name, projectId: 'p' }).files.filter((f) => f.path.endsWith('.py')).map((f) => ({ path: `${t.manifest.id}/${f.path}`, content: f.content })));
    // Debian's Python parses each file and lists the string constants that hold the name.
    const script = [
      'import ast, json, sys',
      'out = {"errors": [], "names": []}',
      'for f in json.load(sys.stdin):',
      '    try:',
      '        tree = ast.parse(f["content"], f["path"])',
      '    except SyntaxError as e:',
      '        out["errors"].append(f"{f[\'path\']}:{e.lineno}: {e.msg}")',
      '        continue',
      '    out["names"] += [[f["path"], n.value] for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and "Brien" in n.value]',
      'print(json.dumps(out))',
    ].join('\n');
    const r = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(files), encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { errors: string[]; names: [string, string][] };
    assert.ok(files.length >= 25, `${files.length} Python files`);
    assert.deepEqual(out.errors, []);
    assert.ok(out.names.length >= 7, JSON.stringify(out.names));
    for (const [path, value] of out.names) assert.ok(value.includes(name), `${path}: ${JSON.stringify(value)}`);
  });
});
