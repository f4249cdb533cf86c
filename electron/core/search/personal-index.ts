import MiniSearch, { type Options, type Query, type SearchOptions, type SearchResult } from 'minisearch';
import type { Db } from '../db/open';
import { fold } from '../../shared/text/normalize';

/**
 * Bump when the fields, tokenizer or term processing change: a saved index of another
 * format is rebuilt on open.
 */
export const INDEX_FORMAT = 1;

export type PersonalField = 'title' | 'outlet' | 'author' | 'tags' | 'highlights' | 'notes';
export const PERSONAL_FIELDS: readonly PersonalField[] = ['title', 'outlet', 'author', 'tags', 'highlights', 'notes'];

/** One entry per document ("d:12") and one per note ("n:5"), so free notes are found too. */
export interface PersonalEntry {
  id: string;
  title?: string;
  outlet?: string;
  author?: string;
  tags?: string;
  highlights?: string;
  notes?: string;
}

const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

export const PERSONAL_OPTIONS: Options<PersonalEntry> = {
  idField: 'id',
  fields: [...PERSONAL_FIELDS],
  storeFields: [],
  tokenize: (text) => text.match(TOKEN) ?? [],
  processTerm: (term) => fold(term) || null,
  searchOptions: {
    boost: { title: 3, tags: 2.5, notes: 2, highlights: 2, author: 1.5, outlet: 1.5 },
  },
  autoVacuum: { batchSize: 2000, batchWait: 5, minDirtCount: 50, minDirtFactor: 0.1 },
};

export function createPersonalIndex(): MiniSearch<PersonalEntry> {
  return new MiniSearch<PersonalEntry>(PERSONAL_OPTIONS);
}

export async function loadPersonalIndex(json: string): Promise<MiniSearch<PersonalEntry>> {
  return MiniSearch.loadJSONAsync<PersonalEntry>(json, PERSONAL_OPTIONS);
}

export function loadPersonalIndexNow(json: string): MiniSearch<PersonalEntry> {
  return MiniSearch.loadJSON<PersonalEntry>(json, PERSONAL_OPTIONS);
}

export const docKey = (id: number): string => `d:${id}`;
export const noteKey = (id: number): string => `n:${id}`;
export const keyId = (key: string): number => Number(key.slice(2));

interface DocRow {
  id: number;
  title: string;
  outlet: string | null;
  author: string | null;
  tags: string | null;
  highlights: string | null;
  notes: string | null;
}

const ENTRY_SQL = `
  SELECT d.id, d.title, d.outlet, d.author,
    (SELECT group_concat(t.name, ' ') FROM document_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id = d.id) AS tags,
    (SELECT group_concat(h.quote || ' ' || coalesce(
        (SELECT group_concat(t.name, ' ') FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id WHERE ht.highlight_id = h.id), ''), ' ')
       FROM highlights h WHERE h.document_id = d.id) AS highlights,
    (SELECT group_concat(n.body, ' ') FROM notes n
       WHERE n.document_id = d.id OR n.highlight_id IN (SELECT id FROM highlights WHERE document_id = d.id)) AS notes
  FROM documents d`;

function toEntry(row: DocRow): PersonalEntry {
  const entry: PersonalEntry = { id: docKey(row.id), title: row.title };
  if (row.outlet) entry.outlet = row.outlet;
  if (row.author) entry.author = row.author;
  if (row.tags) entry.tags = row.tags;
  if (row.highlights) entry.highlights = row.highlights;
  if (row.notes) entry.notes = row.notes;
  return entry;
}

/** Reads the personal fields of the given documents (all when ids is omitted). */
export function readDocumentEntries(db: Db, ids?: number[]): PersonalEntry[] {
  if (ids && ids.length === 0) return [];
  const sql = ids ? `${ENTRY_SQL} WHERE d.id IN (SELECT value FROM json_each(?))` : ENTRY_SQL;
  const stmt = db.prepare(sql);
  const rows = (ids ? stmt.all(JSON.stringify(ids)) : stmt.all()) as DocRow[];
  return rows.map(toEntry);
}

export function readNoteEntries(db: Db, ids?: number[]): PersonalEntry[] {
  if (ids && ids.length === 0) return [];
  const base = 'SELECT id, body FROM notes';
  const stmt = db.prepare(ids ? `${base} WHERE id IN (SELECT value FROM json_each(?))` : base);
  const rows = (ids ? stmt.all(JSON.stringify(ids)) : stmt.all()) as Array<{ id: number; body: string }>;
  return rows.map((r) => ({ id: noteKey(r.id), notes: r.body }));
}

/** The documents a query matches by title, tag, note or highlight: each one's score, and the fields. */
export interface DocumentHits {
  scores: Map<number, number>;
  fields: Map<number, PersonalField[]>;
}

/**
 * Document hits per query, held for each index until it changes (upsert, remove). A word is
 * searched again at each keystroke of a sentence being typed, and a common one ("gcloud" in
 * the titles of 30,000 pages) took MiniSearch tens of milliseconds each time.
 */
const held = new WeakMap<MiniSearch<PersonalEntry>, { entries: number; hits: Map<string, DocumentHits> }>();
/** About 20 MB of hits at most; past it, the oldest queries' hits go. */
const MAX_HELD = 250_000;

/** What `query` matches among documents (not notes), from the index or as held since it last changed. */
export function documentHits(index: MiniSearch<PersonalEntry>, query: Query): DocumentHits {
  const key = JSON.stringify(query);
  let memo = held.get(index);
  if (!memo) held.set(index, (memo = { entries: 0, hits: new Map() }));
  const known = memo.hits.get(key);
  if (known) return known;
  const hits: DocumentHits = { scores: new Map(), fields: new Map() };
  for (const r of index.search(query, { filter: (x) => String(x.id).startsWith('d:') })) {
    const id = keyId(String(r.id));
    hits.scores.set(id, r.score);
    const fields: PersonalField[] = [];
    for (const term in r.match) for (const f of r.match[term]!) if (!fields.includes(f as PersonalField)) fields.push(f as PersonalField);
    hits.fields.set(id, fields);
  }
  for (const [oldKey, old] of memo.hits) {
    if (memo.entries + hits.scores.size <= MAX_HELD) break;
    memo.hits.delete(oldKey);
    memo.entries -= old.scores.size;
  }
  memo.hits.set(key, hits);
  memo.entries += hits.scores.size;
  return hits;
}

/** Lets go of the hits held for an index: a quiet workspace gives its memory back (memory.ts). */
export function forgetHits(index: MiniSearch<PersonalEntry>): void {
  held.delete(index);
}

/** Puts the current version of each entry into the index, replacing any older one. */
export function upsert(index: MiniSearch<PersonalEntry>, entries: PersonalEntry[]): void {
  held.delete(index);
  for (const entry of entries) {
    if (index.has(entry.id)) index.discard(entry.id);
    index.add(entry);
  }
}

export function remove(index: MiniSearch<PersonalEntry>, keys: string[]): void {
  held.delete(index);
  for (const key of keys) if (index.has(key)) index.discard(key);
}

export type { SearchOptions, SearchResult };
