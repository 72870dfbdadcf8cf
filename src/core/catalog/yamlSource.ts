/**
 * Parses one YAML data file into plain data plus a `locate` function that maps a field path back
 * to its line and column. Used for content packs and at build time; activation never parses YAML.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { START, type Diagnostic, type Locate, type Position } from '../diagnostics';
import { jsonRangeFinder, lineIndex, parseJson } from '../json';
import type { JsonPath } from './jsonPath';

export interface YamlSource {
  file: string;
  /** The parsed value, or undefined when the file is not valid YAML. */
  value: unknown;
  diagnostics: Diagnostic[];
  locate: Locate;
}

const MAX_ALIASES = 100;

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const toPos = (start: number, end: number): Position => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (err) {
    return { file, value: undefined, diagnostics: [fileError(file, START, `cannot parse YAML: ${String(err)}`)], locate: () => START };
  }
  const locate: Locate = (path, target = 'value') => {
    const range = locateRange(doc, path, target);
    return range ? toPos(range[0], range[1]) : START;
  };
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((e) => {
      const [start, end] = e.pos;
      return { file, ...toPos(start, end), field: '(file)', message: `invalid YAML: ${firstLine(e.message)}`, severity: 'error' as const };
    });
    return { file, value: undefined, diagnostics, locate };
  }
  const diagnostics: Diagnostic[] = doc.warnings.map((w) => ({ file, ...toPos(w.pos[0], w.pos[1]), field: '(file)', message: firstLine(w.message), severity: 'warning' as const }));
  try {
    return { file, value: doc.toJS({ maxAliasCount: MAX_ALIASES }), diagnostics, locate };
  } catch (err) {
    diagnostics.push(fileError(file, START, `cannot read YAML: ${err instanceof Error ? err.message : String(err)}`));
    return { file, value: undefined, diagnostics, locate };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function fileError(file: string, pos: Position, message: string): Diagnostic {
  return { file, ...pos, field: '(file)', message, severity: 'error' };
}

/** The source range of the node at `path` (or of the deepest existing ancestor). */
function locateRange(doc: Document.Parsed, path: JsonPath, target: 'key' | 'value'): [number, number] | undefined {
  let node: Node | null | undefined = doc.contents;
  let best: [number, number] | undefined = node?.range ? [node.range[0], node.range[1]] : undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return best;
      const key = pair.key as Node;
      if (last && target === 'key' && key.range) return [key.range[0], key.range[1]];
      node = pair.value as Node | null;
      if (!node?.range) return key.range ? [key.range[0], key.range[1]] : best;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg] as Node | undefined;
      if (!node) return best;
    } else {
      return best;
    }
    if (node?.range) best = [node.range[0], node.range[1]];
  }
  return best;
}

/**
 * A `.json` catalog file: JSON.parse is two orders of magnitude faster than a YAML parser, so
 * large (compiled) packs load in milliseconds. Invalid JSON (a trailing comma, a comment, an
 * unquoted key) is an error at its line and column; it is never re-read as YAML. Positions are
 * only needed for diagnostics, so jsonc-parser maps them lazily, the first time one is reported.
 */
export function parseJsonSource(file: string, text: string): YamlSource {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    const pos = { line, column, endLine: line, endColumn: column + 1 };
    return { file, value: undefined, diagnostics: [fileError(file, pos, `invalid JSON: ${message}`)], locate: () => pos };
  }
  let find: ReturnType<typeof jsonRangeFinder> | undefined;
  let toLine: ReturnType<typeof lineIndex> | undefined;
  const locate: Locate = (path, target) => {
    const range = (find ??= jsonRangeFinder(text))(path, target);
    if (!range) return START;
    toLine ??= lineIndex(text);
    const a = toLine(range[0]);
    const b = toLine(range[1]);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  return { file, value: parsed.value, diagnostics: [], locate };
}

/** Parses a catalog file by its extension: .json fast, anything else as YAML. */
export function parseSource(file: string, text: string): YamlSource {
  return /\.json$/i.test(file) ? parseJsonSource(file, text) : parseYamlSource(file, text);
}
