import type MiniSearch from 'minisearch';
import type { Query } from 'minisearch';
import type { Db } from '../db/open';
import type { ParsedQuery, Term } from '../../shared/query';
import type { HighlightHit, Snippet } from '../../shared/schemas';
import { tokenSpans } from '../../shared/text/normalize';
import { tagRefs } from '../services/tag-refs';
import { buildFilters } from './filters';
import { keyId, type PersonalEntry } from './personal-index';

const MAX_HITS = 20;
const SNIPPET_CHARS = 240;

interface HighlightRow {
  id: number;
  documentId: number;
  documentTitle: string;
  start: number;
  end: number;
  quote: string;
  tagNames: string | null;
}

const isDoc = (r: { id: unknown }) => String(r.id).startsWith('d:');

/** The words a term stands for, as MiniSearch is asked for them; a term of an unknown kind asks for nothing. */
function termQuery(term: Term): Query | null {
  if (term.kind === 'word') return { queries: [term.text], prefix: term.prefix, fuzzy: term.fuzzy || false };
  if (term.kind === 'phrase') return { combineWith: 'AND', queries: term.words };
  return null;
}

/**
 * Which index terms each term matched in each document's highlights (quotes and their
 * tags): prefix and fuzzy terms come back expanded, so a single highlight can be checked.
 */
function matchedTerms(index: MiniSearch<PersonalEntry>, term: Term): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const q = termQuery(term);
  if (!q) return out;
  for (const r of index.search(q, { fields: ['highlights'], filter: isDoc })) out.set(keyId(String(r.id)), new Set(r.terms));
  return out;
}

function termIn(term: Term, tokens: string[], terms: Set<string> | undefined): boolean {
  if (!terms) return false;
  if (term.kind === 'phrase') {
    const w = term.words;
    for (let i = 0; i + w.length <= tokens.length; i++) if (w.every((x, k) => tokens[i + k] === x)) return true;
    return false;
  }
  return tokens.some((t) => terms.has(t));
}

function snippetOf(quote: string, marked: Set<string>): Snippet {
  const text = quote.length > SNIPPET_CHARS ? `${quote.slice(0, SNIPPET_CHARS)}…` : quote;
  const marks: Array<[number, number]> = [];
  for (const t of tokenSpans(text)) if (marked.has(t.term)) marks.push([t.start, t.end]);
  return { text, marks };
}

/**
 * Your highlights as search results: those whose quote or tags hold the query's words
 * (every group of a short query; most of them for a long one, as a pasted passage rarely
 * fits a highlight whole), none of its excluded words, in documents the query's filters
 * keep. Best first: most groups matched, then the shorter quote.
 */
export function highlightHits(db: Db, index: MiniSearch<PersonalEntry> | null, parsed: ParsedQuery): HighlightHit[] {
  if (!index || parsed.groups.length === 0 || !db.prepare('SELECT EXISTS (SELECT 1 FROM highlights)').pluck().get()) return [];
  const groups = parsed.groups.map((g) => g.map((t) => ({ term: t, docs: matchedTerms(index, t) })));
  const candidates = new Set<number>();
  for (const g of groups) for (const t of g) t.docs.forEach((_v, id) => candidates.add(id));
  if (candidates.size === 0) return [];

  const filters = buildFilters(db, index, parsed);
  const rows = db
    .prepare(
      `SELECT h.id, h.document_id AS documentId, d.title AS documentTitle, h.start_offset AS start, h.end_offset AS "end", h.quote,
         (SELECT group_concat(t.name, ' ') FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id WHERE ht.highlight_id = h.id) AS tagNames
       FROM highlights h JOIN documents d ON d.id = h.document_id
       WHERE h.document_id IN (SELECT value FROM json_each(?)) AND ${filters.where}`,
    )
    .all(JSON.stringify([...candidates]), ...filters.params) as HighlightRow[];

  const needed = groups.length <= 3 ? groups.length : Math.ceil(groups.length * 0.6);
  const excluded = parsed.excluded.map((t) => ({ term: t, words: t.kind === 'phrase' ? t.words : t.kind === 'word' ? [t.text] : [] }));
  const scored: Array<{ row: HighlightRow; groups: number; marked: Set<string> }> = [];
  for (const row of rows) {
    const tokens = [...tokenSpans(`${row.quote} ${row.tagNames ?? ''}`)].map((t) => t.term);
    if (excluded.some((x) => termIn(x.term, tokens, new Set(x.words)))) continue;
    const marked = new Set<string>();
    let matched = 0;
    for (const g of groups) {
      let hit = false;
      for (const { term, docs } of g) {
        const terms = docs.get(row.documentId);
        if (!termIn(term, tokens, terms)) continue;
        hit = true;
        for (const t of tokens) if (terms!.has(t)) marked.add(t);
      }
      if (hit) matched++;
    }
    if (matched >= needed) scored.push({ row, groups: matched, marked });
  }
  scored.sort((a, b) => b.groups - a.groups || a.row.quote.length - b.row.quote.length || a.row.id - b.row.id);
  const top = scored.slice(0, MAX_HITS);
  const tags = tagRefs(db, 'highlight', top.map((s) => s.row.id));
  return top.map(({ row, groups: n, marked }) => ({
    id: row.id,
    documentId: row.documentId,
    documentTitle: row.documentTitle,
    start: row.start,
    end: row.end,
    score: n,
    snippet: snippetOf(row.quote, marked),
    tags: tags.get(row.id) ?? [],
  }));
}
