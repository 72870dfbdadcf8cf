/** The skill page's paint as the in-host bench modules see it, through the test API. */
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import pkg from '../package.json';
import type { TestHandle } from '../src/extension/extension';
import type { TestApi } from '../src/extension/testApi';
import type { PaintMetrics } from '../src/shared/protocol';

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
  let t = 0;
  let sub: vscode.Disposable | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Resolved from the message event itself, as the floor's is (bench/floor.ts): no polling delay.
  const painted = new Promise<{ host: number; metrics: PaintMetrics }>((resolve, reject) => {
    sub = api.skillPageProbe.onMessage((e) => {
      if (e.skill === skill && e.message.type === 'painted') resolve({ host: performance.now() - t, metrics: e.message.metrics });
    });
    timer = setTimeout(() => reject(new Error(`the ${skill} page never painted (is LEARNING_PATHS_MEASURE_PAINT=1 set?)`)), 30_000);
  });
  try {
    t = performance.now();
    await vscode.commands.executeCommand('learningPaths.openSkill', { skill });
    return await painted;
  } finally {
    sub?.dispose();
    clearTimeout(timer);
  }
}
