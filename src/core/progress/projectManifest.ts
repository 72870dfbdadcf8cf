/**
 * Reading and updating a project's `.learning-path.json` (written by the scaffold). Pure: the
 * caller reads and writes the text. A manifest that is not valid is reported with its line and
 * never rewritten.
 */
import type { ProjectManifest } from '../scaffold/plan';
import { lineColumn, parseJson } from '../json';
import { normaliseTicks, type Tick } from './store';

export interface ManifestProblem {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type ManifestRead = { ok: true; manifest: ProjectManifest; raw: Record<string, unknown> } | { ok: false; problem: ManifestProblem };

/** Where `"key"` first appears in the text, for problems about a field (line 1 when absent). */
function keyPosition(text: string, key: string): { line: number; column: number } {
  const at = text.indexOf(JSON.stringify(key));
  return at >= 0 ? lineColumn(text, at) : { line: 1, column: 1 };
}

export function readProjectManifest(text: string): ManifestRead {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    return { ok: false, problem: { message: `not valid JSON: ${message}`, line, column } };
  }
  const v = parsed.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, problem: { message: 'expected a JSON object', line: 1, column: 1 } };
  const raw = v as Record<string, unknown>;
  const field = (key: string, message: string): ManifestRead => ({ ok: false, problem: { message: `"${key}": ${message}`, ...keyPosition(text, key) } });
  if (typeof raw.starter !== 'string' || raw.starter === '') return field('starter', 'expected the starter id (a string)');
  if (typeof raw.projectId !== 'string' || raw.projectId === '') return field('projectId', 'expected the project id (a string)');
  if (typeof raw.name !== 'string' || raw.name === '') return field('name', 'expected the package name (a string)');
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) return field('version', 'expected the starter version (an integer ≥ 1)');
  if (raw.progress !== undefined && (typeof raw.progress !== 'object' || raw.progress === null || Array.isArray(raw.progress))) {
    return field('progress', 'expected an object of milestone id → { state, at }');
  }
  const manifest: ProjectManifest = {
    starter: raw.starter,
    version: raw.version,
    projectId: raw.projectId,
    name: raw.name,
    createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : '',
  };
  if (raw.progress !== undefined) manifest.progress = Object.fromEntries(normaliseTicks(raw.progress, new Date(0)));
  return { ok: true, manifest, raw };
}

/**
 * The manifest text with its `progress` field set to `ticks` (other fields and their order kept),
 * or undefined when the text is not a valid manifest (then it must be left untouched) or already
 * says exactly that.
 */
export function withMirroredProgress(text: string, ticks: ReadonlyMap<string, Tick>): string | undefined {
  const read = readProjectManifest(text);
  if (!read.ok) return undefined;
  const progress: Record<string, Tick> = {};
  for (const [id, t] of ticks) progress[id] = { state: t.state, at: t.at };
  const before = JSON.stringify(read.raw.progress ?? {});
  if (before === JSON.stringify(progress)) return undefined;
  const next: Record<string, unknown> = { ...read.raw, progress };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return JSON.stringify(next, null, 2).replace(/\n/g, eol) + eol;
}
