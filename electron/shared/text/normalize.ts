/**
 * Folding and tokenising that match SQLite FTS5's `unicode61 remove_diacritics 2`
 * tokenizer closely enough that a term seen by MiniSearch is the term FTS5 stores.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/** Lower-cases and strips diacritics: `Guaidó` → `guaido`, `NICOLÁS` → `nicolas`. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
}

/** Splits text into folded tokens as FTS5's unicode61 tokenizer would. */
export function tokenize(text: string): string[] {
  return fold(text).match(TOKEN) ?? [];
}

/** Yields each folded token with its character span in the original text. */
export function* tokenSpans(text: string): Generator<{ term: string; start: number; end: number }> {
  const re = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const term = fold(m[0]);
    if (term) yield { term, start: m.index, end: m.index + m[0].length };
  }
}
