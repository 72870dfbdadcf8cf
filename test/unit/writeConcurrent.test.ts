import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeScaffoldFs } from '../../src/core/scaffold/nodeFs';
import { planScaffold, ScaffoldError, writePlan, type ScaffoldFs } from '../../src/core/scaffold/plan';
import { writePlanConcurrently } from '../../src/core/scaffold/writeConcurrent';
import { bundledTemplate, bundledTemplateIds, bundledTemplates, listFiles } from './helpers';

describe('scaffold: concurrent writer', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'lp-write-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  for (const id of bundledTemplateIds()) {
    it(`${id}: writes exactly what the sequential writer writes`, async () => {
      const template = bundledTemplate(id);
      const plan = planScaffold(template, { packageName: 'demo_pkg', projectId: 'id-1', now: new Date(0) });
      let last = 0;
      await writePlanConcurrently(plan, join(tmp, 'a'), nodeScaffoldFs, (done, total) => {
        assert.equal(total, plan.files.length);
        assert.equal(done, last + 1);
        last = done;
      });
      assert.equal(last, plan.files.length);
      await writePlan(plan, join(tmp, 'b'), nodeScaffoldFs);
      const a = listFiles(join(tmp, 'a'));
      assert.deepEqual(a, listFiles(join(tmp, 'b')));
      for (const f of a) assert.equal(readFileSync(join(tmp, 'a', f), 'utf8'), readFileSync(join(tmp, 'b', f), 'utf8'), f);
    });
  }

  it('refuses a non-empty target and a file, writing nothing', async () => {
    const template = bundledTemplates().templates[0];
    assert.ok(template);
    const plan = planScaffold(template, { packageName: 'demo_pkg', projectId: 'id-1' });
    mkdirSync(join(tmp, 'full'));
    writeFileSync(join(tmp, 'full', 'keep.txt'), 'mine');
    await assert.rejects(writePlanConcurrently(plan, join(tmp, 'full'), nodeScaffoldFs), ScaffoldError);
    assert.deepEqual(readdirSync(join(tmp, 'full')), ['keep.txt']);
    writeFileSync(join(tmp, 'file'), 'x');
    await assert.rejects(writePlanConcurrently(plan, join(tmp, 'file'), nodeScaffoldFs), ScaffoldError);
  });

  it('reports the first failure only after every write has settled', async () => {
    const template = bundledTemplates().templates[0];
    assert.ok(template);
    const plan = planScaffold(template, { packageName: 'demo_pkg', projectId: 'id-1' });
    let inFlight = 0;
    const fs: ScaffoldFs = {
      ...nodeScaffoldFs,
      async writeNew(path, content, executable) {
        inFlight++;
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        if (path.endsWith('README.md')) throw new Error('EEXIST');
        await nodeScaffoldFs.writeNew(path, content, executable);
      },
    };
    await assert.rejects(writePlanConcurrently(plan, join(tmp, 'p'), fs), /EEXIST/);
    assert.equal(inFlight, 0, 'nothing is still being written when the error is reported');
  });
});
