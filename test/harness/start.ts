// npm start: a real VS Code (code-server) in the browser with the extension under development
// loaded, on a persistent sample workspace, until Ctrl+C.
//
//   npm start                 # builds, then serves on a free port and prints the URL
//   LP_PORT=8080 npm start    # a fixed port
//
// The workspace is .cache/sample-workspace/ (a copy of test/fixtures/workspace made on first
// start) and the VS Code user data is .cache/start-user-data/: both are ignored by git and
// survive restarts, so whatever you scaffold or tick off is still there next time. Delete
// them to start over. Rebuild (npm run build, or npm run watch) and reload the browser
// window to pick up changes to the extension.
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer, startCodeServer, workbenchUrl } from './codeServer';
import { cacheRoot, extensionMain, fixtureWorkspace, repoRoot } from './paths';
import { fail, installCrashHandlers, isExiting } from './process';

const sampleWorkspace = join(cacheRoot, 'sample-workspace');
const userDataDir = join(cacheRoot, 'start-user-data');

function portFromEnv(): number | undefined {
  const raw = process.env.LP_PORT;
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`LP_PORT=${raw} is not a port number (1-65535)`);
  return port;
}

async function main(): Promise<void> {
  installCrashHandlers(); // Ctrl+C / SIGTERM stop the server and exit
  if (!existsSync(extensionMain)) await fail(`${extensionMain} is missing — run \`npm run build\` first (npm start does)`);
  let port: number | undefined;
  try {
    port = portFromEnv();
  } catch (err) {
    await fail(err instanceof Error ? err.message : String(err));
  }
  await ensureCodeServer();
  if (!existsSync(sampleWorkspace)) {
    cpSync(fixtureWorkspace, sampleWorkspace, { recursive: true });
    console.log(`created the sample workspace ${sampleWorkspace} (a copy of test/fixtures/workspace)`);
  }
  let server;
  try {
    server = await startCodeServer({ workspace: sampleWorkspace, userDataDir, ...(port ? { port } : {}) });
  } catch (err) {
    const hint = port ? ` (is port ${port} already in use? unset LP_PORT for a free one)` : '';
    await fail(`could not start code-server${hint}: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const url = workbenchUrl({ port: server.port, folder: sampleWorkspace, extensionDevelopmentPath: repoRoot });
  console.log('');
  console.log('Learning Paths is running in VS Code (code-server) with the extension under development loaded.');
  console.log(`Open: ${url}`);
  console.log(`Workspace: ${sampleWorkspace}`);
  console.log('After a rebuild, reload the browser window. Press Ctrl+C to stop.');
  const code = await server.exited;
  if (isExiting()) return; // stopped by Ctrl+C / SIGTERM: the signal handler is finishing up
  await fail(`code-server stopped by itself (exit ${code}); its log was ${server.logFile}`);
}

main().catch((err: unknown) => fail(`npm start failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
