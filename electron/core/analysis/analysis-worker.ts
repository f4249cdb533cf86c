/**
 * Runs the analysis (or, with mode 'check', the background quick_check) in a worker thread with its own connection, so that reading entities
 * and comparing passages across thousands of documents never holds up the thread that
 * answers the user. Posts progress after each batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
// The analysis (compromise, chrono-node, stopword: 1.5 s to load) is imported by the jobs that use it:
// the quick_check and the backup a shell starts on every open run this script too, and need none of it.
import type { Extractor } from './run-analysis';
import { makeBackup } from '../workspaces/backups';
import { copyCheckInWorker, type CopyCheckJob } from '../workspaces/verified-copy';
import type { BackgroundJob } from './background-jobs';

const job = workerData as BackgroundJob;
const port = parentPort!;
const controller = new AbortController();
port.on('message', (m: { type: string }) => {
  if (m.type === 'cancel') controller.abort();
});

if (job.mode === 'check') {
  // The background quick_check a shell runs after opening, on a read-only connection of its own.
  let result: string;
  try {
    const { db } = openDatabase(job.file, { readonly: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}), ...(job.passphrase ? { passphrase: job.passphrase } : {}) });
    try {
      result = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((r) => r.quick_check).join('; ');
    } finally {
      db.close();
    }
  } catch (err) {
    result = err instanceof Error ? err.message : String(err);
  }
  port.postMessage({ type: 'checked', result: result.slice(0, 300) });
  port.close();
} else if (job.mode === 'backup') {
  // The daily backup a shell makes after opening: a large workspace takes seconds to copy.
  try {
    const { db } = openDatabase(job.file, { ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}), ...(job.passphrase ? { passphrase: job.passphrase } : {}) });
    try {
      const backup = makeBackup(db, job.dataDir!, job.file, 'open', job.passphrase, { nativeBinding: job.nativeBinding, ...(job.script ? { script: new URL(job.script) } : {}) });
      port.postMessage({ type: 'backedUp', file: backup.file });
    } finally {
      db.close();
    }
  } catch (err) {
    port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
  port.close();
} else if (job.mode === 'copy-check') {
  // Half of the check of a backup or hand-out being written (workspaces/verified-copy.ts).
  await copyCheckInWorker(workerData as CopyCheckJob);
  port.close();
} else if (job.mode === 'extract') {
  // The analysis's helper: names, figures and dates of the batches it is sent, in order.
  const { db } = openDatabase(job.file, { readonly: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}), ...(job.passphrase ? { passphrase: job.passphrase } : {}) });
  let extractor: Extractor | undefined;
  // Requests that come in while it loads wait in the queue behind it, in order.
  let queue = import('./run-analysis').then((m) => {
    extractor = new m.Extractor(db, new Set(job.surnames ?? []));
  });
  port.on('message', (m: { type: string; ids?: number[] }) => {
    if (m.type !== 'extract') return;
    queue = queue
      .then(() => extractor!.run(m.ids ?? []))
      .then(
        (results) => port.postMessage({ type: 'extracted', results }),
        (err: unknown) => port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
      );
  });
} else {
  await runAnalysis();
}

async function runAnalysis(): Promise<void> {
  try {
    const { db } = openDatabase(job.file, { ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}), ...(job.passphrase ? { passphrase: job.passphrase } : {}) });
    let result;
    try {
      const { analyze } = await import('./run-analysis');
      const helper = job.script ? { script: new URL(job.script), file: job.file, passphrase: job.passphrase, nativeBinding: job.nativeBinding } : undefined;
      result = await analyze(db, { signal: controller.signal, onProgress: (progress) => port.postMessage({ type: 'progress', progress }), ...(helper ? { helper } : {}) });
    } finally {
      db.close();
    }
    port.postMessage({ type: 'done', progress: result });
  } catch (err) {
    port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
  port.close();
}
