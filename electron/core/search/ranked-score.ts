import type { MatchField } from '../../shared/schemas';

/**
 * How a document found by some of a query's words is scored and ordered (ranked.ts finds the
 * documents and what each holds). A document's score is
 *
 *   bm25 / best bm25  +  coverage × (idf of the words it has / idf of all the words)
 *                     +  personal × (its title, tag and note score / the best)
 *
 * with a word found only in another form (contractors for contractor) counting `stemmed` of
 * its idf and `variant` of its bm25. Documents with every word come first, whatever their
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

export interface Ranked {
  id: number;
  score: number;
  all: boolean;
  missing: string[];
  matchedIn: MatchField[];
}

/** Which documents hold a word: a Set, or a common word's held set (doc-sets.ts). */
export interface Members {
  has(id: number): boolean;
}

/** A group as ranked: `has` and `hasExact` are Sets when it was looked up in full (FullFacts). */
export interface GroupFacts<S extends Members = Members> {
  full: string | null;
  exact: string | null;
  /** Documents whose body holds the word in some form; for a common word, among the candidates only. */
  has: S;
  /** … in the form typed. */
  hasExact: S;
  personal: Map<number, number>;
  idf: number;
}
export type FullFacts = GroupFacts<Set<number>>;

const BODY: MatchField[] = ['body'];

/**
 * Scores and orders the documents: see the file's comment. A sentence's common words make ten
 * thousand candidates and more: which words a document lacks is kept as bits, and documents
 * that lack the same words share one list of them.
 */
export function scored(
  /** Each group as typed, for "Missing:". */
  raws: string[],
  groups: GroupFacts[],
  alive: number[],
  bm25Of: (id: number) => number,
  fields: (id: number) => MatchField[],
  /** bm25 of the first `top` documents once more, exactly, when bm25Of is an estimate; then ordered again. */
  exact?: { refine: (ids: number[]) => Map<number, number>; top: number },
): Ranked[] {
  const idfSum = groups.reduce((n, g) => n + g.idf, 0) || 1;
  const lists = new Map<number, string[]>();
  const missingOf = (mask: number, id: number): string[] => {
    // More words than bits (a long passage): each document gets its own list.
    const own = groups.length > 30 ? -1 - id : mask;
    let list = lists.get(own);
    if (!list) {
      list = [];
      for (let i = 0; i < groups.length; i++) if (!groups[i]!.has.has(id) && !groups[i]!.personal.has(id)) list.push(raws[i]!);
      lists.set(own, list);
    }
    return list;
  };
  const raw: Array<Ranked & { bm25: number; coverage: number; personal: number }> = [];
  for (const id of alive) {
    let covered = 0;
    let personal = 0;
    let inBody = false;
    let mask = 0;
    let lacking = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      const body = g.has.has(id);
      const own = g.personal.get(id);
      if (!body && own === undefined) {
        lacking++;
        if (i < 30) mask |= 1 << i;
        continue;
      }
      inBody ||= body;
      if (own !== undefined) personal += own;
      covered += g.idf * (own !== undefined || g.hasExact.has(id) ? 1 : WEIGHTS.stemmed);
    }
    if (lacking === groups.length) continue;
    const matchedIn = personal > 0 ? [...(inBody ? BODY : []), ...fields(id)] : inBody ? BODY : [];
    const missing = lacking ? missingOf(mask, id) : [];
    raw.push({ id, score: 0, all: lacking === 0, missing, matchedIn, bm25: inBody ? bm25Of(id) : 0, coverage: covered / idfSum, personal });
  }
  const order = () => {
    let bestBm25 = 1e-9;
    let bestPersonal = 1e-9;
    for (const r of raw) {
      bestBm25 = Math.max(bestBm25, r.bm25);
      bestPersonal = Math.max(bestPersonal, r.personal);
    }
    for (const r of raw) r.score = r.bm25 / bestBm25 + WEIGHTS.coverage * r.coverage + WEIGHTS.personal * (r.personal / bestPersonal);
    raw.sort((a, b) => Number(b.all) - Number(a.all) || b.score - a.score || a.id - b.id);
  };
  order();
  if (exact) {
    const first = raw.slice(0, exact.top).filter((r) => r.bm25 > 0);
    const better = exact.refine(first.map((r) => r.id));
    for (const r of first) r.bm25 = better.get(r.id) ?? r.bm25;
    order();
  }
  return raw.map(({ id, score, all, missing, matchedIn }) => ({ id, score, all, missing, matchedIn }));
}
