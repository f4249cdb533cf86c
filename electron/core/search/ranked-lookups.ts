import type { Db } from '../db/open';

/**
 * The FTS5 lookups of ranked.ts. Which documents hold a word is read as bare rowids, and
 * bm25 once for all the words ORed: FTS5's bm25() costs several microseconds a row (each
 * row reads the document's length), a rowid a fraction of one. bm25 of an OR is the sum
 * of each word's share, so one lookup gives what one per word gave.
 */

const TABLE = 'documents_fts';

/** Every document whose body matches `expr`. */
export function idsOf(db: Db, expr: string, table = TABLE): Set<number> {
  return new Set(db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck().all(expr) as number[]);
}

/** How many documents match `expr`, counted inside SQLite. */
export function countOf(db: Db, expr: string): number {
  return db.prepare(`SELECT count(*) FROM ${TABLE} WHERE ${TABLE} MATCH ?`).pluck().get(expr) as number;
}

/** bm25 of `expr` for each document it matches, higher better (FTS5's is negative). */
export function bm25Of(db: Db, expr: string | null, table = TABLE): Map<number, number> {
  const out = new Map<number, number>();
  if (!expr) return out;
  const rows = db.prepare(`SELECT rowid, bm25(${table}) FROM ${table} WHERE ${table} MATCH ?`).raw().all(expr) as Array<[number, number]>;
  for (const [id, rank] of rows) out.set(id, -rank);
  return out;
}

/** `a OR b OR …` of FTS5 expressions, each in brackets; null for none. */
export function anyOf(exprs: Array<string | null>): string | null {
  const parts = exprs.filter((x): x is string => x !== null);
  return parts.length ? parts.map((p) => `(${p})`).join(' OR ') : null;
}
