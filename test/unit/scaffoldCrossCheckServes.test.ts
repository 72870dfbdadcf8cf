// What a milestone's `serves` entry may leave undefined (src/core/scaffold/crossCheck.ts): a field
// that is present but undefined counts as absent.
import * as assert from 'node:assert/strict';
import { formatDiagnostic } from '../../src/core/diagnostics';
import { checkTemplatesAgainstCatalog } from '../../src/core/scaffold/crossCheck';
import type { MilestoneServes, Template } from '../../src/core/scaffold/types';
import { bundledIndex, bundledTemplate } from './helpers';

describe('starters against the catalog: undefined fields of serves (scaffold/crossCheck)', () => {
  let base: Template;
  beforeEach(() => {
    base = bundledTemplate('pytorch-image-classifier');
  });
  const serves = (s: Record<string, unknown>) => {
    const m = base.manifest;
    const first = m.milestones[0] as Template['manifest']['milestones'][number];
    const t: Template = { ...base, manifest: { ...m, id: 'qx', milestones: [{ ...first, serves: [s as unknown as MilestoneServes] }] } };
    return checkTemplatesAgainstCatalog([t], bundledIndex(), (id) => `${id}/template.yaml`).map(formatDiagnostic);
  };
  const f = 'qx/template.yaml:1:1: milestones[0].serves[0]';

  it('project: undefined falls through to the role and level', () => {
    assert.deepEqual(serves({ skill: 'pytorch', project: undefined, role: 'ml-engineer', level: 'junior' }), []);
  });

  it('role or level undefined is neither form', () => {
    assert.deepEqual(serves({ skill: 'pytorch', role: undefined, level: 'junior' }), [`${f}: expected {skill, project, step} or {skill, role, level}`]);
    assert.deepEqual(serves({ skill: 'pytorch', role: 'ml-engineer', level: undefined }), [`${f}: expected {skill, project, step} or {skill, role, level}`]);
  });
});
