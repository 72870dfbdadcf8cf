/**
 * Translating user-visible text in pure modules. Core view models (the Skills and Milestones
 * trees, the skill page) never import `vscode`: they take a `Translate` and call it with an
 * English message literal, `t('{0} of {1} done', done, total)`. The extension passes
 * `vscode.l10n.t`; unit tests pass `english` or the `pseudo` locale, which wraps every
 * translated string in ⟦…⟧ so a test can find any text that bypassed translation.
 * scripts/l10n-export.mjs collects every `t('…')` literal of a module that imports this file
 * into l10n/bundle.l10n.json. Catalog content is data and is never passed through `t`.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** `{0}`, `{1}` … replaced by the arguments, as vscode.l10n.t does. */
export function format(message: string, args: ReadonlyArray<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const i = Number(index);
    return i < args.length ? String(args[i]) : whole;
  });
}

/** The source language. */
export const english: Translate = (message, ...args) => format(message, args);

/** A pseudo-locale for tests: every translated string arrives as ⟦…⟧. */
export const pseudo: Translate = (message, ...args) => `⟦${format(message, args)}⟧`;
