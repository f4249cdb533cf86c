import type { BackgroundJobs } from '../analysis/background-jobs';
import { analysisPending, type AnalysisProgress } from '../analysis/pending';
import type { Db } from '../db/open';

export interface AnalysisRunsHost {
  db: Db;
  jobs: BackgroundJobs;
  /** A reader beside the owner writes nothing, so it never analyses. */
  reader: () => boolean;
  closed: () => boolean;
  progress: (p: AnalysisProgress) => void;
  /** A batch (or the whole run) was stored: the analysis panels are stale. */
  changed: () => void;
}

const NOTHING: AnalysisProgress = { done: 0, total: 0 };

/**
 * When the cross-source analysis runs for a workspace: one run at a time, in a worker
 * thread where one can start. A call while one runs gets one more run after it, shared by
 * every call made meanwhile: the run under way may have listed its documents before the
 * newest came in.
 */
export class AnalysisRuns {
  private running: Promise<AnalysisProgress> | null = null;
  private again: Promise<AnalysisProgress> | null = null;

  constructor(private readonly host: AnalysisRunsHost) {}

  run(): Promise<AnalysisProgress> {
    if (this.running) {
      this.again ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.again = null;
          return this.run();
        });
      return this.again;
    }
    const { host } = this;
    if (host.reader()) return Promise.resolve(NOTHING);
    // A read that fails (a damaged page) rejects, as the run would: callers start it and carry on.
    try {
      if (!analysisPending(host.db)) return Promise.resolve(NOTHING);
    } catch (err) {
      return Promise.reject(err);
    }
    const run = host.jobs.available
      ? host.jobs.analyze((p) => {
          host.progress(p);
          host.changed();
        })
      : // In this thread only where no worker can start; the analysis libraries load here, not at open.
        import('../analysis/run-analysis').then(({ analyze }) => analyze(host.db, { onProgress: host.progress }));
    this.running = run
      .then((p) => {
        if (!host.closed()) host.changed();
        return p;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
