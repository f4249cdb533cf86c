import type { Db } from '../db/open';
import { tokenize } from '../../shared/text/normalize';

/**
 * FTS5's bm25() for plain words in a few documents, read from their text instead of from FTS5.
 *
 * FTS5 works out bm25 for every document a query matches, and before the first one it counts
 * the documents of each word by reading its whole list: for a sentence of common words at
 * 100,000 documents that was a third of the query's time. The ranking needs the exact share of
 * a common word only in the documents that can reach the page shown (ranked.ts): here, a word's
 * occurrences are counted in their text, the length comes from FTS5's own table of lengths, and
 * the document count from its vocabulary, so the share is FTS5's, to rounding.
 *
 *   share = Σ over the word's forms of idf × tf × (k1 + 1) / (tf + k1 × (1 − b + b × length / average length))
 *
 * with FTS5's k1 = 1.2 and b = 0.75, and its idf = ln((N − n + 0.5) / (n + 0.5)), kept above 0.
 */
const K1 = 1.2;
const B = 0.75;
/**
 * Characters read per call, at most: about 40 ms of tokenising. Documents past it (a book among
 * the first fifty) keep the estimate the caller had for them.
 */
const MAX_CHARS = 2_000_000;

export interface WordForms {
  /** The body terms a group stands for (the word and its other forms), folded as FTS5 indexes them. */
  forms: string[];
}

/**
 * For each document, each group's bm25 share (0 where it has none of the forms), in the order of
 * `ids` until MAX_CHARS of text have been read; the documents left out are not in the answer.
 */
export function textShares(db: Db, ids: number[], groups: WordForms[], documents: (term: string) => number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  if (!ids.length || !groups.length) return out;
  const { rows, tokens } = totals(db);
  if (!rows || !tokens) return out;
  const average = tokens / rows;
  const idf = new Map<string, number>();
  for (const g of groups) for (const f of g.forms) if (!idf.has(f)) idf.set(f, fts5Idf(rows, documents(f)));
  const lengths = new Map(
    (db.prepare('SELECT id, sz FROM documents_fts_docsize WHERE id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(ids)) as Array<[number, Buffer]>).map(
      ([id, sz]) => [id, varint(sz, 0).value],
    ),
  );
  // In the order given (json_each keeps it), each body read once, until the budget is spent.
  const bodies = db
    .prepare('SELECT d.id, d.body FROM json_each(?) AS j JOIN documents d ON d.id = j.value ORDER BY j.key')
    .raw()
    .iterate(JSON.stringify(ids)) as IterableIterator<[number, string]>;
  let chars = 0;
  for (const [id, body] of bodies) {
    if ((chars += body.length) > MAX_CHARS) break;
    const tf = new Map<string, number>();
    for (const t of tokenize(body)) if (idf.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
    const norm = K1 * (1 - B + (B * (lengths.get(id) ?? average)) / average);
    out.set(
      id,
      groups.map((g) => g.forms.reduce((n, f) => {
        const k = tf.get(f) ?? 0;
        return k ? n + (idf.get(f)! * k * (K1 + 1)) / (k + norm) : n;
      }, 0)),
    );
  }
  return out;
}

/** FTS5's idf in bm25() for a term in `n` of `rows` documents, which it keeps above zero. */
export const fts5Idf = (rows: number, n: number): number => Math.max(1e-6, Math.log((rows - n + 0.5) / (n + 0.5)));

/** The documents and tokens FTS5 counts for bm25: its averages record (row 1 of the data table). */
function totals(db: Db): { rows: number; tokens: number } {
  const block = db.prepare('SELECT block FROM documents_fts_data WHERE id = 1').pluck().get() as Buffer | undefined;
  if (!block) return { rows: 0, tokens: 0 };
  const rows = varint(block, 0);
  return { rows: rows.value, tokens: varint(block, rows.next).value };
}

/** SQLite's variable-length integer, as FTS5 writes its counts. */
function varint(buf: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  for (let i = 0; i < 9 && at + i < buf.length; i++) {
    const byte = buf[at + i]!;
    if (i === 8) return { value: value * 256 + byte, next: at + 9 };
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) return { value, next: at + i + 1 };
  }
  return { value, next: buf.length };
}
