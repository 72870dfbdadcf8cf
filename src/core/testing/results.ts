/**
 * The per-test results of one Verify run, read from the JSON file Learning Paths' pytest plugin
 * (python/lp_verify_plugin.py) writes next to the JUnit report, and the failure messages built
 * from them: one at the failing line of the test file (with the expected and actual values when
 * the failure is a comparison, so VS Code offers its diff), one at the deepest frame in the
 * learner's own files. Pure and linear: JSON.parse of a capped text, then one pass per list.
 * The JUnit report stays the milestone's verdict; this file only places and explains failures.
 */
import { english, type Translate } from '../l10n';

/** The plugin caps what it writes far below this; a larger file is refused unread. */
export const MAX_RESULTS_BYTES = 2 * 1024 * 1024;
const MAX_TESTS = 2000;
const MAX_TEXT = 4000;

export type TestOutcome = 'passed' | 'failed' | 'errored' | 'skipped';

/** A place in a project file: project-relative path (`/`), 0-based line. */
export interface Place {
  path: string;
  line: number;
}

export interface Comparison {
  /** `==`, `!=`, … or the helper that compared (`assert_allclose`, `assert_close`). */
  op: string;
  actual: string;
  expected: string;
}

export interface TestResult {
  /** pytest's node id (`milestones/test_x.py::TestGroup::test_y`). */
  nodeid: string;
  /** Project-relative test file (the node id's file part). */
  file: string;
  /** The node id after the file (`TestGroup::test_y`), or '' for the whole file (collection error). */
  testId: string;
  outcome: TestOutcome;
  /** `setup`, `call`, `teardown` or `collect`. */
  when: string;
  durationMs: number;
  /** The exception's one-line-per-line text (`AssertionError: assert 0.5 == 0.4914`). */
  message: string;
  compare?: Comparison;
  /** The deepest frame in the test file itself. */
  testPlace?: Place;
  /** The deepest frame in the learner's own files (not the test file, not a conftest). */
  userPlace?: Place;
  /** The message of the exception raised at `userPlace` (the cause, for a chained exception). */
  userMessage?: string;
}

export type ResultsParse = { ok: true; results: TestResult[] } | { ok: false; reason: string };

interface RawFrame {
  path: string;
  line: number;
}
interface RawLink {
  message: string;
  frames: RawFrame[];
}

const OUTCOMES: ReadonlySet<string> = new Set<TestOutcome>(['passed', 'failed', 'errored', 'skipped']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, max = MAX_TEXT): string {
  return typeof v === 'string' ? (v.length > max ? `${v.slice(0, max - 1)}…` : v) : '';
}

/** `folder`-relative form of an absolute `path` with `/` separators, or undefined when outside. */
export function relativeTo(folder: string, path: string): string | undefined {
  const norm = (p: string) => p.replace(/\\/g, '/');
  const base = norm(folder).replace(/\/+$/, '');
  const p = norm(path);
  if (!p.startsWith(`${base}/`)) return undefined;
  const rel = p.slice(base.length + 1);
  return rel.split('/').some((s) => s === '..' || s === '') ? undefined : rel;
}

function frames(v: unknown, folder: string): RawFrame[] {
  if (!Array.isArray(v)) return [];
  const out: RawFrame[] = [];
  for (const f of v.slice(-100)) {
    if (!isRecord(f) || typeof f.line !== 'number' || !Number.isInteger(f.line) || f.line < 1) continue;
    const rel = relativeTo(folder, str(f.path, 1000));
    if (rel !== undefined) out.push({ path: rel, line: f.line - 1 });
  }
  return out;
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

/**
 * The test file, files beside it in its own folder (exercise helpers; not at the project root,
 * where the learner's code may sit too) and any conftest: not the learner's code.
 */
function isTestSupport(path: string, testFile: string): boolean {
  const dir = dirOf(testFile);
  return path === testFile || (dir !== '' && dirOf(path) === dir) || path.slice(path.lastIndexOf('/') + 1) === 'conftest.py';
}

/** Where the failure is: the deepest test-file frame and the deepest frame of the learner's code, over the whole chain. */
function places(chain: readonly RawLink[], testFile: string): Pick<TestResult, 'testPlace' | 'userPlace' | 'userMessage'> {
  let testPlace: Place | undefined;
  let user: { place: Place; message: string } | undefined;
  // From the exception that ended the test back to the first cause: the last link's frames win.
  for (let i = chain.length - 1; i >= 0; i--) {
    const link = chain[i] as RawLink;
    for (let j = link.frames.length - 1; j >= 0; j--) {
      const f = link.frames[j] as RawFrame;
      if (f.path === testFile) testPlace ??= f;
      else if (!user && !isTestSupport(f.path, testFile)) user = { place: f, message: link.message };
      if (testPlace && user) break;
    }
    if (testPlace && user) break;
  }
  return { ...(testPlace ? { testPlace } : {}), ...(user ? { userPlace: user.place, userMessage: user.message } : {}) };
}

/**
 * Parses the plugin's JSON. `folder` is the project folder (the run's working directory): frames
 * outside it are dropped, the rest made project-relative. Never throws.
 */
export function parseResults(text: string, folder: string, t: Translate = english): ResultsParse {
  if (text.length > MAX_RESULTS_BYTES) return { ok: false, reason: t('the test results are larger than {0} MB', MAX_RESULTS_BYTES / 1024 / 1024) };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: t('the test results are not valid JSON') };
  }
  if (!isRecord(data) || data.version !== 1 || !Array.isArray(data.tests)) return { ok: false, reason: t('the test results are not in the expected format (version 1)') };
  const results: TestResult[] = [];
  for (const raw of data.tests.slice(0, MAX_TESTS)) {
    if (!isRecord(raw) || typeof raw.nodeid !== 'string' || typeof raw.outcome !== 'string' || !OUTCOMES.has(raw.outcome)) continue;
    const nodeid = str(raw.nodeid, 1000);
    const sep = nodeid.indexOf('::');
    const file = sep < 0 ? nodeid : nodeid.slice(0, sep);
    const chain: RawLink[] = Array.isArray(raw.chain) ? raw.chain.slice(-5).filter(isRecord).map((l) => ({ message: str(l.message), frames: frames(l.frames, folder) })) : [];
    const compare = isRecord(raw.compare) && typeof raw.compare.actual === 'string' && typeof raw.compare.expected === 'string' ? { op: str(raw.compare.op, 40), actual: str(raw.compare.actual), expected: str(raw.compare.expected) } : undefined;
    const duration = typeof raw.duration === 'number' && Number.isFinite(raw.duration) && raw.duration >= 0 ? raw.duration : 0;
    results.push({
      nodeid,
      file,
      testId: sep < 0 ? '' : nodeid.slice(sep + 2),
      outcome: raw.outcome as TestOutcome,
      when: str(raw.when, 20),
      durationMs: Math.round(duration * 1000 * 10) / 10,
      message: str(raw.message),
      ...(compare ? { compare } : {}),
      ...places(chain, file),
    });
  }
  return { ok: true, results };
}

/** One message to show: at `place` (or at the test item when undefined). */
export interface FailureMessage {
  kind: 'test' | 'user';
  text: string;
  place?: Place;
  expected?: string;
  actual?: string;
}

/** The first `n` lines of a text, for messages shown inline. */
function firstLines(text: string, n: number): string {
  const lines = text.split('\n', n + 1);
  return lines.length > n ? `${lines.slice(0, n).join('\n')}\n…` : text;
}

/**
 * The messages of a failed or errored test: at the failing line of the test file (a diff when it
 * compared two values), then, when the failure went through the learner's own code, at its
 * deepest frame there. A passed or skipped test has none.
 */
export function failureMessages(result: TestResult, t: Translate = english): FailureMessage[] {
  if (result.outcome === 'passed' || result.outcome === 'skipped') return [];
  const out: FailureMessage[] = [];
  const text = result.message || t('the test failed');
  const head = result.when === 'collect' ? t('The test file could not be collected: {0}', firstLines(text, 12)) : result.when === 'setup' || result.when === 'teardown' ? t('Error in {0}: {1}', result.when, firstLines(text, 12)) : firstLines(text, 12);
  out.push({
    kind: 'test',
    text: head,
    ...(result.testPlace ? { place: result.testPlace } : {}),
    ...(result.compare ? { expected: result.compare.expected, actual: result.compare.actual } : {}),
  });
  if (result.userPlace) {
    out.push({ kind: 'user', text: t('{0} (from {1})', firstLines(result.userMessage ?? text, 6), result.testId || result.file), place: result.userPlace });
  }
  return out;
}
