/** Finding catalog YAML files on disk (CLI and build). The extension reads through vscode.workspace.fs instead. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TextFile } from './load';

export function isCatalogFileName(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name);
}

/** Every .yaml/.yml/.json file below `path` (or `path` itself when it is a file), sorted for a stable precedence. */
export function listCatalogFiles(path: string): string[] {
  if (!existsSync(path)) throw new Error(`${path}: no such file or folder`);
  if (statSync(path).isFile()) return [path];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (isCatalogFileName(name)) out.push(p);
    }
  };
  walk(path);
  return out;
}

export function readCatalogFiles(paths: readonly string[]): TextFile[] {
  return paths.flatMap(listCatalogFiles).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}
