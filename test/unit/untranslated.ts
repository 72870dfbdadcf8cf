/**
 * Finding UI text that bypassed translation: render with the `pseudo` locale (every translated
 * string arrives as ⟦…⟧), then strip the ⟦…⟧ runs and the catalog's own text (data, never
 * translated); anything left that is more than punctuation, digits and spaces is untranslated.
 */

/** Every string value in these objects, longest first (catalog text is data). */
export function dataTexts(...sources: unknown[]): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.trim().length > 1 && !v.includes('⟦')) out.add(v.toLowerCase());
    } else if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (typeof v === 'object' && v !== null) {
      Object.values(v).forEach(walk);
    }
  };
  sources.forEach(walk);
  return [...out].sort((a, b) => b.length - a.length);
}

/** The untranslated rest of `text` (undefined when there is none). */
export function untranslated(text: string, data: readonly string[]): string | undefined {
  let rest = text;
  for (let before = ''; before !== rest; ) {
    before = rest;
    rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
  }
  rest = rest.toLowerCase();
  for (const d of data) if (rest.includes(d)) rest = rest.split(d).join(' ');
  return /^[\s\p{P}\p{S}\d]*$/u.test(rest) ? undefined : rest.trim();
}
