import type { ImportOutcome, ImportProgress, ImportSummary } from '../../shared/schemas';
import { DEFAULT_MAX_FILE_BYTES } from './limits';
import { parseInProcess, type FileResult, type NewDocument } from './parse-file';
import { walk, type WalkEntry } from './walk';

export type { NewDocument };

/** What the importer needs from the workspace: finding a hash, and storing a batch in one transaction. */
export interface ImportSink {
  findBySha(sha256: string): number | null;
  storeBatch(docs: NewDocument[]): number[];
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** Files larger than this fail with a reason that names the limit. */
  maxFileBytes?: number;
  /** A batch is committed when it reaches this many documents or bytes. */
  batchDocs?: number;
  batchBytes?: number;
  /** How long one file may take to parse (in the parse worker) before it fails; 60 s by default. */
  fileTimeoutMs?: number;
  /** Parses a chunk of files, in another thread say; by default here, one after another. */
  parseChunk?: (
    entries: Array<{ path: string; size: number; data?: Uint8Array }>,
    onPage?: (path: string, page: number, pages: number) => void,
  ) => Promise<FileResult[]>;
  /**
   * Files given as bytes instead of paths (what a browser uploads), named as the user
   * knows them. They are parsed from memory and never written to disk, so an encrypted
   * workspace's text never lands in a temporary file.
   */
  files?: Array<{ path: string; data: Uint8Array }>;
}

/**
 * Documents and bytes per transaction. Imports run in a worker thread with their own
 * connection, so a batch can be large enough to amortise FTS5's segment writes.
 */
export const DEFAULT_BATCH_DOCS = 2000;
export const DEFAULT_BATCH_BYTES = 8 * 1024 * 1024;
const PROGRESS_EVERY_MS = 100;
const PARSE_CHUNK = 128;
/** Fewer chunks than this per import and progress would move in jumps; see `chunked`. */
const CHUNKS_PER_IMPORT = 16;
const MAX_CHUNKS_AHEAD = 24;
const MAX_BYTES_AHEAD = 64 * 1024 * 1024;

/**
 * Splits the files into parse chunks that start at one file and double up to PARSE_CHUNK:
 * the first outcome (and progress) comes after one file, not after a whole chunk of them,
 * and a small import is still spread over several chunks (so several parse workers).
 */
function chunked(readable: WalkEntry[]): WalkEntry[][] {
  const cap = Math.max(1, Math.min(PARSE_CHUNK, Math.ceil(readable.length / CHUNKS_PER_IMPORT)));
  const chunks: WalkEntry[][] = [];
  let size = 1;
  for (let i = 0; i < readable.length; i += size) {
    size = Math.min(cap, chunks.length === 0 ? 1 : size * 2);
    chunks.push(readable.slice(i, i + size));
  }
  return chunks;
}

/**
 * Imports files and folders. Every file gets an outcome; one bad file never stops the
 * batch; documents are committed in batches, each in one transaction, so a crash
 * leaves a consistent workspace and a re-run reports what is already in as duplicates.
 */
export async function importPaths(sink: ImportSink, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const batchDocs = options.batchDocs ?? DEFAULT_BATCH_DOCS;
  const batchBytes = options.batchBytes ?? DEFAULT_BATCH_BYTES;
  const entries: WalkEntry[] = options.files ? options.files.map((f) => ({ path: f.path, size: f.data.byteLength, data: f.data })) : await walk(paths, options.signal);
  const progress: ImportProgress = {
    filesDone: 0,
    filesTotal: entries.length,
    bytesDone: 0,
    bytesTotal: entries.reduce((n, e) => n + e.size, 0),
    currentPath: null,
    ocr: null,
  };
  const outcomes: ImportOutcome[] = [];
  let lastEmit = 0;
  const emit = (force = false) => {
    const now = Date.now();
    if (!force && now - lastEmit < PROGRESS_EVERY_MS) return;
    lastEmit = now;
    options.onProgress?.({ ...progress });
  };
  const fail = (path: string, reason: string) =>
    outcomes.push({ path, status: 'failed', documentIds: [], duplicateOf: null, reason, title: null });

  let batch: Array<{ doc: NewDocument; outcome: ImportOutcome }> = [];
  let pendingBytes = 0;
  // Texts waiting in the batch, by hash, and the duplicates of them that wait for their id.
  const pendingShas = new Map<string, { outcome: ImportOutcome; index: number }>();
  let waitingDuplicates: Array<{ outcome: ImportOutcome; index: number }> = [];
  const flush = () => {
    if (batch.length === 0) return;
    const ids = sink.storeBatch(batch.map((b) => b.doc));
    batch.forEach((b, i) => b.outcome.documentIds.push(ids[i]!));
    for (const w of waitingDuplicates) {
      w.outcome.duplicateOf = ids[w.index]!;
      w.outcome.reason = `same text as document ${ids[w.index]} (imported in this run)`;
    }
    batch = [];
    waitingDuplicates = [];
    pendingBytes = 0;
    pendingShas.clear();
  };

  emit(true);
  // Files are parsed a chunk at a time, the next chunk while this one's documents are stored.
  const parse = options.parseChunk ?? ((chunk, onPage) => parseInProcess(chunk, maxBytes, { onPage, signal: options.signal }));
  // Said at once: a page of OCR takes seconds, and the user waits on the page count.
  const onPage = (path: string, page: number, pages: number) => {
    progress.ocr = { path, page, pages };
    emit(true);
  };
  const readable = entries.filter((e) => e.error === undefined);
  const chunks = chunked(readable);
  // By position, not by path: a browser names picked files by their bare name, so two can share one.
  const results: FileResult[] = [];
  // Keep the parser busy while batches are stored, within a bound on the bytes in flight.
  const inFlight: Array<{ promise: Promise<FileResult[]>; bytes: number }> = [];
  let requested = 0;
  const fill = () => {
    let bytes = inFlight.reduce((n, c) => n + c.bytes, 0);
    while (requested < chunks.length && inFlight.length < MAX_CHUNKS_AHEAD && (inFlight.length === 0 || bytes < MAX_BYTES_AHEAD)) {
      const chunk = chunks[requested++]!;
      const size = chunk.reduce((n, e) => n + e.size, 0);
      inFlight.push({ promise: parse(chunk, onPage), bytes: size });
      bytes += size;
    }
  };
  fill();
  let cancelled = false;
  for (const entry of entries) {
    if (options.signal?.aborted) {
      cancelled = true;
      break;
    }
    progress.currentPath = entry.path;
    if (entry.error !== undefined) {
      fail(entry.path, entry.error);
    } else {
      if (results.length === 0) {
        // Said before waiting on the parser, so the count moves from the first file on.
        if (progress.filesDone > 0) emit(true);
        const done = await inFlight.shift()!.promise;
        // Cancelled while this file was parsed (a long OCR stops at the next page): nothing of it is stored.
        if (options.signal?.aborted) {
          cancelled = true;
          break;
        }
        fill();
        results.push(...done);
      }
      const result = results.shift()!;
      if (progress.ocr?.path === result.path) progress.ocr = null;
      accept(result);
    }
    progress.filesDone++;
    progress.bytesDone += entry.size;
    if (batch.length >= batchDocs || pendingBytes >= batchBytes) {
      flush();
      emit(true);
      await new Promise((r) => setImmediate(r));
    } else emit();
  }
  flush();
  // Cancelled while the last files were being parsed: they were stopped, so the import was cancelled all the same.
  if (options.signal?.aborted && outcomes.some((o) => o.reason?.includes('the import was cancelled'))) cancelled = true;
  inFlight.forEach((c) => void c.promise.catch(() => undefined)); // parsed ahead for a cancelled import
  if (cancelled) {
    for (const entry of entries.slice(progress.filesDone)) fail(entry.path, 'not imported: the import was cancelled before this file');
  }
  progress.currentPath = null;
  progress.ocr = null;
  emit(true);

  function accept(result: FileResult): void {
    if (result.reason !== undefined) {
      if (result.skipped) outcomes.push({ path: result.path, status: 'skipped', documentIds: [], duplicateOf: null, reason: result.reason, title: null });
      else fail(result.path, result.reason);
      return;
    }
    const docs = result.docs;
    const outcome: ImportOutcome = { path: result.path, status: 'imported', documentIds: [], duplicateOf: null, reason: null, title: docs[0]?.title ?? null };
    let fresh = 0;
    // Where each of the file's documents ended up, so attachments can point at their message.
    const placed: Array<{ batchIndex: number } | { id: number } | undefined> = [];
    for (const doc of docs) {
      const existing = sink.findBySha(doc.sha256);
      const pending = pendingShas.get(doc.sha256);
      if (doc.parent !== undefined) doc.parentRef = placed[doc.parent];
      if (existing !== null || pending) {
        placed.push(existing !== null ? { id: existing } : { batchIndex: pending!.index });
        if (docs.length === 1) {
          outcome.status = 'duplicate';
          outcome.duplicateOf = existing;
          outcome.reason = `same text as document ${existing}`;
          if (pending) waitingDuplicates.push({ outcome, index: pending.index });
        }
        continue;
      }
      placed.push({ batchIndex: batch.length });
      pendingShas.set(doc.sha256, { outcome, index: batch.length });
      batch.push({ doc, outcome });
      pendingBytes += doc.sizeBytes;
      fresh++;
    }
    if (fresh === 0 && docs.length > 1) {
      outcome.status = 'duplicate';
      outcome.reason = 'every message in it is already in the workspace';
    }
    outcomes.push(outcome);
  }

  const count = (s: ImportOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return {
    files: entries.length,
    imported: count('imported'),
    duplicates: count('duplicate'),
    failed: count('failed'),
    skipped: count('skipped'),
    cancelled,
    bytes: progress.bytesDone,
    outcomes,
  };
}
