/**
 * `check DIR --format json|junit|github|classroom`: a project's milestone verdicts for any CI.
 * Pure: the CLI evaluates the milestones, finds each exercise's stub line and writes the text.
 *   junit      one <testcase> per milestone, for any CI's test report
 *   github     workflow commands (annotations at the exercise's stub line) plus a Markdown job summary
 *   classroom  the result object GitHub Classroom's autograding reporter reads (base64 of it in a
 *              step output `result`), with points per milestone
 */
import { english, type Translate } from '../l10n';

export const CHECK_FORMATS = ['text', 'json', 'junit', 'github', 'classroom'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckedMilestone {
  id: string;
  title: string;
  /** The check kind, or null for a self-reported milestone. */
  kind: string | null;
  /** null: self-reported (no check). */
  verified: boolean | null;
  reason: string;
  /** Points in a grade (template.yaml `points`, default 1). */
  points: number;
  /** Project-relative file to annotate (the milestone's file). */
  file: string;
  /** 1-based line of the exercise's `TODO(milestone: id)` marker in `file`, when found. */
  line?: number;
}

export interface CheckResult {
  project: { starter: string; name: string; title: string };
  milestones: CheckedMilestone[];
}

/** The value of `--format`, or an error message. */
export function parseCheckFormat(value: string | undefined, json: boolean, t: Translate = english): { ok: true; format: CheckFormat } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, format: json ? 'json' : 'text' };
  if ((CHECK_FORMATS as readonly string[]).includes(value)) return { ok: true, format: value as CheckFormat };
  return { ok: false, message: t('--format must be one of {0}, not "{1}"', CHECK_FORMATS.join(', '), value) };
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** XML attribute and text escaping; characters XML 1.0 cannot hold are dropped. */
export function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** An attribute value: also tab, CR and LF as character references, which XML's attribute-value normalisation would turn into spaces. */
export function xmlAttr(text: string): string {
  return xmlEscape(text).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JUnit XML: one test suite for the project, one test case per milestone (self-reported ones skipped). */
export function checkJunit(result: CheckResult, t: Translate = english): string {
  const { milestones, project } = result;
  const failures = milestones.filter((m) => m.verified === false).length;
  const skipped = milestones.filter((m) => m.verified === null).length;
  const suite = xmlEscape(`${project.starter} (${project.name})`);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites tests="${milestones.length}" failures="${failures}" errors="0" skipped="${skipped}">`];
  lines.push(`  <testsuite name="${suite}" tests="${milestones.length}" failures="${failures}" errors="0" skipped="${skipped}">`);
  for (const m of milestones) {
    const open = `    <testcase classname="${xmlEscape(project.starter)}" name="${xmlEscape(m.id)}" file="${xmlEscape(m.file)}"${m.line !== undefined ? ` line="${m.line}"` : ''}`;
    if (m.verified === true) lines.push(`${open}/>`);
    else if (m.verified === false) lines.push(`${open}>`, `      <failure message="${xmlAttr(m.reason)}">${xmlEscape(`${m.title}\n${m.reason}`)}</failure>`, '    </testcase>');
    else lines.push(`${open}>`, `      <skipped message="${xmlEscape(t('self-reported: no check'))}"/>`, '    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/** A workflow command's message: %, CR and LF escaped (GitHub's escapeData). */
export function githubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also : and , escaped (GitHub's escapeProperty). */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Workflow commands: an error annotation at the stub of each failing milestone, a notice for each verified one. */
export function githubAnnotations(result: CheckResult, t: Translate = english): string {
  const out: string[] = [];
  for (const m of result.milestones) {
    if (m.verified === null) continue;
    const level = m.verified ? 'notice' : 'error';
    const title = m.verified ? t('{0}: verified', m.title) : t('{0}: not verified yet', m.title);
    out.push(`::${level} file=${githubProperty(m.file)},line=${m.line ?? 1},title=${githubProperty(title)}::${githubData(m.reason)}`);
  }
  return out.map((l) => `${l}\n`).join('');
}

function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

/** Earned and total points over the checked milestones. */
export function score(result: CheckResult): { earned: number; total: number } {
  let earned = 0;
  let total = 0;
  for (const m of result.milestones) {
    if (m.verified === null) continue;
    total += m.points;
    if (m.verified) earned += m.points;
  }
  return { earned, total };
}

/** The Markdown job summary (appended to $GITHUB_STEP_SUMMARY). */
export function githubSummary(result: CheckResult, t: Translate = english): string {
  const { earned, total } = score(result);
  const checked = result.milestones.filter((m) => m.verified !== null);
  const lines = [
    `### ${markdownCell(result.project.title)} (${markdownCell(result.project.name)})`,
    '',
    t('{0} of {1} checked milestones verified, {2} of {3} points.', checked.filter((m) => m.verified).length, checked.length, earned, total),
    '',
    `| | ${t('Milestone')} | ${t('Points')} | ${t('Result')} |`,
    '| --- | --- | ---: | --- |',
  ];
  for (const m of result.milestones) {
    const mark = m.verified === null ? '·' : m.verified ? '✅' : '❌';
    const points = m.verified === null ? '–' : `${m.verified ? m.points : 0}/${m.points}`;
    lines.push(`| ${mark} | ${markdownCell(m.title)} (\`${m.id}\`) | ${points} | ${markdownCell(m.reason)} |`);
  }
  return `${lines.join('\n')}\n`;
}

export interface ClassroomTest {
  name: string;
  status: 'pass' | 'fail';
  message: string;
  line_no: number;
  filename: string;
  score: number;
  max_score: number;
}

export interface ClassroomResult {
  version: 1;
  status: 'pass' | 'fail';
  max_score: number;
  tests: ClassroomTest[];
}

/**
 * What GitHub Classroom's autograding reporter reads from a runner (base64 of this JSON in the
 * step output `result`): `{ version, status, max_score, tests: [{ name, status, message, score }] }`.
 * Only checked milestones are tests; each is worth its points.
 */
export function classroomResult(result: CheckResult): ClassroomResult {
  const tests: ClassroomTest[] = result.milestones
    .filter((m) => m.verified !== null)
    .map((m) => ({ name: m.title, status: m.verified ? 'pass' : 'fail', message: m.reason, line_no: m.line ?? 0, filename: m.file, score: m.verified ? m.points : 0, max_score: m.points }));
  return { version: 1, status: tests.every((x) => x.status === 'pass') ? 'pass' : 'fail', max_score: score(result).total, tests };
}
