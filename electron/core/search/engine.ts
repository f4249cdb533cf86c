import type MiniSearch from 'minisearch';
import type { Db } from '../db/open';
import { isEmptyQuery, parseQuery, type ParsedQuery } from '../../shared/query';
import { SearchRequest, type DocumentHit, type HitRange, type MatchField, type NoteHit, type SearchResponse, type Snippet } from '../../shared/schemas';
import { buildFilters, loadFilterModules, type FilterSql } from './filters';
import { orExpression } from './fts';
import { HEAVY_DOCUMENTS, rankPartial, type Ranked, type RankedGroup } from './ranked';
import { findPassage, type PassageMatch } from './passage-search';
import { documentHits } from './hits';
import { highlightHits } from './highlight-hits';
import { keyId, type PersonalEntry } from './personal-index';
import { isOptional, msQuery, passageWords, planQuery, withoutStopWords, wordOf, type Plan } from './query-plan';
import { hydrate, round, searchNotes } from './results';
import type { Vocabulary } from './vocabulary';
import { fold, tokenize } from '../../shared/text/normalize';

const isDoc = (r: { id: unknown }) => String(r.id).startsWith('d:');

const ORDER_BY: Record<string, string> = {
  date: 'd.published IS NULL, d.published',
  title: 'd.title COLLATE NOCASE',
  outlet: 'd.outlet IS NULL, d.outlet COLLATE NOCASE',
};

/** One query parser, one ranked list: FTS5 for bodies, MiniSearch for what the user wrote and named. */
export class SearchEngine {
  /** Words in more documents than this are looked up only where rarer ones are (see ranked.ts). */
  heavyDocuments = HEAVY_DOCUMENTS;

  constructor(
    private readonly db: Db,
    private readonly vocab: Vocabulary,
    private readonly index: () => MiniSearch<PersonalEntry> | null,
    /** Told after each search (the workspace gives memory back once searching stops). */
    private readonly afterSearch: () => void = () => undefined,
  ) {}

  /** Searches documents and notes. See the query language in electron/shared/query.ts. */
  /**
   * Searches, first loading what the query's filters need (entity: filters load the
   * analysis's name rules). Every caller outside the engine goes through here.
   */
  async query(input: SearchRequest): Promise<SearchResponse> {
    await loadFilterModules(parseQuery(input.query));
    return this.search(input);
  }

  search(input: SearchRequest): SearchResponse {
    try {
      return this.answer(input);
    } finally {
      this.afterSearch();
    }
  }

  private answer(input: SearchRequest): SearchResponse {
    const req = SearchRequest.parse(input);
    const asPassage = passageWords(req.query, req.passage);
    const parsed = withoutStopWords(asPassage ? this.passageQuery(asPassage) : parseQuery(req.query));
    const plan = planQuery(this.db, this.vocab, parsed);
    const index = this.index();

    // Documents whose own fields match an excluded term are excluded too.
    const excludedPersonal = parsed.excluded.length && index
      ? index.search({ combineWith: 'OR', queries: parsed.excluded.map(msQuery) }, { filter: isDoc }).map((r) => keyId(String(r.id)))
      : [];
    const filters = buildFilters(this.db, index, parsed, excludedPersonal);
    const notes = index ? searchNotes(this.db, parsed, index) : [];
    const partial = index === null;

    if (parsed.groups.length === 0) {
      const listed = this.listFiltered(plan, filters, req);
      return { query: req.query, ...listed, totalAll: listed.total, totalSome: 0, notes, highlights: highlightHits(this.db, index, parsed), terms: [], partial };
    }

    const optional = parsed.groups.flatMap((g, i) => (isOptional(g) ? [i] : []));
    if (!req.all && optional.length >= 2) return this.searchPartial(req, plan, optional, filters, index, notes, asPassage !== null);

    const personal = index ? this.personalMatches(plan, filters, index) : new Map<number, { score: number; fields: MatchField[]; terms: string[] }>();
    const personalIds = [...personal.keys()];
    // Body matches to leave out: found in the full text but not in the text without its boilerplate.
    const onlyInBoilerplate = req.clean && plan.all ? this.onlyInBoilerplate(this.bodyMatch(plan)).filter((id) => !personal.has(id)) : [];
    const sort = req.sort;
    let total: number;
    let page: number[];
    const bodyScores = new Map<number, number>();

    if (sort === 'relevance') {
      const personalOrder = [...personal.entries()].sort((a, b) => b[1].score - a[1].score).map(([id]) => id);
      const bodyTotal = plan.all ? this.countBody(plan, filters, [...personalIds, ...onlyInBoilerplate]) : 0;
      total = personalOrder.length + bodyTotal;
      page = personalOrder.slice(req.offset, req.offset + req.limit);
      const remaining = req.limit - page.length;
      if (remaining > 0 && plan.all) {
        const bodyOffset = Math.max(0, req.offset - personalOrder.length);
        for (const row of this.rankBody(plan, filters, [...personalIds, ...onlyInBoilerplate], remaining, bodyOffset)) {
          page.push(row.id);
          bodyScores.set(row.id, -row.rank);
        }
      }
    } else {
      const sql = `
        SELECT d.id FROM (
          ${plan.all ? 'SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH ? AND rowid NOT IN (SELECT value FROM json_each(?)) UNION' : ''}
          SELECT value AS id FROM json_each(?)
        ) AS m JOIN documents d ON d.id = m.id
        WHERE ${filters.where} ${plan.excluded ? 'AND d.id NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)' : ''}`;
      const params = [...(plan.all ? [this.bodyMatch(plan), JSON.stringify(onlyInBoilerplate)] : []), JSON.stringify(personalIds), ...filters.params, ...(plan.excluded ? [plan.excluded] : [])];
      total = this.db.prepare(`SELECT count(*) FROM (${sql})`).pluck().get(...params) as number;
      const dir = (req.order ?? (sort === 'date' ? 'desc' : 'asc')).toUpperCase();
      page = this.db
        .prepare(`${sql} ORDER BY ${ORDER_BY[sort]!.split(', ').map((c) => `${c} ${c.endsWith('IS NULL') ? 'ASC' : dir}`).join(', ')}, d.id LIMIT ? OFFSET ?`)
        .pluck()
        .all(...params, req.limit, req.offset) as number[];
    }

    const documents = hydrate(this.db, page, plan, (id) => {
      const p = personal.get(id);
      const body = bodyScores.get(id) ?? 0;
      return { score: (p?.score ?? 0) + body, matchedIn: p ? p.fields : (['body'] as MatchField[]), terms: p?.terms ?? [] };
    });
    return { query: req.query, total, totalAll: total, totalSome: 0, documents, notes, highlights: highlightHits(this.db, index, parsed), terms: plan.terms, partial };
  }

  /** Several plain words: the documents with all of them, then those with some (see ranked.ts). */
  private searchPartial(
    req: ReturnType<typeof SearchRequest.parse>,
    plan: Plan,
    optional: number[],
    filters: FilterSql,
    index: MiniSearch<PersonalEntry> | null,
    notes: NoteHit[],
    passage: boolean,
  ): SearchResponse {
    const groups: RankedGroup[] = optional.map((i) => ({
      raw: plan.parsed.groups[i]!.map((t) => t.raw).join(' OR '),
      terms: plan.parsed.groups[i]!,
      expanded: plan.groups[i]!,
    }));
    const required = plan.groups.flatMap((g, i) => (optional.includes(i) ? [] : [orExpression(g) ?? '"\u0000"']));
    // A sort by date or title needs every one.
    const needed = req.sort === 'relevance' ? req.offset + req.limit : Infinity;
    const frequency = (term: string) => this.vocab.frequencyNow(term);
    // A passage is looked for among the best documents by every word: no word is left to later.
    const heavyDocuments = passage ? Infinity : this.heavyDocuments;
    const result = rankPartial({ db: this.db, sets: this.vocab.sets, index, optional: groups, required, excluded: plan.excluded, filters, clean: req.clean, msQuery, frequency, needed, heavyDocuments });
    let ranked: Ranked[] = result.ranked;
    // A passage: the documents that hold it come first, marked where; then the others, by their words.
    const found = passage ? this.passages(req.query, ranked).filter((m) => ranked.some((r) => r.id === m.id)) : [];
    const passages = new Map(found.map((m) => [m.id, m]));
    if (found.length) {
      const rest = ranked.filter((r) => !passages.has(r.id)).map((r) => ({ ...r, all: false }));
      const byRank = new Map(ranked.map((r) => [r.id, r]));
      ranked = [...found.map((m) => ({ ...byRank.get(m.id)!, score: 10 + m.score, all: true, missing: [] })), ...rest];
    } else if (passage) ranked = ranked.map((r) => ({ ...r, all: false }));
    const totalAll = ranked.filter((r) => r.all).length;
    if (req.sort !== 'relevance') ranked = this.sortTiers(ranked, req);
    const byId = new Map(ranked.map((r) => [r.id, r]));
    const page = ranked.slice(req.offset, req.offset + req.limit).map((r) => r.id);
    const documents = hydrate(this.db, page, plan, (id) => {
      const r = byId.get(id)!;
      const m = passages.get(id);
      if (!m) return { score: r.score, matchedIn: r.matchedIn, missing: r.missing };
      return { score: r.score, matchedIn: r.matchedIn, missing: [], passage: { start: m.start, end: m.end, score: m.score }, snippet: this.passageSnippet(id, m) };
    });
    return {
      query: req.query, total: ranked.length + result.unlisted, totalAll, totalSome: ranked.length + result.unlisted - totalAll,
      documents, notes, highlights: highlightHits(this.db, index, plan.parsed), terms: plan.terms, partial: index === null,
    };
  }

  /** A pasted passage as a query: its rarer words, at most 24, as typed. */
  private passageQuery(words: string[]): ParsedQuery {
    const df = new Map(words.map((w) => [w, this.vocab.documentFrequency(w)]));
    const kept = [...new Set(words)].filter((w) => df.get(w)! > 0).sort((a, b) => df.get(a)! - df.get(b)!).slice(0, 24);
    const order = kept.length ? words.filter((w, i) => kept.includes(w) && words.indexOf(w) === i) : words.slice(0, 24);
    return { groups: order.map((w) => [wordOf(w)]), excluded: [], filters: [], dateFrom: null, dateTo: null };
  }

  /** The documents holding the pasted passage (see passage-search.ts), the best of the ranked ones among the candidates. */
  private passages(query: string, ranked: Ranked[]): PassageMatch[] {
    const total = Math.max(1, this.db.prepare('SELECT count(*) FROM documents').pluck().get() as number);
    const idf = (w: string) => Math.log(1 + total / (1 + this.vocab.documentFrequency(w)));
    return findPassage(this.db, query, ranked.slice(0, 20).map((r) => r.id), idf);
  }

  private passageSnippet(id: number, m: PassageMatch): Snippet {
    const length = Math.min(m.end - m.start, 400);
    const text = this.db.prepare('SELECT substr(body, ? + 1, ?) FROM documents WHERE id = ?').pluck().get(m.start, length, id) as string;
    return { text: m.end - m.start > length ? `${text}…` : text, marks: [[0, text.length]] };
  }

  /** Documents with every word, then the others, each group in the order asked for. */
  private sortTiers(ranked: Ranked[], req: ReturnType<typeof SearchRequest.parse>): Ranked[] {
    const dir = (req.order ?? (req.sort === 'date' ? 'desc' : 'asc')).toUpperCase();
    const order = ORDER_BY[req.sort]!.split(', ').map((c) => `${c} ${c.endsWith('IS NULL') ? 'ASC' : dir}`).join(', ');
    const sql = `SELECT d.id FROM documents d WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY ${order}, d.id`;
    const byId = new Map(ranked.map((r) => [r.id, r]));
    const tier = (all: boolean) => this.db.prepare(sql).pluck().all(JSON.stringify(ranked.filter((r) => r.all === all).map((r) => r.id))) as number[];
    return [...tier(true), ...tier(false)].map((id) => byId.get(id)!);
  }

  /** Documents with boilerplate whose text matches only in it. */
  private onlyInBoilerplate(expr: string): number[] {
    return this.db
      .prepare(
        `SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN (SELECT id FROM documents WHERE boilerplate = 1)
         AND rowid NOT IN (SELECT rowid FROM documents_clean_fts WHERE documents_clean_fts MATCH ?)`,
      )
      .pluck()
      .all(expr, expr) as number[];
  }

  private bodyMatch(plan: Plan): string {
    return plan.excluded ? `(${plan.all}) NOT ${plan.excluded}` : plan.all!;
  }

  private countBody(plan: Plan, filters: FilterSql, skip: number[]): number {
    const skipSql = skip.length ? 'AND documents_fts.rowid NOT IN (SELECT value FROM json_each(?))' : '';
    const join = filters.none ? '' : 'JOIN documents d ON d.id = documents_fts.rowid';
    const sql = `SELECT count(*) FROM documents_fts ${join} WHERE documents_fts MATCH ? ${skipSql} AND ${filters.where}`;
    return this.db.prepare(sql).pluck().get(this.bodyMatch(plan), ...(skip.length ? [JSON.stringify(skip)] : []), ...filters.params) as number;
  }

  private rankBody(plan: Plan, filters: FilterSql, skip: number[], limit: number, offset: number): Array<{ id: number; rank: number }> {
    const skipSql = skip.length ? 'AND documents_fts.rowid NOT IN (SELECT value FROM json_each(?))' : '';
    const join = filters.none ? '' : 'JOIN documents d ON d.id = documents_fts.rowid';
    // The words as typed rank above their other forms (contractor above contractors).
    const exactFirst = plan.exactAll ? 'documents_fts.rowid NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?),' : '';
    const sql = `SELECT documents_fts.rowid AS id, bm25(documents_fts) AS rank FROM documents_fts ${join}
      WHERE documents_fts MATCH ? ${skipSql} AND ${filters.where} ORDER BY ${exactFirst} rank LIMIT ? OFFSET ?`;
    return this.db
      .prepare(sql)
      .all(
        this.bodyMatch(plan), ...(skip.length ? [JSON.stringify(skip)] : []), ...filters.params,
        ...(plan.exactAll ? [plan.exactAll] : []), limit, offset,
      ) as Array<{ id: number; rank: number }>;
  }

  /**
   * Documents where at least one group matched in a personal field and every group
   * matched somewhere (personal field or body), so "wagner havana" finds a document
   * tagged Wagner whose text mentions Havana.
   */
  private personalMatches(plan: Plan, filters: FilterSql, index: MiniSearch<PersonalEntry>): Map<number, { score: number; fields: MatchField[]; terms: string[] }> {
    const perGroup = plan.parsed.groups.map((group) => {
      const hits = new Map<number, { score: number; fields: Set<MatchField>; terms: string[] }>();
      for (const r of index.search({ combineWith: 'OR', queries: group.map(msQuery) }, { filter: isDoc })) {
        const fields = new Set<MatchField>();
        for (const fs of Object.values(r.match)) fs.forEach((f) => fields.add(f as MatchField));
        hits.set(keyId(String(r.id)), { score: r.score, fields, terms: r.terms });
      }
      return hits;
    });
    const candidates = new Set<number>();
    perGroup.forEach((m) => m.forEach((_v, id) => candidates.add(id)));
    const result = new Map<number, { score: number; fields: MatchField[]; terms: string[] }>();
    if (candidates.size === 0) return result;

    let alive = [...candidates];
    if (!filters.none) {
      const allowed = new Set(
        this.db
          .prepare(`SELECT d.id FROM documents d WHERE d.id IN (SELECT value FROM json_each(?)) AND ${filters.where}`)
          .pluck()
          .all(JSON.stringify(alive), ...filters.params) as number[],
      );
      alive = alive.filter((id) => allowed.has(id));
    }
    // FTS5 answers "which of these few documents match" one rowid at a time, so for many
    // candidates it is cheaper to take every match and intersect here.
    const bodyHit = (expr: string | null, ids: number[]): Set<number> => {
      if (!expr || ids.length === 0) return new Set();
      if (ids.length > 64) {
        const wanted = new Set(ids);
        const all = this.db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?').pluck().all(expr) as number[];
        return new Set(all.filter((id) => wanted.has(id)));
      }
      return new Set(
        this.db
          .prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))')
          .pluck()
          .all(expr, JSON.stringify(ids)) as number[],
      );
    };
    const excludedHits = bodyHit(plan.excluded, alive);
    alive = alive.filter((id) => !excludedHits.has(id));
    const fields = new Map<number, Set<MatchField>>();
    const score = new Map<number, number>();
    const terms = new Map<number, string[]>();
    plan.groups.forEach((g, i) => {
      const own = perGroup[i]!;
      const body = bodyHit(orExpression(g), alive.filter((id) => !own.has(id)));
      alive = alive.filter((id) => {
        const hit = own.get(id);
        if (hit) {
          score.set(id, (score.get(id) ?? 0) + hit.score);
          terms.set(id, [...(terms.get(id) ?? []), ...hit.terms]);
          const f = fields.get(id) ?? new Set<MatchField>();
          hit.fields.forEach((x) => f.add(x));
          fields.set(id, f);
          return true;
        }
        if (body.has(id)) {
          (fields.get(id) ?? fields.set(id, new Set()).get(id)!).add('body');
          return true;
        }
        return false;
      });
    });
    for (const id of alive) {
      const f = fields.get(id) ?? new Set<MatchField>();
      // Only documents that matched somewhere personal rank in the upper tier.
      if ([...f].some((x) => x !== 'body')) result.set(id, { score: 1000 + (score.get(id) ?? 0), fields: [...f], terms: terms.get(id) ?? [] });
    }
    return result;
  }

  private listFiltered(plan: Plan, filters: FilterSql, req: ReturnType<typeof SearchRequest.parse>): { total: number; documents: DocumentHit[] } {
    const excl = plan.excluded ? 'AND d.id NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)' : '';
    const params = [...filters.params, ...(plan.excluded ? [plan.excluded] : [])];
    const base = `FROM documents d WHERE ${filters.where} ${excl}`;
    const total = this.db.prepare(`SELECT count(*) ${base}`).pluck().get(...params) as number;
    const sort = req.sort === 'relevance' ? 'date' : req.sort;
    const dir = (req.order ?? (sort === 'date' ? 'desc' : 'asc')).toUpperCase();
    const order = ORDER_BY[sort]!.split(', ').map((c) => `${c} ${c.endsWith('IS NULL') ? 'ASC' : dir}`).join(', ');
    const ids = this.db.prepare(`SELECT d.id ${base} ORDER BY ${order}, d.id LIMIT ? OFFSET ?`).pluck().all(...params, req.limit, req.offset) as number[];
    return { total, documents: hydrate(this.db, ids, plan, () => ({ score: 0, matchedIn: [] })) };
  }

  /** Character offsets of every hit of the query in one document's body, in order (see hits.ts). */
  hits(documentId: number, query: string): { hits: HitRange[]; terms: string[] } {
    const parsed = parseQuery(query);
    if (isEmptyQuery(parsed)) return { hits: [], terms: [] };
    const plan = planQuery(this.db, this.vocab, parsed);
    const asTyped = plan.parsed.groups.flat();
    const words = plan.groups.flat().flatMap((t, i) => (asTyped[i]!.kind !== 'phrase' ? t.exact : []));
    const phrases = asTyped.flatMap((t) => (t.kind === 'phrase' ? [t.words] : []));
    return { hits: documentHits(this.db, documentId, { any: plan.any, words, phrases }), terms: plan.terms };
  }

  /** Documents that share the most distinctive words of this one. */
  similar(documentId: number, limit = 10): Array<{ id: number; title: string; score: number }> {
    const body = this.db.prepare('SELECT body FROM documents WHERE id = ?').pluck().get(documentId) as string | undefined;
    if (body === undefined) return [];
    const total = this.db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    const tf = new Map<string, number>();
    for (const t of tokenize(body)) tf.set(t, (tf.get(t) ?? 0) + 1);
    const weighted = [...tf.entries()]
      .map(([term, n]) => {
        // One document's words are looked up one by one unless the word list is in already
        // (loading it for them took a second at 100,000 documents, most of `workbench similar`).
        const df = this.vocab.frequencyNow(term);
        return { term, w: df < 2 ? 0 : (1 + Math.log(n)) * Math.log(total / df) };
      })
      .filter((x) => x.w > 0 && x.term.length > 2 && !/^\d+$/.test(x.term))
      .sort((a, b) => b.w - a.w)
      .slice(0, 16);
    if (weighted.length === 0) return [];
    const expr = weighted.map((x) => `"${x.term}"`).join(' OR ');
    return (
      this.db
        .prepare(
          `SELECT d.id, d.title, -bm25(documents_fts) AS score FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
           WHERE documents_fts MATCH ? AND documents_fts.rowid <> CAST(? AS INTEGER) ORDER BY bm25(documents_fts) LIMIT ?`,
        )
        .all(expr, documentId, limit) as Array<{ id: number; title: string; score: number }>
    ).map((r) => ({ ...r, score: round(r.score) }));
  }

  /** Completions for a word being typed: corpus terms, most widespread first. */
  suggest(prefix: string, limit = 10): Array<{ term: string; documents: number }> {
    const folded = fold(prefix).trim();
    if (!folded) return [];
    return this.vocab.suggest(folded, limit);
  }
}

