/** Path and name rules for scaffolding: nothing may land outside the target folder. */
import { english, type Translate } from '../l10n';
import { PYTHON_STDLIB_MODULES } from './pythonStdlib';

const PY_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);
/** Names that would shadow a library the starters import (or their test runner). */
const SHADOWED = new Set(['torch', 'torchvision', 'numpy', 'pandas', 'sklearn', 'scipy', 'faiss', 'pytest', 'yaml', 'test', 'tests', 'transformers', 'airflow', 'kfp', 'matplotlib']);
/** Folders every starter uses or git-ignores: a package there would be mixed with them, or never committed. */
const STARTER_FOLDERS = new Set(['outputs', 'data', 'checkpoints', 'milestones', 'tests', 'solutions', 'configs', 'notebooks', 'scripts']);

/** What a starter's files say about names: the top-level modules its Python files import, its folders, what its .gitignore ignores. */
export interface StarterNames {
  imports: ReadonlySet<string>;
  folders: ReadonlySet<string>;
  ignored: ReadonlySet<string>;
}

const IMPORT_LINE = /^[ \t]*(?:import[ \t]+([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*)|from[ \t]+([A-Za-z_]\w*))/gm;

/** The names a starter's files take (placeholders such as `{{package}}` are not names). */
export function starterNames(files: readonly { path: string; content: string }[]): StarterNames {
  const imports = new Set<string>();
  const folders = new Set<string>();
  const ignored = new Set<string>();
  for (const f of files) {
    const slash = f.path.indexOf('/');
    if (slash > 0 && !f.path.startsWith('{{')) folders.add(f.path.slice(0, slash));
    if (f.path.endsWith('.py')) {
      for (const m of f.content.matchAll(IMPORT_LINE)) {
        for (const name of (m[1] ?? m[2] ?? '').split(',')) imports.add(name.trim().split('.')[0] as string);
      }
    }
    if (f.path === '.gitignore') {
      for (const line of f.content.split(/\r?\n/)) {
        const entry = line.trim().replace(/^\//, '').replace(/\/$/, '');
        if (/^[A-Za-z_]\w*$/.test(entry)) ignored.add(entry);
      }
    }
  }
  return { imports, folders, ignored };
}

const cache = new WeakMap<object, StarterNames>();
/** starterNames of a template's files, computed once per template. */
export function starterNamesOf(template: { files: readonly { path: string; content: string }[] }): StarterNames {
  let names = cache.get(template);
  if (!names) cache.set(template, (names = starterNames(template.files)));
  return names;
}

/**
 * Why `name` cannot be a Python package (project) name, or undefined when it can. With the
 * starter's names, it also refuses a name its code imports, and its folders (used or git-ignored).
 */
export function packageNameProblem(name: string, starter?: StarterNames, t: Translate = english): string | undefined {
  if (name.length === 0) return t('enter a name');
  if (name.length > 64) return t('use at most 64 characters');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    return t('use only letters, digits and underscores, not starting with a digit (it becomes a Python package name)');
  }
  if (name !== name.toLowerCase()) return t('use lowercase letters (PEP 8 package names are lowercase)');
  if (name.startsWith('_')) return t('do not start with an underscore (it marks a private module, and Python keeps many of those)');
  if (PY_KEYWORDS.has(name)) return t('"{0}" is a Python keyword', name);
  if (PYTHON_STDLIB_MODULES.has(name)) return t('"{0}" would shadow the Python standard-library module of the same name', name);
  if (starter?.imports.has(name)) return t('"{0}" would shadow the module "{0}" that this starter imports', name);
  if (SHADOWED.has(name)) return t('"{0}" would shadow the Python module of the same name', name);
  if (starter?.ignored.has(name)) return t('"{0}" is git-ignored by this starter (.gitignore): the package would never be committed', name);
  if (starter?.folders.has(name) || STARTER_FOLDERS.has(name)) return t('"{0}" is a folder the starter uses for its own files', name);
  return undefined;
}

/** A valid package name derived from free text ("My CIFAR model" → "my_cifar_model"). */
export function suggestPackageName(text: string, fallback = 'project'): string {
  // NFKD splits an accented letter into the letter and its mark; the marks go (Café → cafe).
  let s = text.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\w]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '').toLowerCase();
  if (/^\d/.test(s)) s = `p_${s}`;
  return s && !packageNameProblem(s) ? s.slice(0, 64) : fallback;
}

/**
 * Why a project-relative path is unsafe, or undefined when it is a plain relative path that stays
 * inside the project: no absolute paths, drive letters, backslashes, `..`, `.` or empty segments.
 */
export function relativePathProblem(path: string): string | undefined {
  if (path.length === 0) return 'the path is empty';
  if (path.includes('\0')) return 'the path contains a NUL character';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.startsWith('~')) return 'absolute paths are not allowed';
  if (path.includes('\\')) return 'backslashes are not allowed (use /)';
  const parts = path.split('/');
  if (parts.some((p) => p === '..')) return '".." would leave the project folder';
  if (parts.some((p) => p === '' || p === '.')) return 'empty or "." path segments are not allowed';
  return undefined;
}
