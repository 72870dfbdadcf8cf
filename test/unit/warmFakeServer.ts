// A fake warm server for tests of core/verify/warmProcess and warmRunner: a small Node script that
// speaks the warm protocol (media/python/warm_pytest.py's) and runs each request's first argument as
// a Node script in a child that leads its own process group. Fast, and it misbehaves on request.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fake server's source: its arguments (the modules to preload) name the ways it misbehaves. */
export const FAKE_WARM_SERVER = String.raw`
const { spawn } = require('node:child_process');
const { constants } = require('node:os');
const modes = process.argv.slice(2);
const mode = modes[0];
const send = (o) => process.stdout.write(JSON.stringify(o) + '\n');
if (mode === 'silent-exit') process.exit(4);
if (mode === 'stderr-exit') {
  process.stderr.write('Traceback (most recent call last):\n  ' + 'x'.repeat(300) + '\n\n');
  process.exit(5);
}
if (mode === 'long-stderr') {
  process.stderr.write('A'.repeat(1000) + 'B'.repeat(2000));
  process.exit(6);
}
if (mode === 'self-kill') process.kill(process.pid, 'SIGKILL');
if (mode === 'garbage') process.stdout.write('Traceback\n');
if (mode === 'long-line') process.stdout.write('x'.repeat((1 << 20) + 1));
if (mode === 'chatty') send({ type: 'error', message: 'bad run request' });
if (mode === 'grandchild') {
  const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  send({ type: 'error', message: 'grandchild ' + g.pid });
}
// The resident size a run reports: the number in the project's lp-rss file, if any.
const rssKb = () => {
  try {
    return Number(require('node:fs').readFileSync('lp-rss', 'utf8'));
  } catch {
    return 1234;
  }
};
if (mode === 'deaf') {
  // Stops reading requests at once (a write to it fails with EPIPE), and ends a little later.
  require('node:fs').closeSync(0);
  setTimeout(() => process.exit(0), 300);
}
let buf = '';
if (mode !== 'deaf') process.stdin.setEncoding('utf8');
if (mode !== 'deaf') process.stdin.on('end', () => process.exit(0));
if (mode !== 'deaf') process.stdin.on('data', (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf('\n')) >= 0) {
    const req = JSON.parse(buf.slice(0, i));
    buf = buf.slice(i + 1);
    const c = spawn(process.execPath, ['-e', req.args[0], ...req.args.slice(1)], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...req.env } });
    if (req.env.LP_CROSSED) {
      // Messages of another run: the waiting run must not take them for its own.
      send({ type: 'output', id: req.id + 1000, data: 'not yours' });
      send({ type: 'exit', id: req.id + 1000, code: 7, signal: null, rssKb: 0 });
    }
    const started = () => send({ type: 'started', id: req.id, pid: c.pid });
    if (req.env.LP_LATE_START) setTimeout(started, Number(req.env.LP_LATE_START));
    else started();
    c.stdout.on('data', (d) => send({ type: 'output', id: req.id, data: String(d) }));
    c.on('exit', (code, sig) => send({ type: 'exit', id: req.id, code, signal: sig ? constants.signals[sig] : null, rssKb: rssKb() }));
  }
});
const ready = () => send({ type: 'ready', pid: process.pid, preloaded: ['pytest', ...modes], pytest: mode !== 'no-pytest' });
if (mode === 'slow') setTimeout(ready, 3000);
else if (mode !== 'garbage' && mode !== 'long-line') ready();
`;

/** Writes the fake server into `dir`; returns its path. */
export function writeFakeWarmServer(dir: string): string {
  const path = join(dir, 'server.js');
  writeFileSync(path, FAKE_WARM_SERVER);
  return path;
}
