// Rules of the codebase's shape that a reviewer would otherwise have to remember: test hooks stay
// out of shipped code, every command is in the command table, state keys live in one module,
// and no source file grows past 400 lines.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './helpers';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const src = join(repoRoot, 'src');
const files = sources(src).map((path) => ({ path: relative(repoRoot, path), text: readFileSync(path, 'utf8') }));
/** Where a regular expression matches, as `file:line: text`. */
function where(re: RegExp, skip: (path: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const f of files) {
    if (skip(f.path)) continue;
    f.text.split('\n').forEach((line, i) => {
      if (re.test(line)) out.push(`${f.path}:${i + 1}: ${line.trim()}`);
    });
  }
  return out;
}

describe('architecture', () => {
  it('finds the sources', () => {
    assert.ok(files.length > 40, `${files.length} files under src/`);
    assert.ok(files.some((f) => f.path === join('src', 'extension', 'testApi.ts')));
  });

  it('test-only members exist only in the test API (src/extension/testApi.ts)', () => {
    const testOnly = /\b(reloadStore|lastModel|lastPaint|scaffoldCore|skillPageProbe|milestonesAfterReload|postFromSkillPage)\b|(readonly|public)\s+onDidReceiveMessage\b|\bonDidReceiveMessage\s*=/;
    assert.deepEqual(where(testOnly, (p) => p === join('src', 'extension', 'testApi.ts')), []);
    // The rule catches what it is meant to catch.
    assert.ok(testOnly.test('  lastPaint: PaintMetrics | undefined;') && testOnly.test('  readonly onDidReceiveMessage = this.received.event;'));
    assert.ok(!testOnly.test('panel.webview.onDidReceiveMessage((raw: unknown) => {'));
  });

  it('activate hands out the test API only in ExtensionMode.Test, and the package leaves it out', () => {
    const entry = readFileSync(join(src, 'extension', 'extension.ts'), 'utf8');
    assert.match(entry, /context\.extensionMode === vscode\.ExtensionMode\.Test/);
    assert.match(entry, /if \(!testApi \|\| !probe\) return undefined;/);
    assert.deepEqual(where(/require\('\.\/testApi(\.js)?'\)|from '\.\/testApi'/, (p) => p === join('src', 'extension', 'extension.ts')).filter((l) => !l.includes('import type')), []);
    const ignore = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8');
    assert.doesNotMatch(ignore, /testApi/);
    assert.match(ignore, /^\*\*$/m, '.vscodeignore excludes everything not listed');
  });

  it('the paint measurement is off unless a test flag asks for it', () => {
    const main = readFileSync(join(src, 'extension', 'main.ts'), 'utf8');
    assert.match(main, /extensionMode !== vscode\.ExtensionMode\.Production && process\.env\[MEASURE_PAINT_ENV\] === '1'/);
    const webview = readFileSync(join(src, 'webview', 'main.ts'), 'utf8');
    assert.match(webview, /if \(message\.measurePaint\) reportPaint\(/);
  });

  it('package.json contributes exactly the commands of the command table (src/extension/commands.ts)', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: { commands: { command: string; category?: string }[] } };
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    const table = readFileSync(join(src, 'extension', 'commands.ts'), 'utf8');
    const body = table.slice(table.indexOf('export interface CommandTable {'), table.indexOf('interface ViewCommandTable'));
    const ids = [...body.matchAll(/'(learningPaths\.\w+)':/g)].map((m) => m[1]).sort();
    assert.deepEqual(ids, contributed);
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Learning Paths', c.command);
  });

  it('features register and call commands through the typed helpers, not by string id', () => {
    const untyped = /vscode\.commands\.(registerCommand|executeCommand)\(\s*'learningPaths\./;
    assert.deepEqual(where(untyped), []);
  });

  it('globalState and workspaceState are read and written only through src/extension/state.ts', () => {
    const direct = /(globalState|workspaceState)\.(get|update)\b|'learningPaths\.[\w.]+\.v\d+'/;
    assert.deepEqual(where(direct, (p) => p === join('src', 'extension', 'state.ts') || p === join('src', 'core', 'progress', 'store.ts')), []);
  });

  it('the command table imports no feature: its argument types live in the leaf commandTypes.ts', () => {
    const imports = (name: string) => [...(files.find((f) => f.path === join('src', 'extension', name))?.text ?? '').matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);
    const table = imports('commands.ts');
    const leaf = imports('commandTypes.ts');
    assert.ok(table.includes('./commandTypes'), 'commands.ts takes its types from commandTypes.ts');
    assert.deepEqual(table.filter((m) => m.includes('features')), []);
    assert.deepEqual(leaf.filter((m) => m !== 'vscode' && !m.startsWith('../core/')), [], 'commandTypes.ts imports only vscode and core');
  });

  it('no file in src/ is over 400 lines', () => {
    const long = files.map((f) => ({ path: f.path, lines: f.text.split('\n').length - (f.text.endsWith('\n') ? 1 : 0) })).filter((f) => f.lines > 400);
    assert.deepEqual(long, []);
  });
});
