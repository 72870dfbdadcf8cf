// Installs the Debian packages a command needs (scripts/apt-packages.txt, the one list), or says
// exactly what to run. Usage: node scripts/apt-packages.mjs start|test|ci
//   - nothing missing: prints nothing, exit 0 (a dpkg query, about 50 ms);
//   - root or passwordless sudo: apt-get update + apt-get install of what is missing;
//   - otherwise: exit 1 with the exact `apt-get install …` line to run.
// Not Debian (no dpkg-query): a note, exit 0. LP_SKIP_APT=1 skips the check.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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
const asRoot = (args) => {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return isRoot ? run(args[0], args.slice(1), { stdio: 'inherit', env }) : run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', ...args], { stdio: 'inherit', env });
};
let r = asRoot(['apt-get', 'update', '-q']);
if (r.status !== 0) r = asRoot(['apt-get', 'update', '-q']); // a mirror hiccup: once more
if (r.status === 0) r = asRoot(['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing]);
if (r.status !== 0) {
  console.error(`✗ apt-get failed (exit ${r.status}). Run it yourself, then try again:\n    ${isRoot ? '' : 'sudo '}${line}`);
  process.exit(1);
}
