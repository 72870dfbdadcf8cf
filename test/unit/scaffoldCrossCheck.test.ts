// Starters checked against the catalog (src/core/scaffold/crossCheck.ts, run by the CLI's
// `validate` in a child process, so tested here in-process): every reference a starter makes.
import * as assert from 'node:assert/strict';
import type { CatalogIndex } from '../../src/core/catalog/catalogIndex';
import { formatPath } from '../../src/core/catalog/jsonPath';
import { formatDiagnostic } from '../../src/core/diagnostics';
import { md } from '../../src/core/progress/markdown';
import { checkTemplatesAgainstCatalog } from '../../src/core/scaffold/crossCheck';
import type { MilestoneServes, Template, TemplateManifest } from '../../src/core/scaffold/types';
import { bundledIndex, bundledTemplates } from './helpers';

describe('starters against the catalog (scaffold/crossCheck)', () => {
  let index: CatalogIndex;
  let templates: Template[];
  let base: Template | undefined;
  beforeEach(() => {
    index = bundledIndex();
    templates = bundledTemplates().templates;
    base = templates.find((t) => t.manifest.id === 'pytorch-image-classifier');
  });
  const check = (ts: readonly Template[]) => checkTemplatesAgainstCatalog(ts, index, (id) => `${id}/template.yaml`).map(formatDiagnostic);
  /** The CIFAR-10 starter with some manifest fields replaced, and one milestone serving `serves`. */
  const starter = (over: Partial<TemplateManifest>, serves?: MilestoneServes[]): Template => {
    assert.ok(base);
    const m = base.manifest;
    const milestones = serves ? [{ ...(m.milestones[0] as TemplateManifest['milestones'][number]), serves }] : m.milestones;
    return { ...base, manifest: { ...m, id: 'qx', milestones, ...over } };
  };

  it('the five bundled starters point only at what the bundled catalog has', () => {
    assert.equal(templates.length, 5);
    assert.deepEqual(check(templates), []);
  });

  it('an unknown skill, practice project, level or role is an error naming the field', () => {
    assert.deepEqual(check([starter({ skill: 'no-skill', practiceProject: 'cifar10-image-classification' })]), [
      'qx/template.yaml:1:1: skill: unknown skill id "no-skill"',
      'qx/template.yaml:1:1: practiceProject: skill "no-skill" has no practice project "cifar10-image-classification"',
    ]);
    assert.deepEqual(check([starter({ practiceProject: 'no-project' })]), ['qx/template.yaml:1:1: practiceProject: skill "ml-technical-fluency" has no practice project "no-project"']);
    assert.deepEqual(check([starter({ level: 'grandmaster' })]), ['qx/template.yaml:1:1: level: unknown level id "grandmaster"']);
    assert.deepEqual(check([starter({ roles: ['ml-engineer', 'astronaut'] })]), ['qx/template.yaml:1:1: roles[1]: unknown role id "astronaut"']);
    assert.deepEqual(check([starter({ practiceProject: undefined })]), [], 'no practice project named: nothing to check');
  });

  it("a milestone's serves: a project step in range, or an expectation the catalog has", () => {
    const serves = (s: MilestoneServes) => check([starter({}, [s])]);
    const f = 'qx/template.yaml:1:1: milestones[0].serves[0]';
    assert.deepEqual(serves({ skill: 'ml-technical-fluency', project: 'cifar10-image-classification', step: 1 }), []);
    assert.deepEqual(serves({ skill: 'ml-technical-fluency', project: 'cifar10-image-classification', step: 4 }), []);
    assert.deepEqual(serves({ skill: 'ml-technical-fluency', project: 'cifar10-image-classification', step: 0 }), [`${f}: project "cifar10-image-classification" has steps 1–4`]);
    assert.deepEqual(serves({ skill: 'ml-technical-fluency', project: 'cifar10-image-classification', step: 5 }), [`${f}: project "cifar10-image-classification" has steps 1–4`]);
    assert.deepEqual(serves({ skill: 'ml-technical-fluency', project: 'cifar10-image-classification' } as unknown as MilestoneServes), [`${f}: project "cifar10-image-classification" has steps 1–4`]);
    assert.deepEqual(serves({ skill: 'ml-technical-fluency', project: 'no-project', step: 1 }), [`${f}: skill "ml-technical-fluency" has no practice project "no-project"`]);
    assert.deepEqual(serves({ skill: 'no-skill', project: 'x', step: 1 }), [`${f}: unknown skill id "no-skill"`]);
    assert.deepEqual(serves({ skill: 'pytorch', role: 'ml-engineer', level: 'junior' }), []);
    assert.deepEqual(serves({ skill: 'pytorch', role: 'astronaut', level: 'junior' }), [`${f}: skill "pytorch" has no expectation for role "astronaut" at level "junior"`]);
    assert.deepEqual(serves({ skill: 'pytorch', role: 'ml-engineer' } as unknown as MilestoneServes), [`${f}: expected {skill, project, step} or {skill, role, level}`]);
    assert.deepEqual(serves({ skill: 'pytorch', level: 'junior' } as unknown as MilestoneServes), [`${f}: expected {skill, project, step} or {skill, role, level}`]);
  });

  it('reports every starter, each in its own file', () => {
    assert.deepEqual(check([starter({ id: 'one', level: 'x' }), starter({ id: 'two', level: 'y' })]), ['one/template.yaml:1:1: level: unknown level id "x"', 'two/template.yaml:1:1: level: unknown level id "y"']);
  });
});

describe('small helpers the reports and diagnostics use', () => {
  it('md() escapes every Markdown character of a report cell and joins lines', () => {
    assert.equal(md('a\\b `c` *d* _e_ [f] <g> h|i #j'), 'a\\\\b \\`c\\` \\*d\\* \\_e\\_ \\[f\\] \\<g> h\\|i \\#j');
    assert.equal(md('one\r\ntwo\nthree'), 'one two three');
    assert.equal(md('plain text, 1.5 (ok)'), 'plain text, 1.5 (ok)');
  });

  it('formatPath() renders a JSON path as a field name', () => {
    assert.equal(formatPath([]), '(file)');
    assert.equal(formatPath(['skills', 0, 'expectations', 3, 'role']), 'skills[0].expectations[3].role');
    assert.equal(formatPath([2, 'id']), '[2].id');
    assert.equal(formatPath(['roles']), 'roles');
  });
});
