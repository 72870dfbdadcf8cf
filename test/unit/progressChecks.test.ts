import * as assert from 'node:assert/strict';
import { describeCheck, evaluateCheck, evaluateMilestones, lookupDotted, type CheckFs } from '../../src/core/progress/checks';
import type { MilestoneDef } from '../../src/core/scaffold/types';

function fsOf(files: Record<string, string>): CheckFs & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: (p) => {
      reads.push(p);
      return files[p];
    },
  };
}

describe('milestone checks', () => {
  const files = {
    'outputs/metrics.json': JSON.stringify({ epochs_completed: 2, test: { accuracy: 0.62 }, history: [{ loss: 1.5 }], ok: true, text: 'x' }),
    'cifar/train.py': 'import torch\nscheduler = torch.optim.lr_scheduler.CosineAnnealingLR(opt, 10)\n',
    'ANALYSIS.md': '# Analysis\n\nWeakest class: Cat\n',
    'broken.json': '{ "a": ',
  };
  const fs = fsOf(files);

  it('fileExists', async () => {
    assert.equal((await evaluateCheck({ kind: 'fileExists', path: 'ANALYSIS.md' }, 'cifar', fs)).pass, true);
    const r = await evaluateCheck({ kind: 'fileExists', path: 'outputs/model.pt' }, 'cifar', fs);
    assert.deepEqual(r, { pass: false, reason: 'outputs/model.pt does not exist yet' });
    assert.equal((await evaluateCheck({ kind: 'fileExists', path: 'x' }, 'cifar', { read: () => undefined, exists: () => true })).pass, true);
  });

  it('fileMatches with placeholders and flags (g and y are ignored)', async () => {
    assert.equal((await evaluateCheck({ kind: 'fileMatches', path: '{{package}}/train.py', pattern: 'lr_scheduler\\.' }, 'cifar', fs)).pass, true);
    assert.equal((await evaluateCheck({ kind: 'fileMatches', path: 'ANALYSIS.md', pattern: 'weakest class:\\s*cat', flags: 'i' }, 'cifar', fs)).pass, true);
    assert.equal((await evaluateCheck({ kind: 'fileMatches', path: 'ANALYSIS.md', pattern: 'weakest class:\\s*cat' }, 'cifar', fs)).pass, false);
    const g = { kind: 'fileMatches' as const, path: 'ANALYSIS.md', pattern: 'Cat', flags: 'g' };
    assert.equal((await evaluateCheck(g, 'cifar', fs)).pass, true);
    assert.equal((await evaluateCheck(g, 'cifar', fs)).pass, true, 'not stateful');
    assert.equal((await evaluateCheck({ kind: 'fileMatches', path: 'missing.py', pattern: 'x' }, 'cifar', fs)).pass, false);
  });

  it('metric thresholds on a dotted key', async () => {
    const metric = (key: string, op: '>=' | '>' | '<=' | '<' | '==', value: number) => evaluateCheck({ kind: 'metric', path: 'outputs/metrics.json', key, op, value }, 'cifar', fs);
    assert.equal((await metric('epochs_completed', '>=', 1)).pass, true);
    assert.equal((await metric('test.accuracy', '>=', 0.5)).pass, true);
    const fail = await metric('test.accuracy', '>=', 0.75);
    assert.deepEqual(fail, { pass: false, reason: 'test.accuracy = 0.62 (needs >= 0.75)' });
    assert.equal((await metric('history.0.loss', '<', 2)).pass, true);
    assert.equal((await metric('epochs_completed', '==', 2)).pass, true);
    assert.equal((await metric('epochs_completed', '>', 2)).pass, false);
    assert.equal((await metric('epochs_completed', '<=', 2)).pass, true);
    assert.equal((await metric('ok', '==', 1)).pass, true, 'booleans count as 0/1');
    assert.match((await metric('text', '>=', 0)).reason, /not a number/);
    assert.match((await metric('nope.deeper', '>=', 0)).reason, /has no "nope.deeper"/);
    assert.match((await evaluateCheck({ kind: 'metric', path: 'broken.json', key: 'a', op: '>=', value: 0 }, 'cifar', fs)).reason, /not valid JSON/);
    assert.match((await evaluateCheck({ kind: 'metric', path: 'none.json', key: 'a', op: '>=', value: 0 }, 'cifar', fs)).reason, /does not exist/);
  });

  it('never reads outside the project and never throws', async () => {
    const spy = fsOf(files);
    for (const path of ['../secret', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\b']) {
      const r = await evaluateCheck({ kind: 'fileExists', path }, 'cifar', spy);
      assert.equal(r.pass, false, path);
    }
    assert.deepEqual(spy.reads, []);
    const throwing: CheckFs = {
      read: () => {
        throw new Error('EACCES');
      },
    };
    assert.equal((await evaluateCheck({ kind: 'fileMatches', path: 'a', pattern: 'x' }, 'p', throwing)).pass, false);
    assert.equal((await evaluateCheck({ kind: 'fileMatches', path: 'ANALYSIS.md', pattern: '(' }, 'p', fs)).pass, false, 'an invalid pattern fails');
  });

  it('evaluates every milestone with a check, reading each file once', async () => {
    const spy = fsOf(files);
    const ms: MilestoneDef[] = [
      { id: 'a', title: 'A', done: '', file: 'x', serves: [], check: { kind: 'metric', path: 'outputs/metrics.json', key: 'epochs_completed', op: '>=', value: 1 } },
      { id: 'b', title: 'B', done: '', file: 'x', serves: [], check: { kind: 'metric', path: 'outputs/metrics.json', key: 'test.accuracy', op: '>=', value: 0.75 } },
      { id: 'c', title: 'C', done: '', file: 'x', serves: [] },
    ];
    const r = await evaluateMilestones(ms, 'cifar', spy);
    assert.deepEqual([...r].map(([id, x]) => [id, x.pass]), [['a', true], ['b', false]]);
    assert.deepEqual(spy.reads, ['outputs/metrics.json']);
  });

  it('describes checks and looks up dotted keys', () => {
    assert.equal(describeCheck({ kind: 'fileMatches', path: '{{package}}/x.py', pattern: 'a+', flags: 'i' }, 'pkg'), 'pkg/x.py matches /a+/i');
    assert.equal(describeCheck({ kind: 'metric', path: 'o.json', key: 'a.b', op: '>=', value: 1 }, 'pkg'), 'a.b >= 1 in o.json');
    assert.equal(lookupDotted({ a: [{ b: 3 }] }, 'a.0.b'), 3);
    assert.equal(lookupDotted({ a: 1 }, 'a.b'), undefined);
    assert.equal(lookupDotted({}, 'constructor'), undefined);
  });
});
