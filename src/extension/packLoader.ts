// Entry of dist/packLoader.js: a worker_threads worker that finds, reads, parses, validates and
// merges the content packs (the YAML parser lives only here), so the extension host's thread
// never blocks on a pack. Started per load by src/core/catalog/packWorkerClient.ts, which also
// describes the message protocol.
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { loadPacks } from '../core/catalog/packLoad';
import { SKILLS_PER_MESSAGE, type PackHostMessage, type PackWorkerMessage } from '../core/catalog/packWorkerClient';

const port = parentPort;
const send = (m: PackWorkerMessage) => port?.postMessage(m);
let pending: PackWorkerMessage[] = [];

port?.on('message', (m: PackHostMessage) => {
  if (m.kind === 'load') {
    try {
      const { catalog, fingerprints: _unused, startersHash: _empty, ...rest } = loadPacks(m.request);
      const startersHash = createHash('sha1').update(JSON.stringify(rest.starters)).digest('base64');
      const { skills, ...frame } = catalog;
      const fingerprints: [string, string][] = skills.map((s) => [s.id, createHash('sha1').update(JSON.stringify(s)).digest('base64')]);
      for (let i = 0; i < skills.length; i += SKILLS_PER_MESSAGE) pending.push({ kind: 'skills', skills: skills.slice(i, i + SKILLS_PER_MESSAGE) });
      pending.push({ kind: 'done', result: { ...rest, catalog: frame, fingerprints, startersHash } });
    } catch (err) {
      pending = [{ kind: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) }];
    }
  }
  // The first slice goes at once; each later one when the host asks for it.
  const next = pending.shift();
  if (next) send(next);
});
