// Installs the Debian packages a command needs (scripts/apt-packages.txt, the one list), or says
// exactly what to run. Usage: node scripts/apt-packages.mjs start|test|ci
//   - nothing missing: prints nothing, exit 0 (a dpkg query, about 50 ms);
//   - root or passwordless sudo: apt-get update + apt-get install of what is missing, waiting
//     (with a line that says so) while another process holds apt's lock (scripts/apt-lock.mjs);
//   - otherwise: exit 1 with the exact `apt-get install …` line to run.
// Not Debian (no dpkg-query): a note, exit 0. LP_SKIP_APT=1 skips the check.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { lockWaitSeconds, runAptPatiently } from './apt-lock.mjs';

const purpose = process.argv[2];
const list = readFileSync(new URL('apt-packages.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.replace(/#.*/, '').trim().split(/\s+/))
  .filter((words) => words[0]);
const known = new Set(list.flatMap(([, ...tags]) => tags));
if (!known.has(purpose)) {
  console.error(`usage: node scripts/apt-packages.mjs ${[...known].join('|')}`);
  process.exit(2);
}
if (process.env.LP_SKIP_APT === '1') process.exit(0);
const wanted = list.filter(([, ...tags]) => tags.includes(purpose)).map(([name]) => name);

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: 'utf8', ...opts });
const query = run('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...wanted]);
if (query.error) {
  console.log(`(not a Debian system: make sure these are installed: ${wanted.join(' ')})`);
  process.exit(0);
}
const installed = new Set(
  query.stdout
    .split('\n')
    .filter((l) => l.endsWith(' install ok installed'))
    .map((l) => l.split(' ')[0].replace(/:.*/, '')),
);
const missing = wanted.filter((p) => !installed.has(p));
if (missing.length === 0) process.exit(0);

const what = { start: 'npm start', test: 'npm test', ci: '.ci/run' }[purpose] ?? purpose;
const line = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const isRoot = process.getuid?.() === 0;
const sudo = !isRoot && run('sudo', ['-n', 'true']).status === 0;
if (!isRoot && !sudo) {
  console.error(`✗ ${what} needs these Debian packages, which are not installed: ${missing.join(' ')}`);
  console.error('  This needs root. Run, then try again:');
  console.error(`    sudo apt-get update && sudo ${line}`);
  process.exit(1);
}
console.log(`${what}: installing the Debian packages it needs: ${missing.join(' ')}`);
/** Runs apt-get as root (directly or through sudo), shows its output and returns it (the last 64 KB). */
const aptGet = (args) =>
  new Promise((resolve) => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const argv = isRoot ? ['apt-get', ...args] : ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args];
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk, to) => {
      to.write(chunk);
      output = (output + chunk.toString('utf8')).slice(-65536);
    };
    child.stdout.on('data', (c) => keep(c, process.stdout));
    child.stderr.on('data', (c) => keep(c, process.stderr));
    child.on('error', (err) => resolve({ status: 127, output: String(err) }));
    child.on('close', (code) => resolve({ status: code ?? 1, output }));
  });
const patience = {
  run: aptGet,
  log: (line) => console.log(`${what}: ${line}`),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
  waitSeconds: lockWaitSeconds(process.env),
  ...(Number(process.env.LP_APT_RETRY_SECONDS) > 0 ? { retrySeconds: Number(process.env.LP_APT_RETRY_SECONDS) } : {}),
};
let r = await runAptPatiently(['update', '-q'], patience);
if (!r.ok && !/lock/.test(r.reason)) r = await runAptPatiently(['update', '-q'], patience); // a mirror hiccup: once more
if (r.ok) r = await runAptPatiently(['install', '-y', '-q', '--no-install-recommends', ...missing], patience);
if (!r.ok) {
  console.error(`✗ ${r.reason}. Run it yourself, then try again:\n    ${isRoot ? '' : 'sudo '}apt-get update && ${isRoot ? '' : 'sudo '}${line}`);
  process.exit(1);
}
