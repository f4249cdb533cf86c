import type MiniSearch from 'minisearch';
import type { Query } from 'minisearch';
import type { Db } from '../db/open';
import type { Term } from '../../shared/query';
import type { MatchField } from '../../shared/schemas';
import type { FilterSql } from './filters';
import type { ExpandedTerm } from './fts';
import { keyId, type PersonalEntry } from './personal-index';
import { anyOf, bm25Of, countOf, idsOf, whichOf } from './ranked-lookups';

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
 *
 * A common word (in more than HEAVY_DOCUMENTS documents) among rarer ones is looked up only
 * in the documents that hold a rarer word, or match by title, tag or note, as Lucene's
 * common-terms query does: reading a list of 30,000 documents to rank them by a word
 * nearly every document has took most of a query's time at 100,000 documents. The
 * documents with only common words are counted, not listed; a page beyond the listed
 * ones, a sort other than relevance, leaving boilerplate out, or a passage (engine.ts)
 * ranks everything.
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
  /** How many documents hold a body term (fts5vocab), to tell common words from rare ones. */
  frequency: (term: string) => number;
  /** How many of the first ranked documents the caller shows (offset + limit); Infinity lists all. */
  needed: number;
  /** Words in more documents than this are common (HEAVY_DOCUMENTS). */
  heavyDocuments: number;
}

/**
 * A word in more documents than this is common: looked up only where a rarer word is. A
 * bm25 lookup costs about 3 µs a document, so a rare word's stays within a few milliseconds.
 */
export const HEAVY_DOCUMENTS = 2000;
/** Lookups of a word in one document (50 µs to half a millisecond each, for a common word) a query may make; see rankCommonLast. */
const MAX_SEEKS = 48;

export interface RankResult {
  ranked: Ranked[];
  /** Documents that match with common words only, counted but not in `ranked`. */
  unlisted: number;
}

export interface Ranked {
  id: number;
  score: number;
  all: boolean;
  missing: string[];
  matchedIn: MatchField[];
}

const isDoc = (r: { id: unknown }) => String(r.id).startsWith('d:');

interface GroupFacts {
  full: string | null;
  exact: string | null;
  /** Documents whose body holds the word in some form; for a common word, among the candidates only. */
  has: Set<number>;
  /** … in the form typed. */
  hasExact: Set<number>;
  personal: Map<number, number>;
  idf: number;
}

const exprsOf = (g: RankedGroup) => {
  const full = g.expanded.map((e) => e.fts).filter((x): x is string => x !== null);
  const exact = g.expanded.map((e) => e.exactFts).filter((x): x is string => x !== null);
  return { full: full.length ? full.join(' OR ') : null, exact: exact.length ? exact.join(' OR ') : null };
};

/** Documents that hold the group in their body, at most: the sum over its forms (phrases count as rare). */
function frequencyOf(g: RankedGroup, frequency: (t: string) => number): number {
  if (g.terms.some((t) => t.kind !== 'word')) return 0;
  return g.expanded.reduce((n, e) => n + e.exact.reduce((m, t) => m + frequency(t), 0), 0);
}

/** Title, tag and note matches of a group, and which fields they were in. */
function personalOf(input: RankInput, g: RankedGroup, fields: Map<number, Set<MatchField>>): Map<number, number> {
  const out = new Map<number, number>();
  if (!input.index) return out;
  const query = { combineWith: 'OR' as const, queries: g.terms.map(input.msQuery) };
  for (const r of input.index.search(query, { filter: isDoc })) {
    const id = keyId(String(r.id));
    out.set(id, r.score);
    let set = fields.get(id);
    if (!set) fields.set(id, (set = new Set()));
    for (const fs of Object.values(r.match)) fs.forEach((f) => set!.add(f as MatchField));
  }
  return out;
}

const idfOf = (total: number, df: number) => Math.log(1 + (total - df + 0.5) / (df + 0.5));

/**
 * What every way of ranking one query reads, looked up once however many ways are tried:
 * the document count, each word's title/tag/note matches, and a word's documents in full.
 */
class Lookups {
  readonly total: number;
  readonly fields = new Map<number, Set<MatchField>>();
  readonly personal: Array<Map<number, number>>;
  private readonly inFull = new Map<number, GroupFacts>();

  constructor(readonly input: RankInput) {
    this.total = Math.max(1, input.db.prepare('SELECT count(*) FROM documents').pluck().get() as number);
    this.personal = input.optional.map((g) => personalOf(input, g, this.fields));
  }

  /** Group `i` looked up in full: every document holding it in some form, and as typed. */
  full(i: number): GroupFacts {
    let facts = this.inFull.get(i);
    if (!facts) {
      const { full, exact } = exprsOf(this.input.optional[i]!);
      const has = full ? idsOf(this.input.db, full) : new Set<number>();
      const hasExact = exact === full ? has : exact ? idsOf(this.input.db, exact) : new Set<number>();
      const personal = this.personal[i]!;
      let df = has.size;
      personal.forEach((_s, id) => (df += has.has(id) ? 0 : 1));
      facts = { full, exact, has, hasExact, personal, idf: idfOf(this.total, df) };
      this.inFull.set(i, facts);
    }
    return { ...facts };
  }
}

/** Every document that matches at least one word, ranked; see the file's comment. */
export function rankPartial(input: RankInput): RankResult {
  const lookups = new Lookups(input);
  if (input.clean || !Number.isFinite(input.needed)) return { ranked: rankAll(lookups), unlisted: 0 };
  const df = input.optional.map((g) => frequencyOf(g, input.frequency));
  const inCorpus = input.optional.map((g) => g.expanded.some((e) => e.fts !== null));
  const rare = df.flatMap((n, i) => (n <= input.heavyDocuments && inCorpus[i] ? [i] : []));
  if (rare.length === input.optional.length || !df.some((n) => n > input.heavyDocuments)) return { ranked: rankAll(lookups), unlisted: 0 };
  const byRarity = df.map((_n, i) => i).filter((i) => inCorpus[i]).sort((a, b) => df[a]! - df[b]!);
  // Rare words lead; when every word is common, the documents with the two rarest first. Too few to
  // fill the page: the next rarest words lead with them, then everything is ranked.
  const common = byRarity.filter((i) => !rare.includes(i));
  const tries: Array<[number[], 'OR' | 'AND']> = [];
  if (!rare.length && common.length > 1) tries.push([common.slice(0, 2), 'AND']);
  for (let more = rare.length ? 0 : 1; more <= 2 && more < common.length; more++) tries.push([[...rare, ...common.slice(0, more)], 'OR']);
  for (const [lead, join] of tries) {
    const fast = rankCommonLast(lookups, lead, join);
    if (fast.ranked.length >= input.needed || fast.unlisted === 0) return fast;
  }
  // A page beyond what was listed: everything, ranked in full.
  return { ranked: rankAll(lookups), unlisted: 0 };
}

/** Every matching document, each word looked up in full. */
function rankAll(lookups: Lookups): Ranked[] {
  const { input, fields } = lookups;
  const { db } = input;
  const groups = input.optional.map((_g, i) => lookups.full(i));
  const candidates = new Set<number>();
  for (const g of groups) {
    g.has.forEach((id) => candidates.add(id));
    g.personal.forEach((_s, id) => candidates.add(id));
  }
  const alive = filtered(input, [...candidates]);
  if (!input.clean) return scored(input, groups, alive, bm25Summed(db, groups), fields);
  // With boilerplate left out, a document with boilerplate has a word only if its text without it
  // has the word, and only those words' bm25 counts: one lookup per word.
  const withFolds = new Set(db.prepare('SELECT id FROM documents WHERE boilerplate = 1').pluck().all() as number[]);
  const shares = groups.map((g) => {
    const all = bm25Of(db, g.full);
    return { all, exact: g.exact === g.full ? all : bm25Of(db, g.exact), clean: g.full ? idsOf(db, g.full, 'documents_clean_fts') : new Set() };
  });
  for (const [i, g] of groups.entries()) {
    // Copies: the sets in full are shared with the other ways of ranking this query.
    const dropped = [...withFolds].filter((id) => g.has.has(id) && !shares[i]!.clean.has(id));
    if (dropped.length === 0) continue;
    const same = g.hasExact === g.has;
    g.has = new Set(g.has);
    g.hasExact = same ? g.has : new Set(g.hasExact);
    for (const id of dropped) {
      g.has.delete(id);
      g.hasExact.delete(id);
    }
  }
  const bm25 = (id: number) =>
    groups.reduce((n, g, i) => {
      if (!g.has.has(id)) return n;
      const any = shares[i]!.all.get(id) ?? 0;
      const exact = shares[i]!.exact.get(id);
      return n + (exact !== undefined ? exact + WEIGHTS.variant * (any - exact) : WEIGHTS.variant * any);
    }, 0);
  return scored(input, groups, alive, bm25, fields);
}

/**
 * bm25 of the words a document has, each word's forms counting `variant` of their share: as
 * bm25 adds up over the words ORed, two lookups (every form, forms as typed) give every share.
 */
function bm25Summed(db: Db, groups: GroupFacts[], full = bm25Of(db, anyOf(groups.map((g) => g.full)))): (id: number) => number {
  const exact = groups.every((g) => g.exact === g.full) ? full : bm25Of(db, anyOf(groups.map((g) => g.exact)));
  return (id) => WEIGHTS.variant * (full.get(id) ?? 0) + (1 - WEIGHTS.variant) * (exact.get(id) ?? 0);
}

/** The documents that pass the required words, the excluded ones and the filters. */
function filtered(input: RankInput, candidates: number[]): number[] {
  const { db } = input;
  let alive = candidates;
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
  return alive;
}

/**
 * Common words looked up only where the leading (rarer) words are, ORed or, when every word
 * is common, ANDed (see the file's comment). Each other word's documents among the leading
 * words' come from one lookup ANDed with them, and its bm25 share from one lookup of all the
 * other words ANDed with them: bm25 adds up, so the leading words' shares come off.
 */
function rankCommonLast(lookups: Lookups, lead: number[], join: 'OR' | 'AND'): RankResult {
  const { input, fields, total } = lookups;
  const { db } = input;
  const inFull = (i: number) => join === 'OR' && lead.includes(i);
  const groups: GroupFacts[] = input.optional.map((g, i) => {
    if (inFull(i)) return lookups.full(i);
    const idf = idfOf(total, Math.min(total, frequencyOf(g, input.frequency)));
    return { ...exprsOf(g), has: new Set<number>(), hasExact: new Set<number>(), personal: lookups.personal[i]!, idf };
  });
  const leading = lead.map((i) => groups[i]!);
  const rare = leading.map((g) => `(${g.full!})`).join(` ${join} `);
  let inRare = new Set<number>();
  if (join === 'AND') inRare = idsOf(db, rare);
  else for (const g of leading) g.has.forEach((id) => inRare.add(id));
  // A common word in a title, tag or note does not make a candidate: its list there is as long.
  const candidates = new Set(inRare);
  for (const g of leading) g.personal.forEach((_s, id) => candidates.add(id));
  const alive = filtered(input, [...candidates]);
  // Leading words found only by title, tag or note: usually few; the other words are looked up in
  // the first of them one by one. Past the budget a word counts as found there only by title, tag or note,
  // and the count of documents with common words only may hold such a document a second time.
  const titleOnly = alive.filter((id) => !inRare.has(id));
  const byTitleOnly = titleOnly.slice(0, Math.floor(MAX_SEEKS / (2 * groups.length)));
  for (const [i, g] of groups.entries()) {
    if (inFull(i) || !g.full) continue;
    g.has = idsOf(db, `(${g.full}) AND (${rare})`);
    whichOf(db, g.full, byTitleOnly).forEach((id) => g.has.add(id));
    // A common word counts as typed in whichever form: its other forms are as common, and a second
    // lookup of each cost as much as the first.
    g.hasExact = g.has;
  }
  const rareOnly = bm25Of(db, rare);
  const leadBm25 = join === 'OR' ? bm25Summed(db, leading, rareOnly) : (id: number) => rareOnly.get(id) ?? 0;
  const others = anyOf(groups.filter((_g, i) => !lead.includes(i)).map((g) => g.full));
  const withOthers = others ? bm25Of(db, `(${others}) AND (${rare})`) : new Map<number, number>();
  const bm25 = (id: number) => {
    const both = withOthers.get(id);
    return leadBm25(id) + (both === undefined ? 0 : Math.max(0, both - (rareOnly.get(id) ?? 0)));
  };
  const ranked = scored(input, groups, alive, bm25, fields);
  let unlisted = 0;
  if (!input.required.includes(null)) {
    const must = [`(${anyOf(groups.map((g) => g.full))})`, ...input.required.map((r) => `(${r})`)].join(' AND ');
    const expr = `(${must}) NOT (${anyOf([rare, input.excluded])})`;
    unlisted = input.filters.none
      ? countOf(db, expr)
      : (db
          .prepare(`SELECT count(*) FROM documents d WHERE d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?) AND ${input.filters.where}`)
          .pluck()
          .get(expr, ...input.filters.params) as number);
    // Listed already: matched by title, tag or note, and some word in the body.
    unlisted -= byTitleOnly.filter((id) => groups.some((g) => g.has.has(id))).length;
  }
  return { ranked, unlisted };
}

/** Scores and orders the documents: see the file's comment. */
function scored(input: RankInput, groups: GroupFacts[], alive: number[], bm25Of: (id: number) => number, fields: Map<number, Set<MatchField>>): Ranked[] {
  const idfSum = groups.reduce((n, g) => n + g.idf, 0) || 1;
  const raw = [];
  for (const id of alive) {
    let covered = 0;
    let personal = 0;
    let inBody = false;
    const missing: string[] = [];
    for (const [i, g] of groups.entries()) {
      const body = g.has.has(id);
      const own = g.personal.get(id);
      if (!body && own === undefined) {
        missing.push(input.optional[i]!.raw);
        continue;
      }
      inBody ||= body;
      if (own !== undefined) personal += own;
      covered += g.idf * (g.hasExact.has(id) || own !== undefined ? 1 : WEIGHTS.stemmed);
    }
    if (missing.length === groups.length) continue;
    raw.push({ id, bm25: inBody ? bm25Of(id) : 0, coverage: covered / idfSum, personal, missing, inBody });
  }
  let bestBm25 = 1e-9;
  let bestPersonal = 1e-9;
  for (const r of raw) {
    bestBm25 = Math.max(bestBm25, r.bm25);
    bestPersonal = Math.max(bestPersonal, r.personal);
  }
  return raw
    .map((r) => ({
      id: r.id,
      score: r.bm25 / bestBm25 + WEIGHTS.coverage * r.coverage + WEIGHTS.personal * (r.personal / bestPersonal),
      all: r.missing.length === 0,
      missing: r.missing,
      matchedIn: [...(r.inBody ? (['body'] as MatchField[]) : []), ...(r.personal > 0 ? (fields.get(r.id) ?? []) : [])],
    }))
    .sort((a, b) => Number(b.all) - Number(a.all) || b.score - a.score || a.id - b.id);
}
