// scripts/mutation-thresholds.mjs: the per-folder check of Stryker's JSON report that `npm run
// test:mutation` and .ci/run fail on (80 % for src/core, 70 % for each folder).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './helpers';

type Status = 'Killed' | 'Timeout' | 'Survived' | 'NoCoverage' | 'CompileError' | 'Ignored';

describe('mutation thresholds (scripts/mutation-thresholds.mjs)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lp-mutation-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the script on a report whose files have these mutant statuses. */
  const check = (files: Record<string, Partial<Record<Status, number>>>, ...args: string[]) => {
    const report = {
      schemaVersion: '2',
      thresholds: { high: 90, low: 80 },
      files: Object.fromEntries(
        Object.entries(files).map(([file, counts]) => [file, { language: 'typescript', source: '', mutants: Object.entries(counts).flatMap(([status, n]) => Array.from({ length: n }, (_, i) => ({ id: `${file}${status}${i}`, status }))) }]),
      ),
    };
    const path = join(dir, 'mutation.json');
    writeFileSync(path, JSON.stringify(report));
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'mutation-thresholds.mjs'), path, ...args], { encoding: 'utf8', timeout: 30_000 });
    return { status: r.status, out: r.stdout, err: r.stderr };
  };

  it('passes at 80 % overall and 70 % in every folder, scoring killed and timed-out against survived and uncovered', () => {
    const r = check({
      'src/core/a/x.ts': { Killed: 6, Timeout: 1, Survived: 2, NoCoverage: 1, CompileError: 9, Ignored: 9 },
      'src/core/b/y.ts': { Killed: 10 },
      'src/core/json.ts': { Killed: 9, Survived: 1 },
    });
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /^src\/core\/a\s+70\.0 %\s+6\s+1\s+2\s+1\s+9\s+9\s+70 %$/m);
    assert.match(r.out, /^src\/core\/\*\.ts\s+90\.0 %/m);
    assert.match(r.out, /^src\/core \(all\)\s+86\.7 %/m);
    assert.match(r.out, /mutation: src\/core 86\.7 % \(minimum 80 %\), every folder at least 70 %/);
  });

  it('fails when one folder is under 70 %, naming it, though the total passes', () => {
    const r = check({ 'src/core/a/x.ts': { Killed: 69, Survived: 31 }, 'src/core/b/y.ts': { Killed: 400 } });
    assert.equal(r.status, 1);
    assert.equal(r.err.trim(), '✗ src/core/a: mutation score 69.0 % is below 70 %');
  });

  it('fails when src/core is under 80 %, though every folder passes', () => {
    const r = check({ 'src/core/a/x.ts': { Killed: 79, NoCoverage: 21 } });
    assert.equal(r.status, 1);
    assert.equal(r.err.trim(), '✗ src/core (all): mutation score 79.0 % is below 80 %');
  });

  it('takes other minimums, prints a Markdown table, and refuses a report it cannot read', () => {
    assert.equal(check({ 'src/core/a/x.ts': { Killed: 1, Survived: 1 } }, '--total', '50', '--folder', '50').status, 0);
    const md = check({ 'src/core/a/x.ts': { Killed: 1 } }, '--markdown');
    assert.match(md.out, /^\| folder \| score \|.*\n\| --- \| ---: \|/m);
    assert.match(md.out, /^\| src\/core\/a \| 100\.0 % \| 1 \| 0 \| 0 \| 0 \| 0 \| 0 \| 70 % \|$/m);
    const missing = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'mutation-thresholds.mjs'), join(dir, 'absent.json')], { encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /absent\.json: cannot read the Stryker JSON report .* run npm run test:mutation first/);
  });
});
