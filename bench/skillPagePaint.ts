/** The skill page's paint as the in-host bench modules see it, through the test API. */
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import pkg from '../package.json';
import type { TestHandle } from '../src/extension/extension';
import type { TestApi } from '../src/extension/testApi';
import type { PaintMetrics } from '../src/shared/protocol';
import { waitFor } from '../test/shared/helpers';

/** Activates Learning Paths and resolves with its test API (the bench runs in ExtensionMode.Test). */
export async function benchApi(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestHandle | undefined>(`${pkg.publisher}.${pkg.name}`);
  if (!ext) throw new Error('extension not found');
  const handle = await ext.activate();
  if (!handle) throw new Error('activate returned no test API (not in ExtensionMode.Test?)');
  return handle.ready;
}

/**
 * Opens a skill (a new page, or the preview page switched in place) and waits for its `painted`
 * message, which the webview posts only when LEARNING_PATHS_MEASURE_PAINT=1 (bench/hostRunner.ts
 * sets it). `host`: ms from the command to that message.
 */
export async function openSkillPainted(api: TestApi, skill: string): Promise<{ host: number; metrics: PaintMetrics }> {
  let painted: PaintMetrics | undefined;
  const sub = api.skillPageProbe.onMessage((e) => {
    if (e.skill === skill && e.message.type === 'painted') painted = e.message.metrics;
  });
  try {
    const t = performance.now();
    await vscode.commands.executeCommand('learningPaths.openSkill', { skill });
    const metrics = await waitFor(`the ${skill} page to paint (is LEARNING_PATHS_MEASURE_PAINT=1 set?)`, () => painted, { timeoutMs: 30_000, intervalMs: 5 });
    return { host: performance.now() - t, metrics };
  } finally {
    sub.dispose();
  }
}
