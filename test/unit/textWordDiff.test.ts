// The word-level pieces of src/core/text: the stemmer's suffix rules, the sentence splitter, the
// diff's segments and new terms, and the linear-time pattern compiler's flags, limits and cache.
import * as assert from 'node:assert/strict';
import { expectationDiff, sentences, stem } from '../../src/core/text/expectationDiff';
import { compilePattern, MAX_PATTERN_CHARS } from '../../src/core/text/pattern';

describe('stemmer and sentence splitter (core/text/expectationDiff)', () => {
  it('strips one suffix, longest first, only when three letters stay', () => {
    const cases: [string, string][] = [
      ['organizations', 'organ'],
      ['organization', 'organ'],
      ['relations', 'rel'],
      ['relation', 'rel'],
      ['paintings', 'paint'],
      ['painting', 'paint'],
      ['painters', 'paint'],
      ['painter', 'paint'],
      ['carried', 'carr'],
      ['carries', 'carr'],
      ['walked', 'walk'],
      ['boxes', 'box'],
      ['buses', 'bus'],
      ['cats', 'cat'],
      ['quickly', 'quick'],
      ['things', 'thing'],
      ['lies', 'lie'],
      ['ties', 'tie'],
      ['tries', 'tri'],
      ['stateless', 'stateles'],
      ['nation', 'nation'],
      ['lation', 'lation'],
      ['ring', 'ring'],
      ['rely', 'rely'],
      ['fly', 'fly'],
      ['bus', 'bus'],
    ];
    assert.deepEqual(
      cases.map(([w]) => [w, stem(w)]),
      cases,
    );
  });

  it('drops a final e only from words longer than three letters', () => {
    assert.deepEqual(['make', 'cake', 'axe', 'Code', 'ee'].map(stem), ['mak', 'cak', 'axe', 'cod', 'ee']);
  });

  it("drops a possessive 's (both apostrophes) only at the end, and leaves words with other characters alone", () => {
    assert.deepEqual(["dog's", 'dog’s', "o'sullivan", "it's", 'Python3', 'MLflow/W&B'].map(stem), ['dog', 'dog', "o'sullivan", 'it', 'python3', 'mlflow/w&b']);
  });

  it('splits after . ! or ? before a capital, an opening parenthesis or quote, and collapses white space', () => {
    assert.deepEqual(sentences('  One  two.\n Three! four? Five? (Six) "Seven" “Eight” e.g. nine.   '), ['One two.', 'Three! four?', 'Five?', '(Six) "Seven" “Eight” e.g. nine.']);
    assert.deepEqual(sentences('A. "B" c. “D” e.'), ['A.', '"B" c.', '“D” e.']);
    assert.deepEqual(sentences('   '), []);
    assert.deepEqual(sentences(''), []);
  });
});

describe('expectation diff segments (core/text/expectationDiff)', () => {
  it('marks each new word, merges runs joined by spaces or hyphens, and never marks numbers or function words', () => {
    const d = expectationDiff('Uses MLflow for tracking.', 'Tracks runs in MLflow/W&B and nn.Module code. Deploys 3 models to k8s - fast.  ');
    assert.deepEqual(d.points, [
      {
        text: 'Tracks runs in MLflow/W&B and nn.Module code.',
        segments: [
          { text: 'Tracks runs in ', added: false },
          { text: 'MLflow/W&B', added: true },
          { text: ' and ', added: false },
          { text: 'nn.Module code', added: true },
          { text: '.', added: false },
        ],
        covered: false,
      },
      {
        text: 'Deploys 3 models to k8s - fast.',
        segments: [
          { text: 'Deploys', added: true },
          { text: ' 3 ', added: false },
          { text: 'models', added: true },
          { text: ' to ', added: false },
          { text: 'k8s', added: true },
          { text: ' - fast.', added: false },
        ],
        covered: false,
      },
    ]);
    assert.deepEqual(d.newTerms, ['MLflow/W&B', 'nn.Module code', 'Deploys', 'models', 'k8s']);
  });

  it('a sentence of function words only is not covered; a new term is listed once whatever its case', () => {
    const d = expectationDiff('', 'The of and. Trains models quickly; trains Models. TRAINS MODELS QUICKLY.');
    assert.deepEqual(
      d.points.map((p) => [p.text, p.covered, p.segments]),
      [
        ['The of and.', false, [{ text: 'The of and.', added: false }]],
        [
          'Trains models quickly; trains Models.',
          false,
          [
            { text: 'Trains models quickly', added: true },
            { text: '; ', added: false },
            { text: 'trains Models', added: true },
            { text: '.', added: false },
          ],
        ],
        ['TRAINS MODELS QUICKLY.', false, [{ text: 'TRAINS MODELS QUICKLY', added: true }, { text: '.', added: false }]],
      ],
    );
    assert.deepEqual(d.newTerms, ['Trains models quickly', 'trains Models']);
  });

  it('only a word of digits alone is a number: 3D and A100 are terms, 42 and 7 are not', () => {
    assert.deepEqual(expectationDiff('', 'Uses 3D and A100 on 42 nodes, 7 times.').newTerms, ['3D', 'A100', 'nodes', 'times']);
  });

  it('a hyphen with spaces around it joins two new words into one phrase', () => {
    const d = expectationDiff('', 'Knows alpha - beta.');
    assert.deepEqual(d.newTerms, ['alpha - beta']);
  });

  it('an added word after a known one starts its own segment; the text between is not part of it', () => {
    const d = expectationDiff('Knows pandas.', 'Knows pandas, polars and duckdb.');
    assert.deepEqual(d.points[0]?.segments, [
      { text: 'Knows pandas, ', added: false },
      { text: 'polars', added: true },
      { text: ' and ', added: false },
      { text: 'duckdb', added: true },
      { text: '.', added: false },
    ]);
    assert.equal(d.points[0]?.covered, false);
  });

  it('the parts of a slashed or dotted word at the current level are known too; function words there teach nothing', () => {
    assert.deepEqual(expectationDiff('Logs runs to MLflow/W&B and writes nn.Module code.', 'Compares MLflow with W&B. Writes a Module.').newTerms, ['Compares']);
    // "building" is a function word of the matrices: knowing it does not make "Builders" known.
    assert.deepEqual(expectationDiff('Building.', 'Builders.').newTerms, ['Builders']);
    assert.deepEqual(expectationDiff('ci/building', 'Builders.').newTerms, ['Builders']);
    assert.deepEqual(expectationDiff('Builders.', 'Builder.').points.map((p) => p.covered), [true]);
  });
});

let flushes = 0;
let unique = 0;
describe('linear-time patterns (core/text/pattern)', () => {
  // compilePattern keeps up to 100 results and starts over when full: 100 patterns never seen
  // before empty it, so every pattern below is compiled afresh by the code under test.
  beforeEach(() => {
    flushes++;
    for (let i = 0; i < 100; i++) compilePattern(`flush-${flushes}-${i}`);
  });

  const test = (source: string, flags: string, text: string) => {
    const c = compilePattern(source, flags);
    if (!c.ok) throw new Error(c.reason);
    return c.pattern.test(text);
  };

  it('i, m and s change the match; g, y and u change nothing; each flag set is compiled on its own', () => {
    assert.deepEqual(
      [test('abc', '', 'xABCx'), test('abc', 'i', 'xABCx'), test('^b$', '', 'a\nb'), test('^b$', 'm', 'a\nb'), test('a.b', '', 'a\nb'), test('a.b', 's', 'a\nb'), test('a.b', 'ims', 'A\nB')],
      [false, true, false, true, false, true, true],
    );
    assert.deepEqual([test('abc', 'gyu', 'abc'), test('abc', 'gyu', 'ABC')], [true, false]);
  });

  it('refuses an unknown flag, and a pattern over the length limit, with the reason', () => {
    assert.deepEqual(compilePattern('abc', 'x'), { ok: false, reason: 'unsupported flag "x" (use i, m or s)' });
    assert.deepEqual(compilePattern('abc', 'ix'), { ok: false, reason: 'unsupported flag "x" (use i, m or s)' });
    assert.deepEqual(compilePattern('a'.repeat(MAX_PATTERN_CHARS + 1)), { ok: false, reason: 'the pattern is longer than 2000 characters' });
    assert.equal(test('a'.repeat(MAX_PATTERN_CHARS), '', 'a'.repeat(MAX_PATTERN_CHARS)), true);
    const bad = compilePattern('(abc');
    assert.deepEqual(bad, { ok: false, reason: 'invalid regular expression (checks use linear-time RE2 syntax: no backreferences or lookaround): missing closing ): `(abc`' });
  });

  it('keeps exactly 100 compiled patterns, then starts over', () => {
    const fresh = () => `fresh-${flushes}-${++unique}`;
    // Compile new patterns until a probe drops out: the cache then holds the one that emptied it and the probe.
    const probe = fresh();
    const first = compilePattern(probe);
    let inserted = 0;
    while (compilePattern(probe) === first && inserted < 200) {
      compilePattern(fresh());
      inserted++;
    }
    assert.ok(inserted <= 100, `the cache started over after ${inserted} new patterns`);
    const keptSource = fresh();
    const kept = compilePattern(keptSource);
    for (let i = 0; i < 97; i++) compilePattern(fresh());
    assert.equal(compilePattern(keptSource), kept, 'the 100th pattern is still cached');
    compilePattern(fresh());
    assert.notEqual(compilePattern(keptSource), kept, 'the 101st started over');
  });

  it('caches by flags and source: the same pair gives the same compiled pattern', () => {
    const a = compilePattern('cached-by-flags', 'i');
    assert.equal(compilePattern('cached-by-flags', 'i'), a);
    assert.notEqual(compilePattern('cached-by-flags', ''), a);
    assert.equal(test('cached-by-flags', '', 'CACHED-BY-FLAGS'), false);
  });
});
