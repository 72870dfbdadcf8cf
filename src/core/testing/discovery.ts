/**
 * The test functions of a pytest file, found without running Python: one pass over its lines
 * (no backtracking pattern, no nesting beyond one class), so a hostile file costs linear time.
 * Finds what pytest collects by its default rules: module-level `def test_*` / `async def test_*`,
 * and `def test_*` methods of module-level `class Test*`. The caller caps the text it reads.
 */

/** Test files larger than this are not read for discovery (an exercise's test file is a few KB). */
export const MAX_TEST_FILE_BYTES = 512 * 1024;

export interface DiscoveredTest {
  /** pytest's node id after the file: `test_x` or `TestGroup::test_x`. */
  id: string;
  /** The function's name. */
  name: string;
  /** The enclosing class, if any. */
  className?: string;
  /** 0-based line of the `def`. */
  line: number;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

/** The identifier at the start of `s`, or undefined. */
function ident(s: string): string | undefined {
  return IDENT.exec(s)?.[0];
}

/** The name after `def ` / `async def ` at the start of `s`, or undefined. */
function defName(s: string): string | undefined {
  let rest = s;
  if (rest.startsWith('async ')) rest = rest.slice(6).trimStart();
  if (!rest.startsWith('def ')) return undefined;
  return ident(rest.slice(4).trimStart());
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/** Every test function of a pytest file, in file order. */
export function discoverTests(text: string): DiscoveredTest[] {
  const out: DiscoveredTest[] = [];
  /** The module-level `class Test*` we are in, with the indentation of its body's first line. */
  let cls: { name: string; bodyIndent: number | undefined } | undefined;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    const indent = indentOf(line);
    const body = line.slice(indent);
    if (body.length > 0 && !body.startsWith('#')) {
      if (indent === 0) {
        cls = undefined;
        const name = defName(body);
        if (name?.startsWith('test')) out.push({ id: name, name, line: lineNo });
        else if (body.startsWith('class ')) {
          const c = ident(body.slice(6).trimStart());
          if (c?.startsWith('Test')) cls = { name: c, bodyIndent: undefined };
        }
      } else if (cls) {
        cls.bodyIndent ??= indent;
        const name = indent === cls.bodyIndent ? defName(body) : undefined;
        if (name?.startsWith('test')) out.push({ id: `${cls.name}::${name}`, name, className: cls.name, line: lineNo });
      }
    }
    lineNo++;
    start = end + 1;
  }
  return out;
}
