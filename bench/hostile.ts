/**
 * The worst crafted project file at each cap (issue 19), parsed the way the extension does on every
 * save: JUnit reports (parseJUnit), metrics and fileMatches checks (evaluateCheck), manifests
 * (readProjectManifest). One INFO figure per crafted file, and the worst of them against the 50 ms
 * budget. Runs in the extension host (bench/hostileHost.ts) and, with LP_BENCH_SKIP_VSCODE=1, in Node.
 */
import { evaluateCheck, type CheckFs } from '../src/core/progress/checks';
import { readProjectManifest } from '../src/core/progress/projectManifest';
import { parseJUnit } from '../src/core/verify/junit';
import { hostileCorpus, ML_PIPELINE_PATTERN, type HostileCase } from '../test/shared/hostile';
import type { Figure } from './figures';
import { median } from './stats';

const memFs = (path: string, text: string): CheckFs => ({ read: (p) => (p === path ? text : undefined) });

async function parseOnce(c: HostileCase, text: string): Promise<void> {
  switch (c.kind) {
    case 'report':
      parseJUnit(text);
      return;
    case 'manifest':
      readProjectManifest(text);
      return;
    case 'metrics':
      await evaluateCheck({ kind: 'metric', path: 'outputs/metrics.json', key: 'test.accuracy', op: '>=', value: 0.5 }, 'p', memFs('outputs/metrics.json', text));
      return;
    case 'fileMatches':
      await evaluateCheck({ kind: 'fileMatches', path: 'outputs/metrics.json', pattern: ML_PIPELINE_PATTERN }, 'p', memFs('outputs/metrics.json', text));
      return;
  }
}

export async function hostileFigures(where: string, runs = 7): Promise<Figure[]> {
  const figures: Figure[] = [];
  let worst = { ms: 0, name: '' };
  for (const c of hostileCorpus()) {
    const text = c.make(c.cap);
    await parseOnce(c, text); // warm up (and the first require of saxes / re2js)
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await parseOnce(c, text);
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    const fastest = Math.min(...times);
    if (ms > worst.ms) worst = { ms, name: c.name };
    figures.push({ id: `hostile.${c.kind}.${c.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`, label: `${c.name} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, cap ${(c.cap / 1024).toFixed(0)} KB)`, value: ms, unit: 'ms', note: `${where}; fastest ${fastest.toFixed(1)} ms; runs ${times.map((v) => v.toFixed(1)).join(', ')}` });
  }
  figures.push({ id: 'hostile.worst', label: `worst crafted file at each cap parsed (${where})`, value: worst.ms, unit: 'ms', max: 50, note: worst.name });
  return figures;
}
