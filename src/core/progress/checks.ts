/**
 * Milestone checks: fileExists, fileMatches, metric thresholds and tests (a JUnit report of the
 * learner's test run), evaluated against a project through a small read function. Pure: no
 * `vscode`, no disk access of its own, and never runs project code — a check only reads files.
 */
import { jsonShapeProblem } from '../json';
import { english, type Translate } from '../l10n';
import { resolveProjectPath } from '../scaffold/plan';
import { relativePathProblem } from '../scaffold/paths';
import type { MilestoneCheck, MilestoneDef, Template } from '../scaffold/types';
import { compilePattern } from '../text/pattern';
import { judgeReport, MAX_REPORT_BYTES, parseJUnit, type ReportState } from '../verify/junit';
import { reportPathOf } from '../verify/testRun';

/**
 * Reads a project-relative file; `undefined` when it does not exist. It may throw an Error whose
 * message is one line naming the file (a FIFO, a link out of the project, over the size cap, not
 * UTF-8: see core/fs/safeRead.ts); the check then fails with that message.
 */
export type ReadFile = (path: string) => Promise<string | undefined> | string | undefined;

export interface CheckFs {
  read: ReadFile;
  /** Whether the project-relative path exists (file or folder); defaults to `read(path) !== undefined`. */
  exists?: (path: string) => Promise<boolean> | boolean;
  /** Modification time (ms) of a project-relative file, undefined when absent. Needed by tests checks. */
  mtime?: (path: string) => Promise<number | undefined> | number | undefined;
}

export interface CheckResult {
  pass: boolean;
  /** One short sentence: why it passes or fails (shown in tooltips and the report). */
  reason: string;
  /**
   * For tests checks: `not-run` (no report yet), or the report's verdict; `at` is when the report
   * was written, `failure` the first failing assertion, and `counts` the report's tests by
   * outcome (failing and verified reports only; an error counts as failed).
   */
  tests?: { state: ReportState | 'not-run'; at?: number; failure?: string; counts?: { passed: number; failed: number; skipped: number } };
}

/** What a tests check needs beyond the check: the milestone it belongs to and the files its tests exercise. */
export interface CheckContext {
  milestoneId: string;
  /** Project-relative files (placeholders allowed) whose changes make a report stale, besides the test file. */
  covers?: readonly string[];
}

/** Files bigger than this are not searched or parsed by a check (the read function may also refuse them). */
export const MAX_CHECK_BYTES = 2 * 1024 * 1024;

/** Metrics files nested deeper than this are refused before parsing (they are a few levels deep). */
export const MAX_METRICS_DEPTH = 256;
/** A metrics file is a few KB; larger ones are not parsed (JSON.parse of crafted nesting is slow). */
export const MAX_METRICS_BYTES = 256 * 1024;
/** …and holds at most this many arrays and objects (a history of 10,000 steps as objects fits). */
export const MAX_METRICS_CONTAINERS = 20_000;

/** The value at a dotted key (`test.accuracy`, `history.0.loss`) of parsed JSON, or undefined. */
export function lookupDotted(value: unknown, key: string): unknown {
  let cur: unknown = value;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(part)) return undefined;
      cur = cur[Number(part)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
  }
  return cur;
}

export function compare(actual: number, op: '>=' | '>' | '<=' | '<' | '==', expected: number): boolean {
  switch (op) {
    case '>=':
      return actual >= expected;
    case '>':
      return actual > expected;
    case '<=':
      return actual <= expected;
    case '<':
      return actual < expected;
    case '==':
      return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
    default:
      return false;
  }
}

/** A one-line description of what a check looks for, with placeholders filled in. */
export function describeCheck(check: MilestoneCheck, packageName: string, options: { withPattern?: boolean; t?: Translate } = {}): string {
  const t = options.t ?? english;
  const path = resolveProjectPath(check.path, packageName);
  switch (check.kind) {
    case 'fileExists':
      return t('{0} exists', path);
    case 'fileMatches':
      return options.withPattern === false ? t('{0} matches the expected pattern', path) : t('{0} matches /{1}/{2}', path, check.pattern, check.flags ?? '');
    case 'metric':
      return (check.require ?? []).reduce((text, r) => t('{0}, {1} = {2}', text, r.key, JSON.stringify(r.equals)), t('{0} {1} {2} in {3}', check.key, check.op, check.value, path));
    case 'tests':
      return check.select ? t('the tests in {0} (-k {1}) pass', path, check.select) : t('the tests in {0} pass', path);
    default:
      return t('unknown check');
  }
}

/** A file's text, undefined when absent, or an Error saying why it cannot be read. */
async function readSafely(fs: CheckFs, path: string): Promise<string | undefined | Error> {
  try {
    return await fs.read(path);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** Whether a text is over a cap counted in UTF-8 bytes. */
export function overBytes(text: string, cap: number): boolean {
  return text.length > cap || Buffer.byteLength(text, 'utf8') > cap;
}

async function evaluateTests(check: Extract<MilestoneCheck, { kind: 'tests' }>, packageName: string, fs: CheckFs, ctx: CheckContext | undefined, t: Translate): Promise<CheckResult> {
  const testPath = resolveProjectPath(check.path, packageName);
  if (!ctx) return { pass: false, reason: t('a tests check needs its milestone'), tests: { state: 'invalid' } };
  if (!fs.mtime) return { pass: false, reason: t('cannot tell whether the test report is current'), tests: { state: 'invalid' } };
  const testMtime = await fs.mtime(testPath);
  if (testMtime === undefined) return { pass: false, reason: t('{0} does not exist', testPath), tests: { state: 'invalid' } };
  const reportPath = reportPathOf(ctx.milestoneId);
  const reportMtime = await fs.mtime(reportPath);
  if (reportMtime === undefined) return { pass: false, reason: t('not verified yet: run Verify'), tests: { state: 'not-run' } };
  const text = await readSafely(fs, reportPath);
  if (text instanceof Error) return { pass: false, reason: text.message, tests: { state: 'invalid', at: reportMtime } };
  if (text === undefined) return { pass: false, reason: t('the test report cannot be read'), tests: { state: 'invalid', at: reportMtime } };
  if (overBytes(text, MAX_REPORT_BYTES)) return { pass: false, reason: t('the test report is larger than {0} KB', MAX_REPORT_BYTES / 1024), tests: { state: 'invalid', at: reportMtime } };
  const parsed = parseJUnit(text, t);
  if (!parsed.ok) return { pass: false, reason: parsed.reason, tests: { state: 'invalid', at: reportMtime } };
  let newestInput = testMtime;
  for (const p of ctx.covers ?? []) {
    const rel = resolveProjectPath(p, packageName);
    if (relativePathProblem(rel)) continue;
    const time = await fs.mtime(rel);
    if (time !== undefined && time > newestInput) newestInput = time;
  }
  const verdict = judgeReport(parsed.report, { testPath, reportMtime, newestInput }, t);
  return {
    pass: verdict.state === 'verified',
    reason: verdict.reason,
    tests: {
      state: verdict.state,
      at: reportMtime,
      ...(verdict.failure ? { failure: verdict.failure } : {}),
      ...(verdict.state === 'failing' || verdict.state === 'verified' ? { counts: verdict.counts } : {}),
    },
  };
}

/** Evaluates one check. Never throws: a broken check or an unreadable file is a failing check. */
export async function evaluateCheck(check: MilestoneCheck, packageName: string, fs: CheckFs, ctx?: CheckContext, t: Translate = english): Promise<CheckResult> {
  const path = resolveProjectPath(check.path, packageName);
  const problem = relativePathProblem(path);
  if (problem) return { pass: false, reason: t('{0}: {1}', path, problem) };
  try {
    switch (check.kind) {
      case 'fileExists': {
        const exists = fs.exists ? await fs.exists(path) : typeof (await readSafely(fs, path)) === 'string';
        return exists ? { pass: true, reason: t('{0} exists', path) } : { pass: false, reason: t('{0} does not exist yet', path) };
      }
      case 'fileMatches': {
        const text = await readSafely(fs, path);
        if (text instanceof Error) return { pass: false, reason: text.message };
        if (text === undefined) return { pass: false, reason: t('{0} does not exist yet', path) };
        if (overBytes(text, MAX_CHECK_BYTES)) return { pass: false, reason: t('{0} is too large to check', path) };
        // Linear time in the file, whatever the pattern (re2js): the template is data.
        const re = compilePattern(check.pattern, check.flags);
        if (!re.ok) return { pass: false, reason: t('the pattern of this check cannot be used: {0}', re.reason) };
        return re.pattern.test(text) ? { pass: true, reason: t('{0} matches', path) } : { pass: false, reason: t('{0} does not match /{1}/ yet', path, check.pattern) };
      }
      case 'metric': {
        const text = await readSafely(fs, path);
        if (text instanceof Error) return { pass: false, reason: text.message };
        if (text === undefined) return { pass: false, reason: t('{0} does not exist yet', path) };
        if (overBytes(text, MAX_METRICS_BYTES)) return { pass: false, reason: t('{0} is too large to check', path) };
        const shape = jsonShapeProblem(text, MAX_METRICS_DEPTH, MAX_METRICS_CONTAINERS);
        if (shape === 'deep') return { pass: false, reason: t('{0} is nested more than {1} levels deep; not read', path, MAX_METRICS_DEPTH) };
        if (shape === 'many') return { pass: false, reason: t('{0} holds more than {1} arrays and objects; not read', path, MAX_METRICS_CONTAINERS) };
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return { pass: false, reason: t('{0} is not valid JSON', path) };
        }
        const raw = lookupDotted(json, check.key);
        const actual = typeof raw === 'boolean' ? Number(raw) : raw;
        if (typeof actual !== 'number' || !Number.isFinite(actual)) {
          return { pass: false, reason: raw === undefined ? t('{0} has no "{1}"', path, check.key) : t('"{0}" in {1} is not a number', check.key, path) };
        }
        const pass = compare(actual, check.op, check.value);
        const reason = t('{0} = {1} (needs {2} {3})', check.key, formatNumber(actual), check.op, check.value);
        if (!pass) return { pass, reason };
        for (const req of check.require ?? []) {
          const got = lookupDotted(json, req.key);
          if (got !== req.equals) {
            return {
              pass: false,
              reason: got === undefined ? t('{0}, but {1} is missing (needs {2})', reason, req.key, JSON.stringify(req.equals)) : t('{0}, but {1} is {2} (needs {3})', reason, req.key, JSON.stringify(got), JSON.stringify(req.equals)),
            };
          }
        }
        return { pass, reason };
      }
      case 'tests':
        return await evaluateTests(check, packageName, fs, ctx, t);
      default:
        return { pass: false, reason: t('unknown check kind "{0}"', String((check as { kind?: unknown }).kind)) };
    }
  } catch (err) {
    return { pass: false, reason: t('check failed: {0}', err instanceof Error ? err.message : String(err)) };
  }
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10_000) / 10_000);
}

/** The files a milestone's tests exercise: the file it names and the files its reference solution changes. */
export function coveredFiles(milestone: MilestoneDef, solutions?: Template['solutions']): string[] {
  const overlay = solutions?.find((s) => s.milestone === milestone.id)?.files.map((f) => f.path) ?? [];
  return [...new Set([milestone.file, ...overlay])];
}

/** Evaluates the checks of every milestone that has one; milestones without a check are absent from the result. */
export async function evaluateMilestones(
  milestones: readonly MilestoneDef[],
  packageName: string,
  fs: CheckFs,
  options: { solutions?: Template['solutions']; t?: Translate } = {},
): Promise<Map<string, CheckResult>> {
  // Each distinct file is read (and its time taken) once, however many checks look at it; the
  // checks run concurrently (file reads are round trips in the extension host), results in order.
  const cache = new Map<string, Promise<string | undefined | Error>>();
  const times = new Map<string, Promise<number | undefined>>();
  const cached: CheckFs = {
    read: async (p) => {
      let r = cache.get(p);
      if (!r) cache.set(p, (r = readSafely(fs, p)));
      const got = await r;
      if (got instanceof Error) throw got;
      return got;
    },
    ...(fs.exists ? { exists: fs.exists } : {}),
    ...(fs.mtime
      ? {
          mtime: (p: string) => {
            let t = times.get(p);
            if (!t) times.set(p, (t = Promise.resolve().then(() => fs.mtime?.(p))));
            return t;
          },
        }
      : {}),
  };
  const withChecks = milestones.filter((m) => m.check);
  const results = await Promise.all(
    withChecks.map((m) => evaluateCheck(m.check as MilestoneCheck, packageName, cached, { milestoneId: m.id, covers: coveredFiles(m, options.solutions) }, options.t ?? english)),
  );
  return new Map(withChecks.map((m, i) => [m.id, results[i] as CheckResult]));
}
