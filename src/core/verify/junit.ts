/**
 * Reading the JUnit XML report that `python -m pytest … --junitxml=REPORT` writes, and judging
 * whether it verifies a milestone. Pure: the caller reads the file and its modification time.
 * A report verifies only when it is well-formed, not too large, written for this test file (and
 * selection), newer than every file it tested, ran at least one test, and every test passed.
 */
import { english, type Translate } from '../l10n';

/** Reports larger than this are refused unread: a pytest report of an exercise is a few KB. */
export const MAX_REPORT_BYTES = 2 * 1024 * 1024;

export type CaseOutcome = 'passed' | 'failed' | 'error' | 'skipped';

export interface JUnitCase {
  /** pytest: the dotted module path, plus `.Class` for tests in a class (`milestones.test_psi`). */
  classname: string;
  name: string;
  outcome: CaseOutcome;
  /** The failure, error or skip message (first line of the assertion for pytest). */
  message?: string;
}

export interface JUnitReport {
  cases: JUnitCase[];
  /** Seconds the run took, summed over its suites (pytest's `time` attribute). */
  seconds: number;
}

export type JUnitParse = { ok: true; report: JUnitReport } | { ok: false; reason: string };

const ENTITIES = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return ENTITIES.get(body) ?? whole;
  });
}

function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out.set(m[1] as string, decode(m[2] ?? m[3] ?? ''));
  }
  return out;
}

/** A failure outranks an error outranks a skip (pytest may report a teardown error after a failure). */
const OUTCOME_RANK: Readonly<Record<CaseOutcome, number>> = { passed: 0, skipped: 1, error: 2, failed: 3 };

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/** Parses a JUnit XML report (pytest's xunit1/xunit2 flavours). Never throws. */
export function parseJUnit(xml: string, t: Translate = english): JUnitParse {
  if (xml.length > MAX_REPORT_BYTES) return { ok: false, reason: t('the test report is larger than {0} MB', MAX_REPORT_BYTES / 1024 / 1024) };
  const stack: string[] = [];
  const cases: JUnitCase[] = [];
  let current: JUnitCase | undefined;
  let seconds = 0;
  let sawSuite = false;
  let last = 0;
  for (const m of xml.matchAll(TOKEN)) {
    const between = xml.slice(last, m.index);
    if (between.includes('<')) return { ok: false, reason: t('the test report is not well-formed XML') };
    last = (m.index ?? 0) + m[0].length;
    const name = m[2];
    if (name === undefined) continue; // comment, CDATA, declaration
    const closing = m[1] === '/';
    const selfClosing = m[4] === '/';
    if (closing) {
      if (stack.pop() !== name) return { ok: false, reason: t('the test report is not well-formed XML (unexpected </{0}>)', name) };
      if (name === 'testcase') current = undefined;
      continue;
    }
    const attrs = attributes(m[3] ?? '');
    if (name === 'testsuite') {
      sawSuite = true;
      const t = Number(attrs.get('time'));
      if (Number.isFinite(t) && t > 0) seconds += t;
    } else if (name === 'testcase') {
      current = { classname: attrs.get('classname') ?? '', name: attrs.get('name') ?? '', outcome: 'passed' };
      cases.push(current);
    } else if (current && (name === 'failure' || name === 'error' || name === 'skipped')) {
      const outcome: CaseOutcome = name === 'failure' ? 'failed' : name;
      if (OUTCOME_RANK[outcome] > OUTCOME_RANK[current.outcome]) {
        current.outcome = outcome;
        const message = attrs.get('message');
        if (message) current.message = message;
      }
    }
    if (!selfClosing) stack.push(name);
  }
  if (xml.slice(last).includes('<')) return { ok: false, reason: t('the test report is not well-formed XML') };
  if (stack.length > 0) return { ok: false, reason: t('the test report is not well-formed XML (<{0}> is never closed)', stack[stack.length - 1] ?? '') };
  if (!sawSuite) return { ok: false, reason: t('the test report has no <testsuite>') };
  return { ok: true, report: { cases, seconds } };
}

/** pytest's classname prefix for a test file: `milestones/test_psi.py` → `milestones.test_psi`. */
export function moduleOfTestFile(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\.py$/, '').split('/').join('.');
}

export type ReportState = 'verified' | 'failing' | 'stale' | 'invalid';

export interface ReportVerdict {
  state: ReportState;
  /** One short sentence for the tooltip and the progress report. */
  reason: string;
  /** The first failing test's message, when the state is failing. */
  failure?: string;
  counts: { passed: number; failed: number; skipped: number };
}

export interface ReportContext {
  /** The project-relative test file the check names. */
  testPath: string;
  /** When the report was written (ms since the epoch). */
  reportMtime: number;
  /** The newest modification time (ms) of the files the tests exercise, including the test file. */
  newestInput?: number;
}

/** pytest's separators between chained exceptions: the last exception is the one raised. */
const CHAINED = /\n\s*(?:During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)\s*\n/;

function firstLine(message: string): string {
  const parts = message.split(CHAINED);
  const text = parts[parts.length - 1] ?? message;
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? text;
  return line.length > 300 ? `${line.slice(0, 299)}…` : line.trim();
}

/** Judges a parsed report against the check it is for. */
export function judgeReport(report: JUnitReport, ctx: ReportContext, t: Translate = english): ReportVerdict {
  const module = moduleOfTestFile(ctx.testPath);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const c of report.cases) {
    if (c.outcome === 'passed') counts.passed++;
    else if (c.outcome === 'skipped') counts.skipped++;
    else counts.failed++;
  }
  // A collection error (an import that fails) is a case with no classname named after the module.
  const belongs = (c: JUnitCase) => c.classname === module || c.classname.startsWith(`${module}.`) || (c.classname === '' && c.name === module);
  const foreign = report.cases.find((c) => !belongs(c));
  if (foreign) {
    return { state: 'invalid', reason: foreign.classname ? t('the test report is for {0}, not {1}', foreign.classname, ctx.testPath) : t('the test report is for another test file, not {0}', ctx.testPath), counts };
  }
  if (report.cases.length === 0) return { state: 'invalid', reason: t('no test of {0} ran', ctx.testPath), counts };
  // The run started about `seconds` before the report was written; anything changed since is untested.
  const runStart = ctx.reportMtime - Math.ceil(report.seconds * 1000);
  if (ctx.newestInput !== undefined && ctx.newestInput > runStart) {
    return { state: 'stale', reason: t('files changed since the tests last ran: verify again'), counts };
  }
  const failed = report.cases.find((c) => c.outcome === 'failed' || c.outcome === 'error');
  if (failed) {
    const failure = firstLine(failed.message ?? (failed.outcome === 'error' ? t('{0} raised an error', failed.name) : t('{0} failed', failed.name)));
    return { state: 'failing', reason: t('{0} of {1} tests failing: {2}', counts.failed, report.cases.length, failure), failure, counts };
  }
  if (counts.skipped > 0) {
    const skipped = report.cases.find((c) => c.outcome === 'skipped');
    return { state: 'failing', reason: skipped?.message ? t('{0} of {1} tests skipped: {2}', counts.skipped, report.cases.length, firstLine(skipped.message)) : t('{0} of {1} tests skipped', counts.skipped, report.cases.length), counts };
  }
  return { state: 'verified', reason: t('{0} of {1} tests pass', counts.passed, counts.passed), counts };
}
