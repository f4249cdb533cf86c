import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import type { ImportSummary } from '../../shared/schemas';
import type { ImportOptions } from './run-import';
import type { StoredEntry } from './store';
import type { FromWorker, ImportJob } from './worker-protocol';

/** The worker scripts: the import worker, and the parse worker it hands files to. */
export interface ImportWorkers {
  import: URL;
  parse: URL | null;
  /** The cross-source analysis worker; without it, analysis runs in this thread. */
  analysis?: URL;
}

function builtIn(dir: URL): ImportWorkers {
  return { import: new URL('import-worker.js', dir), parse: new URL('parse-worker.js', dir), analysis: new URL('analysis-worker.js', dir) };
}

/**
 * Where the workers live: built beside this code in out/cli (the CLI); in the folder named by
 * WORKBENCH_WORKERS_DIR (the tests, which build them first: a worker then starts without
 * compiling TypeScript); or, running from source, the small .js files that load the
 * TypeScript workers through tsx.
 */
export const DEFAULT_WORKERS: ImportWorkers = process.env.WORKBENCH_WORKERS_DIR
  ? builtIn(pathToFileURL(`${resolve(process.env.WORKBENCH_WORKERS_DIR)}/`))
  : import.meta.url.endsWith('.ts')
    ? {
        import: new URL('./import-worker.js', import.meta.url),
        parse: new URL('./parse-worker.js', import.meta.url),
        analysis: new URL('../analysis/analysis-worker.js', import.meta.url),
      }
    : builtIn(new URL('./', import.meta.url));

/**
 * The job an import worker runs for a workspace's file: the import's options, the file's key
 * (in memory only) and native binding, and the OCR languages of this run.
 */
export function importJob(
  file: string,
  paths: string[],
  options: ImportOptions,
  workspace: { nativeBinding: string | undefined; passphrase: string | undefined; ocrLanguages: string },
): Omit<ImportJob, 'parseWorker'> {
  const job: Omit<ImportJob, 'parseWorker'> = { file, paths, ocrLanguages: workspace.ocrLanguages };
  if (workspace.nativeBinding) job.nativeBinding = workspace.nativeBinding;
  if (workspace.passphrase) job.passphrase = workspace.passphrase;
  if (options.maxFileBytes) job.maxFileBytes = options.maxFileBytes;
  if (options.batchDocs) job.batchDocs = options.batchDocs;
  if (options.batchBytes) job.batchBytes = options.batchBytes;
  if (options.fileTimeoutMs) job.fileTimeoutMs = options.fileTimeoutMs;
  if (options.files) job.files = options.files;
  return job;
}

/**
 * Runs an import in a worker thread. `onStored` receives what the search index needs of
 * each committed batch, in commit order, before the returned promise resolves.
 */
export function importInWorker(
  workers: ImportWorkers,
  job: Omit<ImportJob, 'parseWorker'>,
  options: ImportOptions & { onStored: (entries: StoredEntry[]) => void },
): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workers.import, { workerData: { ...job, parseWorker: workers.parse?.href ?? null } satisfies ImportJob });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', cancel);
      fn();
    };
    const cancel = () => worker.postMessage({ type: 'cancel' });
    if (options.signal?.aborted) cancel();
    options.signal?.addEventListener('abort', cancel);
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') options.onProgress?.(m.progress);
      else if (m.type === 'stored') options.onStored(m.entries);
      else if (m.type === 'done') finish(() => resolve(m.summary));
      else finish(() => reject(new WorkbenchError(ErrorCode.Internal, `Import failed: ${m.message}`)));
    });
    worker.on('error', (err) => finish(() => reject(new WorkbenchError(ErrorCode.Internal, `Import worker failed: ${err.message}`))));
    worker.on('exit', (code) => finish(() => reject(new WorkbenchError(ErrorCode.Internal, `Import worker stopped unexpectedly (exit code ${code}).`))));
  });
}
