/**
 * One first open per workbench session (a session's first webview skips the cost every later one
 * pays), run inside the real extension host by bench/hostRunner.ts: the skill page's, or the
 * floor's (an empty webview), both with Learning Paths active and idle. Prints one `LP_BENCH {json}` line with id `firstOpen`.
 */
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import pkg from '../package.json';
import type { LearningPathsHandle } from '../src/extension/extension';
import { openFloor } from './floor';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function firstOpen(kind: 'page' | 'floor'): Promise<void> {
  await sleep(2000); // let the workbench settle, as the main bench does
  // Both kinds run with Learning Paths active and idle (its catalog loaded), so the extension host
  // is in the same state for the page and for the floor.
  const ext = vscode.extensions.getExtension<LearningPathsHandle>(`${pkg.publisher}.${pkg.name}`);
  if (!ext) throw new Error('extension not found');
  const api = await (await ext.activate()).ready;
  await sleep(3000);
  let ms: number;
  let note: string | undefined;
  if (kind === 'floor') {
    ms = await openFloor();
  } else {
    const previous = api.skillPages.lastPaint;
    const t = performance.now();
    await vscode.commands.executeCommand('learningPaths.openSkill', { skill: 'pytorch' });
    const end = Date.now() + 30_000;
    while (api.skillPages.lastPaint === previous) {
      if (Date.now() > end) throw new Error('the skill page never painted');
      await sleep(5);
    }
    ms = performance.now() - t;
    const m = api.skillPages.lastPaint;
    if (m) note = `start→script ${(m.sinceStart - m.sinceScript).toFixed(0)}, round trip ${m.roundTrip.toFixed(0)}, render ${m.render.toFixed(0)}, script→paint ${m.sinceScript.toFixed(0)}`;
  }
  console.log(`LP_BENCH ${JSON.stringify({ id: 'firstOpen', label: kind, value: ms, unit: 'ms', ...(note ? { note } : {}) })}`);
}
