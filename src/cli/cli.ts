// Placeholder CLI; replaced by the catalog issue's implementation.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
if (args[0] === 'build-assets') {
  const out = args[args.indexOf('--out') + 1] ?? 'dist';
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'catalog.json'), JSON.stringify({ levels: [], roles: [], skills: [], careerRelevance: [] }));
}
