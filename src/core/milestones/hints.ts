/**
 * Graduated hints of a milestone: how many are revealed after one more Show Hint, and the
 * Markdown page that shows the revealed ones. Pure; UI text through `Translate` (the hints
 * themselves are template content and are not translated).
 */
import type { Translate } from '../l10n';

/** The revealed count after one more Show Hint: one more, never past the last hint. */
export function nextHintCount(revealed: number | undefined, total: number): number {
  return Math.max(0, Math.min(total, (revealed ?? 0) + 1));
}

/** Markdown: the milestone's title, then hints 1…revealed, then how many remain. */
export function hintsMarkdown(t: Translate, title: string, hints: readonly string[], revealed: number): string {
  const shown = hints.slice(0, Math.max(0, Math.min(revealed, hints.length)));
  const out = [`# ${t('Hints: {0}', title.replace(/[\r\n]+/g, ' '))}`, ''];
  shown.forEach((h, i) => out.push(`## ${t('Hint {0} of {1}', i + 1, hints.length)}`, '', h.trim(), ''));
  const left = hints.length - shown.length;
  out.push(
    left > 0
      ? `_${t('{0} more hint(s): run Show Hint again for the next one.', left)}_`
      : `_${t('That was the last hint. Compare with Reference Solution shows a worked solution.')}_`,
    '',
  );
  return out.join('\n');
}
