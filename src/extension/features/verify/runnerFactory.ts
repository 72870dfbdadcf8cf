/**
 * The one place that decides how Verify's tests run: every entry point (Milestones view, palette,
 * Testing view, on save) gets its TestRunner from here. Today a cold `python -m pytest` per run;
 * a warm runner (a forked child of a per-project Python that has the heavy imports done, falling
 * back to cold) plugs in here.
 */
import type { TestRunner } from '../../../core/verify/runner';
import { ColdTestRunner } from './coldRunner';

export function createTestRunner(): TestRunner {
  return new ColdTestRunner();
}
