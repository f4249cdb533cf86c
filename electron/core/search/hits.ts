import type { Db } from '../db/open';
import type { HitRange } from '../../shared/schemas';
import { tokenSpans } from '../../shared/text/normalize';
import { markedRanges } from './fts';

/** The reader steps through at most this many hits of one document. */
export const MAX_HITS = 5_000;
/** Above this, hits are found here rather than by FTS5's highlight() (see below). */
export const LONG_DOCUMENT_BYTES = 256 * 1024;

export interface HitTerms {
  /** The FTS5 expression of every positive term, or null when none occurs anywhere. */
  any: string | null;
  /** Exact single words (prefix and fuzzy ones expanded). */
  words: string[];
  /** Phrases, as folded words. */
  phrases: string[][];
}

/** Word and phrase occurrences found by walking the text once: linear in its length. */
function scanRanges(body: string, terms: HitTerms): HitRange[] {
  const words = new Set(terms.words);
  const phrases = terms.phrases.filter((p) => p.length > 1);
  const recent: Array<{ term: string; start: number; end: number }> = [];
  const longest = Math.max(1, ...phrases.map((p) => p.length));
  const out: HitRange[] = [];
  for (const t of tokenSpans(body)) {
    recent.push(t);
    if (recent.length > longest) recent.shift();
    if (words.has(t.term)) out.push({ start: t.start, end: t.end });
    for (const p of phrases) {
      if (recent.length < p.length) continue;
      const tail = recent.slice(recent.length - p.length);
      if (tail.every((x, i) => x.term === p[i])) out.push({ start: tail[0]!.start, end: t.end });
    }
    if (out.length >= MAX_HITS) break;
  }
  return out;
}

/**
 * Character offsets of every hit in one document, in order, at most MAX_HITS. FTS5's
 * highlight() gives them exactly but slows with the square of the hits (31 s for a
 * 10 MB text with 147k hits), so long documents are walked here instead.
 */
export function documentHits(db: Db, documentId: number, terms: HitTerms): HitRange[] {
  if (!terms.any) return [];
  const size = db.prepare('SELECT size_bytes FROM documents WHERE id = ?').pluck().get(documentId) as number | undefined;
  if (size === undefined) return [];
  if (size > LONG_DOCUMENT_BYTES) {
    const body = db.prepare('SELECT body FROM documents WHERE id = ?').pluck().get(documentId) as string;
    return scanRanges(body, terms);
  }
  // FTS5 ignores a rowid constraint bound as a REAL, which is how a JS number arrives:
  // without the CAST this returned the first matching document's hits, whatever the id.
  const marked = db
    .prepare('SELECT highlight(documents_fts, 0, char(1), char(2)) FROM documents_fts WHERE documents_fts MATCH ? AND rowid = CAST(? AS INTEGER)')
    .pluck()
    .get(terms.any, documentId) as string | undefined;
  return marked ? markedRanges(marked).slice(0, MAX_HITS) : [];
}
