import * as assert from 'node:assert/strict';
import { findStubMarkers, stubLine } from '../../src/core/verify/stubs';

describe('stub markers (core/verify/stubs)', () => {
  it('finds each TODO(milestone: id) with its 0-based line, in order', () => {
    const text = 'import torch\n\ndef f(x):\n    # TODO(milestone: write-conv-block)\n    raise NotImplementedError\n# TODO(milestone:second-one) trailing\n';
    assert.deepEqual(findStubMarkers(text), [
      { milestoneId: 'write-conv-block', line: 3 },
      { milestoneId: 'second-one', line: 5 },
    ]);
    assert.equal(stubLine(text, 'second-one'), 5);
    assert.equal(stubLine(text, 'absent'), undefined);
  });

  it('passes over markers with no valid id or no closing parenthesis on the line', () => {
    const text = '# TODO(milestone: Bad_Id)\n# TODO(milestone: open\n)\n# TODO(milestone: ok-1)';
    assert.deepEqual(findStubMarkers(text), [{ milestoneId: 'ok-1', line: 3 }]);
  });

  it('stays linear on many lines without a marker and on many unclosed markers', () => {
    const plain = 'x = 1\n'.repeat(200_000);
    const unclosed = '# TODO(milestone: a\n'.repeat(50_000);
    for (const text of [plain, unclosed]) {
      const t0 = performance.now();
      assert.deepEqual(findStubMarkers(text), []);
      assert.ok(performance.now() - t0 < 500, `${performance.now() - t0} ms`);
    }
  });
});
