/**
 * One first open per workbench session (a session's first webview skips the cost every later one
 * pays), run inside the real extension host by bench/hostRunner.ts: the skill page's, or the
 * floor's (an empty webview), both with Learning Paths active and idle. Prints one `LP_BENCH {json}` line with id `firstOpen`.
 */
import { openFloor } from './floor';
import { benchApi, openSkillPainted } from './skillPagePaint';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function firstOpen(kind: 'page' | 'floor'): Promise<void> {
  await sleep(2000); // let the workbench settle, as the main bench does
  // Both kinds run with Learning Paths active and idle (its catalog loaded), so the extension host
  // is in the same state for the page and for the floor.
  const api = await benchApi();
  await sleep(3000);
  let ms: number;
  let note: string | undefined;
  if (kind === 'floor') {
    ms = await openFloor();
  } else {
    const { host, metrics: m } = await openSkillPainted(api, 'pytorch');
    ms = host;
    note = `start→script ${(m.sinceStart - m.sinceScript).toFixed(0)}, round trip ${m.roundTrip.toFixed(0)}, render ${m.render.toFixed(0)}, script→paint ${m.sinceScript.toFixed(0)}`;
  }
  console.log(`LP_BENCH ${JSON.stringify({ id: 'firstOpen', label: kind, value: ms, unit: 'ms', ...(note ? { note } : {}) })}`);
}
