// The hostile corpus (issue 19): crafted project files at their caps, for the unit tests
// (test/unit/hostileFiles.test.ts) and the bench figure "worst crafted file at each cap" (bench/hostile.ts).
// No vscode, no playwright: every layer may import it.

export type HostileKind = 'report' | 'metrics' | 'manifest' | 'fileMatches';

export interface HostileCase {
  name: string;
  kind: HostileKind;
  /** The cap (bytes) the reader enforces for this kind of file. */
  cap: number;
  /** The crafted text, about `bytes` long (never more). */
  make(bytes: number): string;
}

const SUITE_HEAD = '<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" time="1">';
const SUITE_TAIL = '</testsuite></testsuites>';

/** Units repeated to fill a report: repeated openers, unclosed constructs, character references, nesting. */
export const REPORT_UNITS: readonly string[] = [
  '<a',
  '<a>',
  '<!--',
  '<![CDATA[',
  '<?x ',
  '&#x41;',
  '&#65;',
  '&amp;',
  '&',
  '<',
  ']]>',
  '"',
  ' a="1"',
  '<testsuite>',
  '<testcase name="t">',
  '<testcase classname="m" name="t"/>',
  '<testcase classname="m" name="t"><failure message="x">tb</failure></testcase>',
  '<testcase classname="m" name="t"><error message="&#x41;&#x41;">&lt;&#10;</error></testcase>',
];

/** Where the units go: bare, inside a suite, inside a failure's text, inside an attribute value. */
export const REPORT_WRAPS: readonly { name: string; head: string; tail: string }[] = [
  { name: 'bare', head: '', tail: '' },
  { name: 'in a suite', head: SUITE_HEAD, tail: SUITE_TAIL },
  { name: 'in a failure', head: `${SUITE_HEAD}<testcase classname="m" name="a"><failure message="m">`, tail: `</failure></testcase>${SUITE_TAIL}` },
  { name: 'in an attribute', head: `${SUITE_HEAD}<testcase classname="m" name="`, tail: `"/>${SUITE_TAIL}` },
];

/** head + unit repeated + tail, at most `bytes` long (units are ASCII). */
export function fillTo(bytes: number, head: string, unit: string, tail: string): string {
  const n = Math.max(1, Math.floor((bytes - head.length - tail.length) / Math.max(1, unit.length)));
  return head + unit.repeat(n) + tail;
}

const KB = 1024;
const MB = 1024 * KB;

/** The crafted files the bench measures at their caps (the unit tests generate more). */
export function hostileCorpus(): HostileCase[] {
  const report = (name: string, unit: string, wrap = REPORT_WRAPS[1] as (typeof REPORT_WRAPS)[number]): HostileCase => ({
    name: `report: ${name} ${wrap.name}`,
    kind: 'report',
    cap: 256 * KB,
    make: (bytes) => fillTo(bytes, wrap.head, unit, wrap.tail),
  });
  const [bare, inSuite, inFailure, inAttribute] = REPORT_WRAPS as [(typeof REPORT_WRAPS)[number], (typeof REPORT_WRAPS)[number], (typeof REPORT_WRAPS)[number], (typeof REPORT_WRAPS)[number]];
  const progress = (value: string) => (bytes: number) => {
    const entry = (i: number) => `"m${i}":${value}`;
    const n = Math.max(1, Math.floor((bytes - 80) / (entry(99999).length + 1)));
    return `{"starter":"s","projectId":"p","name":"n","version":1,"progress":{${Array.from({ length: n }, (_, i) => entry(i)).join(',')}}}`;
  };
  return [
    report('unclosed comments', '<!--', bare),
    report('unclosed CDATA', '<![CDATA[', inSuite),
    report('processing instructions', '<?x ', bare),
    report('repeated openers', '<a', inSuite),
    report('nesting', '<a>', inSuite),
    report('character references', '&#x41;', inFailure),
    report('character references', '&#65;', inAttribute),
    report('cases with failures', '<testcase classname="m" name="t"><failure message="x">tb</failure></testcase>', inSuite),
    report('attributes', ' a="1"', { name: 'in one tag', head: `${SUITE_HEAD}<testcase`, tail: `/>${SUITE_TAIL}` }),
    { name: 'metrics: nesting', kind: 'metrics', cap: 256 * KB, make: (bytes) => '['.repeat(bytes) },
    { name: 'metrics: 20 levels, wide', kind: 'metrics', cap: 256 * KB, make: (bytes) => `{"a":1,"b":${fillTo(bytes, '[', '[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]],', '1]')}}` },
    { name: 'metrics: long number', kind: 'metrics', cap: 256 * KB, make: (bytes) => `{"a":1${'0'.repeat(bytes - 10)}}` },
    { name: 'metrics: a history of small objects, just under the limit', kind: 'metrics', cap: 256 * KB, make: (bytes) => `{"a":1,"h":[${'{"l":1},'.repeat(Math.min(19_990, Math.floor((bytes - 20) / 8)))}{}]}` },
    { name: 'metrics: many keys', kind: 'metrics', cap: 256 * KB, make: (bytes) => `{${fillTo(bytes, '"a":2', ',"k":1', '')}}` },
    { name: 'manifest: ticks that are not ticks', kind: 'manifest', cap: 32 * KB, make: progress('"yesterday"') },
    { name: 'manifest: ticks that are objects', kind: 'manifest', cap: 32 * KB, make: progress('{"state":"x","at":[1]}') },
    { name: 'manifest: valid ticks', kind: 'manifest', cap: 32 * KB, make: progress('{"state":"self","at":"2025-01-31T10:00:00Z"}') },
    { name: 'manifest: nesting', kind: 'manifest', cap: 32 * KB, make: (bytes) => `{"starter":${'['.repeat(bytes - 20)}` },
    {
      name: 'fileMatches: the ml-pipeline pattern over repeated "smoke": false,',
      kind: 'fileMatches',
      cap: 2 * MB,
      make: (bytes) => '"smoke": false,'.repeat(Math.floor(bytes / 15)),
    },
  ];
}

/** The ml-pipeline template's fileMatches pattern (the one the crafted metrics file attacked). */
export const ML_PIPELINE_PATTERN = '"smoke": false,[\\s\\S]*"model_type": "(random_forest|hist_gradient_boosting)"';

function fastest(run: () => unknown, times: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const t0 = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

/**
 * Whether `run` grows linearly: its time on a quarter of `cap` bytes and on `cap` bytes (fastest of
 * five each). Linear is about 4x; quadratic is 16x (and the quadratic cases of issue 19 took seconds
 * to minutes at the cap). Allowed: 10x plus 50 ms, for garbage collection and a shared, loaded machine.
 */
export function linearityOf(run: (bytes: number) => unknown, cap: number): { ok: boolean; detail: string } {
  const small = Math.floor(cap / 4);
  run(small); // warm up
  const a = fastest(() => run(small), 5);
  const b = fastest(() => run(cap), 5);
  const ok = b <= a * 10 + 50;
  return { ok, detail: `${small} bytes: ${a.toFixed(2)} ms, ${cap} bytes: ${b.toFixed(2)} ms (${(b / Math.max(a, 0.001)).toFixed(1)}x; linear is about 4x)` };
}
