// The warm runner's pure edges (core/verify/warmRunner): where the server script is looked for,
// and a cold run whose deadline has already passed.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultServerScript, runCold } from '../../src/core/verify/warmRunner';

describe('warm runner: server script and spent deadlines (core/verify/warmRunner)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-warmrunner-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds media/python/warm_pytest.py in the folder or up to four folders above it', () => {
    mkdirSync(join(dir, 'media', 'python'), { recursive: true });
    writeFileSync(join(dir, 'media', 'python', 'warm_pytest.py'), '');
    assert.equal(defaultServerScript(dir), join(dir, 'media', 'python', 'warm_pytest.py'));
    assert.equal(defaultServerScript(join(dir, 'a', 'b', 'c', 'd')), join(dir, 'media', 'python', 'warm_pytest.py'));
  });

  it('without one within five folders, names the one beside the starting folder', () => {
    mkdirSync(join(dir, 'media', 'python'), { recursive: true });
    writeFileSync(join(dir, 'media', 'python', 'warm_pytest.py'), '');
    const deep = join(dir, 'a', 'b', 'c', 'd', 'e');
    assert.equal(defaultServerScript(deep), join(dir, 'a', 'b', 'c', 'd', 'media', 'python', 'warm_pytest.py'));
  });

  it('a cold run whose deadline has passed runs nothing and is timedOut', async () => {
    let out = '';
    const t0 = Date.now() - 5000;
    const r = await runCold({ cwd: dir, python: join(dir, 'no-python'), plans: [{ milestoneId: 'a', testPath: 't.py', reportPath: 'r.xml', args: ['-m', 'pytest'] }], timeoutMs: 5000, onOutput: (c) => (out += c) }, t0);
    assert.equal(r.kind, 'timedOut', 'not failedToStart: the missing interpreter is never started');
    assert.equal(r.warm, false);
    assert.ok(r.durationMs >= 5000 && r.durationMs < 60_000, `${r.durationMs} ms`);
    assert.deepEqual(Object.keys(r).sort(), ['durationMs', 'kind', 'warm']);
    assert.equal(out, '');
  });

  it('a cold run of no plans finishes with no exit code', async () => {
    const r = await runCold({ cwd: dir, python: join(dir, 'no-python'), plans: [], timeoutMs: 5000 });
    assert.deepEqual({ ...r, durationMs: 0 }, { kind: 'finished', warm: false, durationMs: 0 });
  });
});
