/**
 * Regular expressions that come from templates (`fileMatches` checks), run over project files with
 * a linear-time engine (re2js, a port of RE2): no backtracking, so no pattern and no file can take
 * more than time linear in the file. RE2 syntax is JavaScript's without backreferences and
 * lookaround; templates are checked against it when they are validated.
 */
import type * as Re2 from 're2js';

type Re2Module = typeof Re2;
let re2: Re2Module | undefined;
/** re2js is required on first use: the extension loads it from its own bundle (dist/re2js.js, scripts/build.mjs). */
function loadRe2(): Re2Module {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (re2 ??= require('re2js') as Re2Module);
}

/** Longer patterns are refused: a pattern is a template author's one-line check, not a program. */
export const MAX_PATTERN_CHARS = 2000;

export interface LinearPattern {
  /** Whether the pattern matches anywhere in `text`. */
  test(text: string): boolean;
}

export type PatternCompile = { ok: true; pattern: LinearPattern } | { ok: false; reason: string };

const compiled = new Map<string, PatternCompile>();

/** Compiles a pattern with JavaScript flags (`i`, `m`, `s`; `g`, `y` and `u` change nothing for a test). */
export function compilePattern(source: string, flags = ''): PatternCompile {
  const key = `${flags}/${source}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const result = compile(source, flags);
  if (compiled.size >= 100) compiled.clear();
  compiled.set(key, result);
  return result;
}

function compile(source: string, flags: string): PatternCompile {
  if (source.length > MAX_PATTERN_CHARS) return { ok: false, reason: `the pattern is longer than ${MAX_PATTERN_CHARS} characters` };
  const { RE2JS } = loadRe2();
  let mask = 0;
  for (const f of flags) {
    if (f === 'i') mask |= RE2JS.CASE_INSENSITIVE;
    else if (f === 'm') mask |= RE2JS.MULTILINE;
    else if (f === 's') mask |= RE2JS.DOTALL;
    else if (f !== 'g' && f !== 'y' && f !== 'u') return { ok: false, reason: `unsupported flag "${f}" (use i, m or s)` };
  }
  try {
    const re = RE2JS.compile(source, mask);
    return { ok: true, pattern: { test: (text) => re.test(text) } };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: `invalid regular expression (checks use linear-time RE2 syntax: no backreferences or lookaround): ${message.replace(/^error parsing regexp: /, '')}` };
  }
}
