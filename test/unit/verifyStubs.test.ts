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

  it('counts lines from the text\'s start: a marker at offset 0, after a leading newline, on the last line', () => {
    assert.deepEqual(findStubMarkers('# TODO(milestone: first)\nx'), [{ milestoneId: 'first', line: 0 }]);
    assert.deepEqual(findStubMarkers('TODO(milestone: bare)\nnext line (with a parenthesis)\n'), [{ milestoneId: 'bare', line: 0 }], 'found once, not again on the next lines');
    assert.deepEqual(findStubMarkers('\n# TODO(milestone: second-line)'), [{ milestoneId: 'second-line', line: 1 }]);
    assert.deepEqual(findStubMarkers('\n\n\n'), []);
  });

  it('takes ids of up to 80 characters (the schema\'s limit), not longer', () => {
    const id80 = `a${'-b'.repeat(39)}c`.slice(0, 80);
    assert.equal(id80.length, 80);
    const id81 = `${id80}x`;
    assert.deepEqual(findStubMarkers(`# TODO(milestone: ${id80})\n# TODO(milestone: ${id81})`), [{ milestoneId: id80, line: 0 }]);
  });

  it('stays linear when the only marker is on the last of many lines', () => {
    const fastest = (n: number) => {
      const text = `${'x = 1\n'.repeat(n)}# TODO(milestone: last)`;
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        assert.deepEqual(findStubMarkers(text), [{ milestoneId: 'last', line: n }]);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    const small = fastest(40_000);
    const large = fastest(160_000);
    assert.ok(large < Math.max(10 * small, 500), `${small.toFixed(1)} ms for 40,000 lines, ${large.toFixed(1)} ms for 160,000`);
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
