// The pack worker's host side (src/core/catalog/packWorkerClient.ts) driven by small fake worker
// scripts written to a temporary folder, and loadPacks (packLoad.ts), which the real worker runs,
// called directly.
import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPacks } from '../../src/core/catalog/packLoad';
import { loadPacksInWorker, type PackLoadRequest } from '../../src/core/catalog/packWorkerClient';
import type { Catalog } from '../../src/core/catalog/types';
import { formatDiagnostic } from '../../src/core/diagnostics';
import { smallCatalog } from './catalogFixtures';

/** A fake worker: `onLoad` and `onNext` are function bodies run with `port`, `request` and `state` in scope. */
const fakeWorker = (onLoad: string, onNext = '') => `
const { parentPort: port } = require('node:worker_threads');
const state = { received: [] };
port.on('message', (m) => {
  state.received.push(m.kind);
  if (m.kind === 'load') { const request = m.request; ${onLoad} }
  else { ${onNext} }
});
`;

const doneMessage = (files: string) => `{ kind: 'done', result: { catalog: { levels: [], roles: [{ id: 'r', title: 'R', summary: 's' }], careerRelevance: [] }, fingerprints: [['a', 'h-a'], ['b', 'h-b']], starters: [], startersHash: 'hash', diagnostics: [], files: ${files}, missing: ['m'] } }`;

describe('pack worker client (core/catalog/packWorkerClient)', () => {
  let dir: string;
  let request: PackLoadRequest;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-fake-worker-'));
    request = { base: { levels: [], roles: [], skills: [], careerRelevance: [] }, roots: [{ path: '/packs/a', optional: true }], overrides: [['/packs/a/x.yaml', 'text']] };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const worker = (name: string, source: string) => {
    const file = join(dir, `${name}.js`);
    writeFileSync(file, source);
    return file;
  };
  const skill = (id: string) => `{ id: '${id}', title: '${id}', summary: 's', roles: [], expectations: [] }`;

  it('sends the request, asks for each further slice of skills, and joins them with the rest of the result', async () => {
    const file = worker(
      'slices',
      fakeWorker(
        `state.request = request; port.postMessage({ kind: 'skills', skills: [${skill('a')}] });`,
        `if (state.received.length === 2) port.postMessage({ kind: 'skills', skills: [${skill('b')}, ${skill('c')}] });
         else port.postMessage(${doneMessage('[JSON.stringify(state.request.roots), JSON.stringify(state.request.overrides), state.received.join()]')});`,
      ),
    );
    const signal = new AbortController().signal;
    const result = await loadPacksInWorker(file, request, { timeoutMs: 5000, signal });
    assert.deepEqual(result, {
      catalog: { levels: [], roles: [{ id: 'r', title: 'R', summary: 's' }], careerRelevance: [], skills: ['a', 'b', 'c'].map((id) => ({ id, title: id, summary: 's', roles: [], expectations: [] })) },
      fingerprints: new Map([
        ['a', 'h-a'],
        ['b', 'h-b'],
      ]),
      starters: [],
      startersHash: 'hash',
      diagnostics: [],
      files: ['[{"path":"/packs/a","optional":true}]', '[["/packs/a/x.yaml","text"]]', 'load,next,next'],
      missing: ['m'],
    });
    assert.equal(getEventListeners(signal, 'abort').length, 0, 'the abort listener is removed when done');
  });

  it('a worker that reports a failure rejects with its message', async () => {
    const file = worker('fails', fakeWorker(`port.postMessage({ kind: 'failed', error: 'the pack folder vanished' });`));
    await assert.rejects(loadPacksInWorker(file, request, { timeoutMs: 5000 }), { message: 'the pack folder vanished' });
  });

  it('a worker that throws rejects with its error', async () => {
    const file = worker('throws', `throw new RangeError('broken worker');`);
    await assert.rejects(loadPacksInWorker(file, request, { timeoutMs: 5000 }), { name: 'RangeError', message: 'broken worker' });
  });

  it('a worker that exits without an answer rejects with its exit code', async () => {
    const file = worker('exits', fakeWorker('process.exit(3);'));
    await assert.rejects(loadPacksInWorker(file, request, { timeoutMs: 5000 }), { message: 'the content pack loader stopped (exit code 3)' });
  });

  it('a worker that does not answer in time is stopped, and the time limit is named in whole seconds', async () => {
    const file = worker('silent', fakeWorker(''));
    await assert.rejects(loadPacksInWorker(file, request, { timeoutMs: 60 }), { message: 'content packs took longer than 0 s to load; stopped' });
  });

  it('cancelling stops the load and removes the listener', async () => {
    const file = worker('silent', fakeWorker(`port.postMessage({ kind: 'skills', skills: [] });`));
    const controller = new AbortController();
    const pending = loadPacksInWorker(file, request, { timeoutMs: 5000, signal: controller.signal });
    assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
    controller.abort();
    await assert.rejects(pending, { message: 'content pack loading was cancelled' });
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  it('the heap limit applies to the worker', async () => {
    const file = worker('hungry', fakeWorker(`const keep = []; for (let i = 0; i < 100; i++) keep.push(new Array(100000).fill(i)); port.postMessage(${doneMessage('[String(keep.length)]')});`));
    await assert.rejects(loadPacksInWorker(file, request, { timeoutMs: 10000, maxHeapMb: 16 }), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    const roomy = await loadPacksInWorker(file, request, { timeoutMs: 10000, maxHeapMb: 1024 });
    assert.deepEqual(roomy.files, ['100']);
  });
});

describe('loading packs (core/catalog/packLoad)', () => {
  let dir: string;
  let base: Catalog;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-packload-'));
    base = smallCatalog();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };

  it('merges every root over the base, with unsaved text; missing roots are listed unless optional; problems in order', () => {
    write('one/a.yaml', 'roles:\n  - { id: disk-role, title: Disk, summary: s }\n');
    write('one/b.yaml', 'roles:\n  - { id: stale, title: Stale, summary: s }\n');
    write('one/starters/broken/template.yaml', 'id: broken\n');
    write('two/c.yaml', 'skills:\n  - { id: c-skill, title: C, summary: s, roles: [nobody], expectations: [] }\n');
    write('two/bad.json', '{');
    writeFileSync(join(dir, 'one', 'not-utf8.yaml'), Buffer.from([0xff]));
    const result = loadPacks({
      base,
      roots: [
        { path: join(dir, 'one'), optional: false },
        { path: join(dir, 'gone'), optional: false },
        { path: join(dir, 'maybe'), optional: true },
        { path: join(dir, 'two'), optional: true },
      ],
      overrides: [[join(dir, 'one', 'b.yaml'), 'roles:\n  - { id: edited, title: Edited, summary: s }\n']],
    });
    assert.deepEqual(result.catalog.roles.map((r) => r.id), ['ml', 'ds', 'empty', 'disk-role', 'edited']);
    assert.deepEqual(result.catalog.skills.map((s) => s.id), ['zeta', 'alphabet', 'alpha-beta', 'beta', 'gamma', 'dup-1', 'dup-2', 'c-skill']);
    assert.deepEqual(result.files, [join(dir, 'one', 'a.yaml'), join(dir, 'one', 'b.yaml'), join(dir, 'one', 'not-utf8.yaml'), join(dir, 'two', 'bad.json'), join(dir, 'two', 'c.yaml')]);
    assert.deepEqual(result.missing, [join(dir, 'gone')]);
    assert.deepEqual([result.starters, result.startersHash, result.fingerprints], [[], '', new Map()]);
    const messages = result.diagnostics.map(formatDiagnostic);
    assert.deepEqual(messages.slice(0, 3), [
      `${join(dir, 'one', 'not-utf8.yaml')}:1:1: not UTF-8 text: invalid byte 0xff at byte offset 0; save the file as UTF-8`,
      `${join(dir, 'one', 'starters', 'broken', 'files')}:1:1: a starter needs a files/ folder (the project it scaffolds)`,
      `${join(dir, 'one', 'starters', 'broken', 'template.yaml')}:1:1: missing required field "version"`,
    ]);
    assert.equal(messages.length, 17);
    assert.deepEqual(messages.slice(-4), [
      `${join(dir, 'two', 'bad.json')}:1:2: invalid JSON: unexpected end of file, expected "," or "}"`,
      '(bundled catalog):1:1: skills[0].expectations[1].role: unknown role id "ghost"',
      '(bundled catalog):1:1: skills[0].expectations[2].level: unknown level id "nowhere"',
      `${join(dir, 'two', 'c.yaml')}:2:50: skills[0].roles[0]: unknown role id "nobody"`,
    ]);
  });

  it('a root that links out of its workspace is skipped with a warning', () => {
    write('elsewhere/a.yaml', 'roles:\n  - { id: foreign, title: F, summary: s }\n');
    mkdirSync(join(dir, 'ws'));
    const result = loadPacks({ base, roots: [{ path: join(dir, 'elsewhere'), optional: true, within: join(dir, 'ws') }], overrides: [] });
    assert.deepEqual(result.catalog.roles.map((r) => r.id), ['ml', 'ds', 'empty']);
    assert.deepEqual(result.files, []);
    assert.deepEqual(result.diagnostics.map(formatDiagnostic).slice(0, 1), [`${join(dir, 'elsewhere')}:1:1: warning: symbolic link to ${join(dir, 'elsewhere')}, outside ${join(dir, 'ws')}; skipped`]);
  });
});
