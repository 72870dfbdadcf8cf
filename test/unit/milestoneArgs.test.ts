// The milestone commands' one argument parser (src/core/milestones/commandArgs.ts): view nodes,
// id objects, and whatever else a menu, link or another extension may pass.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMilestoneArgs } from '../../src/core/milestones/commandArgs';

class FakeUri {
  constructor(readonly path: string) {}
}
const isUri = (v: unknown): v is FakeUri => v instanceof FakeUri;
const parse = (arg: unknown) => parseMilestoneArgs(arg, isUri);
const nothing = { confirmed: false, silent: false };

describe('milestone command arguments', () => {
  it('a milestone node from the view: project key and milestone id', () => {
    const node = { kind: 'milestone', project: { key: 'file:///w/p/.learning-path.json', folder: {} }, milestone: { id: 'run-smoke-test', title: 'T' } };
    assert.deepEqual(parse(node), { ...nothing, project: { by: 'key', key: 'file:///w/p/.learning-path.json' }, milestone: 'run-smoke-test' });
    assert.deepEqual(parse({ kind: 'project', project: { key: 'k' }, milestone: { id: 'ignored' } }), { ...nothing, project: { by: 'key', key: 'k' } });
  });

  it('ids: projectId wins over projectKey over folder; flags only when exactly true', () => {
    assert.deepEqual(parse({ projectId: 'a', projectKey: 'b', folder: '/x', milestone: 'm', confirmed: true, silent: true }), {
      project: { by: 'projectId', projectId: 'a' },
      milestone: 'm',
      confirmed: true,
      silent: true,
    });
    assert.deepEqual(parse({ projectKey: 'b', folder: '/x' }), { ...nothing, project: { by: 'key', key: 'b' } });
    assert.deepEqual(parse({ folder: '/x' }), { ...nothing, project: { by: 'folder', folder: '/x' } });
    const uri = new FakeUri('/x');
    assert.deepEqual(parse({ folder: uri }), { ...nothing, project: { by: 'folder', folder: uri } });
    assert.deepEqual(parse({ confirmed: 'yes', silent: 1 }), nothing);
  });

  it('wrong types count as absent: numbers, empty strings, arrays, objects', () => {
    assert.deepEqual(parse({ projectId: 42, milestone: ['m'] }), nothing);
    assert.deepEqual(parse({ projectId: '', projectKey: {}, folder: { path: '/x' } }), nothing);
    assert.deepEqual(parse({ kind: 'milestone', project: 'k', milestone: 'm' }), { ...nothing, milestone: 'm' });
    assert.deepEqual(parse({ kind: 'milestone', project: { key: 3 }, milestone: { id: null } }), nothing);
  });

  it('not an object: nothing named (the command then uses the selection or asks)', () => {
    for (const v of [undefined, null, 0, 'p', true, [], [{ projectId: 'a' }], new FakeUri('/x')]) assert.deepEqual(parse(v), nothing, String(v));
  });

  it('reads own data properties only: no inherited fields, no getters run', () => {
    const inherited = Object.create({ projectId: 'from-prototype', confirmed: true }) as object;
    assert.deepEqual(parse(inherited), nothing);
    let ran = false;
    const withGetter = {
      get projectId() {
        ran = true;
        return 'x';
      },
    };
    assert.deepEqual(parse(withGetter), nothing);
    assert.equal(ran, false);
    assert.deepEqual(parse(JSON.parse('{"__proto__": {"projectId": "polluted"}, "milestone": "m"}')), { ...nothing, milestone: 'm' });
  });

  it('never throws, and what it returns has the documented shape', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withMap: true, withSet: true }), (v) => {
        const r = parse(v);
        assert.equal(typeof r.confirmed, 'boolean');
        assert.equal(typeof r.silent, 'boolean');
        assert.ok(r.milestone === undefined || (typeof r.milestone === 'string' && r.milestone.length > 0), JSON.stringify(r.milestone));
        assert.ok(r.project === undefined || ['key', 'projectId', 'folder'].includes(r.project.by), JSON.stringify(r.project));
      }),
      { numRuns: 500 },
    );
  });

  it('a flat object: each field is taken exactly when it has the right type (random fields)', () => {
    const value = fc.oneof(fc.string({ maxLength: 4 }), fc.constant(''), fc.constant('x'.repeat(4097)), fc.boolean(), fc.integer(), fc.constant(null), fc.object({ maxDepth: 1 }), fc.constant(new FakeUri('/w/p')));
    const keys = ['projectId', 'projectKey', 'folder', 'milestone', 'confirmed', 'silent'] as const;
    const text = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 4096 ? v : undefined);
    let withProject = 0;
    let withMilestone = 0;
    fc.assert(
      fc.property(fc.record(Object.fromEntries(keys.map((k) => [k, value])) as Record<(typeof keys)[number], fc.Arbitrary<unknown>>, { requiredKeys: [] }), (arg) => {
        const r = parse(arg);
        const projectId = text(arg.projectId);
        const key = text(arg.projectKey);
        const folder = text(arg.folder) ?? (arg.folder instanceof FakeUri ? arg.folder : undefined);
        const project = projectId ? { by: 'projectId', projectId } : key ? { by: 'key', key } : folder ? { by: 'folder', folder } : undefined;
        const milestone = text(arg.milestone);
        assert.deepEqual(r, { confirmed: arg.confirmed === true, silent: arg.silent === true, ...(project ? { project } : {}), ...(milestone ? { milestone } : {}) });
        withProject += project ? 1 : 0;
        withMilestone += milestone ? 1 : 0;
      }),
      { numRuns: 500 },
    );
    // The generator reached both sides of every field.
    assert.ok(withProject > 50 && withProject < 450 && withMilestone > 20 && withMilestone < 480, `${withProject} with a project, ${withMilestone} with a milestone`);
  });
});
