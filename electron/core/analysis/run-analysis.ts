/**
 * Runs the cross-source analysis for the documents that do not have it yet (new ones,
 * or all of them after ANALYSIS_VERSION changes), in id order, committing in batches so
 * that an interrupted run keeps what it finished (a crash loses at most the last 2,000
 * documents, which are analysed again). Each document is compared with those analysed
 * before it, so every pair of documents is looked at once.
 */
import { findBoilerplate } from '../../shared/text/boilerplate';
import { findFigures, type Figure } from '../../shared/text/figures';
import { plainLemma } from '../../shared/text/figures-languages';
import { Worker } from 'node:worker_threads';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open';
import { findDates, type MentionedDate } from './dates';
import { detectLanguage } from '../import/language';
import { findMentions, nlpFor, surnameMentions, type Mention, type Nlp } from './entities';
import { FUNCTION_WORDS } from './entity-text';
import { PassageFinder, fingerprints, type DocumentPassages } from './passages';
import type { BackgroundJob } from './background-jobs';
import { ANALYSIS_TABLES, ANALYSIS_VERSION, pendingAnalysis, type AnalysisProgress } from './pending';

/** Documents read and compared before one short write; small enough that a batch takes well under a second. */
const BATCH = 50;
/**
 * Documents whose fingerprints are written together. Hashes are random, so a batch of 50 wrote
 * to most pages of the fingerprint table; 2,000 documents' fingerprints, sorted, write each page
 * once for forty batches.
 */
const FINGERPRINT_BATCH = 2000;

/**
 * A run writes fingerprints all over their table (hashes are random), a few thousand pages a
 * batch: with SQLite's usual 1,000-page checkpoint, each page went to the WAL and back to the
 * file at nearly every batch (the writes were a third of the run at 100k documents). For the
 * run, a page cache that holds the table's hot pages and a checkpoint every 10,000 pages; put
 * back afterwards.
 */
function tuneForRun(db: Db): () => void {
  const cache = Number(db.pragma('cache_size', { simple: true }));
  const checkpoint = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  db.pragma('cache_size = -131072');
  db.pragma('wal_autocheckpoint = 10000');
  return () => {
    db.pragma(`cache_size = ${cache}`);
    db.pragma(`wal_autocheckpoint = ${checkpoint}`);
  };
}


function idfOf(db: Db): (term: string) => number {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.documents_vocab USING fts5vocab(main, 'documents_fts', 'row')");
  const n = (db.prepare('SELECT count(*) FROM documents').pluck().get() as number) || 1;
  const df = db.prepare('SELECT doc FROM temp.documents_vocab WHERE term = ?').pluck();
  const cache = new Map<string, number>();
  return (term) => {
    let w = cache.get(term);
    if (w === undefined) {
      const d = (df.get(term) as number | undefined) ?? (df.get(`${term}s`) as number | undefined) ?? 1;
      w = Math.log((n + 1) / (d + 0.5));
      cache.set(term, w);
    }
    return w;
  };
}

/** Languages whose figures have rules (number formats, scale words, what is counted); others are left out rather than misread. */
const FIGURE_LANGUAGES = new Set([null, 'en', 'fr', 'es', 'pt', 'de']);

/**
 * The dictionary form of a counted noun, by the language's compromise edition where it has one
 * (French fromPlural, Spanish toSingular); Portuguese (read with the Spanish edition) and German
 * (whose edition has no noun singular) by the plain plural rule.
 */
function nounLemma(lang: string | null, edition: Nlp): ((word: string) => string) | undefined {
  if (lang !== 'fr' && lang !== 'es') return lang === 'pt' || lang === 'de' ? (w) => plainLemma(w, lang) : undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the editions are untyped (nlp-editions.d.ts)
  const noun = (edition as any).world?.()?.methods?.two?.transform?.noun as { fromPlural?: (w: string) => string; toSingular?: (w: string) => string } | undefined;
  const singular = lang === 'fr' ? noun?.fromPlural : noun?.toSingular;
  if (!singular) return (w) => plainLemma(w, lang);
  // Only a word the plain rule takes for a plural is given to the edition: "voix", "français" stay as they are.
  return (w) => {
    const lower = w.toLowerCase();
    return plainLemma(lower, lang) === lower ? lower : singular(lower) || lower;
  };
}


/** What a document yields apart from its passages. */
export interface Extracted {
  id: number;
  mentions: Mention[];
  figures: Figure[];
  dates: MentionedDate[];
}

/**
 * Reads names, figures and dates, document after document, in one thread (the analysis's
 * own, or a helper's): a surname learned from one document is known in the next.
 */
export class Extractor {
  private readonly read: Statement<[number]>;

  constructor(
    db: Db,
    private readonly surnames: Set<string>,
  ) {
    this.read = db.prepare('SELECT body, published, lang FROM documents WHERE id = ?');
  }

  async run(ids: number[]): Promise<Extracted[]> {
    const out: Extracted[] = [];
    for (const id of ids) {
      const doc = this.read.get(id) as { body: string; published: string | null; lang: string | null } | undefined;
      if (!doc) continue;
      // Documents imported before languages were recorded are detected here.
      const lang = doc.lang ?? (await detectLanguage(doc.body));
      const edition = await nlpFor(lang);
      const folds = findBoilerplate(doc.body);
      const mentions = findMentions(doc.body, this.surnames, { nlp: edition, folds, lang });
      for (const m of mentions) if (m.kind === 'person' && m.key.includes(' ')) this.surnames.add(m.key.slice(m.key.lastIndexOf(' ') + 1));
      const figures = FIGURE_LANGUAGES.has(lang) ? findFigures(doc.body, { folds, functionWords: FUNCTION_WORDS, lang, lemma: nounLemma(lang, edition) }) : [];
      out.push({ id, mentions, figures, dates: findDates(doc.body, doc.published, folds) });
    }
    return out;
  }
}

/** A worker thread of its own to read names and dates in, beside the passages compared here. */
export interface HelperThread {
  /** The analysis worker's script (analysis-worker.js, or its compiled form). */
  script: string | URL;
  file: string;
  passphrase?: string | undefined;
  nativeBinding?: string | undefined;
}

/** An Extractor in a helper thread: batches are answered in the order they are asked for. */
class ExtractorThread {
  private readonly worker: Worker;
  private readonly waiting: Array<{ resolve: (r: Extracted[]) => void; reject: (e: Error) => void }> = [];

  constructor(helper: HelperThread, surnames: string[]) {
    const job: BackgroundJob = { file: helper.file, mode: 'extract', surnames };
    if (helper.passphrase) job.passphrase = helper.passphrase;
    if (helper.nativeBinding) job.nativeBinding = helper.nativeBinding;
    this.worker = new Worker(helper.script, { workerData: job });
    this.worker.on('message', (m: { type: 'extracted'; results: Extracted[] } | { type: 'failed'; message: string }) => {
      const next = this.waiting.shift();
      if (m.type === 'extracted') next?.resolve(m.results);
      else next?.reject(new Error(m.message));
    });
    const fail = (err: Error) => this.waiting.splice(0).forEach((w) => w.reject(err));
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error('the helper thread stopped')));
  }

  request(ids: number[]): Promise<Extracted[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage({ type: 'extract', ids });
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

export async function analyze(db: Db, options: { onProgress?: (p: AnalysisProgress) => void; signal?: AbortSignal; helper?: HelperThread } = {}): Promise<AnalysisProgress> {
  const pending = pendingAnalysis(db);
  const progress = { done: 0, total: pending.length };
  if (pending.length === 0) return progress;
  const idf = idfOf(db);
  const read = db.prepare('SELECT body FROM documents WHERE id = ?').pluck();
  const all = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  // Every document again (a new version of the analysis): what the old one derived goes at
  // once, surnames too, so that a run over everything finds what the first one found.
  if (pending.length >= all) db.transaction(() => ANALYSIS_TABLES.forEach((t) => db.prepare(`DELETE FROM ${t}`).run()))();
  const before = new Set(
    (db.prepare("SELECT DISTINCT key FROM entity_mentions WHERE kind = 'person' AND key LIKE '% %'").pluck().all() as string[]).map((k) => k.slice(k.lastIndexOf(' ') + 1)),
  );
  const surnames = new Set(before);
  const redone = new Set(db.prepare('SELECT document_id FROM analyzed WHERE version <> ?').pluck().all(ANALYSIS_VERSION) as number[]);
  const clear = ['entity_mentions', 'figures', 'mentioned_dates'].map((t) => db.prepare(`DELETE FROM ${t} WHERE document_id = ?`));
  const clearPassages = db.prepare('DELETE FROM shared_passages WHERE doc_a = ? OR doc_b = ?');
  const clearFp = db.prepare('DELETE FROM passage_fingerprints WHERE hash = ? AND document_id = ?');
  const addPassage = db.prepare('INSERT INTO shared_passages (doc_a, a_start, a_end, doc_b, b_start, b_end, score, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const addMention = db.prepare('INSERT INTO entity_mentions (document_id, start_offset, end_offset, surface, kind, key) VALUES (?, ?, ?, ?, ?, ?)');
  const addFigure = db.prepare('INSERT INTO figures (document_id, start_offset, end_offset, text, value, qualifier, counted, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const addDate = db.prepare('INSERT INTO mentioned_dates (document_id, start_offset, end_offset, text, date) VALUES (?, ?, ?, ?, ?)');
  const done = db.prepare('INSERT INTO analyzed (document_id, version) VALUES (?, ?) ON CONFLICT (document_id) DO UPDATE SET version = excluded.version');
  const exists = db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
  const insertFp = db.prepare('INSERT OR IGNORE INTO passage_fingerprints (hash, document_id) VALUES (?, ?)');
  const dropCommon = db.prepare('DELETE FROM passage_fingerprints WHERE hash = ?');
  const countCommon = db.prepare('INSERT INTO passage_boilerplate (hash, documents) VALUES (?, ?) ON CONFLICT (hash) DO UPDATE SET documents = documents + excluded.documents');
  const finder = new PassageFinder(db, idf);
  const untune = tuneForRun(db);
  // What goes to the fingerprint table, written every FINGERPRINT_BATCH documents; a document is
  // marked analysed in the same transaction, so one cut short before it is simply analysed again.
  const unwritten = { fingerprints: [] as Array<[number, number]>, becameCommon: [] as DocumentPassages['becameCommon'], common: [] as number[], done: [] as number[] };
  const writeFingerprints = () => {
    db.transaction(() => {
      // Deleted since their batch: nothing of theirs is kept.
      const gone = new Set(unwritten.done.filter((id) => exists.get(id) !== 1));
      // In hash order: each page of the table is visited once.
      for (const [hash, id] of unwritten.fingerprints.sort((x, y) => x[0] - y[0] || x[1] - y[1])) if (!gone.has(id)) insertFp.run(hash, id);
      for (const c of unwritten.becameCommon) {
        dropCommon.run(c.hash);
        countCommon.run(c.hash, c.documents);
      }
      for (const hash of unwritten.common) countCommon.run(hash, 1);
      for (const id of unwritten.done) if (!gone.has(id)) done.run(id, ANALYSIS_VERSION);
    })();
    finder.written();
    unwritten.fingerprints = [];
    unwritten.becameCommon = [];
    unwritten.common = [];
    unwritten.done = [];
  };
  // Names and dates (compromise, chrono) in a helper thread when one can start, while
  // passages are compared here: on two cores, the two halves of the work side by side.
  const helper = options.helper ? new ExtractorThread(options.helper, [...before]) : null;
  const local = helper ? null : new Extractor(db, surnames);
  const batches: number[][] = [];
  for (let i = 0; i < pending.length; i += BATCH) batches.push(pending.slice(i, i + BATCH));
  let next = helper && batches.length ? helper.request(batches[0]!) : null;
  // Said before the first batch, which takes a while: the interface shows the work from its start.
  options.onProgress?.({ ...progress });
  try {
    // Reading and comparing (the slow part) happens outside any transaction; each batch is
    // then written in one short one, so the user's own writes never wait long behind it.
    for (let b = 0; b < batches.length; b++) {
      if (options.signal?.aborted) break;
      const ids = batches[b]!;
      const extracting = next;
      if (helper && b + 1 < batches.length) next = helper.request(batches[b + 1]!);
      const shared = new Map<number, { body: string; passages: DocumentPassages }>();
      for (const id of ids) {
        const body = read.get(id) as string | undefined;
        if (body !== undefined) shared.set(id, { body, passages: finder.find(id, body) });
      }
      const extracted = new Map((extracting ? await extracting : await local!.run(ids)).map((e) => [e.id, e]));
      for (const e of extracted.values()) for (const m of e.mentions) if (m.kind === 'person' && m.key.includes(' ')) surnames.add(m.key.slice(m.key.lastIndexOf(' ') + 1));
      db.transaction(() => {
        for (const [id, s] of shared) {
          const e = extracted.get(id);
          // Gone meanwhile (deleted while this batch was read): nothing to store.
          if (!e || exists.get(id) !== 1) continue;
          for (const c of clear) c.run(id);
          clearPassages.run(id, id);
          // Analysed before with another version: its fingerprints are found from its text.
          if (redone.has(id)) for (const fp of fingerprints(s.body)) clearFp.run(fp.hash, id);
          for (const hash of s.passages.hashes) unwritten.fingerprints.push([hash, id]);
          unwritten.becameCommon.push(...s.passages.becameCommon);
          unwritten.common.push(...s.passages.common);
          for (const p of s.passages.passages) {
            if (exists.get(p.docB) !== 1) continue;
            addPassage.run(p.docA, p.aStart, p.aEnd, p.docB, p.bStart, p.bEnd, p.score, p.kind);
          }
          for (const m of e.mentions) addMention.run(id, m.start, m.end, m.surface, m.kind, m.key);
          for (const f of e.figures) addFigure.run(id, f.start, f.end, f.text, f.value, f.qualifier, f.counted, f.subject);
          for (const d of e.dates) addDate.run(id, d.start, d.end, d.text, d.date);
          unwritten.done.push(id);
          progress.done++;
        }
      })();
      if (unwritten.done.length >= FINGERPRINT_BATCH) writeFingerprints();
      options.onProgress?.({ ...progress });
      // Between batches, let a cancel message in.
      await new Promise((r) => setImmediate(r));
    }
    writeFingerprints();
  } finally {
    untune();
    await helper?.stop();
  }
  // Surnames first met in this run, in documents analysed before the one that taught them
  // ("Dimitry Peskov" in a document read before the one naming "Dmitry Peskov").
  const learned = [...surnames].filter((n) => !before.has(n));
  if (learned.length && !options.signal?.aborted) addLearnedSurnames(db, learned, surnames);
  return progress;
}

function addLearnedSurnames(db: Db, learned: string[], known: ReadonlySet<string>): void {
  const withTerm = db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?').pluck();
  const body = db.prepare('SELECT body FROM documents WHERE id = ?').pluck();
  const existing = db.prepare('SELECT start_offset AS start, end_offset AS "end" FROM entity_mentions WHERE document_id = ?');
  const add = db.prepare("INSERT INTO entity_mentions (document_id, start_offset, end_offset, surface, kind, key) VALUES (?, ?, ?, ?, 'person', ?)");
  const docs = new Set<number>();
  for (const name of learned) for (const id of withTerm.all(`"${name.replace(/"/g, '')}"`) as number[]) docs.add(id);
  // Found outside the transaction (it reads whole texts), written in one short one.
  const found: Array<{ id: number; mentions: ReturnType<typeof surnameMentions> }> = [];
  for (const id of docs) {
    const text = body.get(id) as string | undefined;
    if (text !== undefined) found.push({ id, mentions: surnameMentions(text.slice(0, 200_000), known, existing.all(id) as Array<{ start: number; end: number }>) });
  }
  db.transaction(() => {
    for (const f of found) for (const m of f.mentions) add.run(f.id, m.start, m.end, m.surface, m.key);
  })();
}
