// Writes l10n/bundle.l10n.json: every vscode.l10n.t('…') message of the extension, the file
// translators copy to bundle.l10n.<locale>.json. Run: node scripts/l10n-export.mjs [--check]
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const files = (dir) =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
const messages = new Set();
const literal = /l10n\.t\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`$]*)`)/g;
// Pure modules translate through a `Translate` function named `t` (src/core/l10n.ts).
const pureLiteral = /(?<![\w.])t\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`$]*)`)/g;
const add = (m) => messages.add((m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(['"\\])/g, '$1'));
for (const file of files(join(root, 'src', 'extension'))) {
  for (const m of readFileSync(file, 'utf8').matchAll(literal)) add(m);
}
for (const dir of ['core', 'shared', 'webview']) {
  for (const file of files(join(root, 'src', dir))) {
    const text = readFileSync(file, 'utf8');
    if (!/import[^;]*\bTranslate\b[^;]*from/.test(text)) continue;
    for (const m of text.matchAll(pureLiteral)) add(m);
  }
}
const bundle = Object.fromEntries([...messages].sort().map((m) => [m, m]));
const out = join(root, 'l10n', 'bundle.l10n.json');
const text = JSON.stringify(bundle, null, 2) + '\n';
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {
    // missing
  }
  if (current !== text) {
    console.error('l10n/bundle.l10n.json is out of date: run node scripts/l10n-export.mjs');
    process.exit(1);
  }
} else {
  mkdirSync(join(root, 'l10n'), { recursive: true });
  writeFileSync(out, text);
  console.log(`l10n/bundle.l10n.json: ${messages.size} messages`);
}
