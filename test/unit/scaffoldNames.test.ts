// Package names a scaffold refuses (issue 19): names that shadow the standard library or a module the
// starter imports, and folders the starter uses or git-ignores; each refusal says why.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pseudo } from '../../src/core/l10n';
import { packageNameProblem, starterNames, starterNamesOf, suggestPackageName } from '../../src/core/scaffold/paths';
import { planScaffold, ScaffoldError } from '../../src/core/scaffold/plan';
import { PYTHON_STDLIB_MODULES } from '../../src/core/scaffold/pythonStdlib';
import { readTemplates } from '../../src/core/scaffold/templateFiles';
import { repoRoot } from './helpers';

const files = [
  { path: '.gitignore', content: 'outputs/\n/wandb\n*.pyc\n.venv/\n# comment\nlogs/run1/\n' },
  { path: '{{package}}/train.py', content: 'import os, json\nimport einops.layers as L\nfrom rich.console import Console\nfrom . import model\nfrom .data import x\n    import lazy_mod\nx = "import notamodule"\n' },
  { path: 'notes/readme.md', content: 'import fake\n' },
  { path: 'runs/x.py', content: 'from  spaced  import y\n' },
  { path: 'top.py', content: '' },
];

describe('scaffold: names the starter takes', () => {
  it('reads top-level imports, folders and git-ignored names from the starter’s files', () => {
    const names = starterNames(files);
    assert.deepEqual([...names.imports].sort(), ['einops', 'json', 'lazy_mod', 'os', 'rich', 'spaced']);
    assert.deepEqual([...names.folders].sort(), ['notes', 'runs']);
    assert.deepEqual([...names.ignored].sort(), ['outputs', 'wandb']);
    const template = { files };
    assert.equal(starterNamesOf(template), starterNamesOf(template), 'computed once per template');
  });

  it('refuses each kind of name with its reason', () => {
    const names = starterNames(files);
    const why = (n: string) => packageNameProblem(n, names);
    assert.equal(why('dataclasses'), '"dataclasses" would shadow the Python standard-library module of the same name');
    assert.equal(why('site'), '"site" would shadow the Python standard-library module of the same name');
    assert.equal(why('einops'), '"einops" would shadow the module "einops" that this starter imports');
    assert.equal(why('wandb'), '"wandb" is git-ignored by this starter (.gitignore): the package would never be committed');
    assert.equal(why('outputs'), '"outputs" is git-ignored by this starter (.gitignore): the package would never be committed');
    assert.equal(why('runs'), '"runs" is a folder the starter uses for its own files');
    assert.equal(why('checkpoints'), '"checkpoints" is a folder the starter uses for its own files');
    assert.equal(why('torch'), '"torch" would shadow the Python module of the same name');
    assert.equal(why('my_model'), undefined);
    // Without the starter's names: the standard library, the known libraries and the common folders still.
    assert.equal(packageNameProblem('outputs'), '"outputs" is a folder the starter uses for its own files');
    assert.equal(packageNameProblem('einops'), undefined);
    assert.equal(packageNameProblem('runs'), undefined);
    assert.equal(packageNameProblem('json', undefined, pseudo), '⟦"json" would shadow the Python standard-library module of the same name⟧');
    assert.equal(packageNameProblem('', undefined, pseudo), '⟦enter a name⟧');
    assert.equal(suggestPackageName('Data Classes'), 'data_classes');
    assert.equal(suggestPackageName('dataclasses'), 'project', 'a suggestion is never a refused name');
  });

  it('ships Python’s sys.stdlib_module_names', () => {
    for (const m of ['os', 'sys', 'json', 'dataclasses', 'site', 'typing', 'asyncio', 'zoneinfo', 'tomllib']) assert.ok(PYTHON_STDLIB_MODULES.has(m), m);
    assert.equal(PYTHON_STDLIB_MODULES.has('numpy'), false);
    assert.equal(PYTHON_STDLIB_MODULES.has(''), false);
    assert.equal(packageNameProblem('__future__'), 'do not start with an underscore (it marks a private module, and Python keeps many of those)');
    assert.equal(packageNameProblem('_abc'), 'do not start with an underscore (it marks a private module, and Python keeps many of those)');
  });

  it('every bundled starter refuses the names its own code imports and its folders, at planning too', () => {
    const { templates } = readTemplates(join(repoRoot, 'data', 'templates'));
    assert.ok(templates.length >= 5);
    for (const t of templates) {
      const names = starterNamesOf(t);
      assert.ok(names.imports.has('pytest') || names.imports.has('numpy') || names.imports.has('torch'), t.manifest.id);
      assert.ok(names.ignored.has('outputs'), `${t.manifest.id} git-ignores outputs/`);
      for (const n of ['outputs', 'milestones', 'dataclasses']) {
        assert.throws(() => planScaffold(t, { packageName: n, projectId: 'p' }), (e: unknown) => e instanceof ScaffoldError && e.message.startsWith(`Invalid project name "${n}": "${n}" `), `${t.manifest.id}: ${n}`);
      }
      assert.equal(packageNameProblem(t.manifest.defaultName, names), undefined, `${t.manifest.id}: its default name is allowed`);
    }
  });
});
