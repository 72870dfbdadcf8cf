// The mutation score of src/core and of each of its folders, from Stryker's JSON report
// (reports/mutation/mutation.json, written by `npm run test:mutation`), checked against the
// thresholds: Stryker's own `break` is one global number, this checks every folder too.
// Usage: node scripts/mutation-thresholds.mjs [report.json] [--total 80] [--folder 70] [--markdown]
// Folders are found from the report (src/core/<folder>/…; files directly in src/core count as
// "src/core/*.ts"), so a new folder is checked without editing this script.
// Score = (killed + timed out) / (killed + timed out + survived + no coverage), as Stryker counts it;
// compile errors (the TypeScript checker) and ignored (static) mutants are listed, not scored.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value)) fail(`${name} needs a number, got ${JSON.stringify(args[at + 1])}`);
  return value;
};
const minTotal = option('--total', 80);
const minFolder = option('--folder', 70);
const markdown = args.includes('--markdown');
const reportFile = args.find((a, i) => !a.startsWith('--') && !['--total', '--folder'].includes(args[i - 1])) ?? 'reports/mutation/mutation.json';

function fail(message) {
  console.error(`✗ mutation thresholds: ${message}`);
  process.exit(2);
}

let report;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
} catch (err) {
  fail(`${reportFile}: cannot read the Stryker JSON report (${err instanceof Error ? err.message : String(err)}); run npm run test:mutation first`);
}
if (typeof report !== 'object' || report === null || typeof report.files !== 'object' || report.files === null) fail(`${reportFile}: no "files" in the report`);

const empty = () => ({ Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0, Pending: 0 });
/** The folder a file is scored under: src/core/<folder>, or src/core/*.ts for the files directly in src/core. */
function folderOf(file) {
  const rel = file.replace(/\\/g, '/').replace(/^.*?src\/core\//, '');
  const slash = rel.indexOf('/');
  return slash < 0 ? 'src/core/*.ts' : `src/core/${rel.slice(0, slash)}`;
}
const folders = new Map();
const total = empty();
for (const [file, { mutants }] of Object.entries(report.files)) {
  const folder = folderOf(file);
  if (!folders.has(folder)) folders.set(folder, empty());
  for (const m of mutants ?? []) {
    if (!(m.status in total)) fail(`${file}: unknown mutant status ${JSON.stringify(m.status)}`);
    folders.get(folder)[m.status]++;
    total[m.status]++;
  }
}
if (folders.size === 0) fail(`${reportFile}: no mutated files`);

const score = (c) => {
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  return valid === 0 ? 100 : (100 * detected) / valid;
};
const rows = [...folders.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, c]) => ({ name, c, s: score(c), min: minFolder }));
rows.push({ name: 'src/core (all)', c: total, s: score(total), min: minTotal });

const head = ['folder', 'score', 'killed', 'timeout', 'survived', 'no coverage', 'compile error', 'ignored (static)', 'minimum'];
const cells = (r) => [r.name, `${r.s.toFixed(1)} %`, r.c.Killed, r.c.Timeout, r.c.Survived, r.c.NoCoverage, r.c.CompileError, r.c.Ignored, `${r.min} %`].map(String);
if (markdown) {
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const r of rows) console.log(`| ${cells(r).join(' | ')} |`);
} else {
  const table = [head, ...rows.map(cells)];
  const widths = head.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const row of table) console.log(row.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  '));
}
const below = rows.filter((r) => r.s < r.min);
for (const r of below) console.error(`✗ ${r.name}: mutation score ${r.s.toFixed(1)} % is below ${r.min} %`);
if (below.length > 0) process.exit(1);
console.log(`mutation: src/core ${score(total).toFixed(1)} % (minimum ${minTotal} %), every folder at least ${minFolder} %`);
