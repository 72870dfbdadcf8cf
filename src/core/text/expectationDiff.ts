/**
 * What the next level's expectation says that the current one does not: a crude word stemmer, a
 * sentence splitter and a word-level diff that ignores function words (./stopwords.ts). Pure and
 * language-agnostic in its interface; the word lists are English, as the seed matrices are.
 */
import { STOPWORDS } from './stopwords';

/** A run of text in an expectation sentence; `added` marks words the previous level does not mention. */
export interface Segment {
  text: string;
  added: boolean;
}

export interface GapPoint {
  text: string;
  segments: Segment[];
  /** True when every content word already appears at the current level. */
  covered: boolean;
}

const TOKEN = /[A-Za-z0-9][A-Za-z0-9+#&/.'’-]*[A-Za-z0-9+#]|[A-Za-z0-9]/g;

/** A crude stem, so that "trains", "training" and "trained" compare equal. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length <= 3 || /[^a-z]/.test(w)) return w;
  for (const suffix of ['izations', 'ization', 'ations', 'ation', 'ings', 'ing', 'ers', 'er', 'ied', 'ies', 'ed', 'es', 's', 'ly']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function contentStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(TOKEN)) {
    const lower = m[0].toLowerCase();
    if (STOPWORDS.has(lower)) continue;
    out.add(stem(lower));
    // "MLflow/W&B" also mentions "MLflow"; "nn.Module" also "Module".
    for (const part of lower.split(/[/.]/)) if (part && part !== lower && !STOPWORDS.has(part)) out.add(stem(part));
  }
  return out;
}

/** Splits an expectation into sentences. */
export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z(“"])/)
    .filter((s) => s.length > 0);
}

/**
 * What `next` says that `current` does not: each sentence of `next` split into segments, with the
 * content words the current text never mentions marked `added` (runs of them merged into one
 * phrase), and the distinct added phrases in order.
 */
export function expectationDiff(current: string, next: string): { points: GapPoint[]; newTerms: string[] } {
  const known = contentStems(current);
  const newTerms: string[] = [];
  const seen = new Set<string>();
  const points = sentences(next).map((sentence): GapPoint => {
    const segments: Segment[] = [];
    let last = 0;
    let contentWords = 0;
    let addedWords = 0;
    const push = (text: string, added: boolean) => {
      if (!text) return;
      const prev = segments[segments.length - 1];
      if (prev && prev.added === added) prev.text += text;
      else segments.push({ text, added });
    };
    for (const m of sentence.matchAll(TOKEN)) {
      const word = m[0];
      const at = m.index ?? 0;
      const between = sentence.slice(last, at);
      const lower = word.toLowerCase();
      const isContent = !STOPWORDS.has(lower) && !/^\d+$/.test(word);
      const added = isContent && !known.has(stem(lower));
      if (isContent) contentWords++;
      if (added) addedWords++;
      // A space or hyphen between two added words belongs to the phrase ("early stopping").
      const prev = segments[segments.length - 1];
      push(between, added && prev?.added === true && /^[\s-]*$/.test(between) && between.length > 0);
      push(word, added);
      last = at + word.length;
    }
    push(sentence.slice(last), false);
    for (const s of segments) {
      if (!s.added) continue;
      const key = s.text.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        newTerms.push(s.text);
      }
    }
    return { text: sentence, segments, covered: contentWords > 0 && addedWords === 0 };
  });
  return { points, newTerms };
}
