/**
 * Runs the analysis in a worker thread with its own connection, so that reading entities
 * and comparing passages across thousands of documents never holds up the thread that
 * answers the user. Posts progress after each batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
import { analyze } from './run-analysis';

const job = workerData as { file: string; nativeBinding?: string; passphrase?: string };
const port = parentPort!;
const controller = new AbortController();
port.on('message', (m: { type: string }) => {
  if (m.type === 'cancel') controller.abort();
});

try {
  const { db } = openDatabase(job.file, { ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}), ...(job.passphrase ? { passphrase: job.passphrase } : {}) });
  let result;
  try {
    result = await analyze(db, { signal: controller.signal, onProgress: (progress) => port.postMessage({ type: 'progress', progress }) });
  } finally {
    db.close();
  }
  port.postMessage({ type: 'done', progress: result });
} catch (err) {
  port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
port.close();
