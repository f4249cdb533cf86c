import type { Db } from '../db/open';
import { containment, contentWords, fingerprints, rewordScore } from '../analysis/passages';
import { splitSentences, type Sentence } from '../../shared/text/sentences';

/**
 * "Where else does this paragraph appear?" A pasted passage is looked for in two ways:
 * - its five-word fingerprints, in the table the cross-source analysis keeps, which finds
 *   copies at any scale without reading a document;
 * - the documents its words rank first, for lightly reworded copies and for documents
 *   the analysis has not reached yet.
 * Each candidate is then read sentence by sentence, as the analysis verifies shared
 * passages: a pasted sentence is found when most of its word triples recur in one of the
 * document's sentences, or most of its rarer content words do.
 */
export interface PassageMatch {
  id: number;
  start: number;
  end: number;
  /** The share of the pasted sentences found, weighted by how closely: 1 is word for word. */
  score: number;
}

/** More words than this make a query of plain words a passage search. */
export const PASSAGE_WORDS = 12;
const COPY = 0.5;
const REWORDED = 0.45;
/** Found when at least this share of the pasted text is found. */
const ENOUGH = 0.34;
const MAX_CANDIDATES = 60;
/** Longer texts are read only around their fingerprint hits. */
const READ_LIMIT = 400_000;

/** The documents holding the passage, best first. `byWords`: the documents its words rank first. */
export function findPassage(db: Db, text: string, byWords: number[], idf: (w: string) => number): PassageMatch[] {
  const pasted = splitSentences(text).filter((s) => contentWords(s.text).size >= 2);
  if (pasted.length === 0) return [];
  const hashes = [...new Set(fingerprints(text).map((f) => f.hash))];
  // The documents that have its fingerprints, by how many; where they stand is found in the text when needed.
  const anchors = new Map<number, Set<number>>();
  if (hashes.length) {
    const rows = db
      .prepare(
        `SELECT document_id AS doc, hash FROM passage_fingerprints
         WHERE hash IN (SELECT value FROM json_each(?)) AND hash NOT IN (SELECT hash FROM passage_boilerplate)`,
      )
      .all(JSON.stringify(hashes)) as Array<{ doc: number; hash: number }>;
    for (const r of rows) (anchors.get(r.doc) ?? anchors.set(r.doc, new Set()).get(r.doc)!).add(r.hash);
  }
  const byAnchors = [...anchors.entries()].sort((a, b) => b[1].size - a[1].size).map(([id]) => id);
  const candidates = [...new Set([...byAnchors, ...byWords])].slice(0, MAX_CANDIDATES);
  const bodyOf = db.prepare('SELECT body FROM documents WHERE id = ?').pluck();
  const wordsOf = pasted.map((s) => contentWords(s.text));
  const out: PassageMatch[] = [];
  for (const id of candidates) {
    const body = bodyOf.get(id) as string | undefined;
    if (body === undefined) continue;
    const sentences = readable(body, anchors.get(id), text.length);
    const found: Array<{ sentence: Sentence; score: number }> = [];
    pasted.forEach((p, i) => {
      let best: { sentence: Sentence; score: number } | null = null;
      for (const s of sentences) {
        const copy = containment(p.text, s.text);
        const score = copy >= COPY ? copy : rewordScore(wordsOf[i]!, contentWords(s.text), idf) * 0.9;
        if ((copy >= COPY || score >= REWORDED) && (!best || score > best.score)) best = { sentence: s, score };
      }
      if (best) found.push(best);
    });
    const score = found.reduce((n, f) => n + f.score, 0) / pasted.length;
    if (found.length === 0 || score < ENOUGH) continue;
    const span = densest(found.map((f) => f.sentence), text.length);
    out.push({ id, start: span.start, end: span.end, score: Math.round(score * 1000) / 1000 });
  }
  return out.sort((a, b) => b.score - a.score || a.id - b.id);
}

/** The sentences worth reading: all of a normal text, or those around the fingerprint hits of a long one. */
function readable(body: string, hashes: Set<number> | undefined, span: number): Sentence[] {
  if (body.length <= READ_LIMIT) return splitSentences(body);
  const out: Sentence[] = [];
  const hits = hashes ? fingerprints(body).filter((f) => hashes.has(f.hash)).map((f) => f.start) : [];
  for (const at of hits.slice(0, 20)) {
    const from = Math.max(0, at - span * 2);
    for (const s of splitSentences(body.slice(from, at + span * 2))) out.push({ ...s, start: s.start + from, end: s.end + from });
  }
  return out;
}

/** The run of found sentences that lie closest together: a copy is one place, not a scatter. */
function densest(sentences: Sentence[], length: number): { start: number; end: number } {
  const sorted = [...sentences].sort((a, b) => a.start - b.start);
  let best = { start: sorted[0]!.start, end: sorted[0]!.end, n: 1 };
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.start - sorted[j]!.end <= Math.max(400, length)) j++;
    if (j - i + 1 > best.n) best = { start: sorted[i]!.start, end: sorted[j]!.end, n: j - i + 1 };
  }
  return { start: best.start, end: best.end };
}
