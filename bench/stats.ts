/** Small timing helpers for the bench: medians over repeated runs, side by side. */
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The collector, when node runs with --expose-gc (npm run bench does). */
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Median milliseconds of `fn` over `runs` runs (after `warmup` unmeasured runs). The previous
 * run's garbage is collected before each run, untimed, so one run does not pay for another.
 */
export function timeMedian(fn: () => unknown, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Two functions timed alternately (a, b, a, b, …) so drift hits both alike; medians of each. */
export function timePair(a: () => unknown, b: () => unknown, runs: number, warmup = 2): { a: number; b: number } {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    a();
    ta.push(performance.now() - t);
    t = performance.now();
    b();
    tb.push(performance.now() - t);
  }
  return { a: median(ta), b: median(tb) };
}

/** Median and range of a few samples, e.g. "median 41, 35–58" (two decimals when all are under 10). */
export function spread(values: readonly number[], digits = Math.max(...values) < 10 ? 2 : 0): string {
  return `median ${median(values).toFixed(digits)}, ${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}
