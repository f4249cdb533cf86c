/**
 * Imports in a worker thread with its own connection to the workspace, so that reading,
 * decoding and indexing thousands of files never holds up the thread that answers the
 * user, and transactions can be large enough to be fast.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
import type { FileResult } from './parse-file';
import { DEFAULT_MAX_FILE_BYTES, importPaths } from './run-import';
import { insertDocuments, mergeSegments, shaLookup } from './store';
import type { FromWorker, ImportJob, ParseResponse, ToWorker } from './worker-protocol';

const job = workerData as ImportJob;
const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
const controller = new AbortController();
port.on('message', (m: ToWorker) => {
  if (m.type === 'cancel') controller.abort();
});

/** Hands chunks of files to the parse worker, so parsing runs beside the inserts. */
function parseWorker(url: string) {
  const worker = new Worker(new URL(url));
  const waiting = new Map<number, { resolve: (r: FileResult[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  worker.on('message', (m: ParseResponse) => {
    waiting.get(m.id)?.resolve(m.results);
    waiting.delete(m.id);
  });
  worker.on('error', (err) => waiting.forEach((w) => w.reject(err)));
  const maxBytes = job.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  return {
    parseChunk: (entries: Array<{ path: string; size: number; data?: Uint8Array }>) =>
      new Promise<FileResult[]>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, entries, maxBytes });
      }),
    stop: () => worker.terminate(),
  };
}

try {
  const { db } = openDatabase(job.file, { ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}), ...(job.passphrase ? { passphrase: job.passphrase } : {}) });
  const parser = job.parseWorker ? parseWorker(job.parseWorker) : null;
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
