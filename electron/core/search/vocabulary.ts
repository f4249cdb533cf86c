import SearchableMap from 'minisearch/SearchableMap';
import type { Db } from '../db/open';
import { tokenize } from '../../shared/text/normalize';

/** How many exact terms a prefix or fuzzy term may expand into before FTS5 is asked. */
export const MAX_PREFIX_EXPANSIONS = 48;
export const MAX_FUZZY_EXPANSIONS = 24;

/**
 * Every distinct term of the document bodies, once, with the number of documents it
 * occurs in: a MiniSearch radix tree that turns `wag*` and `peskov~` into the exact terms
 * FTS5 knows. It is derived from FTS5's own vocabulary, so it can never disagree with
 * the postings; it is built on first use and kept up to date as documents come and go.
 */
export class Vocabulary {
  private map: SearchableMap<number> | null = null;

  constructor(private readonly db: Db) {}

  get loaded(): boolean {
    return this.map !== null;
  }

  private ensure(): SearchableMap<number> {
    if (this.map) return this.map;
    this.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.documents_vocab USING fts5vocab(main, 'documents_fts', 'row')");
    const map = new SearchableMap<number>();
    for (const row of this.db.prepare('SELECT term, doc FROM temp.documents_vocab').raw().iterate() as Iterable<[string, number]>) {
      map.set(row[0], row[1]);
    }
    this.map = map;
    return map;
  }

  /** Loads the vocabulary now rather than on the first prefix or fuzzy query. */
  warm(): void {
    this.ensure();
  }

  get size(): number {
    return this.ensure().size;
  }

  /** The most widespread terms starting with `prefix`. */
  expandPrefix(prefix: string, limit = MAX_PREFIX_EXPANSIONS): string[] {
    const found: Array<[string, number]> = [];
    for (const [term, df] of this.ensure().atPrefix(prefix)) found.push([term, df]);
    found.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return found.slice(0, limit).map(([t]) => t);
  }

  /** Terms within `distance` edits of `term`, nearest first, then the most widespread. */
  expandFuzzy(term: string, distance: number, limit = MAX_FUZZY_EXPANSIONS): string[] {
    const hits = [...this.ensure().fuzzyGet(term, distance)].map(([t, [df, d]]) => ({ t, df, d }));
    hits.sort((a, b) => a.d - b.d || b.df - a.df || a.t.localeCompare(b.t));
    return hits.slice(0, limit).map((h) => h.t);
  }

  /** Completions for what someone is typing, most widespread first. */
  suggest(prefix: string, limit = 10): Array<{ term: string; documents: number }> {
    const found: Array<{ term: string; documents: number }> = [];
    for (const [term, documents] of this.ensure().atPrefix(prefix)) found.push({ term, documents });
    found.sort((a, b) => b.documents - a.documents || a.term.localeCompare(b.term));
    return found.slice(0, limit);
  }

  documentFrequency(term: string): number {
    return this.ensure().get(term) ?? 0;
  }

  /** Call with a body that was just added (+1) or removed (-1). A no-op until first use. */
  update(body: string, delta: 1 | -1): void {
    if (!this.map) return;
    for (const term of new Set(tokenize(body))) {
      const next = (this.map.get(term) ?? 0) + delta;
      if (next > 0) this.map.set(term, next);
      else this.map.delete(term);
    }
  }
}
