/**
 * Reading the JUnit XML report that `python -m pytest … --junitxml=REPORT` writes, and judging
 * whether it verifies a milestone. Pure: the caller reads the file and its modification time.
 * A report verifies only when it is well-formed, not too large, written for this test file (and
 * selection), newer than every file it tested, ran at least one test, and every test passed.
 */
import { english, type Translate } from '../l10n';

/**
 * Reports larger than this are refused unread: a pytest report of an exercise is a few KB (no
 * captured output: junit_logging is off). At this cap the worst crafted report parses in well under
 * 50 ms (bench figure `hostile.parse`).
 */
export const MAX_REPORT_BYTES = 256 * 1024;
/** pytest nests testsuites > testsuite > testcase > failure (> properties > property): deeper is not a report. */
export const MAX_REPORT_DEPTH = 16;

export type CaseOutcome = 'passed' | 'failed' | 'error' | 'skipped';

export interface JUnitCase {
  /** pytest: the dotted module path, plus `.Class` for tests in a class (`milestones.test_psi`). */
  classname: string;
  name: string;
  outcome: CaseOutcome;
  /** The failure, error or skip message (first line of the assertion for pytest). */
  message?: string;
  /** The failure or error element's text: the traceback (at most MAX_DETAILS_CHARS). */
  details?: string;
}

export interface JUnitReport {
  cases: JUnitCase[];
  /** Seconds the run took, summed over its suites (pytest's `time` attribute). */
  seconds: number;
}

export type JUnitParse = { ok: true; report: JUnitReport } | { ok: false; reason: string };

/** The traceback kept per case (the failure or error element's text), and over the whole report. */
export const MAX_DETAILS_CHARS = 64 * 1024;
export const MAX_TOTAL_DETAILS_CHARS = 128 * 1024;

/** A failure outranks an error outranks a skip (pytest may report a teardown error after a failure). */
const OUTCOME_RANK: Readonly<Record<CaseOutcome, number>> = { passed: 0, skipped: 1, error: 2, failed: 3 };

type Saxes = typeof import('saxes');
let saxes: Saxes | undefined;
/** saxes is required on first use: the extension loads it from its own bundle (dist/saxes.js, scripts/build.mjs). */
function loadSaxes(): Saxes {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (saxes ??= require('saxes') as Saxes);
}

class NotWellFormed extends Error {}

/**
 * Parses a JUnit XML report (pytest's xunit1/xunit2 flavours) with a streaming XML parser (saxes:
 * one pass, linear in the input; no DTD, no external or custom entities). Never throws.
 */
export function parseJUnit(xml: string, t: Translate = english): JUnitParse {
  if (xml.length > MAX_REPORT_BYTES || Buffer.byteLength(xml, 'utf8') > MAX_REPORT_BYTES) return { ok: false, reason: t('the test report is larger than {0} KB', MAX_REPORT_BYTES / 1024) };
  // What pytest never writes is refused before parsing: a DTD (entities), processing instructions
  // after the XML declaration.
  if (xml.includes('<!DOCTYPE')) return { ok: false, reason: t('the test report has a DOCTYPE; pytest never writes one') };
  if (xml.indexOf('<?', xml.charCodeAt(0) === 0xfeff ? 2 : 1) >= 0) return { ok: false, reason: t('the test report has a processing instruction after its start; pytest never writes one') };
  const { SaxesParser } = loadSaxes();
  const parser = new SaxesParser({ xmlns: false, position: false });
  const cases: JUnitCase[] = [];
  let current: JUnitCase | undefined;
  /** The failure or error element whose text is being collected. */
  let collecting: { parts: string[]; chars: number } | undefined;
  let depth = 0;
  let totalDetails = 0;
  let seconds = 0;
  let sawSuite = false;
  const collect = (text: string) => {
    if (!collecting) return;
    const room = Math.min(MAX_DETAILS_CHARS - collecting.chars, MAX_TOTAL_DETAILS_CHARS - totalDetails);
    if (room <= 0) return;
    const part = text.length > room ? text.slice(0, room) : text;
    collecting.parts.push(part);
    collecting.chars += part.length;
    totalDetails += part.length;
  };
  parser.on('error', (err) => {
    throw new NotWellFormed(err.message);
  });
  parser.on('opentag', (tag) => {
    if (++depth > MAX_REPORT_DEPTH) throw new NotWellFormed(`nested more than ${MAX_REPORT_DEPTH} elements deep`);
    const attr = (name: string): string | undefined => {
      const v = tag.attributes[name];
      return typeof v === 'string' ? v : undefined;
    };
    if (tag.name === 'testsuite') {
      sawSuite = true;
      const time = Number(attr('time'));
      if (Number.isFinite(time) && time > 0) seconds += time;
    } else if (tag.name === 'testcase') {
      current = { classname: attr('classname') ?? '', name: attr('name') ?? '', outcome: 'passed' };
      cases.push(current);
    } else if (current && (tag.name === 'failure' || tag.name === 'error' || tag.name === 'skipped')) {
      const outcome: CaseOutcome = tag.name === 'failure' ? 'failed' : tag.name;
      if (OUTCOME_RANK[outcome] > OUTCOME_RANK[current.outcome]) {
        current.outcome = outcome;
        const message = attr('message');
        if (message) current.message = message;
        else delete current.message;
        if (outcome !== 'skipped') collecting = { parts: [], chars: 0 };
      }
    }
  });
  parser.on('text', collect);
  parser.on('cdata', collect);
  parser.on('closetag', (tag) => {
    depth--;
    if (tag.name === 'testcase') current = undefined;
    else if (collecting && current && (tag.name === 'failure' || tag.name === 'error')) {
      const details = collecting.parts.join('');
      if (current.details !== undefined) totalDetails -= current.details.length;
      if (details.trim() !== '') current.details = details;
      else delete current.details;
      collecting = undefined;
    }
  });
  try {
    parser.write(xml).close();
  } catch (err) {
    if (!(err instanceof NotWellFormed)) throw err;
    const reason = err.message.replace(/^undefined:/, '').trim();
    return { ok: false, reason: t('the test report is not well-formed XML ({0})', reason.length > 200 ? `${reason.slice(0, 199)}…` : reason) };
  }
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
