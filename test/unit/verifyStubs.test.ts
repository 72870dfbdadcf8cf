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
    // Four times the text takes about four times as long (a quadratic scan: sixteen, and seconds). A
    // ratio rather than a bound in ms, so a loaded machine or instrumented code (the mutation test)
    // slows both sides alike; the fastest of five runs, and a 500 ms floor (a quadratic scan of
    // 160,000 lines takes minutes), keep pauses and instrumentation overhead out of it.
    const fastest = (text: string) => {
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        assert.deepEqual(findStubMarkers(text), []);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    for (const line of ['x = 1\n', '# TODO(milestone: a\n']) {
      const small = fastest(line.repeat(40_000));
      const large = fastest(line.repeat(160_000));
      assert.ok(large < Math.max(10 * small, 500), `${small.toFixed(1)} ms for 40,000 lines, ${large.toFixed(1)} ms for 160,000`);
    }
  });
});
