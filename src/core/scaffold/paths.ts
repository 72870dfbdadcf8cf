/** Path and name rules for scaffolding: nothing may land outside the target folder. */

const PY_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);
/** Names that would shadow a library the starters import. */
const SHADOWED = new Set(['torch', 'torchvision', 'numpy', 'pandas', 'sklearn', 'scipy', 'faiss', 'pytest', 'yaml', 'json', 'os', 'sys', 'test', 'tests', 'typing', 'random', 'math', 'io', 'logging', 'transformers', 'airflow', 'kfp']);

/** Why `name` cannot be a Python package (project) name, or undefined when it can. */
export function packageNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'enter a name';
  if (name.length > 64) return 'use at most 64 characters';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    return 'use only letters, digits and underscores, not starting with a digit (it becomes a Python package name)';
  }
  if (name !== name.toLowerCase()) return 'use lowercase letters (PEP 8 package names are lowercase)';
  if (PY_KEYWORDS.has(name)) return `"${name}" is a Python keyword`;
  if (SHADOWED.has(name)) return `"${name}" would shadow the Python module of the same name`;
  return undefined;
}

/** A valid package name derived from free text ("My CIFAR model" → "my_cifar_model"). */
export function suggestPackageName(text: string, fallback = 'project'): string {
  let s = text.normalize('NFKD').replace(/[^\w]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '').toLowerCase();
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
