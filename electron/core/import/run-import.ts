import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportOutcome, ImportProgress, ImportSummary } from '../../shared/schemas';
import { DecodeError } from './decode';
import { SUPPORTED_EXTENSIONS, importerFor } from './registry';
import type { ParsedDocument } from './types';
import { describe, walk } from './walk';

export interface NewDocument extends ParsedDocument {
  fileName: string;
  sha256: string;
  sizeBytes: number;
}

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
}

export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
/**
 * Documents and bytes per transaction. Imports run in a worker thread with their own
 * connection, so a batch can be large enough to amortise FTS5's segment writes.
 */
export const DEFAULT_BATCH_DOCS = 2000;
export const DEFAULT_BATCH_BYTES = 8 * 1024 * 1024;
const PROGRESS_EVERY_MS = 100;
const SYNC_READ_LIMIT = 4 * 1024 * 1024;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
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
  const entries = await walk(paths, options.signal);
  const progress: ImportProgress = {
    filesDone: 0,
    filesTotal: entries.length,
    bytesDone: 0,
    bytesTotal: entries.reduce((n, e) => n + e.size, 0),
    currentPath: null,
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
      await importOne(entry.path, entry.size);
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
  if (cancelled) {
    for (const entry of entries.slice(progress.filesDone)) fail(entry.path, 'not imported: the import was cancelled before this file');
  }
  progress.currentPath = null;
  emit(true);

  async function importOne(path: string, size: number): Promise<void> {
    const name = basename(path);
    const importer = importerFor(name);
    if (!importer) {
      const ext = /\.[^.]+$/.exec(name)?.[0] ?? 'no extension';
      fail(path, `unsupported file type (${ext}); supported: ${SUPPORTED_EXTENSIONS.join(', ')}`);
      return;
    }
    if (size > maxBytes) {
      fail(path, `too large: ${mb(size)}, the limit is ${mb(maxBytes)}`);
      return;
    }
    if (size === 0) {
      fail(path, 'empty file (0 bytes)');
      return;
    }
    let docs: ParsedDocument[];
    try {
      // Small files are read synchronously: a thread-pool round trip per file costs more than the read.
      const read = size <= SYNC_READ_LIMIT ? async () => readFileSync(path) : () => readFile(path);
      docs = await importer.parse({ path, name, size, read });
    } catch (err) {
      fail(path, failureReason(err));
      return;
    }
    const outcome: ImportOutcome = { path, status: 'imported', documentIds: [], duplicateOf: null, reason: null, title: docs[0]?.title ?? null };
    let fresh = 0;
    for (const parsed of docs) {
      const hash = sha256(parsed.body);
      const existing = sink.findBySha(hash);
      const pending = pendingShas.get(hash);
      if (existing !== null || pending) {
        if (docs.length === 1) {
          outcome.status = 'duplicate';
          outcome.duplicateOf = existing;
          outcome.reason = `same text as document ${existing}`;
          if (pending) waitingDuplicates.push({ outcome, index: pending.index });
        }
        continue;
      }
      const doc: NewDocument = { ...parsed, fileName: name, sha256: hash, sizeBytes: Buffer.byteLength(parsed.body, 'utf8') };
      pendingShas.set(hash, { outcome, index: batch.length });
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
    cancelled,
    bytes: progress.bytesDone,
    outcomes,
  };
}

function failureReason(err: unknown): string {
  if (err instanceof DecodeError) return err.message;
  if ((err as NodeJS.ErrnoException).code) return `could not be read (${describe(err)})`;
  return err instanceof Error ? err.message : String(err);
}
