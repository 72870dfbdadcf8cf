/**
 * Strict JSON with positions, for `.learning-path.json` manifests and `.json` content packs.
 * `JSON.parse` reads the value (fast, and exactly strict JSON); when it fails, `jsonc-parser`
 * (the parser VS Code itself uses) finds where, with its strict options: no comments, no trailing
 * commas. Positions of fields are mapped on demand from jsonc-parser's syntax tree.
 */
import { ParseErrorCode, parse, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { JsonPath } from './catalog/jsonPath';

export interface JsonError {
  message: string;
  /** 0-based offset into the text. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: JsonError };

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

/** 1-based line and column of a 0-based offset (for one position; see `lineIndex` for many). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return lineIndex(text)(offset);
}

/** Maps offsets to 1-based line and column, with one pass over the text and a binary search per lookup. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  };
}

/** Parses strict JSON (a leading byte-order mark is allowed); on failure says where the first error is. */
export function parseJson(text: string): JsonParse {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    return { ok: true, value: JSON.parse(bom ? text.slice(1) : text) };
  } catch (err) {
    const found = firstError(bom ? text.slice(1) : text);
    const reason = err instanceof Error ? err.message : String(err);
    const { message, offset } = found ?? { message: reason, offset: 0 };
    return { ok: false, error: { message, offset: offset + bom, ...lineColumn(text, offset + bom) } };
  }
}

function firstError(text: string): { message: string; offset: number } | undefined {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, STRICT);
  } catch (err) {
    // jsonc-parser descends recursively: thousands of nested brackets overflow its stack.
    if (err instanceof RangeError) return { message: 'nested too deeply', offset: 0 };
    throw err;
  }
  const [e, next] = errors;
  return e ? { message: describeError(text, e, next), offset: refine(text, e) } : undefined;
}

/** String errors are reported at the string's start; point at the offending character instead. */
function refine(text: string, e: ParseError): number {
  const end = e.offset + e.length;
  for (let i = e.offset + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (e.error === ParseErrorCode.InvalidCharacter && c < 32) return i;
    if (c === 92) {
      const esc = text[i + 1] ?? '';
      if (e.error === ParseErrorCode.InvalidEscapeCharacter && !'"\\/bfnrtu'.includes(esc)) return i;
      if (e.error === ParseErrorCode.InvalidUnicode && esc === 'u' && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return i;
      i++;
    }
  }
  return e.offset;
}

function describeError(text: string, e: ParseError, next: ParseError | undefined): string {
  const at = e.offset;
  const unexpected = at >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[at])}`;
  const afterComma = /,\s*$/.test(text.slice(Math.max(0, at - 200), at));
  switch (e.error) {
    case ParseErrorCode.PropertyNameExpected:
      return text[at] === '}' && afterComma ? 'trailing comma before "}"' : `${unexpected}, expected a property name in double quotes`;
    case ParseErrorCode.ValueExpected:
      return text[at] === ']' && afterComma ? 'trailing comma before "]"' : `${unexpected}, expected a value`;
    case ParseErrorCode.InvalidSymbol: {
      const word = /^[^\s{}[\],:"]*/.exec(text.slice(at, at + 40))?.[0] || (text[at] ?? '');
      const expected = next?.error === ParseErrorCode.PropertyNameExpected ? ', expected a property name in double quotes' : next?.error === ParseErrorCode.ValueExpected ? ', expected a value' : '';
      return `unexpected ${JSON.stringify(word)}${expected}`;
    }
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment:
      return 'comments are not allowed in JSON';
    case ParseErrorCode.ColonExpected:
      return `${unexpected}, expected ":"`;
    case ParseErrorCode.CommaExpected:
      return `${unexpected}, expected ","`;
    case ParseErrorCode.CloseBraceExpected:
      return `${unexpected}, expected "," or "}"`;
    case ParseErrorCode.CloseBracketExpected:
      return `${unexpected}, expected "," or "]"`;
    case ParseErrorCode.EndOfFileExpected:
      return `${unexpected}, expected end of file`;
    case ParseErrorCode.UnexpectedEndOfString:
      return 'unterminated string';
    case ParseErrorCode.UnexpectedEndOfNumber:
    case ParseErrorCode.InvalidNumberFormat:
      return 'invalid number';
    case ParseErrorCode.InvalidUnicode:
      return 'invalid \\u escape';
    case ParseErrorCode.InvalidEscapeCharacter:
      return 'invalid escape in string';
    case ParseErrorCode.InvalidCharacter:
      return 'control character in string (use \\n, \\t)';
    default:
      return unexpected;
  }
}

/**
 * The source range [start, end) of the value (or, with target 'key', the property name) at `path`
 * in valid JSON `text`, or of its deepest existing ancestor; undefined when the text has no value.
 */
export function jsonRangeFinder(text: string): (path: JsonPath, target?: 'key' | 'value') => [number, number] | undefined {
  let root: Node | undefined;
  try {
    root = parseTree(text, [], STRICT);
  } catch {
    root = undefined; // nested too deeply for jsonc-parser: positions fall back to the start
  }
  return (path, target = 'value') => {
    if (!root) return undefined;
    let node: Node = root;
    let best: [number, number] = [node.offset, node.offset + node.length];
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (node.type === 'object') {
        const prop: Node | undefined = node.children?.find((p) => p.children?.[0]?.value === String(seg));
        const key: Node | undefined = prop?.children?.[0];
        const value: Node | undefined = prop?.children?.[1];
        if (!key) return best;
        if (i === path.length - 1 && target === 'key') return [key.offset, key.offset + key.length];
        if (!value) return [key.offset, key.offset + key.length];
        node = value;
      } else if (node.type === 'array' && typeof seg === 'number') {
        const item: Node | undefined = node.children?.[seg];
        if (!item) return best;
        node = item;
      } else {
        return best;
      }
      best = [node.offset, node.offset + node.length];
    }
    return best;
  };
}

/**
 * Whether JSON text nests arrays and objects deeper than `maxDepth` ('deep'), or holds more than
 * `maxContainers` of them ('many'), in one pass (brackets inside strings do not count). Checked
 * before parsing files that are small by design: `JSON.parse` takes half a second over 2 MB of `[`
 * (and far longer to allocate a crafted forest of arrays), and jsonc-parser's recursion overflows.
 */
export function jsonShapeProblem(text: string, maxDepth: number, maxContainers = Number.MAX_SAFE_INTEGER): 'deep' | 'many' | undefined {
  let depth = 0;
  let containers = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > maxDepth) return 'deep';
      if (++containers > maxContainers) return 'many';
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

/** Whether JSON text nests arrays and objects deeper than `max` (see jsonShapeProblem). */
export function nestedDeeperThan(text: string, max: number): boolean {
  return jsonShapeProblem(text, max) === 'deep';
}
