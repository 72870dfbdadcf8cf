/**
 * Reading and updating a project's `.learning-path.json` (written by the scaffold). Pure: the
 * caller reads and writes the text. A manifest that is not valid is reported with its line and
 * never rewritten.
 *
 * Project ids: a UUID (what the scaffold writes) or 1–64 lowercase letters, digits and hyphens
 * (PROJECT_ID_PATTERN). Any other `projectId` (`__proto__`, `toString`, 10 KB of text) is reported
 * as a warning at its line, and the project's progress is kept under a key derived from it
 * (`invalid-` and 40 hex digits of its SHA-256), so it still works and no other project is touched.
 *
 * Mirrored progress (`progress`, when learningPaths.progress.storeInProject is on): milestone id →
 * `{ "state": "self" | "verified", "at" }` (done) or `{ "state": "open", "at" }` (unticked then).
 * A value that is neither (`1`, `"yesterday"`, `"2024-02-30"`) is reported at its line and kept in
 * the file exactly as it is.
 */
import { createHash } from 'node:crypto';
import type { ProjectManifest } from '../scaffold/plan';
import { visit } from 'jsonc-parser';
import { nestedDeeperThan, parseJson } from '../json';
import { readMark, type Mark } from './merge';
import { isRecord, normaliseTick, tickProblem } from './storeFormat';

export interface ManifestProblem {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type ManifestRead =
  | {
      ok: true;
      /** `projectId` is the key progress is stored under: the file's id, or the key derived from an invalid one. */
      manifest: ProjectManifest;
      raw: Record<string, unknown>;
      /** Problems that do not stop the project from working (an invalid project id, unreadable ticks). */
      warnings: ManifestProblem[];
      /** The valid mirrored marks (ticks and unticks), for merging into the store. */
      marks: Map<string, Mark>;
    }
  | { ok: false; problem: ManifestProblem };

export const PROJECT_ID_PATTERN = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[a-z0-9-]{1,64})$/;

/** The key progress of a project with this id is stored under: the id itself when it is valid. */
export function projectKey(projectId: string): string {
  return PROJECT_ID_PATTERN.test(projectId) ? projectId : `invalid-${createHash('sha256').update(projectId, 'utf8').digest('hex').slice(0, 40)}`;
}

/** A manifest is a few KB; larger ones are refused unread (see core/fs/safeRead.ts). */
export const MAX_MANIFEST_BYTES = 32 * 1024;
/** Hand-edited values that are not ticks get a warning each up to this many, then one for the rest. */
export const MAX_TICK_WARNINGS = 50;
/** JSON nested deeper than this is refused before it is parsed (a manifest is 3 levels deep). */
export const MAX_MANIFEST_DEPTH = 64;

type Position = { line: number; column: number };

/**
 * Positions of the manifest's top-level keys and of the keys of its `progress` object, found in one
 * pass of jsonc-parser's visitor (no tree is built; it reports lines and columns itself): every
 * warning costs a map lookup, so thousands of invalid ticks stay linear in the file.
 */
function keyPositions(text: string): { top: (key: string) => Position; progress: (id: string) => Position } {
  const top = new Map<string, Position>();
  const progress = new Map<string, Position>();
  let progressAt: Position = { line: 1, column: 1 };
  let depth = 0;
  let lastTopKey = '';
  let inProgress = false;
  visit(
    text,
    {
      onObjectBegin: (_o, _l, line, character) => {
        depth++;
        if (depth === 2 && lastTopKey === 'progress') {
          inProgress = true;
          progressAt = { line: line + 1, column: character + 1 };
        }
      },
      onObjectEnd: () => {
        if (depth === 2) inProgress = false;
        depth--;
      },
      onArrayBegin: () => {
        depth++;
      },
      onArrayEnd: () => {
        depth--;
      },
      onObjectProperty: (key, _o, _l, line, character) => {
        const at = { line: line + 1, column: character + 1 };
        if (depth === 1) {
          lastTopKey = key;
          if (!top.has(key)) top.set(key, at);
        } else if (depth === 2 && inProgress && !progress.has(key)) progress.set(key, at);
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return {
    top: (key) => top.get(key) ?? { line: 1, column: 1 },
    progress: (id) => progress.get(id) ?? progressAt,
  };
}

const EPOCH = new Date(0);
const shorten = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

export function readProjectManifest(text: string): ManifestRead {
  if (nestedDeeperThan(text, MAX_MANIFEST_DEPTH)) return { ok: false, problem: { message: `nested more than ${MAX_MANIFEST_DEPTH} levels deep; not read`, line: 1, column: 1 } };
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    return { ok: false, problem: { message: `not valid JSON: ${message}`, line, column } };
  }
  const v = parsed.value;
  if (!isRecord(v)) return { ok: false, problem: { message: 'expected a JSON object', line: 1, column: 1 } };
  const raw = v;
  let positions: ReturnType<typeof keyPositions> | undefined;
  const where = () => (positions ??= keyPositions(text));
  const field = (key: string, message: string): ManifestRead => ({ ok: false, problem: { message: `"${key}": ${message}`, ...where().top(key) } });
  if (typeof raw.starter !== 'string' || raw.starter === '') return field('starter', 'expected the starter id (a string)');
  if (typeof raw.projectId !== 'string' || raw.projectId === '') return field('projectId', 'expected the project id (a string)');
  if (typeof raw.name !== 'string' || raw.name === '') return field('name', 'expected the package name (a string)');
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) return field('version', 'expected the starter version (an integer ≥ 1)');
  if (raw.progress !== undefined && !isRecord(raw.progress)) return field('progress', 'expected an object of milestone id → { state, at }');
  const warnings: ManifestProblem[] = [];
  const key = projectKey(raw.projectId);
  if (key !== raw.projectId) {
    warnings.push({
      message: `"projectId": ${shorten(raw.projectId)} is not a valid project id (expected a UUID, or 1 to 64 lowercase letters, digits and hyphens); this project's progress is kept under "${key}"`,
      ...where().top('projectId'),
    });
  }
  const manifest: ProjectManifest = {
    starter: raw.starter,
    version: raw.version,
    projectId: key,
    name: raw.name,
    createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : '',
  };
  const marks = new Map<string, Mark>();
  if (raw.progress !== undefined) {
    let unreadable = 0;
    for (const [id, value] of Object.entries(raw.progress as Record<string, unknown>)) {
      const mark = readMark(value);
      const tick = mark || tickProblem(value) !== undefined ? undefined : normaliseTick(value, EPOCH);
      if (mark) marks.set(id, mark);
      else if (tick) marks.set(id, { state: tick.state, at: tick.at });
      else if (++unreadable <= MAX_TICK_WARNINGS) warnings.push({ message: `"progress" → ${shorten(id)}: ${tickProblem(value) ?? 'not a tick'}; it is kept in the file and not counted`, ...where().progress(id) });
    }
    if (unreadable > MAX_TICK_WARNINGS) {
      warnings.push({ message: `"progress": ${unreadable - MAX_TICK_WARNINGS} more values are not ticks; they are kept in the file and not counted`, ...where().top('progress') });
    }
    manifest.progress = Object.fromEntries([...marks].flatMap(([id, m]) => (m.state === 'open' ? [] : [[id, { state: m.state, at: m.at }]])));
  }
  return { ok: true, manifest, raw, warnings, marks };
}

/**
 * The manifest text with its `progress` field set to `marks` (ticks, and unticks with their time;
 * other fields and their order kept; values it cannot read kept as they are), or undefined when
 * the text is not a valid manifest (then it must be left untouched) or already says exactly that.
 */
export function withMirroredProgress(text: string, marks: ReadonlyMap<string, Mark>): string | undefined {
  const read = readProjectManifest(text);
  if (!read.ok) return undefined;
  const entries: [string, unknown][] = [];
  const seen = new Set<string>();
  for (const [id, value] of Object.entries(isRecord(read.raw.progress) ? read.raw.progress : {})) {
    seen.add(id);
    const mine = marks.get(id);
    if (!read.marks.has(id)) entries.push([id, value]); // unreadable: the learner's to fix, never dropped
    else if (mine) entries.push([id, { state: mine.state, at: mine.at }]);
  }
  for (const [id, m] of marks) if (!seen.has(id)) entries.push([id, { state: m.state, at: m.at }]);
  if (read.raw.progress === undefined && entries.length === 0) return undefined;
  const progress = Object.fromEntries(entries);
  if (JSON.stringify(read.raw.progress ?? {}) === JSON.stringify(progress)) return undefined;
  // other fields and their order kept; a new progress field goes last
  const fields = Object.entries(read.raw).map(([k, val]): [string, unknown] => [k, k === 'progress' ? progress : val]);
  if (!Object.hasOwn(read.raw, 'progress')) fields.push(['progress', progress]);
  return finish(text, Object.fromEntries(fields));
}

function finish(text: string, value: Record<string, unknown>): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return JSON.stringify(value, null, 2).replace(/\n/g, eol) + eol;
}
