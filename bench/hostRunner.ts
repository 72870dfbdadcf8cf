/** Starts code-server with bench/host.ts as the extension tests module and collects its LP_BENCH figures. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from '../test/harness/browser';
import { startCodeServer, workbenchUrl } from '../test/harness/codeServer';
import { fixtureWorkspace, repoRoot } from '../test/harness/paths';
import { withTimeout } from '../test/harness/process';
import type { Figure } from './figures';

export async function measureInHost(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'lp-bench-host-'));
  const workspace = join(root, 'workspace');
  cpSync(fixtureWorkspace, workspace, { recursive: true });
  const server = await startCodeServer({ workspace, env: { LEARNING_PATHS_MEASURE_PAINT: '1' } });
  const { browser, close } = await launchBrowser();
  const figures: Figure[] = [];
  const errors: string[] = [];
  try {
    const page = await browser.newPage();
    let done: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (done = r));
    await page.exposeFunction('codeAutomationLog', (_level: unknown, message: unknown) => {
      let args: unknown = message;
      if (typeof args === 'string' && args.startsWith('[')) {
        try {
          args = JSON.parse(args);
        } catch {
          // plain text
        }
      }
      const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
      for (const line of text.split('\n')) {
        if (line.startsWith('LP_BENCH ')) figures.push(JSON.parse(line.slice('LP_BENCH '.length)) as Figure);
        else if (/error|Error/.test(line)) errors.push(line);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => done(typeof code === 'number' ? code : 1));
    await page.goto(workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: join(repoRoot, 'dist', 'bench', 'host.js') }));
    const code = await withTimeout(exited, 5 * 60_000, 'the in-host bench');
    if (code !== 0) throw new Error(`the in-host bench failed (exit ${code}):\n${errors.slice(-10).join('\n')}`);
  } finally {
    await close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return figures;
}
