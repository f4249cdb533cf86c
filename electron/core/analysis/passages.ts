/**
 * Shared passages: sentences, or runs of them, that two documents have word for word or
 * lightly reworded. Each document's five-word shingles are hashed and one in four is
 * kept by hash value (so two copies keep the same ones, as in winnowing) in an indexed
 * table; a new document looks its fingerprints up there instead of being compared with
 * every other document, which is what lets this scale to 100k documents. Candidates are
 * verified sentence by sentence. Between two documents already known to share passages,
 * sentences that say the same thing in other words are then matched by their rarer words.
 */
import { splitSentences, type Sentence } from '../../shared/text/sentences';
import { tokenSpans } from '../../shared/text/normalize';
import type { Db } from '../db/open';

export const SHINGLE_WORDS = 5;
const SAMPLE = 4;
/** Fingerprints shared by more documents than this are boilerplate ("all rights reserved"), not provenance. */
const COMMON = 50;
/** Share of a shorter sentence's word triples the other must contain. */
const COPY_THRESHOLD = 0.5;
/** IDF-weighted overlap of content words for a reworded sentence. */
const REWORD_THRESHOLD = 0.35;

export interface Fingerprint {
  hash: number;
  start: number;
  end: number;
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function fingerprints(body: string): Fingerprint[] {
  const tokens = [...tokenSpans(body)];
  const out: Fingerprint[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= tokens.length; i++) {
    const hash = fnv(tokens.slice(i, i + SHINGLE_WORDS).map((t) => t.term).join(' '));
    if (hash % SAMPLE === 0) out.push({ hash, start: tokens[i]!.start, end: tokens[i + SHINGLE_WORDS - 1]!.end });
  }
  return out;
}

function triples(sentence: string): Set<string> {
  const terms = [...tokenSpans(sentence)].map((t) => t.term);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= terms.length; i++) out.add(terms.slice(i, i + 3).join(' '));
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

/** A sentence's content words, plural s dropped: what a rewording keeps. */
export function contentWords(sentence: string): Set<string> {
  return new Set([...tokenSpans(sentence)].map((t) => t.term).filter((t) => t.length > 2 && !STOPWORDS.has(t) && !/^\d+$/.test(t)).map(stem));
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

/** Fingerprints computed in this run but not yet written, looked up beside the stored ones. */
export type PendingFingerprints = Map<number, Array<{ doc: number; start: number }>>;

/**
 * Finds what document `docId` shares with the documents fingerprinted before it (stored,
 * or `pending` in this run). Only reads: the caller writes the passages and the
 * fingerprints, in a short transaction. Returns the passages (docA = docId).
 */
export function sharedPassagesOf(db: Db, docId: number, body: string, idf: (term: string) => number, pending: PendingFingerprints = new Map()): { passages: FoundPassage[]; fingerprints: Fingerprint[] } {
  const fps = fingerprints(body);
  const lookup = db.prepare('SELECT document_id AS doc, start_offset AS start FROM passage_fingerprints WHERE hash = ? AND document_id <> ? LIMIT ?');
  const hits = new Map<number, Array<{ mine: number; theirs: number }>>();
  for (const fp of fps) {
    const rows = [...(lookup.all(fp.hash, docId, COMMON + 1) as Array<{ doc: number; start: number }>), ...(pending.get(fp.hash) ?? []).filter((r) => r.doc !== docId)];
    if (rows.length > COMMON) continue;
    for (const r of rows) (hits.get(r.doc) ?? hits.set(r.doc, []).get(r.doc)!).push({ mine: fp.start, theirs: r.start });
  }

  const mine = splitSentences(body);
  const bodyOf = db.prepare('SELECT body FROM documents WHERE id = ?').pluck();
  const found: FoundPassage[] = [];
  for (const [other, anchors] of hits) {
    const otherBody = bodyOf.get(other) as string | undefined;
    if (otherBody === undefined) continue;
    const theirs = splitSentences(otherBody);
    const pairs = new Map<string, { a: number; b: number; score: number; kind: 'copy' | 'reworded' }>();
    for (const h of anchors) {
      const a = sentenceAt(mine, h.mine);
      const b = sentenceAt(theirs, h.theirs);
      if (a < 0 || b < 0 || pairs.has(`${a}:${b}`)) continue;
      const score = containment(mine[a]!.text, theirs[b]!.text);
      if (score >= COPY_THRESHOLD) pairs.set(`${a}:${b}`, { a, b, score, kind: 'copy' });
    }
    if (pairs.size === 0) continue;
    if (pairs.size >= 2) {
      // A copy relationship is established: look for the sentences it put in other words.
      const usedA = new Set([...pairs.values()].map((p) => p.a));
      const usedB = new Set([...pairs.values()].map((p) => p.b));
      const wordsB = theirs.map((s) => contentWords(s.text));
      mine.forEach((s, a) => {
        if (usedA.has(a)) return;
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
    for (const run of joinRuns([...pairs.values()])) {
      found.push({
        docA: docId,
        aStart: mine[run.a0]!.start,
        aEnd: mine[run.a1]!.end,
        docB: other,
        bStart: theirs[run.b0]!.start,
        bEnd: theirs[run.b1]!.end,
        score: Math.round(run.score * 100) / 100,
        kind: run.kind,
      });
    }
  }
  return { passages: found, fingerprints: fps };
}
