import type MiniSearch from 'minisearch';
import type { Query } from 'minisearch';
import type { Db } from '../db/open';
import type { Term } from '../../shared/query';
import type { MatchField } from '../../shared/schemas';
import type { FilterSql } from './filters';
import type { ExpandedTerm } from './fts';
import { keyId, type PersonalEntry } from './personal-index';

/**
 * Ranking for a query of several plain words, where a document need not hold them all.
 *
 * Each word (an OR group counts as one) is looked up on its own in FTS5, so the engine
 * knows which words a document has and each word's bm25 share (bm25 adds up over the
 * words of a query, so the shares sum to bm25 of the words ORed). A document's score is
 *
 *   bm25 / best bm25  +  coverage × (idf of the words it has / idf of all the words)
 *
 * with a word found only in another form (contractors for contractor) counting `stemmed` of
 * its idf and `variant` of its bm25 (WEIGHTS). Documents with every word come first, whatever their
 * score; words found in a title, tag or note count as found.
 */
export const WEIGHTS = {
  // Measured on Cranfield (nDCG@10, bare bm25 0.332): coverage 0 → 0.342, 1 → 0.357, 3 → 0.358, 5 → 0.345.
  coverage: 3,
  stemmed: 0.85,
  variant: 0.8,
  /** The share of the title, tag and note index's score, over its best: 0 → 0.327, 0.5 → 0.355, 0.8 → 0.357, 1.2 → 0.347. */
  personal: 0.8,
};

export interface RankedGroup {
  /** As typed, for "Missing: obeyed". */
  raw: string;
  terms: Term[];
  expanded: ExpandedTerm[];
}

export interface RankInput {
  db: Db;
  index: MiniSearch<PersonalEntry> | null;
  optional: RankedGroup[];
  /** FTS5 expressions every listed document must match (phrases, +words, NEAR); null matches nothing. */
  required: Array<string | null>;
  excluded: string | null;
  filters: FilterSql;
  /** Leave out what matches only in boilerplate. */
  clean: boolean;
  msQuery: (term: Term) => Query;
}

export interface Ranked {
  id: number;
  score: number;
  all: boolean;
  missing: string[];
  matchedIn: MatchField[];
}

const isDoc = (r: { id: unknown }) => String(r.id).startsWith('d:');

function bm25Of(db: Db, table: string, expr: string | null): Map<number, number> {
  const out = new Map<number, number>();
  if (!expr) return out;
  const rows = db.prepare(`SELECT rowid, bm25(${table}) FROM ${table} WHERE ${table} MATCH ?`).raw().all(expr) as Array<[number, number]>;
  for (const [id, rank] of rows) out.set(id, -rank);
  return out;
}

function idsOf(db: Db, expr: string): Set<number> {
  return new Set(db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?').pluck().all(expr) as number[]);
}

/** Every document that matches at least one word, ranked; see the file's comment. */
export function rankPartial(input: RankInput): Ranked[] {
  const { db, optional } = input;
  const total = Math.max(1, db.prepare('SELECT count(*) FROM documents').pluck().get() as number);
  const table = 'documents_fts';
  const perGroup = optional.map((g) => {
    const full = g.expanded.map((e) => e.fts).filter((x): x is string => x !== null);
    const exact = g.expanded.map((e) => e.exactFts).filter((x): x is string => x !== null);
    const fullExpr = full.length ? full.join(' OR ') : null;
    const exactExpr = exact.length ? exact.join(' OR ') : null;
    const exactScores = bm25Of(db, table, exactExpr);
    // Other forms only where there are some: one more lookup.
    const all = fullExpr === exactExpr ? exactScores : bm25Of(db, table, fullExpr);
    const personal = new Map<number, number>();
    if (input.index) {
      const query = { combineWith: 'OR' as const, queries: g.terms.map(input.msQuery) };
      for (const r of input.index.search(query, { filter: isDoc })) personal.set(keyId(String(r.id)), r.score);
    }
    const df = new Set([...all.keys(), ...personal.keys()]).size;
    const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
    return { exactScores, all, personal, idf };
  });

  const candidates = new Set<number>();
  for (const g of perGroup) {
    g.all.forEach((_s, id) => candidates.add(id));
    g.personal.forEach((_s, id) => candidates.add(id));
  }
  let alive = [...candidates];
  for (const expr of input.required) {
    const must = expr === null ? new Set<number>() : idsOf(db, expr);
    alive = alive.filter((id) => must.has(id));
  }
  if (input.excluded) {
    const out = idsOf(db, input.excluded);
    alive = alive.filter((id) => !out.has(id));
  }
  if (!input.filters.none && alive.length) {
    const allowed = new Set(
      db
        .prepare(`SELECT d.id FROM documents d WHERE d.id IN (SELECT value FROM json_each(?)) AND ${input.filters.where}`)
        .pluck()
        .all(JSON.stringify(alive), ...input.filters.params) as number[],
    );
    alive = alive.filter((id) => allowed.has(id));
  }
  // With boilerplate left out, a document with boilerplate has a word only if its text without it has the word.
  let cleanHas: ((group: number, id: number) => boolean) | null = null;
  if (input.clean && alive.length) {
    const withFolds = new Set(db.prepare('SELECT id FROM documents WHERE boilerplate = 1').pluck().all() as number[]);
    const cleanSets = optional.map((g) => {
      const full = g.expanded.map((e) => e.fts).filter((x): x is string => x !== null);
      return full.length
        ? new Set(db.prepare('SELECT rowid FROM documents_clean_fts WHERE documents_clean_fts MATCH ?').pluck().all(full.join(' OR ')) as number[])
        : new Set<number>();
    });
    cleanHas = (group, id) => !withFolds.has(id) || cleanSets[group]!.has(id);
  }

  const idfSum = perGroup.reduce((n, g) => n + g.idf, 0) || 1;
  const raw = alive.map((id) => {
    let bm25 = 0;
    let covered = 0;
    let personal = 0;
    const missing: string[] = [];
    const fields = new Set<MatchField>();
    perGroup.forEach((g, i) => {
      const exact = g.exactScores.get(id);
      const any = g.all.get(id);
      const own = g.personal.get(id);
      const inBody = any !== undefined && (cleanHas === null || cleanHas(i, id));
      if (!inBody && own === undefined) {
        missing.push(optional[i]!.raw);
        return;
      }
      if (inBody) {
        fields.add('body');
        bm25 += exact !== undefined ? exact + WEIGHTS.variant * (any! - exact) : WEIGHTS.variant * any!;
      }
      if (own !== undefined) personal += own;
      covered += g.idf * (exact !== undefined || own !== undefined ? 1 : WEIGHTS.stemmed);
    });
    return { id, bm25, coverage: covered / idfSum, personal, missing, fields };
  });
  const present = raw.filter((r) => r.missing.length < optional.length);
  const bestBm25 = Math.max(1e-9, ...present.map((r) => r.bm25));
  const bestPersonal = Math.max(1e-9, ...present.map((r) => r.personal));
  const personalFields = personalFieldsOf(input, present.filter((r) => r.personal > 0).map((r) => r.id));
  return present
    .map((r) => ({
      id: r.id,
      score: r.bm25 / bestBm25 + WEIGHTS.coverage * r.coverage + WEIGHTS.personal * (r.personal / bestPersonal),
      all: r.missing.length === 0,
      missing: r.missing,
      matchedIn: [...r.fields, ...(personalFields.get(r.id) ?? [])],
    }))
    .sort((a, b) => Number(b.all) - Number(a.all) || b.score - a.score || a.id - b.id);
}

/** Which of a document's own fields matched, for the documents that matched in one. */
function personalFieldsOf(input: RankInput, ids: number[]): Map<number, MatchField[]> {
  const out = new Map<number, MatchField[]>();
  if (!input.index || ids.length === 0) return out;
  const wanted = new Set(ids);
  const query = { combineWith: 'OR' as const, queries: input.optional.flatMap((g) => g.terms.map(input.msQuery)) };
  for (const r of input.index.search(query, { filter: isDoc })) {
    const id = keyId(String(r.id));
    if (!wanted.has(id)) continue;
    const fields = new Set<MatchField>();
    for (const fs of Object.values(r.match)) fs.forEach((f) => fields.add(f as MatchField));
    out.set(id, [...fields]);
  }
  return out;
}
