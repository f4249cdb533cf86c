import { termWords, type Term } from '../../shared/query';
import type { Snippet } from '../../shared/schemas';
import type { Vocabulary } from './vocabulary';

/** Markers FTS5 puts around hits; import strips control characters, so they never occur in a body. */
export const OPEN = '\u0001';
export const CLOSE = '\u0002';

/** A token as an FTS5 string: in double quotes, its own double quotes doubled. */
export const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

export interface ExpandedTerm {
  /** The FTS5 expression for this term, other forms included, or null when the corpus has no such word. */
  fts: string | null;
  /** The same, for the forms as typed only (a prefix's words, a fuzzy word itself): ranked first. */
  exactFts: string | null;
  /** The body terms it stands for, other forms included: what a reader marks. */
  exact: string[];
}

/** Other corpus forms of a word ("contractors" for "contractor"); see word-forms.ts. */
export type FormsOf = (word: string) => string[];

function nearPart(term: Term): string {
  if (term.kind === 'phrase') return quote(term.words.join(' '));
  if (term.kind === 'word') return term.prefix ? `${quote(term.text)} *` : quote(term.text);
  return term.parts.map(nearPart).join(' ');
}

/** Turns a parsed term into exact FTS5 terms, expanding prefix, fuzzy and stemmed ones through the vocabulary. */
export function expandTerm(term: Term, vocab: Vocabulary, forms: FormsOf = () => []): ExpandedTerm {
  if (term.kind === 'phrase') {
    const fts = quote(term.words.join(' '));
    return { fts, exactFts: fts, exact: term.words };
  }
  if (term.kind === 'near') {
    const fts = `NEAR(${term.parts.map(nearPart).join(' ')}, ${term.distance})`;
    return { fts, exactFts: fts, exact: termWords(term) };
  }
  if (!term.prefix && !term.fuzzy) {
    const others = term.stem ? forms(term.text) : [];
    const all = [term.text, ...others];
    return { fts: all.length === 1 ? quote(term.text) : `(${all.map(quote).join(' OR ')})`, exactFts: quote(term.text), exact: all };
  }
  const exact = term.prefix ? vocab.expandPrefix(term.text) : vocab.expandFuzzy(term.text, term.fuzzy);
  if (exact.length === 0) return { fts: null, exactFts: null, exact };
  const fts = exact.length === 1 ? quote(exact[0]!) : `(${exact.map(quote).join(' OR ')})`;
  // A fuzzy term ranks the word as typed above its variants; every word of a prefix is as typed.
  const exactFts = term.prefix ? fts : exact.includes(term.text) ? quote(term.text) : null;
  return { fts, exactFts, exact };
}

/** An OR of terms; null when none of them occurs in any body. */
export function orExpression(terms: ExpandedTerm[]): string | null {
  const parts = terms.map((t) => t.fts).filter((x): x is string => x !== null);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** Strips FTS5's markers, returning the plain text and where each marked run lies in it. */
export function parseMarked(marked: string): Snippet {
  const marks: Array<[number, number]> = [];
  let text = '';
  let open = -1;
  for (const ch of marked) {
    if (ch === OPEN) open = text.length;
    else if (ch === CLOSE) {
      if (open >= 0) marks.push([open, text.length]);
      open = -1;
    } else text += ch;
  }
  return { text, marks };
}

/** Like parseMarked, for a whole body, without rebuilding the string character by character. */
export function markedRanges(marked: string): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  let removed = 0;
  let start = -1;
  for (let i = marked.indexOf(OPEN); i >= 0 || start >= 0; ) {
    if (start < 0) {
      if (i < 0) break;
      start = i - removed;
      removed += 1;
      i = marked.indexOf(CLOSE, i + 1);
      if (i < 0) break;
    } else {
      ranges.push({ start, end: i - removed });
      removed += 1;
      start = -1;
      i = marked.indexOf(OPEN, i + 1);
    }
  }
  return ranges;
}

/** The opening of a body, for results that matched only in a title, tag or note. */
export function leadSnippet(body: string, max = 200): Snippet {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return { text: flat, marks: [] };
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return { text: `${space > max / 2 ? cut.slice(0, space) : cut}…`, marks: [] };
}
