// Tests milestones in the Milestones tree and the progress report (src/core/milestones/testsStatus.ts,
// hints.ts, src/core/progress/verifications.ts): verified / failing / not run / stale with
// "verified 3 min ago", the first failure in the tooltip, "was verified, now failing" without
// unticking, the context-value flags of the inline actions, hints, and the report's history lines.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { english, pseudo } from '../../src/core/l10n';
import { parseMilestoneArgs } from '../../src/core/milestones/commandArgs';
import { hintsMarkdown, nextHintCount } from '../../src/core/milestones/hints';
import { contextValueOf, relativeTime, rowFeatures, testsDescription } from '../../src/core/milestones/testsStatus';
import { checkStatus, milestoneItem, type MilestoneRowInput } from '../../src/core/milestones/treeModel';
import { buildProgressReport } from '../../src/core/progress/report';
import { ProgressStore, STORE_KEY, type Tick } from '../../src/core/progress/store';
import { milestoneDetailLines, verificationOf, withVerification } from '../../src/core/progress/verifications';
import { readTemplates } from '../../src/core/scaffold/templateFiles';
import type { MilestoneDef } from '../../src/core/scaffold/types';
import { bundledIndex, repoRoot } from './helpers';

const NOW = Date.parse('2026-12-01T10:30:00.000Z');
const min = 60_000;
const tested: MilestoneDef = {
  id: 'qx-tests',
  title: 'Qxdata_Tests_Title',
  done: 'Qxdata_done',
  file: 'qxdata/psi.py',
  serves: [],
  check: { kind: 'tests', path: 'milestones/test_qx.py' },
  hints: ['Qxdata hint one', 'Qxdata hint two', 'Qxdata hint three'],
  plot: 'outputs/plots/qx.png',
};
const verifiedTick: Tick = { state: 'verified', at: '2026-12-01T10:00:00.000Z' };

const row = (tick: Tick | undefined, tests: MilestoneRowInput['testsRow'], over: Partial<MilestoneRowInput> = {}) =>
  milestoneItem(english, {
    projectKey: 'k',
    milestone: tested,
    tick,
    done: tested.done,
    file: tested.file,
    checkText: 'qxdata_check',
    check: 'failing',
    ...(tests ? { testsRow: tests } : {}),
    features: rowFeatures(tested, { solution: true, plotExists: true }),
    ...over,
  });

describe('tests milestones in the tree', () => {
  it('says how long ago, in minutes, hours and days', () => {
    assert.equal(relativeTime(english, NOW - 10_000, NOW), 'just now');
    assert.equal(relativeTime(english, NOW + 10_000, NOW), 'just now', 'a clock skew is not "in the future"');
    assert.equal(relativeTime(english, NOW - 3 * min, NOW), '3 min ago');
    assert.equal(relativeTime(english, NOW - 59 * min, NOW), '59 min ago');
    assert.equal(relativeTime(english, NOW - 125 * min, NOW), '2 h ago');
    assert.equal(relativeTime(english, NOW - 50 * 60 * min, NOW), '2 d ago');
  });

  it('shows verified 3 min ago, failing with the first failure, not run and stale', () => {
    const verified = row(verifiedTick, { tests: { state: 'verified', at: NOW - 3 * min }, now: NOW }, { check: 'passing' });
    assert.equal(verified.description, 'verified 3 min ago');
    assert.equal(verified.icon.id, 'verified-filled');
    assert.equal(verified.checkbox?.checked, true);

    const failing = row(undefined, { tests: { state: 'failing', at: NOW - 1 * min, failure: 'psi_from_counts still raises NotImplementedError' }, now: NOW });
    assert.equal(failing.description, 'failing · ran 1 min ago');
    assert.equal(failing.icon.id, 'error');
    assert.ok(failing.tooltip.some((p) => p.text === 'First failure: psi_from_counts still raises NotImplementedError'), JSON.stringify(failing.tooltip));
    assert.equal(failing.checkbox?.checked, false);

    const notRun = row(undefined, { tests: { state: 'not-run' }, now: NOW }, { check: checkStatus(tested, { pass: false, reason: 'r', tests: { state: 'not-run' } }) });
    assert.equal(notRun.description, 'not run · Verify');
    assert.equal(checkStatus(tested, { pass: false, reason: 'r', tests: { state: 'not-run' } }), 'notRun');

    const noReport = row(undefined, { tests: { state: 'not-run' }, now: NOW, runProblem: 'qxdata: no report, is pytest installed' });
    assert.equal(noReport.description, 'no test report · see Test Results');
    assert.ok(noReport.tooltip.some((p) => p.text === 'qxdata: no report, is pytest installed'));

    const stale = row(undefined, { tests: { state: 'stale', at: NOW - min }, now: NOW });
    assert.equal(stale.description, 'changed since the last run · verify again');
  });

  it('a verified milestone that now fails stays ticked and says "was verified, now failing"', () => {
    const r = row(verifiedTick, { tests: { state: 'failing', at: NOW, failure: 'AssertionError: x' }, now: NOW });
    assert.equal(r.checkbox?.checked, true, 'never silently unticked');
    assert.equal(r.description, 'was verified, now failing');
    assert.equal(r.icon.id, 'warning');
    assert.ok(r.tooltip.some((p) => /^Was verified, now failing/.test(p.text)));
    assert.equal(testsDescription(english, verifiedTick, { tests: { state: 'stale' }, now: NOW }), 'verified · changed since, verify again');
  });

  it('explains Restricted Mode in the tooltip', () => {
    const r = row(undefined, { tests: { state: 'not-run' }, now: NOW, restricted: true });
    assert.ok(r.tooltip.some((p) => /^Restricted Mode: Verify runs project code/.test(p.text)));
    assert.ok(!row(undefined, { tests: { state: 'not-run' }, now: NOW }).tooltip.some((p) => /Restricted Mode/.test(p.text)));
  });

  it('flags the inline actions in the context value, keeping the plain values for rows without them', () => {
    assert.equal(row(undefined, { now: NOW }).contextValue, 'milestone.open;tests;hints;solution;plot');
    assert.equal(row(verifiedTick, { now: NOW }).contextValue, 'milestone.verified;tests;hints;solution;plot');
    const plain: MilestoneDef = { id: 'p', title: 't', done: 'd', file: 'f', serves: [], plot: 'outputs/x.png' };
    assert.equal(contextValueOf('milestone.self', rowFeatures(plain, { solution: false, plotExists: false })), 'milestone.self', 'no plot file yet: no Open Plot');
    assert.equal(contextValueOf('milestone.self', rowFeatures(plain, { solution: false, plotExists: true })), 'milestone.self;plot');
  });

  it("package.json's menus (read from package.json) show each milestone action exactly on the rows that offer it", () => {
    type MenuEntry = { command: string; when: string; group?: string };
    const pkg = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };
    const entries = pkg.contributes.menus['view/item/context']?.filter((e) => /\bview == learningPaths\.milestones\b/.test(e.when)) ?? [];
    /** The `when` clause of a view item menu: `&&` of `view == x`, `viewItem == x`, `viewItem =~ /re/`. */
    const holds = (when: string, viewItem: string) =>
      when.split(' && ').every((clause) => {
        const eq = /^(view|viewItem) == (\S+)$/.exec(clause);
        if (eq) return (eq[1] === 'view' ? 'learningPaths.milestones' : viewItem) === eq[2];
        const re = /^viewItem =~ \/(.*)\/$/.exec(clause);
        assert.ok(re, `a when clause this test cannot read: ${clause}`);
        return new RegExp(re[1] as string).test(viewItem);
      });
    const shown = (viewItem: string) => [...new Set(entries.filter((e) => holds(e.when, viewItem)).map((e) => e.command.replace(/^learningPaths\./, '')))].sort();
    const flags = ['tests', 'hints', 'solution', 'plot'] as const;
    let rows = 0;
    for (const base of ['milestone.open', 'milestone.self', 'milestone.verified'] as const) {
      for (let bits = 0; bits < 16; bits++) {
        const f = { tests: !!(bits & 1), hints: !!(bits & 2), solution: !!(bits & 4), plot: !!(bits & 8) };
        const expected = ['openMilestoneFile', 'toggleMilestone'];
        if (base !== 'milestone.open') expected.push('resetMilestone');
        if (f.tests) expected.push('verifyMilestone');
        if (f.hints) expected.push('showHint');
        if (f.solution) expected.push('compareSolution');
        if (f.plot) expected.push('openPlot');
        const value = contextValueOf(base, f);
        assert.deepEqual(shown(value), expected.sort(), `${value}: ${flags.filter((k) => f[k]).join(',')}`);
        rows++;
      }
    }
    assert.equal(rows, 48);
    assert.deepEqual(shown('project'), ['nextMilestone', 'resetProject', 'verifyMilestones']);
  });

  it('translates every new UI string (pseudo-locale)', () => {
    const rows = [
      milestoneItem(pseudo, { projectKey: 'k', milestone: tested, tick: verifiedTick, done: 'Qxdata_done', file: 'f', check: 'failing', testsRow: { tests: { state: 'failing', at: NOW, failure: 'Qxdata_failure' }, now: NOW, restricted: true } }),
      milestoneItem(pseudo, { projectKey: 'k', milestone: tested, tick: undefined, done: 'Qxdata_done', file: 'f', check: 'passing', testsRow: { tests: { state: 'verified', at: NOW - 5 * min }, now: NOW } }),
      milestoneItem(pseudo, { projectKey: 'k', milestone: tested, tick: undefined, done: 'Qxdata_done', file: 'f', check: 'notRun', testsRow: { tests: { state: 'not-run' }, now: NOW } }),
    ];
    for (const r of rows) {
      for (const text of [r.description ?? '⟦⟧', ...r.tooltip.filter((p) => !p.strong && p.text !== 'Qxdata_done').map((p) => p.text), r.accessibilityLabel]) {
        assert.match(text, /^⟦.*⟧$/s, `not translated: ${text}`);
      }
    }
    assert.match(hintsMarkdown(pseudo, 'T', ['h'], 1), /# ⟦Hints: T⟧/);
  });
});

describe('hints', () => {
  it('reveals one more each time, never past the last', () => {
    assert.equal(nextHintCount(undefined, 3), 1);
    assert.equal(nextHintCount(1, 3), 2);
    assert.equal(nextHintCount(3, 3), 3);
    assert.equal(nextHintCount(7, 2), 2, 'a count from an older manifest with more hints');
  });
  it('shows the revealed hints only, and how many remain', () => {
    const text = hintsMarkdown(english, 'PSI', ['concept', 'api', 'shape'], 2);
    assert.match(text, /## Hint 1 of 3\n\nconcept/);
    assert.match(text, /## Hint 2 of 3\n\napi/);
    assert.doesNotMatch(text, /shape/);
    assert.match(text, /1 more hint\(s\)/);
    assert.match(hintsMarkdown(english, 'PSI', ['concept'], 1), /That was the last hint/);
  });
});

describe('verification history and the report', () => {
  it('records a run once, verified or failing, never a not-run or stale verdict', () => {
    const failing = verificationOf({ state: 'failing', at: NOW, failure: 'boom' });
    assert.deepEqual(failing, { result: 'failing', at: '2026-12-01T10:30:00.000Z', failure: 'boom' });
    assert.equal(verificationOf({ state: 'not-run' }), undefined);
    assert.equal(verificationOf({ state: 'stale', at: NOW }), undefined);
    assert.equal(verificationOf(undefined), undefined);
    const once = withVerification({ v: 1 }, failing as NonNullable<typeof failing>);
    assert.equal(once?.verifications?.length, 1);
    assert.equal(withVerification(once ?? { v: 1 }, failing as NonNullable<typeof failing>), undefined, 'the same report again is not a new run');
  });

  it('the store writes several milestones\' history in one write, and keeps a newer version\'s record', async () => {
    const values = new Map<string, unknown>([[STORE_KEY, { schema: 1, projects: { p: { s: { version: 1, ticks: {}, data: { newer: { v: 9, x: 1 } } } } } }]]);
    let writes = 0;
    const store = new ProgressStore({ get: <T>(k: string) => values.get(k) as T, update: (k, v) => ((writes++, values.set(k, v)), Promise.resolve()) });
    await store.ready;
    const add = (d: { v: 1 }) => ({ ...d, verifications: [{ result: 'failing' as const, at: '2026-12-01T10:00:00.000Z' }] });
    const changed = await store.updateMilestonesData('p', 's', new Map([['a', add], ['b', add], ['newer', add]]));
    assert.deepEqual(changed, ['a', 'b']);
    assert.equal(writes, 1);
    assert.equal(store.milestoneData('p', 's', 'b')?.verifications?.length, 1);
    assert.deepEqual((values.get(STORE_KEY) as { projects: { p: { s: { data: Record<string, unknown> } } } }).projects.p.s.data.newer, { v: 9, x: 1 });
  });

  it('report lines: current failure, history, hints revealed and solution viewed', () => {
    const lines = milestoneDetailLines('PSI *score*', 3, verifiedTick, {
      tests: { state: 'failing', at: NOW, failure: 'AssertionError: got `1`' },
      data: {
        v: 1,
        hintsRevealed: 2,
        solutionViewedAt: '2026-12-01T10:20:00.000Z',
        verifications: [
          { result: 'failing', at: '2026-12-01T10:00:00.000Z' },
          { result: 'verified', at: '2026-12-01T10:10:00.000Z' },
          { result: 'failing', at: '2026-12-01T10:30:00.000Z' },
        ],
      },
    });
    assert.deepEqual(lines, [
      '- **PSI \\*score\\***',
      '  - Tests: was verified, now failing — AssertionError: got \\`1\\`',
      '  - Verification history (newest last): ❌ failing 2026-12-01 10:00 · ✅ verified 2026-12-01 10:10 · ❌ failing 2026-12-01 10:30',
      '  - Hints revealed: 2 of 3',
      '  - Reference solution viewed on 2026-12-01',
    ]);
    assert.deepEqual(milestoneDetailLines('x', 0, undefined, { tests: { state: 'verified', at: NOW } }), [], 'nothing beyond the tick');
  });

  it('the progress report shows them under the project', () => {
    const templates = readTemplates(resolve(repoRoot, 'data', 'templates')).templates;
    const pipe = templates.find((t) => t.manifest.id === 'ml-pipeline');
    assert.ok(pipe);
    const text = buildProgressReport({
      index: bundledIndex(),
      projects: [
        {
          name: 'vpipe',
          folder: 'vpipe',
          manifest: pipe.manifest,
          ticks: new Map(),
          details: new Map([['psi-drift-score', { tests: { state: 'failing' as const, at: NOW, failure: 'still raises NotImplementedError' }, data: { v: 1 as const, hintsRevealed: 1 } }]]),
        },
      ],
      now: new Date(NOW),
    });
    assert.match(text, /#### Tests, hints and solutions/);
    assert.match(text, /- \*\*Score drift with the population stability index \(PSI\)\*\*\n {2}- Tests: failing — still raises NotImplementedError\n {2}- Hints revealed: 1 of 3/);
  });
});

describe('Verify Milestones argument', () => {
  it('reads runTests only as a boolean', () => {
    const isUri = (v: unknown): v is object => v instanceof URL;
    assert.equal(parseMilestoneArgs({ projectId: 'p', runTests: false }, isUri).runTests, false);
    assert.equal(parseMilestoneArgs({ projectId: 'p', runTests: 'no' }, isUri).runTests, undefined);
    assert.equal(parseMilestoneArgs({ projectId: 'p' }, isUri).runTests, undefined);
  });
});

describe('the starters the VSIX ships', () => {
  it('dist/templates.json.br (reference solutions included) decodes to dist/templates.json, and only the .br is packaged', () => {
    const dist = resolve(repoRoot, 'dist');
    const json = readFileSync(resolve(dist, 'templates.json'), 'utf8');
    const br = readFileSync(resolve(dist, 'templates.json.br'));
    assert.equal(brotliDecompressSync(br).toString('utf8'), json);
    assert.ok(br.length < json.length / 3, `${br.length} bytes of ${json.length}`);
    const ignore = readFileSync(resolve(repoRoot, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/templates.json.br'));
    assert.ok(!ignore.includes('!dist/templates.json'));
  });
});
