import { tokenize } from '../../electron/shared/text/normalize';
import { seeded } from './corpus';

export type QueryKind = 'single' | 'two' | 'phrase' | 'prefix' | 'fuzzy' | 'sentence';
export const KINDS: QueryKind[] = ['single', 'two', 'phrase', 'prefix', 'fuzzy', 'sentence'];

/** What to look for, in words; each engine writes it in its own syntax. */
export interface BenchQuery {
  kind: QueryKind;
  words: string[];
  /** For fuzzy: the misspelt word and the distance. */
  distance?: number;
}

const WORD = /^[a-z]{4,}$/;

/** Queries drawn from the corpus itself: mid-frequency words, words that co-occur, real adjacent pairs, misspellings. */
export function makeQueries(docs: string[], perKind = 200): BenchQuery[] {
  const random = seeded(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const sample = Array.from({ length: Math.min(3000, docs.length) }, () => tokenize(pick(docs)));
  const df = new Map<string, number>();
  for (const tokens of sample) for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const mid = (t: string) => WORD.test(t) && (df.get(t) ?? 0) >= 3 && (df.get(t) ?? 0) <= sample.length * 0.1;
  const midTerms = [...df.keys()].filter(mid);
  const out: BenchQuery[] = [];
  for (let i = 0; i < perKind; i++) out.push({ kind: 'single', words: [pick(midTerms)] });
  for (let i = 0; out.length < perKind * 2; i++) {
    const terms = [...new Set(pick(sample).filter(mid))];
    if (terms.length >= 2) {
      const a = pick(terms);
      const b = pick(terms.filter((t) => t !== a));
      out.push({ kind: 'two', words: [a, b] });
    }
  }
  for (let i = 0; out.length < perKind * 3; i++) {
    const tokens = pick(sample);
    const at = Math.floor(random() * Math.max(1, tokens.length - 1));
    const a = tokens[at];
    const b = tokens[at + 1];
    if (a && b && /^[a-z]{3,}$/.test(a) && /^[a-z]{3,}$/.test(b)) out.push({ kind: 'phrase', words: [a, b] });
  }
  for (let i = 0; i < perKind; i++) out.push({ kind: 'prefix', words: [pick(midTerms).slice(0, 4)] });
  const long = midTerms.filter((t) => t.length >= 6);
  for (let i = 0; i < perKind; i++) {
    const t = pick(long);
    const at = 1 + Math.floor(random() * (t.length - 2));
    const swap = t[at] === 'e' ? 'a' : 'e';
    out.push({ kind: 'fuzzy', words: [t.slice(0, at) + swap + t.slice(at + 1)], distance: 1 });
  }
  // Free text: 6 to 12 running words of a document, as someone pastes a claim to find its sources.
  while (out.length < perKind * 6) {
    const tokens = pick(sample).filter((t) => /^[a-z]{2,}$/.test(t));
    if (tokens.length < 14) continue;
    const n = 6 + Math.floor(random() * 7);
    const at = Math.floor(random() * (tokens.length - n));
    out.push({ kind: 'sentence', words: tokens.slice(at, at + n) });
  }
  return out;
}

/** The same query in the workbench's own language. */
export function workbenchSyntax(q: BenchQuery): string {
  switch (q.kind) {
    case 'phrase':
      return `"${q.words.join(' ')}"`;
    case 'prefix':
      return `${q.words[0]}*`;
    case 'fuzzy':
      return `${q.words[0]}~${q.distance}`;
    default:
      return q.words.join(' ');
  }
}
