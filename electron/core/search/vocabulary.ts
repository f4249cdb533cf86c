import SearchableMap from 'minisearch/SearchableMap';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open';
import { DocSets } from './doc-sets';

/** How many exact terms a prefix or fuzzy term may expand into before FTS5 is asked. */
export const MAX_PREFIX_EXPANSIONS = 48;
export const MAX_FUZZY_EXPANSIONS = 24;
const LONGEST_FUZZY_WORD = 30;
const MEMO_SIZE = 10_000;

/**
 * The corpus vocabulary: every distinct term of the document bodies, with the number of
 * documents it occurs in, as FTS5 itself keeps it (the fts5vocab table), so it can never
 * disagree with the postings.
 *
 * - Prefixes (`wag*`) and completions read it with a range scan: measured at 100k
 *   documents, 0.4 ms for `wag`, 19 ms for `a`, with nothing to load.
 * - Fuzzy terms (`peskov~`) need every term within an edit distance, which a scan
 *   cannot answer quickly; for those the words (terms without digits) are loaded once
 *   into MiniSearch's radix tree, whose fuzzyGet walks only the branches in reach.
 */
export class Vocabulary {
  private words: SearchableMap<number> | null = null;
  private prepared = false;
  private dfStatement: Statement | null = null;

  /** What is worked out from the vocabulary (word forms, the stemmed languages), until it changes. */
  private memo = new Map<string, unknown>();

  /** The documents of common words, read once until the bodies change (doc-sets.ts). */
  readonly sets: DocSets;

  constructor(private readonly db: Db) {
    this.sets = new DocSets(db);
  }

  /**
   * The value for `key`, computed once until the bodies change: someone typing a query plans
   * its earlier words again at each keystroke.
   */
  remember<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    if (this.memo.size >= MEMO_SIZE) this.memo.clear();
    this.memo.set(key, value);
    return value;
  }

  private table(): void {
    if (this.prepared) return;
    this.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.documents_vocab USING fts5vocab(main, 'documents_fts', 'row')");
    this.prepared = true;
  }

  /** The most widespread terms starting with `prefix`. */
  expandPrefix(prefix: string, limit = MAX_PREFIX_EXPANSIONS): string[] {
    return this.suggest(prefix, limit).map((s) => s.term);
  }

  /**
   * Like expandPrefix, for words only (no digits), from the word list once it is loaded: at
   * 100,000 documents the fts5vocab range scan, which counts each term's documents as it
   * goes, took 140 ms a query for the word forms of a sentence.
   */
  wordsStartingWith(prefix: string, limit: number): string[] {
    if (!this.words || !prefix) return this.expandPrefix(prefix, limit);
    const found: Array<[string, number]> = [];
    for (const [term, df] of this.words.atPrefix(prefix)) found.push([term, df]);
    found.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return found.slice(0, limit).map(([term]) => term);
  }

  /** Completions for what someone is typing, most widespread first. */
  suggest(prefix: string, limit = 10): Array<{ term: string; documents: number }> {
    if (!prefix) return [];
    this.table();
    return this.db
      .prepare('SELECT term, doc AS documents FROM temp.documents_vocab WHERE term >= ? AND term < ? ORDER BY doc DESC, term LIMIT ?')
      .all(prefix, `${prefix}\u{10ffff}`, limit) as Array<{ term: string; documents: number }>;
  }

  /**
   * How many documents hold the term. Words come from the loaded word list (fts5vocab
   * scans its whole table for `term = ?`); terms with digits, which the list leaves out,
   * by a range scan.
   */
  documentFrequency(term: string): number {
    if (!/\d/.test(term) && term.length <= LONGEST_FUZZY_WORD) {
      this.warm();
      return this.words!.get(term) ?? 0;
    }
    return this.lookUp(term);
  }

  /** Like documentFrequency, without loading the word list for it: one range read in fts5vocab. */
  frequencyNow(term: string): number {
    return this.words && !/\d/.test(term) && term.length <= LONGEST_FUZZY_WORD ? (this.words.get(term) ?? 0) : this.lookUp(term);
  }

  private lookUp(term: string): number {
    this.table();
    this.dfStatement ??= this.db.prepare('SELECT doc FROM temp.documents_vocab WHERE term >= ? AND term <= ? LIMIT 1').pluck();
    return (this.dfStatement.get(term, term) as number | undefined) ?? 0;
  }

  /**
   * A document's language was edited: which languages are stemmed, and so every word's forms,
   * are worked out again; the word list stays.
   */
  languagesChanged(): void {
    this.memo.clear();
  }

  /** Loads the words for fuzzy matching now rather than on the first fuzzy query. */
  warm(): void {
    if (this.words) return;
    this.table();
    const map = new SearchableMap<number>();
    const rows = this.db
      .prepare(`SELECT term, doc FROM temp.documents_vocab WHERE term NOT GLOB '*[0-9]*' AND length(term) <= ${LONGEST_FUZZY_WORD}`)
      .raw()
      .iterate() as Iterable<[string, number]>;
    for (const [term, df] of rows) map.set(term, df);
    this.words = map;
  }

  /** Words within `distance` edits of `term`, nearest first, then the most widespread. */
  expandFuzzy(term: string, distance: number, limit = MAX_FUZZY_EXPANSIONS): string[] {
    this.warm();
    const hits = [...this.words!.fuzzyGet(term, distance)].map(([t, [df, d]]) => ({ t, df, d }));
    hits.sort((a, b) => a.d - b.d || b.df - a.df || a.t.localeCompare(b.t));
    return hits.slice(0, limit).map((h) => h.t);
  }

  /** The bodies changed (an import, a deletion): reload the words on the next fuzzy query. */
  invalidate(): void {
    this.words = null;
    this.memo.clear();
    this.sets.clear();
  }
}
