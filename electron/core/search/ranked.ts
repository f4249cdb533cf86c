import type MiniSearch from 'minisearch';
import type { Query } from 'minisearch';
import type { Db } from '../db/open';
import type { Term } from '../../shared/query';
import type { MatchField } from '../../shared/schemas';
import type { FilterSql } from './filters';
import type { ExpandedTerm } from './fts';
import { documentHits, type DocumentHits, type PersonalEntry } from './personal-index';
import { anyOf, bm25Of, countOf, idsOf } from './ranked-lookups';
import { countBits, type DocSets } from './doc-sets';
import { fts5Idf, textShares } from './text-bm25';
import { WEIGHTS, scored, type FullFacts, type GroupFacts, type Members, type Ranked } from './ranked-score';

export type { Ranked } from './ranked-score';

/**
 * Ranking for a query of several plain words, where a document need not hold them all.
 *
 * Each word (an OR group counts as one) is looked up on its own in FTS5, so the engine
 * knows which words a document has and each word's bm25 share (bm25 adds up over the
 * words of a query, so the shares sum to bm25 of the words ORed); ranked-score.ts scores
 * and orders the documents.
 *
 * A common word (in more than HEAVY_DOCUMENTS documents) among rarer ones is looked up only
 * in the documents that hold a rarer word, or match by title, tag or note, as Lucene's
 * common-terms query does: reading a list of 30,000 documents to rank them by a word
 * nearly every document has took most of a query's time at 100,000 documents. The
 * documents with only common words are counted, not listed; a page beyond the listed
 * ones, a sort other than relevance, leaving boilerplate out, or a passage (engine.ts)
 * ranks everything.
 */

export interface RankedGroup {
  /** As typed, for "Missing: obeyed". */
  raw: string;
  terms: Term[];
  expanded: ExpandedTerm[];
}

export interface RankInput {
  db: Db;
  /** Common words' documents, held once read (doc-sets.ts). */
  sets: DocSets;
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

export interface RankResult {
  ranked: Ranked[];
  /** Documents that match with common words only, counted but not in `ranked`. */
  unlisted: number;
}




/** The body terms a group stands for: each word and its other forms, a prefix's or fuzzy word's words. */
const termsOf = (g: RankedGroup) => g.expanded.flatMap((e) => e.exact);

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

const NO_HITS: DocumentHits = { scores: new Map(), fields: new Map() };

/** Title, tag and note matches of a group, and which fields they were in. */
function personalOf(input: RankInput, g: RankedGroup): DocumentHits {
  if (!input.index) return NO_HITS;
  return documentHits(input.index, { combineWith: 'OR', queries: g.terms.map(input.msQuery) });
}

const idfOf = (total: number, df: number) => Math.log(1 + (total - df + 0.5) / (df + 0.5));
/** How many of the first documents have their common words' bm25 counted exactly, at least. */
const REFINED = 50;

/**
 * What every way of ranking one query reads, looked up once however many ways are tried:
 * the document count, each word's title/tag/note matches, and a word's documents in full.
 */
class Lookups {
  readonly total: number;
  private readonly hits: DocumentHits[];
  readonly personal: Array<Map<number, number>>;
  /** Whether each group is a common word, whose documents are held in memory once read. */
  readonly common: boolean[];
  private readonly inFull = new Map<number, FullFacts>();

  constructor(readonly input: RankInput) {
    this.total = Math.max(1, input.db.prepare('SELECT count(*) FROM documents').pluck().get() as number);
    this.hits = input.optional.map((g) => personalOf(input, g));
    this.personal = this.hits.map((h) => h.scores);
    this.common = input.optional.map((g) => frequencyOf(g, input.frequency) > input.heavyDocuments);
  }

  /** The fields other than the body where a document matched some group. */
  readonly fields = (id: number): MatchField[] => {
    const out: MatchField[] = [];
    for (const h of this.hits) for (const f of h.fields.get(id) ?? []) if (!out.includes(f as MatchField)) out.push(f as MatchField);
    return out;
  };

  /** Group `i` looked up in full: every document holding it in some form, and as typed. */
  full(i: number): FullFacts {
    let facts = this.inFull.get(i);
    if (!facts) {
      const { full, exact } = exprsOf(this.input.optional[i]!);
      const group = this.input.optional[i]!;
      const ids = (expr: string) => (this.common[i] ? new Set(this.input.sets.of(expr)) : idsOf(this.input.db, expr));
      const has = full ? (this.common[i] ? new Set(this.input.sets.ofTerms(termsOf(group))) : ids(full)) : new Set<number>();
      const hasExact = exact === full ? has : exact ? ids(exact) : new Set<number>();
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
  if (!input.clean) return scored(input.optional.map((g) => g.raw), groups, alive, bm25Summed(db, groups), fields);
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
  return scored(input.optional.map((g) => g.raw), groups, alive, bm25, fields);
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
 * is common, ANDed (see the file's comment). Which candidates hold each common word, and how
 * many documents hold any word, come from the common words' documents held in memory
 * (doc-sets.ts). bm25 comes from FTS5 for the rare leading words only; for the common ones,
 * see below.
 */
function rankCommonLast(lookups: Lookups, lead: number[], join: 'OR' | 'AND'): RankResult {
  const { input, fields, total } = lookups;
  const { db, sets } = input;
  const inFull = (i: number) => join === 'OR' && lead.includes(i);
  const none: Members = { has: () => false };
  const groups: GroupFacts[] = input.optional.map((g, i) => {
    if (inFull(i)) return lookups.full(i);
    const idf = idfOf(total, Math.min(total, frequencyOf(g, input.frequency)));
    const { full, exact } = exprsOf(g);
    // A common word counts as typed in whichever form: its other forms are as common, and a second
    // set for each would hold as much as the first.
    const has = full ? sets.ofTerms(termsOf(g)) : none;
    return { full, exact, has, hasExact: has, personal: lookups.personal[i]!, idf };
  });
  const leading = lead.map((i) => groups[i]!);
  const rare = leading.map((g) => `(${g.full!})`).join(` ${join} `);
  const inRare = new Set<number>();
  if (join === 'AND') {
    const [first, ...rest] = lead.map((i) => sets.ofTerms(termsOf(input.optional[i]!)));
    for (const id of first!) if (rest.every((s) => s.has(id))) inRare.add(id);
  } else for (const i of lead) lookups.full(i).has.forEach((id) => inRare.add(id));
  // A common word in a title, tag or note does not make a candidate: its list there is as long.
  const candidates = new Set(inRare);
  for (const g of leading) g.personal.forEach((_s, id) => candidates.add(id));
  const alive = filtered(input, [...candidates]);
  // The rare leading words' bm25 from FTS5: their lists are short. The common words' shares, leading
  // or not: first taken as each word's idf where a document has it (FTS5's share at one occurrence in
  // a document of average length), then counted in the text of the documents that can reach the page
  // (text-bm25.ts). Read from FTS5 for every candidate, they took half a sentence's time at 100,000
  // documents.
  const rareLead = lead.filter((i) => !lookups.common[i]);
  const leadBm25 = rareLead.length ? bm25Summed(db, rareLead.map((i) => groups[i]!)) : () => 0;
  const others = groups.flatMap((g, i) => (rareLead.includes(i) || !g.full ? [] : [i]));
  const idfs = others.map((i) => fts5Idf(total, frequencyOf(input.optional[i]!, input.frequency)));
  const roughly = (id: number) => others.reduce((n, i, k) => (groups[i]!.has.has(id) ? n + idfs[k]! : n), leadBm25(id));
  const forms = others.map((i) => ({ forms: termsOf(input.optional[i]!) }));
  const refine = (top: number[]) => {
    const shares = textShares(db, top, forms, input.frequency);
    return new Map([...shares].map(([id, s]) => [id, leadBm25(id) + s.reduce((a, b) => a + b, 0)]));
  };
  const ranked = scored(input.optional.map((g) => g.raw), groups, alive, roughly, fields, { refine, top: Math.max(REFINED, 3 * input.needed) });
  let unlisted = 0;
  if (!input.required.length && !input.excluded && input.filters.none) {
    // Every document with some word, less those with the leading words, which are listed.
    const any = sets.bits();
    groups.forEach((g, i) => {
      if (!g.full) return;
      if (inFull(i)) for (const id of lookups.full(i).has) any[id >>> 5]! |= 1 << (id & 31);
      else sets.ofTerms(termsOf(input.optional[i]!)).addTo(any);
    });
    unlisted = countBits(any) - inRare.size;
  } else if (!input.required.includes(null)) {
    const must = [`(${anyOf(groups.map((g) => g.full))})`, ...input.required.map((r) => `(${r})`)].join(' AND ');
    const expr = `(${must}) NOT (${anyOf([rare, input.excluded])})`;
    unlisted = input.filters.none
      ? countOf(db, expr)
      : (db
          .prepare(`SELECT count(*) FROM documents d WHERE d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?) AND ${input.filters.where}`)
          .pluck()
          .get(expr, ...input.filters.params) as number);
  }
  if (unlisted > 0) {
    // Listed already: matched by title, tag or note, and some word in the body.
    unlisted -= alive.filter((id) => !inRare.has(id) && groups.some((g) => g.has.has(id))).length;
  }
  return { ranked, unlisted };
}
