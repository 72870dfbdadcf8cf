// Entry of dist/packLoader.js: a worker_threads worker that finds, reads, parses, validates and
// merges the content packs (the YAML parser lives only here), so the extension host's thread
// never blocks on a pack. Started per load by src/core/catalog/packWorkerClient.ts.
import { parentPort } from 'node:worker_threads';
import { loadPacks } from '../core/catalog/packLoad';
import type { PackLoadRequest, PackWorkerReply } from '../core/catalog/packWorkerClient';

parentPort?.once('message', (request: PackLoadRequest) => {
  let reply: PackWorkerReply;
  try {
    reply = { ok: true, result: loadPacks(request) };
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort?.postMessage(reply);
});
