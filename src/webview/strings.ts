/**
 * The page's UI words, as the host sent them (src/shared/skillPageStrings.ts, translated with
 * vscode.l10n.t). The webview holds no text of its own: `tr` looks a message up and fills its
 * {0} placeholders with the arguments.
 */
import { format } from '../core/l10n';
import type { StringKey } from '../shared/skillPageStrings';

let table: ReadonlyMap<string, string> = new Map();

/** Replaces the table (from a `render` message). */
export function useStrings(strings: ReadonlyMap<string, string>): void {
  table = strings;
}

/** A translated message; the key itself if the host did not send it (never English from here). */
export function tr(key: StringKey, ...args: Array<string | number>): string {
  return format(table.get(key) ?? key, args);
}
