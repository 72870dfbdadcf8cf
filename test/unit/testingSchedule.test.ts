import * as assert from 'node:assert/strict';
import { SaveScheduler, type SchedulerClock } from '../../src/core/testing/schedule';

/** A clock the test advances by hand. */
class FakeClock implements SchedulerClock {
  private now = 0;
  private next = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  async advance(ms: number): Promise<void> {
    this.now += ms;
    for (const [id, t] of [...this.timers]) {
      if (t.at <= this.now) {
        this.timers.delete(id);
        t.fn();
      }
    }
    await settle();
  }
  get pending(): number {
    return this.timers.size;
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

interface Call {
  project: string;
  ids: string[];
  signal: AbortSignal;
  finish: () => void;
}

function recorder() {
  const calls: Call[] = [];
  const run = (project: string, ids: readonly string[], signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      calls.push({ project, ids: [...ids], signal, finish: resolve });
    });
  return { calls, run };
}

describe('verify on save, scheduled (core/testing/schedule)', () => {
  it('debounces a burst of saves into one run with every exercise saved', async () => {
    const clock = new FakeClock();
    const { calls, run } = recorder();
    const s = new SaveScheduler(run, clock, 300);
    s.saved('p', ['a']);
    await clock.advance(200);
    s.saved('p', ['b', 'a']);
    await clock.advance(299);
    assert.equal(calls.length, 0, 'each save restarts the wait');
    assert.equal(s.busy('p'), true);
    await clock.advance(1);
    assert.deepEqual(calls.map((c) => [c.project, c.ids]), [['p', ['a', 'b']]]);
    calls[0]?.finish();
    await settle();
    assert.equal(s.busy('p'), false);
  });

  it('a save during a run cancels it, and the new run starts only after the old one ended', async () => {
    const clock = new FakeClock();
    const { calls, run } = recorder();
    const s = new SaveScheduler(run, clock, 100);
    s.saved('p', ['a']);
    await clock.advance(100);
    assert.equal(calls.length, 1);
    s.saved('p', ['b']);
    await clock.advance(100);
    assert.equal(calls[0]?.signal.aborted, true, 'the older run is cancelled');
    assert.equal(calls.length, 1, 'never two runs of one project at once');
    calls[0]?.finish();
    await settle();
    assert.deepEqual(calls.map((c) => c.ids), [['a'], ['b']]);
    assert.equal(calls[1]?.signal.aborted, false);
  });

  it('of several saves while an old run ends, only the newest start runs, once', async () => {
    const clock = new FakeClock();
    const { calls, run } = recorder();
    const s = new SaveScheduler(run, clock, 10);
    s.saved('p', ['a']);
    await clock.advance(10);
    s.saved('p', ['b']);
    await clock.advance(10);
    s.saved('p', ['c']);
    await clock.advance(10);
    assert.equal(calls.length, 1);
    calls[0]?.finish();
    await settle();
    assert.deepEqual(calls.map((c) => c.ids), [['a'], ['b', 'c']]);
  });

  it('projects are independent', async () => {
    const clock = new FakeClock();
    const { calls, run } = recorder();
    const s = new SaveScheduler(run, clock, 10);
    s.saved('p', ['a']);
    s.saved('q', ['x']);
    await clock.advance(10);
    assert.deepEqual(calls.map((c) => [c.project, c.ids]).sort(), [['p', ['a']], ['q', ['x']]]);
    assert.equal(calls.some((c) => c.signal.aborted), false);
  });

  it('a run that rejects does not block the next one', async () => {
    const clock = new FakeClock();
    let n = 0;
    const s = new SaveScheduler(() => (n++ === 0 ? Promise.reject(new Error('boom')) : Promise.resolve()), clock, 10);
    s.saved('p', ['a']);
    await clock.advance(10);
    assert.equal(s.busy('p'), false);
    s.saved('p', ['a']);
    await clock.advance(10);
    assert.equal(n, 2);
  });

  it('ignores saves that belong to no exercise, and everything after dispose', async () => {
    const clock = new FakeClock();
    const { calls, run } = recorder();
    const s = new SaveScheduler(run, clock, 10);
    s.saved('p', []);
    assert.equal(clock.pending, 0);
    assert.equal(s.busy('p'), false);
    s.saved('p', ['a']);
    await clock.advance(10);
    s.saved('p', ['b']);
    s.dispose();
    assert.equal(calls[0]?.signal.aborted, true, 'dispose cancels the running run');
    assert.equal(clock.pending, 0, 'and forgets the pending save');
    s.saved('p', ['c']);
    await clock.advance(100);
    calls[0]?.finish();
    await settle();
    assert.equal(calls.length, 1);
  });

  it('is busy while the run goes and free once it ended; a project with nothing saved is free', async () => {
    const clock = new FakeClock();
    const { calls, run } = recorder();
    const s = new SaveScheduler(run, clock, 10);
    assert.equal(s.busy('p'), false);
    s.saved('p', ['a']);
    await clock.advance(10);
    assert.equal(clock.pending, 0, 'the debounce has fired');
    assert.equal(s.busy('p'), true, 'running');
    assert.equal(s.busy('q'), false);
    calls[0]?.finish();
    await settle();
    assert.equal(s.busy('p'), false);
  });

  it('dispose while a new run waits for the cancelled one: the new run never starts', async () => {
    const clock = new FakeClock();
    const { calls, run } = recorder();
    const s = new SaveScheduler(run, clock, 10);
    s.saved('p', ['a']);
    await clock.advance(10);
    s.saved('p', ['b']);
    await clock.advance(10); // the start of b waits for a to end
    s.dispose();
    calls[0]?.finish();
    await settle();
    assert.equal(calls.length, 1);
  });

  it('uses a 300 ms debounce by default', async () => {
    const clock = new FakeClock();
    const { calls, run } = recorder();
    const s = new SaveScheduler(run, clock);
    s.saved('p', ['a']);
    await clock.advance(299);
    assert.equal(calls.length, 0);
    await clock.advance(1);
    assert.equal(calls.length, 1);
  });
});
