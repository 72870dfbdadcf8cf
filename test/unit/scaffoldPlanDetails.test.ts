// Scaffold planning and writing in detail (src/core/scaffold/plan.ts, paths.ts, writeConcurrent.ts,
// nodeFs.ts): the exact escaping per file type, every refusal message, the names a starter takes, the
// order the writers create folders in, and Node's ScaffoldFs.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { nodeScaffoldFs } from '../../src/core/scaffold/nodeFs';
import { packageNameProblem, relativePathProblem, starterNames, suggestPackageName } from '../../src/core/scaffold/paths';
import { escaperFor, planScaffold, PROJECT_MANIFEST, renderTemplateFile, resolveProjectPath, ScaffoldError, writePlan, type ScaffoldFs, type ScaffoldPlan } from '../../src/core/scaffold/plan';
import type { Template, TemplateManifest } from '../../src/core/scaffold/types';
import { writeFilesConcurrently, writePlanConcurrently } from '../../src/core/scaffold/writeConcurrent';

const manifest: TemplateManifest = {
  id: 'tiny',
  version: 3,
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
const tiny = (files: Template['files']): Template => ({ manifest, files });

/** A ScaffoldFs that records every call and keeps nothing (stat answers from `state`). */
function recordingFs(state: 'missing' | 'empty-dir' | 'non-empty-dir' | 'file' = 'missing', fail?: (path: string) => Error | undefined) {
  const calls: string[] = [];
  const fs: ScaffoldFs = {
    stat: async () => state,
    mkdirp: async (p) => void calls.push(`mkdirp ${p}`),
    writeNew: async (p, content, executable) => {
      calls.push(`write ${p} ${JSON.stringify(content)}${executable ? ' +x' : ''}`);
      const err = fail?.(p);
      if (err) throw err;
    },
    join: (...parts) => posix.join(...parts),
  };
  return { fs, calls };
}

const files = (...paths: string[]): ScaffoldPlan => ({ manifest, projectManifest: { starter: 'tiny', version: 1, projectId: 'p', name: 'n', createdAt: '' }, files: paths.map((path) => ({ path, content: path.toUpperCase(), executable: path.endsWith('.sh') })) });

describe('scaffold planning in detail (core/scaffold/plan)', () => {
  it('escapes a value for each kind of file, by its lower-cased name', () => {
    const hostile = `a\\b"c'd<e>&f\`g;$h`;
    const json = `a\\\\b\\"c'd<e>&f\`g;$h`;
    const markup = `a\\b"c'd&lt;e&gt;&amp;f'g;$h`;
    const shell = 'a_b_c_d_e__f_g__h';
    const quoted = `a\\\\b\\"c\\'d<e>&f\`g;$h`;
    const table: [string, string][] = [
      ['x.json', json],
      ['X.JSON', json],
      ['n.ipynb', json],
      ['README.md', markup],
      ['doc.markdown', markup],
      ['page.html', markup],
      ['page.htm', markup],
      ['index.rst', markup],
      ['README.MD', markup],
      ['run.sh', shell],
      ['run.bash', shell],
      ['Makefile', shell],
      ['sub/makefile', shell],
      ['train.py', quoted],
      ['setup.cfg', quoted],
      ['x.md.py', quoted],
      ['x.json.txt', quoted],
      ['x.shx', quoted],
      ['makefile.py', quoted],
      ['x.mdx', quoted],
    ];
    assert.deepEqual(
      table.map(([path]) => [path, escaperFor(path)(hostile)]),
      table,
    );
    assert.equal(escaperFor('run.sh')('ok name-1.2'), 'ok name-1.2', 'letters, digits, _ . - and spaces stay');
    assert.equal(escaperFor('a.md')('&lt;'), '&amp;lt;', 'the ampersand first');
  });

  it('fills {{name}} and {{package}} (spaces allowed inside the braces), leaves other placeholders, and puts line breaks as one space', () => {
    const r = renderTemplateFile({ path: '{{ name }}/{{package}}.py', content: 'N = "{{name}}"\nP = "{{ package }}"\nO = "{{other}}"\n' }, { package: 'pkg', name: 'Two\r\n\nlines' });
    assert.deepEqual(r, { path: 'pkg/pkg.py', content: 'N = "Two lines"\nP = "pkg"\nO = "{{other}}"\n' });
    assert.deepEqual(renderTemplateFile({ path: 'README.md', content: '# {{name}}' }, { package: 'p', name: '<b>' }), { path: 'README.md', content: '# &lt;b&gt;' });
    assert.deepEqual(renderTemplateFile({ path: '{{name}}.md', content: '{{name}}' }, { package: 'p', name: '<b>' }), { path: 'p.md', content: '&lt;b&gt;' }, 'the escaper follows the rendered path');
  });

  it('plans every file with its executable bit, the display name defaulting to the package name, and the project manifest last', () => {
    const before = Date.now();
    const plan = planScaffold(
      tiny([
        { path: 'run.sh', content: 'echo {{name}}', executable: true },
        { path: 'README.md', content: '# {{name}}', executable: false },
        { path: '{{package}}/x.py', content: '' },
      ]),
      { packageName: 'demo', projectId: 'id-9' },
    );
    const after = Date.now();
    assert.deepEqual(
      plan.files.slice(0, 3),
      [
        { path: 'run.sh', content: 'echo demo', executable: true },
        { path: 'README.md', content: '# demo', executable: false },
        { path: 'demo/x.py', content: '', executable: false },
      ],
    );
    assert.equal(plan.manifest, manifest);
    const created = Date.parse(plan.projectManifest.createdAt);
    assert.ok(created >= before && created <= after, plan.projectManifest.createdAt);
    assert.deepEqual(plan.projectManifest, { starter: 'tiny', version: 3, projectId: 'id-9', name: 'demo', createdAt: new Date(created).toISOString() });
    assert.deepEqual(plan.files[3], { path: PROJECT_MANIFEST, content: `${JSON.stringify(plan.projectManifest, null, 2)}\n`, executable: false });
    assert.equal(plan.files.length, 4);
  });

  it('says exactly why a plan is refused', () => {
    const refusal = (t: Template, packageName = 'demo') => {
      try {
        planScaffold(t, { packageName, projectId: 'p' });
      } catch (e) {
        assert.ok(e instanceof ScaffoldError);
        return e.message;
      }
      return 'planned';
    };
    assert.equal(refusal(tiny([]), 'Bad'), 'Invalid project name "Bad": use lowercase letters (PEP 8 package names are lowercase).');
    assert.equal(refusal(tiny([{ path: '/etc/x', content: '' }])), 'Template "tiny" file "/etc/x": absolute paths are not allowed.');
    assert.equal(refusal(tiny([{ path: '{{package}}/a', content: '' }, { path: '{{ package }}/a', content: '' }])), 'Template "tiny" writes "demo/a" twice.');
    assert.equal(refusal(tiny([{ path: PROJECT_MANIFEST, content: '' }])), 'Template "tiny" may not contain .learning-path.json.');
    assert.equal(refusal(tiny([{ path: 'a', content: '' }, { path: 'b', content: '' }])), 'planned');
  });

  it("resolves a milestone's path: {{package}} and {{name}} both become the package name", () => {
    assert.equal(resolveProjectPath('{{package}}/{{ name }}/{{other}}.py', 'demo'), 'demo/demo/{{other}}.py');
    assert.equal(resolveProjectPath('outputs/metrics.json', 'demo'), 'outputs/metrics.json');
  });

  it('writePlan creates each folder once, shallowest first, writes every file and reports progress', async () => {
    const { fs, calls } = recordingFs('empty-dir');
    const progress: string[] = [];
    await writePlan(files('a/b/c.txt', 'a/d.txt', 'run.sh', 'a/b/e.txt'), '/t', fs, (done, total) => progress.push(`${done}/${total}`));
    assert.deepEqual(calls, ['mkdirp /t', 'mkdirp /t/a', 'mkdirp /t/a/b', 'write /t/a/b/c.txt "A/B/C.TXT"', 'write /t/a/d.txt "A/D.TXT"', 'write /t/run.sh "RUN.SH" +x', 'write /t/a/b/e.txt "A/B/E.TXT"']);
    assert.deepEqual(progress, ['1/4', '2/4', '3/4', '4/4']);
  });

  it('writePlan tells folders apart by their whole path (ab is not a/b)', async () => {
    const { fs, calls } = recordingFs();
    await writePlan(files('ab/x', 'a/b/y'), '/t', fs);
    assert.deepEqual(calls.filter((c) => c.startsWith('mkdirp')), ['mkdirp /t', 'mkdirp /t/ab', 'mkdirp /t/a', 'mkdirp /t/a/b']);
  });

  it('writePlan refuses a file or a non-empty folder, naming it, and writes nothing', async () => {
    const file = recordingFs('file');
    await assert.rejects(writePlan(files('a'), '/t', file.fs), (e: unknown) => e instanceof ScaffoldError && e.message === '/t is a file; choose a folder name that does not exist yet.');
    const full = recordingFs('non-empty-dir');
    await assert.rejects(writePlan(files('a'), '/t', full.fs), (e: unknown) => e instanceof ScaffoldError && e.message === '/t already exists and is not empty; choose another name.');
    assert.deepEqual([...file.calls, ...full.calls], []);
  });
});

describe('scaffold: concurrent writer in detail (core/scaffold/writeConcurrent)', () => {
  it('creates the folders of each depth before the next depth, each once, then writes the files', async () => {
    const { fs, calls } = recordingFs();
    await writePlanConcurrently(files('x/y/z/deep.txt', 'top.txt', 'x/y/mid.txt', 'q/r.txt'), '/t', fs, undefined, 1);
    assert.deepEqual(calls, [
      'mkdirp /t',
      'mkdirp /t/x',
      'mkdirp /t/q',
      'mkdirp /t/x/y',
      'mkdirp /t/x/y/z',
      'write /t/x/y/z/deep.txt "X/Y/Z/DEEP.TXT"',
      'write /t/top.txt "TOP.TXT"',
      'write /t/x/y/mid.txt "X/Y/MID.TXT"',
      'write /t/q/r.txt "Q/R.TXT"',
    ]);
  });

  it('a deeper folder listed first still waits for the shallower ones', async () => {
    const { fs, calls } = recordingFs();
    await writeFilesConcurrently(files('a/b/c/d.txt', 'e/f.txt'), '/t', fs);
    assert.deepEqual(calls.slice(0, 4), ['mkdirp /t/a', 'mkdirp /t/e', 'mkdirp /t/a/b', 'mkdirp /t/a/b/c']);
  });

  it('one worker: a failure stops the files not yet started, and is the error reported', async () => {
    const { fs, calls } = recordingFs('missing', (p) => (p.endsWith('b') ? new Error(`cannot write ${p}`) : undefined));
    const progress: number[] = [];
    await assert.rejects(writeFilesConcurrently(files('a', 'b', 'c', 'd'), '/t', fs, { concurrency: 1, onProgress: (done) => progress.push(done) }), { message: 'cannot write /t/b' });
    assert.deepEqual(calls, ['write /t/a "A"', 'write /t/b "B"']);
    assert.deepEqual(progress, [1]);
  });

  it('several failures: the first one is reported', async () => {
    const { fs } = recordingFs('missing', (p) => new Error(`cannot write ${p}`));
    await assert.rejects(writeFilesConcurrently(files('a', 'b', 'c'), '/t', fs, { concurrency: 3 }), { message: 'cannot write /t/a' });
  });

  it('runs up to `concurrency` writes at once (12 by default), never more than there are files', async () => {
    const peak = async (n: number, concurrency?: number) => {
      let inFlight = 0;
      let max = 0;
      const fs: ScaffoldFs = {
        ...recordingFs().fs,
        writeNew: async () => {
          max = Math.max(max, ++inFlight);
          await new Promise((r) => setImmediate(r));
          inFlight--;
        },
      };
      await writeFilesConcurrently(files(...Array.from({ length: n }, (_, i) => `f${i}`)), '/t', fs, concurrency === undefined ? {} : { concurrency });
      return max;
    };
    assert.equal(await peak(20), 12);
    assert.equal(await peak(20, 3), 3);
    assert.equal(await peak(2, 5), 2);
    assert.equal(await peak(3, 0), 1, 'at least one worker');
    assert.equal(await peak(0), 0);
  });

  it('reports progress once per file written, with the total', async () => {
    const { fs } = recordingFs();
    const progress: string[] = [];
    await writePlanConcurrently(files('a', 'b', 'c'), '/t', fs, (done, total) => progress.push(`${done}/${total}`));
    assert.deepEqual(progress, ['1/3', '2/3', '3/3']);
  });

  it('refuses a file or a non-empty folder with its message, writing nothing', async () => {
    const file = recordingFs('file');
    await assert.rejects(writePlanConcurrently(files('a'), '/t', file.fs), (e: unknown) => e instanceof ScaffoldError && e.message === '/t is a file; choose a folder name that does not exist yet.');
    const full = recordingFs('non-empty-dir');
    await assert.rejects(writePlanConcurrently(files('a'), '/t', full.fs), (e: unknown) => e instanceof ScaffoldError && e.message === '/t already exists and is not empty; choose another name.');
    assert.deepEqual([...file.calls, ...full.calls], []);
    const empty = recordingFs('empty-dir');
    await writePlanConcurrently(files('a'), '/t', empty.fs);
    assert.deepEqual(empty.calls, ['mkdirp /t', 'write /t/a "A"']);
  });
});

describe('scaffold names in detail (core/scaffold/paths)', () => {
  it('gives each refusal in its exact words, in order of precedence', () => {
    assert.equal(packageNameProblem('a'.repeat(64)), undefined);
    assert.equal(packageNameProblem('a'.repeat(65)), 'use at most 64 characters');
    assert.equal(packageNameProblem('my-project'), 'use only letters, digits and underscores, not starting with a digit (it becomes a Python package name)');
    assert.equal(packageNameProblem('9lives'), 'use only letters, digits and underscores, not starting with a digit (it becomes a Python package name)');
    assert.equal(packageNameProblem('x y'), 'use only letters, digits and underscores, not starting with a digit (it becomes a Python package name)');
    assert.equal(packageNameProblem('ok\n'), 'use only letters, digits and underscores, not starting with a digit (it becomes a Python package name)');
    assert.equal(packageNameProblem('None'), 'use lowercase letters (PEP 8 package names are lowercase)');
    assert.equal(packageNameProblem('lambda'), '"lambda" is a Python keyword');
    assert.equal(packageNameProblem('yield'), '"yield" is a Python keyword');
    assert.equal(packageNameProblem('v2_model'), undefined);
    const names = { imports: new Set(['json', 'numpy', 'einops']), folders: new Set(['torch', 'runs']), ignored: new Set(['pandas', 'runs', 'wandb']) };
    assert.equal(packageNameProblem('json', names), '"json" would shadow the Python standard-library module of the same name');
    assert.equal(packageNameProblem('numpy', names), '"numpy" would shadow the module "numpy" that this starter imports');
    assert.equal(packageNameProblem('numpy'), '"numpy" would shadow the Python module of the same name');
    assert.equal(packageNameProblem('torch', names), '"torch" would shadow the Python module of the same name');
    assert.equal(packageNameProblem('pandas', names), '"pandas" would shadow the Python module of the same name');
    assert.equal(packageNameProblem('runs', names), '"runs" is git-ignored by this starter (.gitignore): the package would never be committed');
    assert.equal(packageNameProblem('wandb'), undefined);
    for (const n of ['test', 'tests', 'sklearn', 'scipy', 'faiss', 'pytest', 'yaml', 'transformers', 'airflow', 'kfp', 'matplotlib', 'torchvision']) {
      assert.equal(packageNameProblem(n), `"${n}" would shadow the Python module of the same name`, n);
    }
    for (const n of ['data', 'milestones', 'solutions', 'configs', 'notebooks', 'scripts']) assert.equal(packageNameProblem(n), `"${n}" is a folder the starter uses for its own files`, n);
  });

  it('suggests a package name from free text, or the fallback', () => {
    assert.equal(suggestPackageName('Café Model'), 'cafe_model');
    assert.equal(suggestPackageName('__Deep -- Net__'), 'deep_net');
    assert.equal(suggestPackageName('a.b'), 'a_b');
    assert.equal(suggestPackageName('123'), 'p_123');
    assert.equal(suggestPackageName('model 2'), 'model_2', 'only a leading digit needs the prefix');
    assert.equal(suggestPackageName('Lambda'), 'project', 'a keyword is never suggested');
    assert.equal(suggestPackageName('', 'mine'), 'mine');
    assert.equal(suggestPackageName('!!!', 'mine'), 'mine');
    assert.equal(suggestPackageName('x'.repeat(64)), 'x'.repeat(64));
    assert.equal(suggestPackageName('x'.repeat(65)), 'project');
  });

  it('says exactly why a relative path is unsafe', () => {
    const cases: [string, string | undefined][] = [
      ['pkg/train.py', undefined],
      ['a', undefined],
      ['.gitignore', undefined],
      ['a/..b/c', undefined],
      ['a/b:c', undefined],
      ['', 'the path is empty'],
      ['a\0b', 'the path contains a NUL character'],
      ['/etc', 'absolute paths are not allowed'],
      ['c:x', 'absolute paths are not allowed'],
      ['Z:/x', 'absolute paths are not allowed'],
      ['~user/x', 'absolute paths are not allowed'],
      ['a\\b', 'backslashes are not allowed (use /)'],
      ['a/../b', '".." would leave the project folder'],
      ['..', '".." would leave the project folder'],
      ['a/', 'empty or "." path segments are not allowed'],
      ['a//b', 'empty or "." path segments are not allowed'],
      ['a/./b', 'empty or "." path segments are not allowed'],
      ['.', 'empty or "." path segments are not allowed'],
    ];
    assert.deepEqual(
      cases.map(([p]) => [p, relativePathProblem(p)]),
      cases,
    );
  });

  it("reads a starter's names: imports of .py files only, first folders of relative paths, plain names its root .gitignore ignores", () => {
    const names = starterNames([
      { path: 'a.py', content: 'import alpha,beta.sub\nimport\tgamma , delta\nfrom epsilon.x import y\n\tfrom zeta import w\n' },
      { path: 'b.txt', content: 'import not_py\n' },
      { path: 'sub/.gitignore', content: 'not_root\n' },
      { path: '/abs/x.py', content: '' },
      { path: '{{package}}/m.py', content: '' },
      { path: 'deep/er/x.txt', content: '' },
      { path: '.gitignore', content: '/data/\r\nlogs\r\n*.log\nbuild/out\n  spaced  \n9bad\n\n' },
    ]);
    assert.deepEqual([...names.imports].sort(), ['alpha', 'beta', 'delta', 'epsilon', 'gamma', 'zeta']);
    assert.deepEqual([...names.folders].sort(), ['deep', 'sub']);
    assert.deepEqual([...names.ignored].sort(), ['data', 'logs', 'spaced']);
  });
});

describe("Node's ScaffoldFs (core/scaffold/nodeFs)", () => {
  let tmp: string;
  beforeEach(() => (tmp = mkdtempSync(join(tmpdir(), 'lp-nodefs-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('stat: missing, file, empty folder, non-empty folder', async () => {
    mkdirSync(join(tmp, 'empty'));
    mkdirSync(join(tmp, 'full'));
    writeFileSync(join(tmp, 'full', 'x'), 'x');
    assert.deepEqual(
      await Promise.all(['nope', 'full/x', 'empty', 'full'].map((p) => nodeScaffoldFs.stat(join(tmp, p)))),
      ['missing', 'file', 'empty-dir', 'non-empty-dir'],
    );
  });

  it('rename refuses any existing target with EEXIST, and moves otherwise', async () => {
    writeFileSync(join(tmp, 'a'), 'A');
    mkdirSync(join(tmp, 'emptydir'));
    for (const to of ['emptydir', 'a']) {
      const err = await nodeScaffoldFs.rename(join(tmp, 'a'), join(tmp, to)).catch((e: unknown) => e);
      assert.ok(err instanceof Error);
      assert.equal((err as NodeJS.ErrnoException).code, 'EEXIST');
      assert.equal(err.message, `EEXIST: file already exists, rename '${join(tmp, 'a')}' -> '${join(tmp, to)}'`);
    }
    await nodeScaffoldFs.rename(join(tmp, 'a'), join(tmp, 'b'));
    assert.deepEqual(await nodeScaffoldFs.list(tmp), ['b', 'emptydir']);
    assert.equal(readFileSync(join(tmp, 'b'), 'utf8'), 'A');
  });

  it('writeNew never overwrites, and sets the executable bit when asked', async () => {
    await nodeScaffoldFs.writeNew(join(tmp, 'run.sh'), 'echo', true);
    await nodeScaffoldFs.writeNew(join(tmp, 'a.txt'), 'a', false);
    assert.equal(statSync(join(tmp, 'run.sh')).mode & 0o111, 0o111);
    assert.equal(statSync(join(tmp, 'a.txt')).mode & 0o111, 0);
    await assert.rejects(nodeScaffoldFs.writeNew(join(tmp, 'a.txt'), 'b', false), { code: 'EEXIST' });
    assert.equal(readFileSync(join(tmp, 'a.txt'), 'utf8'), 'a');
  });

  it('mkdirNew refuses an existing folder; mkdirp creates the chain; removeTree removes a tree', async () => {
    await nodeScaffoldFs.mkdirNew(join(tmp, 'd'));
    await assert.rejects(nodeScaffoldFs.mkdirNew(join(tmp, 'd')), { code: 'EEXIST' });
    await nodeScaffoldFs.mkdirp(join(tmp, 'd', 'e', 'f'));
    await nodeScaffoldFs.mkdirp(join(tmp, 'd', 'e', 'f'));
    assert.equal(await nodeScaffoldFs.stat(join(tmp, 'd', 'e')), 'non-empty-dir');
    await nodeScaffoldFs.removeTree(join(tmp, 'd'));
    assert.deepEqual(await nodeScaffoldFs.list(tmp), []);
    assert.equal(nodeScaffoldFs.join('a', 'b'), join('a', 'b'));
  });
});
