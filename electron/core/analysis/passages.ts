/**
 * Shared passages: sentences, or runs of them, that two documents have word for word or
 * lightly reworded. Each document's five-word shingles are hashed and one in four is
 * kept by hash value (so two copies keep the same ones, as in winnowing) in an indexed
 * table of (hash, document); a new document looks its fingerprints up there instead of
 * being compared with every other document, which is what lets this scale to 100k
 * documents. A fingerprint that more than COMMON documents have is boilerplate (quoted
 * mail, licence text, signatures): it is counted once and leads to no pairs. Candidates
 * are verified sentence by sentence, where the fingerprints stand in both texts now.
 * Between two documents already known to share passages, sentences that say the same
 * thing in other words are then matched by their rarer words.
 */
import { splitSentences, type Sentence } from '../../shared/text/sentences';
import { fold } from '../../shared/text/normalize';
import { fnv, termHashes } from './term-hashes';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open';

export const SHINGLE_WORDS = 5;
const SAMPLE = 4;
/**
 * Fingerprints shared by more documents than this are boilerplate ("all rights reserved"),
 * not provenance; below it, every pair of documents that shares one is compared.
 */
export const COMMON = 20;
/** A sentence found in this many of the documents compared with its own is boilerplate there. */
const SENTENCE_COMMON = 5;
/** Share of a shorter sentence's word triples the other must contain. */
const COPY_THRESHOLD = 0.5;
/** IDF-weighted overlap of content words for a reworded sentence. */
const REWORD_THRESHOLD = 0.35;

export interface Fingerprint {
  hash: number;
  start: number;
  end: number;
}

/** Terms as tokenSpans has them, with the fold (Unicode normalisation) skipped for plain ASCII. */
function terms(text: string): Array<{ term: string; start: number; end: number }> {
  const out: Array<{ term: string; start: number; end: number }> = [];
  const re = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[0];
    const term = /^[\x21-\x7e]+$/.test(raw) ? raw.toLowerCase() : fold(raw);
    if (term) out.push({ term, start: m.index, end: m.index + raw.length });
  }
  return out;
}

/** Five terms' hashes mixed into one (murmur3's finaliser), so that its low bits sample fairly. */
function shingle(hashes: number[], i: number): number {
  let h = 0x811c9dc5;
  for (let k = i; k < i + SHINGLE_WORDS; k++) h = Math.imul(h ^ hashes[k]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // Signed 32 bits: SQLite stores it in four bytes.
  return h | 0;
}

export function fingerprints(body: string): Fingerprint[] {
  const { hashes, starts, ends } = termHashes(body);
  const out: Fingerprint[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= hashes.length; i++) {
    const hash = shingle(hashes, i);
    if (hash % SAMPLE === 0) out.push({ hash, start: starts[i]!, end: ends[i + SHINGLE_WORDS - 1]! });
  }
  return out;
}

const tripleCache = new Map<string, Set<string>>();

function triples(sentence: string): Set<string> {
  let out = tripleCache.get(sentence);
  if (out) return out;
  const list = terms(sentence).map((t) => t.term);
  out = new Set<string>();
  for (let i = 0; i + 3 <= list.length; i++) out.add(`${list[i]} ${list[i + 1]} ${list[i + 2]}`);
  // Sentences recur (a document's own, across its candidates): a bounded memo.
  if (tripleCache.size > 20_000) tripleCache.clear();
  tripleCache.set(sentence, out);
  return out;
}

/** Share of the shorter sentence's word triples that the other has too. */
export function containment(a: string, b: string): number {
  const ta = triples(a);
  const tb = triples(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / Math.min(ta.size, tb.size);
}

const STOPWORDS = new Set(
  'a an the and or but of in on at to from for by with as is are was were be been being have has had do does did this that these those it its he she they them his her their who which what when where while not no than then there here also said says say would could will can may might about after before into over under up out more most some such only own same so very just one two'.split(' '),
);

function stem(term: string): string {
  return term.length > 4 && term.endsWith('s') && !term.endsWith('ss') ? term.slice(0, -1) : term;
}

/**
 * How far two sentences say the same in other words: their shared content words weighted
 * by rarity, over the lighter of the two (a rewrite shortens); 0 below three shared words.
 */
export function rewordScore(wa: Set<string>, wb: Set<string>, idf: (term: string) => number): number {
  let shared = 0;
  let count = 0;
  let weightA = 0;
  let weightB = 0;
  for (const w of wa) weightA += idf(w);
  for (const w of wb) {
    const weight = idf(w);
    weightB += weight;
    if (wa.has(w)) {
      shared += weight;
      count++;
    }
  }
  return count >= 3 ? shared / Math.min(weightA, weightB) : 0;
}

const wordsCache = new Map<string, Set<string>>();

/** A sentence's content words, plural s dropped: what a rewording keeps. */
export function contentWords(sentence: string): Set<string> {
  let out = wordsCache.get(sentence);
  if (out) return out;
  out = new Set(terms(sentence).map((t) => t.term).filter((t) => t.length > 2 && !STOPWORDS.has(t) && !/^\d+$/.test(t)).map(stem));
  if (wordsCache.size > 20_000) wordsCache.clear();
  wordsCache.set(sentence, out);
  return out;
}

export interface FoundPassage {
  docA: number;
  aStart: number;
  aEnd: number;
  docB: number;
  bStart: number;
  bEnd: number;
  score: number;
  kind: 'copy' | 'reworded';
}

/** Joins sentence pairs that follow one another in both documents into one passage. */
function joinRuns(pairs: Array<{ a: number; b: number; score: number; kind: 'copy' | 'reworded' }>): Array<{ a0: number; a1: number; b0: number; b1: number; score: number; kind: 'copy' | 'reworded' }> {
  const sorted = [...pairs].sort((x, y) => x.a - y.a || x.b - y.b);
  const runs: Array<{ a0: number; a1: number; b0: number; b1: number; score: number; kind: 'copy' | 'reworded'; n: number }> = [];
  for (const p of sorted) {
    const last = runs[runs.length - 1];
    if (last && p.a === last.a1 + 1 && p.b === last.b1 + 1 && p.kind === last.kind) {
      last.a1 = p.a;
      last.b1 = p.b;
      last.score = (last.score * last.n + p.score) / (last.n + 1);
      last.n++;
    } else runs.push({ a0: p.a, a1: p.a, b0: p.b, b1: p.b, score: p.score, kind: p.kind, n: 1 });
  }
  return runs;
}

function sentenceAt(sentences: Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.end <= offset) lo = mid + 1;
    else if (sentences[mid]!.start > offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** What one document shares, and what to store for it. */
export interface DocumentPassages {
  passages: FoundPassage[];
  /** Its fingerprints that are not boilerplate (yet), one per hash: rows for passage_fingerprints. */
  hashes: number[];
  /** Fingerprints that became boilerplate with this document: their rows go, they are counted instead. */
  becameCommon: Array<{ hash: number; documents: number }>;
  /** Fingerprints already boilerplate that this document has too: one more document each. */
  common: number[];
}

/**
 * Finds, document after document, what each shares with those fingerprinted before it:
 * stored, or staged in this run and not written yet. Only reads; the caller writes what
 * `find` returns, in a short transaction, then calls `written`.
 */
export class PassageFinder {
  private readonly lookup: Statement<[string]>;
  private readonly bodyOf: Statement<[number]>;
  private readonly boilerplate: Set<number>;
  /** Documents of this batch by hash, not yet in the table. */
  private staged = new Map<number, number[]>();

  constructor(
    db: Db,
    private readonly idf: (term: string) => number,
  ) {
    this.lookup = db.prepare('SELECT hash, document_id AS doc FROM passage_fingerprints WHERE hash IN (SELECT value FROM json_each(?))');
    this.bodyOf = db.prepare('SELECT body FROM documents WHERE id = ?').pluck();
    this.boilerplate = new Set(db.prepare('SELECT hash FROM passage_boilerplate').pluck().all() as number[]);
  }

  find(docId: number, body: string): DocumentPassages {
    const fps = fingerprints(body);
    const mineAt = new Map<number, number[]>();
    for (const fp of fps) (mineAt.get(fp.hash) ?? mineAt.set(fp.hash, []).get(fp.hash)!).push(fp.start);
    const out: DocumentPassages = { passages: [], hashes: [], becameCommon: [], common: [] };
    const shared = new Map<number, number[]>();
    const stored = new Map<number, number[]>();
    for (const r of this.lookup.all(JSON.stringify([...mineAt.keys()].filter((h) => !this.boilerplate.has(h)))) as Array<{ hash: number; doc: number }>) {
      (stored.get(r.hash) ?? stored.set(r.hash, []).get(r.hash)!).push(r.doc);
    }
    for (const hash of mineAt.keys()) {
      if (this.boilerplate.has(hash)) {
        out.common.push(hash);
        continue;
      }
      const others = [...(stored.get(hash) ?? []), ...(this.staged.get(hash) ?? [])].filter((d) => d !== docId);
      if (others.length >= COMMON) {
        this.boilerplate.add(hash);
        out.becameCommon.push({ hash, documents: others.length + 1 });
        continue;
      }
      out.hashes.push(hash);
      (this.staged.get(hash) ?? this.staged.set(hash, []).get(hash)!).push(docId);
      for (const d of others) (shared.get(d) ?? shared.set(d, []).get(d)!).push(hash);
    }
    if (shared.size === 0) return out;
    const mine = splitSentences(body);
    const found = new Map<number, { theirs: Sentence[]; pairs: Pairs }>();
    for (const [other, hashes] of shared) {
      const read = this.read(other);
      if (!read) continue;
      // Where the shared fingerprints stand in the other text: found again, not stored. A row
      // left by a deleted document whose number was given again finds nothing here.
      const wanted = new Set(hashes);
      const anchors: Array<{ mine: number; theirs: number }> = [];
      for (const fp of read.fingerprints) {
        if (wanted.has(fp.hash)) for (const m of mineAt.get(fp.hash)!) anchors.push({ mine: m, theirs: fp.start });
      }
      const theirs = read.sentences;
      const pairs = copies(mine, theirs, anchors);
      if (pairs.size) found.set(other, { theirs, pairs });
    }
    // A sentence of this document found in many others, or holding a boilerplate fingerprint,
    // is boilerplate too (a list's footer, a tool's "Run help for details."): counted, not paired.
    const boilerplate = new Set<number>();
    for (const hash of [...out.common, ...out.becameCommon.map((c) => c.hash)]) for (const at of mineAt.get(hash)!) boilerplate.add(sentenceAt(mine, at));
    const popular = (kind: 'copy' | 'reworded') => {
      const docs = new Map<number, number>();
      for (const { pairs } of found.values()) for (const a of new Set([...pairs.values()].filter((p) => p.kind === kind).map((p) => p.a))) docs.set(a, (docs.get(a) ?? 0) + 1);
      for (const [a, n] of docs) {
        if (n < SENTENCE_COMMON || boilerplate.has(a)) continue;
        boilerplate.add(a);
        out.common.push(sentenceHash(mine[a]!.text));
      }
      for (const { pairs } of found.values()) for (const [k, p] of pairs) if (boilerplate.has(p.a)) pairs.delete(k);
    };
    popular('copy');
    for (const { theirs, pairs } of found.values()) if (pairs.size >= 2) reworded(mine, theirs, pairs, boilerplate, this.idf);
    popular('reworded');
    for (const [other, { theirs, pairs }] of found) if (pairs.size) out.passages.push(...passagesOf(docId, mine, other, theirs, pairs));
    return out;
  }

  /** The documents compared recently, read: the same ones come up as candidates again and again. */
  private recent = new Map<number, { fingerprints: Fingerprint[]; sentences: Sentence[] }>();

  private read(id: number): { fingerprints: Fingerprint[]; sentences: Sentence[] } | null {
    let r = this.recent.get(id);
    if (r) {
      this.recent.delete(id);
    } else {
      const body = this.bodyOf.get(id) as string | undefined;
      if (body === undefined) return null;
      r = { fingerprints: fingerprints(body), sentences: splitSentences(body) };
      if (this.recent.size >= 2000) this.recent.delete(this.recent.keys().next().value!);
    }
    this.recent.set(id, r);
    return r;
  }

  /** What was staged is written: those fingerprints are looked up in the table from now on. */
  written(): void {
    this.staged = new Map();
  }
}

type Pairs = Map<string, { a: number; b: number; score: number; kind: 'copy' | 'reworded' }>;

/** A sentence's words, hashed as fingerprints are: the key a boilerplate sentence is counted under. */
function sentenceHash(text: string): number {
  return fnv(terms(text).map((t) => t.term).join(' '));
}

/** Candidate sentence pairs at the anchors, kept where they share most word triples. */
function copies(mine: Sentence[], theirs: Sentence[], anchors: Array<{ mine: number; theirs: number }>): Pairs {
  const pairs: Pairs = new Map();
  for (const h of anchors) {
    const a = sentenceAt(mine, h.mine);
    const b = sentenceAt(theirs, h.theirs);
    if (a < 0 || b < 0 || pairs.has(`${a}:${b}`)) continue;
    const score = containment(mine[a]!.text, theirs[b]!.text);
    if (score >= COPY_THRESHOLD) pairs.set(`${a}:${b}`, { a, b, score, kind: 'copy' });
  }
  return pairs;
}

/** A copy relationship is established: the sentences it put in other words, added to `pairs`. */
function reworded(mine: Sentence[], theirs: Sentence[], pairs: Pairs, skip: ReadonlySet<number>, idf: (term: string) => number): void {
  const usedA = new Set([...pairs.values()].map((p) => p.a));
  const usedB = new Set([...pairs.values()].map((p) => p.b));
  const wordsB = theirs.map((s) => contentWords(s.text));
  mine.forEach((s, a) => {
    if (usedA.has(a) || skip.has(a)) return;
    const wa = contentWords(s.text);
    if (wa.size < 4) return;
    let best: { b: number; score: number } | null = null;
    wordsB.forEach((wb, b) => {
      if (usedB.has(b) || wb.size < 4) return;
      const score = rewordScore(wa, wb, idf);
      if (score >= REWORD_THRESHOLD && (!best || score > best.score)) best = { b, score };
    });
    if (best) {
      const chosen: { b: number; score: number } = best;
      pairs.set(`${a}:${chosen.b}`, { a, b: chosen.b, score: chosen.score, kind: 'reworded' });
      usedB.add(chosen.b);
    }
  });
}

function passagesOf(docId: number, mine: Sentence[], other: number, theirs: Sentence[], pairs: Pairs): FoundPassage[] {
  return joinRuns([...pairs.values()]).map((run) => ({
    docA: docId,
    aStart: mine[run.a0]!.start,
    aEnd: mine[run.a1]!.end,
    docB: other,
    bStart: theirs[run.b0]!.start,
    bEnd: theirs[run.b1]!.end,
    score: Math.round(run.score * 100) / 100,
    kind: run.kind,
  }));
}
