/**
 * Starters of several layers merged by precedence (bundled < contentPacks folders < workspace): a
 * later starter replaces an earlier one with the same id. Its own module, free of the file readers,
 * so the extension's main bundle takes it without the YAML parser (that stays in the pack worker).
 */
import type { Template } from './types';

export function mergeStarters(layers: readonly (readonly Template[])[]): Template[] {
  const byId = new Map<string, Template>();
  for (const layer of layers) for (const t of layer) byId.set(t.manifest.id, t);
  return [...byId.values()];
}
