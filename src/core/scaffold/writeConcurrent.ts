/**
 * Writes a scaffold plan with several file operations in flight at once. Same guarantees as
 * writePlan (the target must be missing or empty; the ScaffoldFs refuses to overwrite), but when
 * every operation is a round trip — `vscode.workspace.fs` in a remote or web extension host
 * costs 5–10 ms per call — overlapping them is what keeps a scaffold under the 300 ms budget.
 */
import { ScaffoldError, type ScaffoldFs, type ScaffoldPlan } from './plan';

export async function writePlanConcurrently(
  plan: ScaffoldPlan,
  target: string,
  fs: ScaffoldFs,
  onProgress?: (done: number, total: number) => void,
  concurrency = 12,
): Promise<void> {
  const state = await fs.stat(target);
  if (state === 'file') throw new ScaffoldError(`${target} is a file; choose a folder name that does not exist yet.`);
  if (state === 'non-empty-dir') throw new ScaffoldError(`${target} already exists and is not empty; choose another name.`);
  await fs.mkdirp(target);
  await writeFilesConcurrently(plan, target, fs, { onProgress, concurrency });
}

/** The folders and files of a plan, written into `target`, an existing folder of this scaffold's own. */
export async function writeFilesConcurrently(plan: Pick<ScaffoldPlan, 'files'>, target: string, fs: ScaffoldFs, options: { onProgress?: (done: number, total: number) => void; concurrency?: number } = {}): Promise<void> {
  const { onProgress, concurrency = 12 } = options;
  // Folders, shallowest first; the folders of one depth are created together.
  const byDepth = new Map<number, string[][]>();
  const seen = new Set<string>();
  for (const f of plan.files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i);
      const key = dir.join('/');
      if (seen.has(key)) continue;
      seen.add(key);
      const list = byDepth.get(i) ?? [];
      list.push(dir);
      byDepth.set(i, list);
    }
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    await Promise.all((byDepth.get(depth) ?? []).map((dir) => fs.mkdirp(fs.join(target, ...dir))));
  }

  // Files: a small pool of workers; every write settles before an error is reported, so the
  // caller can roll back knowing nothing is still being written.
  let next = 0;
  let done = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < plan.files.length) {
      const f = plan.files[next++];
      if (!f) break;
      try {
        await fs.writeNew(fs.join(target, ...f.path.split('/')), f.content, f.executable);
        onProgress?.(++done, plan.files.length);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, plan.files.length)) }, worker));
  if (failure !== undefined) throw failure;
}
