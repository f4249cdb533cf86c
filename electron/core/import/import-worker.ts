/**
 * Imports in a worker thread with its own connection to the workspace, so that reading,
 * decoding and indexing thousands of files never holds up the thread that answers the
 * user, and transactions can be large enough to be fast.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
import { parsePools } from './parse-pool';
import { DEFAULT_MAX_FILE_BYTES } from './limits';
import { OCR_LANG_ENV } from './ocr';
import { importPaths } from './run-import';
import { insertDocuments, mergeSegments, shaLookup } from './store';
import type { FromWorker, ImportJob, ToWorker } from './worker-protocol';

const job = workerData as ImportJob;
const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
const controller = new AbortController();
let parser: ReturnType<typeof parsePools> | null = null;
port.on('message', (m: ToWorker) => {
  if (m.type !== 'cancel') return;
  controller.abort();
  // The file being parsed stops now, not when its parser is done.
  parser?.cancel();
});

// A worker's environment is its own copy: this sets it for the parse workers started below only.
if (job.ocrLanguages) process.env[OCR_LANG_ENV] = job.ocrLanguages;

try {
  const { db } = openDatabase(job.file, { ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}), ...(job.passphrase ? { passphrase: job.passphrase } : {}) });
  parser = job.parseWorker ? parsePools(job.parseWorker, job.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, job.fileTimeoutMs) : null;
  try {
    const summary = await importPaths(
      {
        findBySha: shaLookup(db),
        storeBatch: (docs) => {
          const ids = insertDocuments(db, docs);
          post({ type: 'stored', entries: docs.map((d, i) => ({ id: ids[i]!, title: d.title, outlet: d.outlet, author: d.author })) });
          return ids;
        },
      },
      job.paths,
      {
        signal: controller.signal,
        ...(job.files ? { files: job.files } : {}),
        ...(parser ? { parseChunk: parser.parseChunk } : {}),
        onProgress: (progress) => post({ type: 'progress', progress }),
        ...(job.maxFileBytes ? { maxFileBytes: job.maxFileBytes } : {}),
        ...(job.batchDocs ? { batchDocs: job.batchDocs } : {}),
        ...(job.batchBytes ? { batchBytes: job.batchBytes } : {}),
      },
    );
    if (summary.imported > 0) await mergeSegments(db);
    await parser?.stop();
    // Closed before saying done: whoever waits for the import may re-key, restore or switch the file next.
    db.close();
    post({ type: 'done', summary });
  } finally {
    await parser?.stop();
    if (db.open) db.close();
  }
} catch (err) {
  post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
port.close();
