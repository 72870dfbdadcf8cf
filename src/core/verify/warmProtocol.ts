/**
 * The pure parts of warm runs (issue 20): the line protocol between the extension and the warm
 * Python process (media/python/warm_pytest.py), which project files restart that process, and
 * which heavy modules it imports up front. Process management is in warmRunner.ts.
 *
 * Framing: one JSON object per line, each way. Decoding is linear in the bytes received and every
 * line is capped, so a misbehaving process cannot make the extension host buffer without bound.
 */

/** A line longer than this from the warm process is a protocol failure (its output is chunked at 64 KB). */
export const MAX_LINE_CHARS = 1 << 20;

/** Splits a stream of text chunks into lines; a line over the cap is an error, never buffered on. */
export class LineDecoder {
  private pending = '';
  constructor(private readonly maxLine = MAX_LINE_CHARS) {}

  /** The complete lines in `chunk` (with what came before), or an error when a line is too long. */
  push(chunk: string): { lines: string[]; error?: string } {
    const lines: string[] = [];
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl >= 0) {
      lines.push(this.pending + chunk.slice(start, nl));
      this.pending = '';
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    this.pending += chunk.slice(start);
    const tooLong = this.pending.length > this.maxLine || lines.some((l) => l.length > this.maxLine);
    if (tooLong) {
      this.pending = '';
      return { lines: [], error: `a line of the warm process is longer than ${this.maxLine} characters` };
    }
    return { lines };
  }
}

export type ServerMessage =
  | { type: 'ready'; pid: number; preloaded: string[]; pytest: boolean }
  | { type: 'started'; id: number; pid: number }
  | { type: 'output'; id: number; data: string }
  | { type: 'exit'; id: number; code: number | undefined; signal: number | undefined; rssKb: number }
  | { type: 'error'; message: string };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isPid = (v: unknown): v is number => isInt(v) && v > 1;
const optionalInt = (v: unknown): v is number | null | undefined => v === null || v === undefined || isInt(v);

/** One line from the warm process, checked field by field; a string says what is wrong with it. */
export function parseServerMessage(line: string): ServerMessage | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return `not JSON: ${line.slice(0, 80)}`;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not an object';
  const o = v as Record<string, unknown>;
  switch (o['type']) {
    case 'ready':
      if (!isPid(o['pid']) || typeof o['pytest'] !== 'boolean' || !Array.isArray(o['preloaded'])) return 'bad ready message';
      return { type: 'ready', pid: o['pid'], pytest: o['pytest'], preloaded: o['preloaded'].filter((x): x is string => typeof x === 'string') };
    case 'started':
      if (!isInt(o['id']) || !isPid(o['pid'])) return 'bad started message';
      return { type: 'started', id: o['id'], pid: o['pid'] };
    case 'output':
      if (!isInt(o['id']) || typeof o['data'] !== 'string') return 'bad output message';
      return { type: 'output', id: o['id'], data: o['data'] };
    case 'exit': {
      const code = o['code'];
      const signal = o['signal'];
      if (!isInt(o['id']) || !optionalInt(code) || !optionalInt(signal) || ((code === null || code === undefined) && (signal === null || signal === undefined))) return 'bad exit message';
      const rssKb = isInt(o['rssKb']) && o['rssKb'] >= 0 ? o['rssKb'] : 0;
      return { type: 'exit', id: o['id'], code: code ?? undefined, signal: signal ?? undefined, rssKb };
    }
    case 'error':
      return { type: 'error', message: typeof o['message'] === 'string' ? o['message'].slice(0, 300) : 'unknown error' };
    default:
      return `unknown message type ${JSON.stringify(o['type'])?.slice(0, 40) ?? ''}`;
  }
}

/** The request line for one run: pytest's own arguments (see pytestArgs) and the extra environment. */
export function encodeRunRequest(id: number, args: readonly string[], env: Readonly<Record<string, string>> = {}): string {
  return `${JSON.stringify({ type: 'run', id, args, env })}\n`;
}

/** A plan's arguments after `-m pytest`, or undefined when the plan does not run pytest as a module. */
export function pytestArgs(planArgs: readonly string[]): string[] | undefined {
  return planArgs[0] === '-m' && planArgs[1] === 'pytest' ? planArgs.slice(2) : undefined;
}

export type RestartTrigger = 'requirements' | 'pyproject' | 'conftest';

/**
 * Whether a change to this project-relative file restarts the warm process: the requirements
 * (`requirements*.txt` anywhere, `pyproject.toml` at the top) may change what is installed, and a
 * conftest.py anywhere may change plugins and what pytest imports first.
 */
export function restartTrigger(relPath: string): RestartTrigger | undefined {
  const parts = relPath.replace(/\\/g, '/').split('/');
  const name = parts[parts.length - 1] ?? '';
  if (name === 'conftest.py') return 'conftest';
  if (/^requirements[\w.-]*\.txt$/.test(name)) return 'requirements';
  if (name === 'pyproject.toml' && parts.length === 1) return 'pyproject';
  return undefined;
}

/** What a fingerprint holds per watched file: size and modification time. */
export type Fingerprint = ReadonlyMap<string, string>;

/** Why the warm process must restart, comparing the fingerprint it started with to now's; undefined: keep it. */
export function restartReason(before: Fingerprint, now: Fingerprint): string | undefined {
  for (const [path, stamp] of now) {
    const old = before.get(path);
    if (old === undefined) return `${path} was added`;
    if (old !== stamp) return `${path} changed`;
  }
  for (const path of before.keys()) if (!now.has(path)) return `${path} was removed`;
  return undefined;
}

/** Always imported up front (when importable); the rest only when the project's requirements name them. */
export const BASE_PRELOAD = ['numpy', 'torch'] as const;

/** Requirement names whose import is slow, with the module they import as. */
const HEAVY: Readonly<Record<string, string>> = {
  torchvision: 'torchvision',
  torchaudio: 'torchaudio',
  'scikit-learn': 'sklearn',
  scipy: 'scipy',
  pandas: 'pandas',
  transformers: 'transformers',
};

/**
 * The modules the warm process imports before any run: numpy and torch, plus the heavy packages
 * the requirements files name. Linear in the text; a name not in the list is never imported
 * (requirements are untrusted text, and importing arbitrary packages in the parent is not wanted).
 */
export function preloadModules(requirementsTexts: readonly string[]): string[] {
  const out: string[] = [...BASE_PRELOAD];
  for (const text of requirementsTexts) {
    for (const raw of text.split('\n')) {
      const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(raw);
      const name = m?.[1]?.toLowerCase().replace(/_/g, '-');
      const mod = name !== undefined && Object.prototype.hasOwnProperty.call(HEAVY, name) ? HEAVY[name] : undefined;
      if (mod && !out.includes(mod)) out.push(mod);
    }
  }
  return out;
}
