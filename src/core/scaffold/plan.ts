/**
 * Scaffold planning: turns a template and a project name into the exact files to write, with
 * placeholders substituted and escaped for each file type. Nothing here touches the disk.
 */
import { packageNameProblem, relativePathProblem, starterNamesOf } from './paths';
import { PLACEHOLDER_RE } from './templates';
import type { Template, TemplateManifest } from './types';

/** The small manifest at the root of every scaffolded project; milestones reconnect through it. */
export const PROJECT_MANIFEST = '.learning-path.json';

export interface ProjectManifest {
  starter: string;
  version: number;
  /** Stable id of this project; progress is keyed on it, so renaming or moving the folder keeps it. */
  projectId: string;
  name: string;
  createdAt: string;
  /** Mirrored ticks when `learningPaths.progress.storeInProject` is on. */
  progress?: Record<string, { state: 'verified' | 'self'; at: string }>;
}

export interface PlannedFile {
  path: string;
  content: string;
  executable: boolean;
}

export interface ScaffoldPlan {
  manifest: TemplateManifest;
  projectManifest: ProjectManifest;
  files: PlannedFile[];
}

export class ScaffoldError extends Error {}

type Escape = (value: string) => string;

const escapeJson: Escape = (v) => JSON.stringify(v).slice(1, -1);
const escapeQuoted: Escape = (v) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/'/g, "\\'");
const escapeMarkup: Escape = (v) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, "'");
const escapeShell: Escape = (v) => v.replace(/[^\w.\- ]/g, '_');

/** How a placeholder value is escaped in a file of this name. */
export function escaperFor(path: string): Escape {
  const name = path.toLowerCase();
  if (name.endsWith('.json') || name.endsWith('.ipynb')) return escapeJson;
  if (/\.(md|markdown|html?|rst)$/.test(name)) return escapeMarkup;
  if (/\.(sh|bash)$/.test(name) || name.endsWith('makefile')) return escapeShell;
  return escapeQuoted; // .py, .toml, .cfg, .ini, .yaml, .txt: safe inside quoted strings
}

function substitute(text: string, values: Record<string, string>, escape: Escape): string {
  return text.replace(PLACEHOLDER_RE, (whole, key: string) => {
    const v = values[key];
    return v === undefined ? whole : escape(v.replace(/[\r\n]+/g, ' '));
  });
}

/** One template file rendered for a project: path and content with placeholders filled in and escaped. */
export function renderTemplateFile(file: { path: string; content: string }, values: { package: string; name: string }): { path: string; content: string } {
  const path = substitute(file.path, { package: values.package, name: values.package }, (v) => v);
  return { path, content: substitute(file.content, values, escaperFor(path)) };
}

export function planScaffold(template: Template, options: { packageName: string; displayName?: string; projectId: string; now?: Date }): ScaffoldPlan {
  const problem = packageNameProblem(options.packageName, starterNamesOf(template));
  if (problem) throw new ScaffoldError(`Invalid project name "${options.packageName}": ${problem}.`);
  const values = { package: options.packageName, name: options.displayName ?? options.packageName };
  const seen = new Set<string>();
  const files: PlannedFile[] = template.files.map((f) => {
    const path = substitute(f.path, { package: values.package, name: values.package }, (v) => v);
    const pathProblem = relativePathProblem(path);
    if (pathProblem) throw new ScaffoldError(`Template "${template.manifest.id}" file "${f.path}": ${pathProblem}.`);
    if (seen.has(path)) throw new ScaffoldError(`Template "${template.manifest.id}" writes "${path}" twice.`);
    seen.add(path);
    return { path, content: substitute(f.content, values, escaperFor(path)), executable: f.executable === true };
  });
  if (seen.has(PROJECT_MANIFEST)) throw new ScaffoldError(`Template "${template.manifest.id}" may not contain ${PROJECT_MANIFEST}.`);
  const projectManifest: ProjectManifest = {
    starter: template.manifest.id,
    version: template.manifest.version,
    projectId: options.projectId,
    name: options.packageName,
    createdAt: (options.now ?? new Date()).toISOString(),
  };
  files.push({ path: PROJECT_MANIFEST, content: JSON.stringify(projectManifest, null, 2) + '\n', executable: false });
  return { manifest: template.manifest, projectManifest, files };
}

/** A milestone's file (or check path) with placeholders filled in for a project. */
export function resolveProjectPath(path: string, packageName: string): string {
  return path.replace(PLACEHOLDER_RE, (whole, key: string) => (key === 'package' || key === 'name' ? packageName : whole));
}

/** What the scaffold writes to, through whichever file system the caller has. */
export interface ScaffoldFs {
  /** 'missing' | 'empty-dir' | 'non-empty-dir' | 'file' */
  stat(path: string): Promise<'missing' | 'empty-dir' | 'non-empty-dir' | 'file'>;
  mkdirp(path: string): Promise<void>;
  /** Must fail rather than overwrite an existing file. */
  writeNew(path: string, content: string, executable: boolean): Promise<void>;
  join(...parts: string[]): string;
}

/** Writes a plan into `target`, which must be missing or empty. Never overwrites a file. */
export async function writePlan(plan: ScaffoldPlan, target: string, fs: ScaffoldFs, onProgress?: (done: number, total: number) => void): Promise<void> {
  const state = await fs.stat(target);
  if (state === 'file') throw new ScaffoldError(`${target} is a file; choose a folder name that does not exist yet.`);
  if (state === 'non-empty-dir') throw new ScaffoldError(`${target} already exists and is not empty; choose another name.`);
  await fs.mkdirp(target);
  const dirs = new Set<string>();
  let done = 0;
  for (const f of plan.files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!dirs.has(dir)) {
        dirs.add(dir);
        await fs.mkdirp(fs.join(target, ...parts.slice(0, i)));
      }
    }
    await fs.writeNew(fs.join(target, ...parts), f.content, f.executable);
    onProgress?.(++done, plan.files.length);
  }
}
