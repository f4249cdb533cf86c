import type MiniSearch from 'minisearch';
import type { Query } from 'minisearch';
import type { Db } from '../db/open';
import type { ParsedQuery } from '../../shared/query';
import type { DocumentHit, MatchField, NoteHit, Snippet } from '../../shared/schemas';
import { leadSnippet, parseMarked } from './fts';
import { LONG_DOCUMENT_BYTES } from './hits';
import { keyId, type PersonalEntry } from './personal-index';
import { msQuery, type Plan } from './query-plan';
import { tagRefs } from '../services/tag-refs';
import { snippetAround, tokenSpans } from '../../shared/text/normalize';

/** What the engine hands out for each document, note and highlight found: metadata, a marked snippet, a score. */

/** Beyond this many terms ORed, snippets are cut in JavaScript instead of by FTS5. */
const LINEAR_SNIPPET_TERMS = 6;

const isNote = (r: { id: unknown }) => String(r.id).startsWith('n:');

/** What a search adds to a document's metadata for one hit. */
export type HitInfo = {
  score: number;
  matchedIn: MatchField[];
  terms?: string[];
  missing?: string[];
  passage?: DocumentHit['passage'];
  snippet?: Snippet;
};

export function searchNotes(db: Db, parsed: ParsedQuery, index: MiniSearch<PersonalEntry>): NoteHit[] {
  // The index holds notes beside 100,000 documents' titles: searching it for notes costs 9 ms there.
  if (parsed.groups.length === 0 || !db.prepare('SELECT EXISTS (SELECT 1 FROM notes)').pluck().get()) return [];
  const query: Query = { combineWith: 'AND', queries: parsed.groups.map((g) => ({ combineWith: 'OR', queries: g.map(msQuery) })) };
  const hits = index.search(query, { filter: isNote }).slice(0, 50);
  if (hits.length === 0) return [];
  const rows = db
    .prepare('SELECT id, body, document_id AS documentId, highlight_id AS highlightId FROM notes WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(hits.map((h) => keyId(String(h.id))))) as Array<{ id: number; body: string; documentId: number | null; highlightId: number | null }>;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const row = byId.get(keyId(String(h.id)));
    if (!row) return [];
    return [{ id: row.id, documentId: row.documentId, highlightId: row.highlightId, score: round(h.score), snippet: markTerms(leadSnippet(row.body, 240).text, h.terms) }];
  });
}

export function hydrate(
  db: Db,
  ids: number[],
  plan: Pick<Plan, 'any' | 'terms'>,
  info: (id: number) => HitInfo,
): DocumentHit[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  const rows = db
    .prepare(
      `SELECT id, file_name AS fileName, title, outlet, author, published, url, substr(body, 1, 600) AS lead
       FROM documents WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .all(json) as Array<Omit<DocumentHit, 'score' | 'snippet' | 'matchedIn' | 'tags'> & { lead: string }>;
  const snippets = new Map<number, Snippet>();
  if (plan.any) {
    // FTS5's snippet() slows with the square of a document's hits (5 s for a 2 MB text
    // with 30k hits); long documents get a linear snippet around their first hit.
    // So does a query of many words ORed, where FTS5 reads every document holding any of them.
    const manyWords = plan.any.split(' OR ').length > LINEAR_SNIPPET_TERMS;
    const long = new Set(
      manyWords
        ? ids
        : (db.prepare('SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?)) AND size_bytes > ?').pluck().all(json, LONG_DOCUMENT_BYTES) as number[]),
    );
    const short = ids.filter((id) => !long.has(id));
    const marked = db
      .prepare(`SELECT rowid AS id, snippet(documents_fts, 0, char(1), char(2), '…', 24) AS s FROM documents_fts
                WHERE documents_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`)
      .all(plan.any, JSON.stringify(short)) as Array<{ id: number; s: string }>;
    marked.forEach((m) => snippets.set(m.id, parseMarked(m.s)));
    const words = plan.terms;
    const bodyOf = db.prepare('SELECT body FROM documents WHERE id = ?').pluck();
    for (const id of long) {
      const body = bodyOf.get(id) as string;
      const s = snippetAround(body, words);
      if (s) snippets.set(id, s);
    }
  }
  const tags = tagRefs(db, 'document', ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { lead, ...meta } = row;
    const { score, matchedIn, terms, missing, passage, snippet: given } = info(id);
    const snippet = given ?? snippets.get(id) ?? personalSnippet(db, id, terms ?? []) ?? leadSnippet(lead);
    const hit: DocumentHit = { ...meta, score: round(score), snippet, matchedIn, tags: tags.get(id) ?? [], missing: missing ?? [] };
    return [passage ? { ...hit, passage } : hit];
  });
}

/** For a document found by its highlights or notes: the passage or note that matched. */
function personalSnippet(db: Db, id: number, terms: string[]): Snippet | null {
  if (terms.length === 0) return null;
  const texts = db
    .prepare(
      `SELECT quote AS t FROM highlights WHERE document_id = ?
       UNION ALL SELECT body FROM notes WHERE document_id = ? OR highlight_id IN (SELECT id FROM highlights WHERE document_id = ?)`,
    )
    .pluck()
    .all(id, id, id) as string[];
  for (const text of texts) {
    const marked = markTerms(leadSnippet(text, 240).text, terms);
    if (marked.marks.length) return marked;
  }
  return null;
}

export function round(n: number): number {
  return Number(n.toPrecision(5));
}

/** Marks the given folded terms in a plain snippet (used for notes, which are not in FTS5). */
export function markTerms(text: string, terms: string[]): Snippet {
  const wanted = new Set(terms);
  const marks: Array<[number, number]> = [];
  for (const t of tokenSpans(text)) if (wanted.has(t.term)) marks.push([t.start, t.end]);
  return { text, marks };
}
