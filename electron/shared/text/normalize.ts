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

/**
 * A snippet around the first place any of `terms` (folded) occurs, with each occurrence
 * in it marked: linear in the text, for documents too long for FTS5's snippet(), whose
 * cost grows with the square of the hits in one document.
 */
export function snippetAround(text: string, terms: string[], radius = 12): { text: string; marks: Array<[number, number]> } | null {
  const wanted = new Set(terms);
  const window: Array<{ term: string; start: number; end: number }> = [];
  let hitAt = -1;
  for (const t of tokenSpans(text)) {
    window.push(t);
    if (hitAt < 0) {
      if (wanted.has(t.term)) hitAt = window.length - 1;
      else if (window.length > radius) window.shift();
    } else if (window.length - 1 - hitAt >= radius) break;
  }
  if (hitAt < 0) return null;
  const first = window[0]!;
  const last = window[window.length - 1]!;
  const prefix = first.start > 0 ? '…' : '';
  const suffix = last.end < text.length ? '…' : '';
  const marks: Array<[number, number]> = window
    .filter((t) => wanted.has(t.term))
    .map((t) => [t.start - first.start + prefix.length, t.end - first.start + prefix.length]);
  return { text: `${prefix}${text.slice(first.start, last.end).replace(/\s/g, ' ')}${suffix}`, marks };
}
