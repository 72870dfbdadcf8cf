// The Milestones tree as pure data (src/core/milestones/treeModel.ts): rows for every state of
// a project and a milestone, and a pseudo-locale run that finds no UI text outside translation.
import * as assert from 'node:assert/strict';
import { english, pseudo, type Translate } from '../../src/core/l10n';
import { checkStatus, milestoneCounts, milestoneItem, milestonePick, projectItem, projectPick, type MilestoneRowInput, type MilestoneTreeItem, type ProjectRowInput } from '../../src/core/milestones/treeModel';
import type { Tick } from '../../src/core/progress/store';
import type { MilestoneDef } from '../../src/core/scaffold/types';

// Data (catalog, project, file system) in these fixtures is spelled so a test can tell it from UI text.
const withCheck: MilestoneDef = {
  id: 'm-check',
  title: 'Qxdata_Checked_Title',
  done: 'Qxdata_done_sentence',
  file: 'qxdata/train.py',
  serves: [],
  check: { kind: 'fileExists', path: 'outputs/qxdata.json' },
};
const plain: MilestoneDef = { id: 'm-plain', title: 'Qxdata_Plain_Title', done: 'Qxdata_plain_done', file: 'qxdata/model.py', serves: [] };
const self: Tick = { state: 'self', at: '2026-11-30T10:00:00.000Z' };
const verified: Tick = { state: 'verified', at: '2026-11-29T10:00:00.000Z' };

const project = (over: Partial<ProjectRowInput> = {}): ProjectRowInput => ({
  key: 'file:///w/qxdata_proj/.learning-path.json',
  name: 'qxdata_proj',
  where: 'qxdata_proj',
  manifestWhere: 'qxdata_proj/.learning-path.json',
  starterTitle: 'Qxdata_Starter_Title',
  starter: 'qxdata-starter',
  counts: { done: 1, total: 2, verified: 0 },
  ...over,
});

const milestone = (m: MilestoneDef, tick: Tick | undefined, over: Partial<MilestoneRowInput> = {}): MilestoneRowInput => ({
  projectKey: 'k',
  milestone: m,
  tick,
  done: m.done,
  file: m.file,
  ...(m.check ? { checkText: 'qxdata_check_text' } : {}),
  check: checkStatus(m, undefined),
  ...over,
});

/** Every row the tree can show, rendered with `t`. */
function everyRow(t: Translate): MilestoneTreeItem[] {
  return [
    projectItem(t, project()),
    projectItem(t, project({ where: 'qxdata/elsewhere' })),
    projectItem(t, project({ counts: { done: 2, total: 2, verified: 1 } })),
    projectItem(t, project({ starterTitle: undefined, problem: { message: 'qxdata_problem_message', line: 3 } })),
    projectItem(t, { key: 'k2', where: 'qxdata_broken', manifestWhere: 'qxdata_broken/.learning-path.json', problem: { message: 'qxdata_not_json', line: 2 }, counts: { done: 0, total: 0, verified: 0 } }),
    milestoneItem(t, milestone(plain, undefined)),
    milestoneItem(t, milestone(plain, self)),
    milestoneItem(t, milestone(withCheck, undefined)),
    milestoneItem(t, milestone(withCheck, undefined, { check: 'failing', checkReason: 'qxdata_reason_missing' })),
    milestoneItem(t, milestone(withCheck, verified, { check: 'passing', checkReason: 'qxdata_reason_found' })),
  ];
}

function strings(item: MilestoneTreeItem): string[] {
  return [item.description ?? '', ...item.tooltip.map((p) => p.text), item.checkbox?.tooltip ?? '', item.accessibilityLabel].filter((s) => s !== '');
}

describe('milestone tree model', () => {
  it('counts done, total and verified', () => {
    assert.deepEqual(milestoneCounts([withCheck, plain], new Map([['m-check', verified], ['m-plain', self]])), { done: 2, total: 2, verified: 1 });
    assert.deepEqual(milestoneCounts([withCheck, plain], new Map()), { done: 0, total: 2, verified: 0 });
  });

  it('check status: none without a check, not run, passing, failing', () => {
    assert.equal(checkStatus(plain, undefined), 'none');
    assert.equal(checkStatus(withCheck, undefined), 'notRun');
    assert.equal(checkStatus(withCheck, { pass: true, reason: 'r' }), 'passing');
    assert.equal(checkStatus(withCheck, { pass: false, reason: 'r' }), 'failing');
  });

  it('a project row: done/total, folder when it differs from the name, complete icon, expanded', () => {
    const row = projectItem(english, project());
    assert.equal(row.label, 'qxdata_proj');
    assert.equal(row.description, '1/2');
    assert.deepEqual(row.icon, { id: 'project' });
    assert.equal(row.contextValue, 'project');
    assert.equal(row.expanded, true);
    assert.equal(row.accessibilityLabel, 'qxdata_proj, 1 of 2 milestones done');
    assert.deepEqual(row.tooltip[0], { text: 'Qxdata_Starter_Title', strong: true });
    assert.equal(projectItem(english, project({ where: 'a/b' })).description, '1/2 · a/b');
    assert.deepEqual(projectItem(english, project({ counts: { done: 2, total: 2, verified: 2 } })).icon, { id: 'pass-filled', color: 'testing.iconPassed' });
  });

  it('a project that cannot be read: warning, line, opens the manifest, not expandable', () => {
    const row = projectItem(english, project({ name: undefined, starter: undefined, starterTitle: undefined, problem: { message: 'not valid JSON', line: 4 } }));
    assert.equal(row.label, 'qxdata_proj');
    assert.equal(row.description, 'manifest error, line 4');
    assert.deepEqual(row.icon, { id: 'warning', color: 'problemsWarningIcon.foreground' });
    assert.equal(row.contextValue, 'projectProblem');
    assert.equal(row.expanded, undefined);
    assert.deepEqual(row.action, { kind: 'openManifest', line: 4 });
    assert.equal(row.tooltip[0]?.text, 'qxdata_proj/.learning-path.json:4: not valid JSON');
    const unknown = projectItem(english, project({ starterTitle: undefined, problem: { message: 'unknown starter', line: 1 } }));
    assert.equal(unknown.description, 'unknown starter qxdata-starter');
  });

  it('milestone rows: open (beaker when checked), self-reported, verified; checkbox, context value, icon', () => {
    const open = milestoneItem(english, milestone(plain, undefined));
    assert.deepEqual([open.contextValue, open.icon.id, open.checkbox?.checked, open.description], ['milestone.open', 'circle-large-outline', false, undefined]);
    assert.equal(open.accessibilityLabel, 'Qxdata_Plain_Title, open');
    assert.deepEqual(open.action, { kind: 'openMilestoneFile' });
    assert.equal(milestoneItem(english, milestone(withCheck, undefined)).icon.id, 'beaker');
    const ticked = milestoneItem(english, milestone(plain, self));
    assert.deepEqual([ticked.contextValue, ticked.icon.id, ticked.checkbox?.checked, ticked.description], ['milestone.self', 'account', true, 'self-reported · 2026-11-30']);
    const ok = milestoneItem(english, milestone(withCheck, verified, { check: 'passing', checkReason: 'found it' }));
    assert.deepEqual([ok.contextValue, ok.icon, ok.description], ['milestone.verified', { id: 'verified-filled', color: 'testing.iconPassed' }, 'verified · 2026-11-29']);
    assert.deepEqual(
      ok.tooltip.map((p) => p.text),
      ['Qxdata_Checked_Title', 'Qxdata_done_sentence', 'File: qxdata/train.py', 'Check: qxdata_check_text — passes: found it', 'Verified by its check on 2026-11-29.'],
    );
    const failing = milestoneItem(english, milestone(withCheck, undefined, { check: 'failing', checkReason: 'no file' }));
    assert.ok(failing.tooltip.some((p) => p.text === 'Check: qxdata_check_text — not yet: no file'));
  });

  it('rows have unique, stable ids', () => {
    // Unique: two projects, two milestones of one project, the same milestone id in another project.
    const ids = [
      projectItem(english, project()),
      projectItem(english, project({ key: 'k2' })),
      milestoneItem(english, milestone(plain, undefined)),
      milestoneItem(english, milestone(withCheck, undefined)),
      milestoneItem(english, milestone(plain, undefined, { projectKey: 'k2' })),
    ].map((r) => r.id);
    assert.deepEqual(ids, ['p:file:///w/qxdata_proj/.learning-path.json', 'p:k2', 'm:k#m-plain', 'm:k#m-check', 'm:k2#m-plain']);
    assert.equal(new Set(ids).size, ids.length);
    // Stable: a row keeps its id through every state it can be in.
    const rows = everyRow(english);
    assert.deepEqual([...new Set(rows.map((r) => r.id))], ['p:file:///w/qxdata_proj/.learning-path.json', 'p:k2', 'm:k#m-plain', 'm:k#m-check']);
  });

  it('quick pick items: codicon, title, how it was done', () => {
    assert.deepEqual(milestonePick(english, plain, undefined), { label: '$(circle-large-outline) Qxdata_Plain_Title', description: '' });
    assert.deepEqual(milestonePick(english, plain, verified), { label: '$(verified-filled) Qxdata_Plain_Title', description: 'verified' });
    assert.deepEqual(projectPick(english, 'p', 'f', { done: 1, total: 3, verified: 0 }), { label: 'p', description: '1/3 · f' });
  });

  /** Texts of `t`'s rows that show UI words outside translation (data tokens contain "qxdata"). */
  function untranslated(t: Translate): string[] {
    const texts = [
      ...everyRow(t).flatMap(strings),
      ...[undefined, self, verified].map((tick) => milestonePick(t, withCheck, tick).description).filter((d) => d !== ''),
      projectPick(t, 'qxdata_p', 'qxdata_f', { done: 0, total: 1, verified: 0 }).description,
    ];
    assert.ok(texts.length > 30, `only ${texts.length} strings`);
    return texts.filter((text) => {
      // Take out the translated parts (innermost first), then the data tokens: nothing may be left.
      let rest = text;
      for (let before = ''; before !== rest; ) {
        before = rest;
        rest = rest.replace(/⟦[^⟦⟧]*⟧/g, '');
      }
      return /\p{L}/u.test(rest.replace(/\S*qxdata\S*/gi, ''));
    });
  }

  it('pseudo-locale: every UI string of every row and pick is translated (wrapped in ⟦…⟧)', () => {
    assert.deepEqual(untranslated(pseudo), []);
    // The check itself finds English text when nothing is translated.
    assert.ok(untranslated(english).length > 20);
    // Labels are data (titles, package names), never UI text.
    for (const row of everyRow(pseudo)) assert.doesNotMatch(row.label, /⟦/, row.label);
  });
});
