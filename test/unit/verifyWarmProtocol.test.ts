// The warm protocol's edges (core/verify/warmProtocol): what it quotes of a bad line, a memory
// figure that is not a whole number, and requirement names written with underscores.
import * as assert from 'node:assert/strict';
import { parseServerMessage, preloadModules } from '../../src/core/verify/warmProtocol';

describe('warm protocol edges (core/verify/warmProtocol)', () => {
  it('quotes at most 80 characters of a line that is not JSON, and 40 of an unknown type', () => {
    assert.equal(parseServerMessage(`Traceback ${'x'.repeat(200)}`), `not JSON: Traceback ${'x'.repeat(70)}`);
    assert.equal(parseServerMessage(JSON.stringify({ type: 'y'.repeat(100) })), `unknown message type "${'y'.repeat(39)}`);
  });

  it('reads a memory figure that is not a whole number of KB as 0', () => {
    const exit = (rssKb: unknown) => parseServerMessage(JSON.stringify({ type: 'exit', id: 1, code: 0, rssKb }));
    assert.deepEqual(exit(1.5), { type: 'exit', id: 1, code: 0, signal: undefined, rssKb: 0 });
    assert.deepEqual(exit('2048'), { type: 'exit', id: 1, code: 0, signal: undefined, rssKb: 0 });
    assert.deepEqual(exit(0), { type: 'exit', id: 1, code: 0, signal: undefined, rssKb: 0 });
    assert.deepEqual(exit(7), { type: 'exit', id: 1, code: 0, signal: undefined, rssKb: 7 });
  });

  it('matches requirement names written with underscores or capitals to the heavy packages', () => {
    assert.deepEqual(preloadModules(['Scikit_Learn>=1.2\n']), ['numpy', 'torch', 'sklearn']);
    assert.deepEqual(preloadModules(['TorchVision\nPANDAS\n']), ['numpy', 'torch', 'torchvision', 'pandas']);
  });
});
