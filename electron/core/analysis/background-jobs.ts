/**
 * Work a workspace hands to worker threads, each with its own connection to the file:
 * the cross-source analysis, the quick_check a shell runs after opening, and the daily
 * backup. Kept apart from the Workspace, which only decides when to start them; tracked
 * here so they can all be stopped (and their connections closed) before the file is
 * re-keyed or replaced.
 */
import { Worker } from 'node:worker_threads';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import type { AnalysisProgress } from './pending';

/** What analysis-worker.ts receives. */
export interface BackgroundJob {
  file: string;
  /**
   * 'extract': a helper the analysis itself starts, to read names and dates beside it (run-analysis.ts).
   * 'copy-check': half of the check of a copy being written (workspaces/verified-copy.ts).
   */
  mode: 'analyze' | 'check' | 'backup' | 'extract' | 'copy-check';
  dataDir?: string;
  /** The worker script itself, so that the analysis can start its helper with it. */
  script?: string;
  /** For 'extract': surnames the workspace already knows. */
  surnames?: string[];
  nativeBinding?: string;
  passphrase?: string;
}

type FromWorker =
  | { type: 'progress'; progress: AnalysisProgress }
  | { type: 'done'; progress?: AnalysisProgress }
  | { type: 'checked'; result: string }
  | { type: 'backedUp'; file: string }
  | { type: 'failed'; message: string };

export class BackgroundJobs {
  private readonly running = new Set<Worker>();

  constructor(
    /** The worker script; without one, nothing runs in the background. */
    private readonly script: URL | undefined,
    private readonly connection: { file: string; nativeBinding?: string | undefined; passphrase?: string | undefined },
  ) {}

  get available(): boolean {
    return this.script !== undefined;
  }

  private start(mode: Exclude<BackgroundJob['mode'], 'extract' | 'copy-check'>, dataDir?: string): Worker {
    const job: BackgroundJob = { file: this.connection.file, mode, script: this.script!.href };
    if (dataDir) job.dataDir = dataDir;
    if (this.connection.nativeBinding) job.nativeBinding = this.connection.nativeBinding;
    if (this.connection.passphrase) job.passphrase = this.connection.passphrase;
    const worker = new Worker(this.script!, { workerData: job });
    this.running.add(worker);
    worker.on('exit', () => this.running.delete(worker));
    return worker;
  }

  /** The analysis of every document that lacks it; progress after each committed batch. */
  analyze(onProgress: (p: AnalysisProgress) => void): Promise<AnalysisProgress> {
    return new Promise((resolve, reject) => {
      const worker = this.start('analyze');
      let last: AnalysisProgress = { done: 0, total: 0 };
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'progress') {
          last = m.progress;
          onProgress(m.progress);
        } else if (m.type === 'done') resolve(m.progress ?? last);
        else if (m.type === 'failed') reject(new WorkbenchError(ErrorCode.Internal, `The analysis failed: ${m.message}`));
      });
      worker.on('error', reject);
      // Stopped (the workspace closed): what was committed stays.
      worker.on('exit', () => resolve(last));
    });
  }

  /** SQLite's quick_check on a read-only connection: 'ok', or what it reports. */
  check(): Promise<string> {
    return new Promise((resolve) => {
      const worker = this.start('check');
      worker.on('message', (m: FromWorker) => m.type === 'checked' && resolve(m.result));
      worker.on('error', () => resolve('ok')); // a worker that cannot start says nothing of the file
      worker.on('exit', () => resolve('ok'));
    });
  }

  /** A verified backup into the data folder: its file, or why it failed. */
  backup(dataDir: string): Promise<{ file: string } | { error: string }> {
    return new Promise((resolve) => {
      const worker = this.start('backup', dataDir);
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'backedUp') resolve({ file: m.file });
        else if (m.type === 'failed') resolve({ error: m.message });
      });
      worker.on('error', (err) => resolve({ error: err.message }));
      worker.on('exit', () => resolve({ error: 'stopped before it finished' }));
    });
  }

  /** Stops every job and waits until their connections are closed. */
  async stop(): Promise<void> {
    await Promise.all([...this.running].map((w) => w.terminate()));
  }
}
