// The mutants of src/core that no test detects, from Stryker's JSON report: what to write tests for.
// Usage: node scripts/mutation-survivors.mjs [path prefix under src/core, e.g. verify/ or json.ts] [--report file]
// Prints one line per surviving or uncovered mutant, `src/core/<file>:<line>:<column> <status> <mutator>`,
// then the original line and what Stryker replaced in it.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const at = args.indexOf('--report');
const reportFile = at >= 0 ? args[at + 1] : 'reports/mutation/mutation.json';
const prefix = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--report') ?? '';

let report;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
} catch (err) {
  console.error(`✗ ${reportFile}: cannot read the Stryker JSON report (${err instanceof Error ? err.message : String(err)}); run npm run test:mutation first`);
  process.exit(2);
}
let count = 0;
for (const [file, { source, mutants }] of Object.entries(report.files ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
  const rel = file.replace(/\\/g, '/').replace(/^.*?src\/core\//, '');
  if (!rel.startsWith(prefix)) continue;
  const lines = typeof source === 'string' ? source.split('\n') : [];
  const open = (mutants ?? []).filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
  open.sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
  for (const m of open) {
    const { line, column } = m.location.start;
    console.log(`src/core/${rel}:${line}:${column} ${m.status} ${m.mutatorName}`);
    console.log(`    ${(lines[line - 1] ?? '').trim()}`);
    console.log(`    → ${String(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 160)}`);
    count++;
  }
}
console.log(`${count} mutant(s) survived or had no test${prefix ? ` under src/core/${prefix}` : ''}`);
