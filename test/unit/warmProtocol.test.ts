// The pure parts of warm runs: line framing, message parsing, which files restart the warm
// process, and which modules it imports up front.
import * as assert from 'node:assert/strict';
import { BASE_PRELOAD, LineDecoder, encodeRunRequest, parseServerMessage, preloadModules, pytestArgs, restartReason, restartTrigger } from '../../src/core/verify/warmProtocol';

describe('warm protocol: framing', () => {
  it('joins lines split across chunks and keeps the unfinished rest', () => {
    const d = new LineDecoder();
    assert.deepEqual(d.push('{"a":'), { lines: [] });
    assert.deepEqual(d.push('1}\n{"b":2}\n{"c"'), { lines: ['{"a":1}', '{"b":2}'] });
    assert.deepEqual(d.push(':3}\n'), { lines: ['{"c":3}'] });
    assert.deepEqual(d.push('\n'), { lines: [''] });
  });

  it('refuses a line over the cap, whether it ends in the chunk or not, and starts over', () => {
    const d = new LineDecoder(10);
    assert.match(d.push('x'.repeat(11)).error ?? '', /longer than 10 characters/);
    assert.deepEqual(d.push('short\n'), { lines: ['short'] });
    const e = new LineDecoder(10);
    assert.match(e.push(`${'y'.repeat(11)}\nok\n`).error ?? '', /longer than 10/);
    const f = new LineDecoder(10);
    assert.deepEqual(f.push(`${'z'.repeat(10)}\n${'w'.repeat(10)}`), { lines: ['z'.repeat(10)] });
  });

  it('is linear: a megabyte of output in 1-byte chunks decodes quickly', () => {
    const d = new LineDecoder();
    const line = `${'a'.repeat(99)}\n`;
    const text = line.repeat(10_000);
    const t0 = Date.now();
    let n = 0;
    for (let i = 0; i < text.length; i += 1000) n += d.push(text.slice(i, i + 1000)).lines.length;
    assert.equal(n, 10_000);
    assert.ok(Date.now() - t0 < 2000);
  });
});

describe('warm protocol: messages', () => {
  it('parses each message type with its fields', () => {
    assert.deepEqual(parseServerMessage('{"type":"ready","pid":42,"preloaded":["pytest",3,"torch"],"pytest":true}'), { type: 'ready', pid: 42, preloaded: ['pytest', 'torch'], pytest: true });
    assert.deepEqual(parseServerMessage('{"type":"started","id":1,"pid":99}'), { type: 'started', id: 1, pid: 99 });
    assert.deepEqual(parseServerMessage('{"type":"output","id":1,"data":"F\\n"}'), { type: 'output', id: 1, data: 'F\n' });
    assert.deepEqual(parseServerMessage('{"type":"exit","id":1,"code":1,"signal":null,"rssKb":2048}'), { type: 'exit', id: 1, code: 1, signal: undefined, rssKb: 2048 });
    assert.deepEqual(parseServerMessage('{"type":"exit","id":2,"code":null,"signal":9}'), { type: 'exit', id: 2, code: undefined, signal: 9, rssKb: 0 });
    assert.deepEqual(parseServerMessage('{"type":"exit","id":2,"code":0,"rssKb":-5}'), { type: 'exit', id: 2, code: 0, signal: undefined, rssKb: 0 });
    assert.deepEqual(parseServerMessage('{"type":"error","message":"bad run request"}'), { type: 'error', message: 'bad run request' });
    assert.deepEqual(parseServerMessage('{"type":"error"}'), { type: 'error', message: 'unknown error' });
    assert.equal((parseServerMessage(`{"type":"error","message":"${'m'.repeat(400)}"}`) as { message: string }).message.length, 300);
  });

  it('says what is wrong with a bad line', () => {
    assert.match(parseServerMessage('Traceback (most recent call last):') as string, /^not JSON: Traceback/);
    assert.equal(parseServerMessage('[1]'), 'not an object');
    assert.equal(parseServerMessage('null'), 'not an object');
    assert.equal(parseServerMessage('"ready"'), 'not an object');
    assert.equal(parseServerMessage('{"type":"ready","pid":1,"preloaded":[],"pytest":true}'), 'bad ready message');
    assert.equal(parseServerMessage('{"type":"ready","pid":5,"preloaded":{},"pytest":true}'), 'bad ready message');
    assert.equal(parseServerMessage('{"type":"ready","pid":5,"preloaded":[],"pytest":"yes"}'), 'bad ready message');
    assert.equal(parseServerMessage('{"type":"started","id":1.5,"pid":99}'), 'bad started message');
    assert.equal(parseServerMessage('{"type":"started","id":1,"pid":0}'), 'bad started message');
    assert.equal(parseServerMessage('{"type":"started","id":1,"pid":-1}'), 'bad started message');
    assert.equal(parseServerMessage('{"type":"output","id":"1","data":"x"}'), 'bad output message');
    assert.equal(parseServerMessage('{"type":"output","id":1,"data":5}'), 'bad output message');
    assert.equal(parseServerMessage('{"type":"exit","id":1,"code":null,"signal":null}'), 'bad exit message');
    assert.equal(parseServerMessage('{"type":"exit","id":1}'), 'bad exit message');
    assert.equal(parseServerMessage('{"type":"exit","id":1,"code":"0"}'), 'bad exit message');
    assert.equal(parseServerMessage('{"type":"exit","id":1,"code":0,"signal":"KILL"}'), 'bad exit message');
    assert.equal(parseServerMessage('{"type":"exit","code":0}'), 'bad exit message');
    assert.equal(parseServerMessage('{"type":"hello"}'), 'unknown message type "hello"');
    assert.equal(parseServerMessage('{}'), 'unknown message type ');
  });

  it('encodes a run request as one line', () => {
    const line = encodeRunRequest(7, ['a b', 'é'], { LP: '1' });
    assert.ok(line.endsWith('\n'));
    assert.equal(line.indexOf('\n'), line.length - 1);
    assert.deepEqual(JSON.parse(line), { type: 'run', id: 7, args: ['a b', 'é'], env: { LP: '1' } });
    assert.deepEqual(JSON.parse(encodeRunRequest(1, [])), { type: 'run', id: 1, args: [], env: {} });
  });

  it('takes pytest arguments only from a `-m pytest` plan', () => {
    assert.deepEqual(pytestArgs(['-m', 'pytest', 'milestones/test_x.py', '-q']), ['milestones/test_x.py', '-q']);
    assert.equal(pytestArgs(['-m', 'unittest', 'x']), undefined);
    assert.equal(pytestArgs(['-c', 'pytest']), undefined);
    assert.equal(pytestArgs(['pytest', '-m', 'x']), undefined);
  });
});

describe('warm protocol: what restarts the warm process', () => {
  it('conftest.py anywhere, requirements*.txt anywhere, pyproject.toml at the top', () => {
    assert.equal(restartTrigger('conftest.py'), 'conftest');
    assert.equal(restartTrigger('milestones/conftest.py'), 'conftest');
    assert.equal(restartTrigger('milestones\\conftest.py'), 'conftest');
    assert.equal(restartTrigger('requirements.txt'), 'requirements');
    assert.equal(restartTrigger('requirements-dev.txt'), 'requirements');
    assert.equal(restartTrigger('docs/requirements_docs.txt'), 'requirements');
    assert.equal(restartTrigger('pyproject.toml'), 'pyproject');
    assert.equal(restartTrigger('sub/pyproject.toml'), undefined);
    assert.equal(restartTrigger('my_conftest.py'), undefined);
    assert.equal(restartTrigger('conftest.pyc'), undefined);
    assert.equal(restartTrigger('requirements.txt.bak'), undefined);
    assert.equal(restartTrigger('requirements.md'), undefined);
    assert.equal(restartTrigger('myrequirements.txt'), undefined);
    assert.equal(restartTrigger('data.py'), undefined);
  });

  it('names the first file added, changed or removed', () => {
    const a = new Map([['conftest.py', '10:1'], ['requirements.txt', '5:1']]);
    assert.equal(restartReason(a, new Map(a)), undefined);
    assert.equal(restartReason(a, new Map([['conftest.py', '11:2'], ['requirements.txt', '5:1']])), 'conftest.py changed');
    assert.equal(restartReason(a, new Map([...a, ['milestones/conftest.py', '1:1']])), 'milestones/conftest.py was added');
    assert.equal(restartReason(a, new Map([['conftest.py', '10:1']])), 'requirements.txt was removed');
    assert.equal(restartReason(new Map(), new Map()), undefined);
  });
});

describe('warm protocol: what it imports up front', () => {
  it('numpy and torch always, and the heavy packages the requirements name', () => {
    assert.deepEqual(preloadModules([]), [...BASE_PRELOAD]);
    assert.deepEqual(BASE_PRELOAD, ['numpy', 'torch']);
    assert.deepEqual(preloadModules(['torch==1.13\ntorchvision>=0.14\n# scipy\nscikit-learn[alldeps]==1.2\nrequests\n', '  pandas ; python_version>"3"\nScikit_Learn\n']), ['numpy', 'torch', 'torchvision', 'sklearn', 'pandas']);
    assert.deepEqual(preloadModules(['scipy\ntorchaudio\ntransformers\n']), ['numpy', 'torch', 'scipy', 'torchaudio', 'transformers']);
  });

  it('never imports a name that is not in its list (requirements are untrusted)', () => {
    assert.deepEqual(preloadModules(['os\nsubprocess\n__proto__\nconstructor\nmy-package\n']), ['numpy', 'torch']);
  });
});
