import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Db } from './db/open';

let fullGc: (() => void) | null | undefined;

/**
 * A full garbage collection, now. V8 keeps the pages that a burst of queries filled with
 * garbage until its heap grows much further, so a workspace that has gone quiet holds
 * hundreds of MB it no longer uses. `--expose-gc` set at run time and read from a new context
 * is how Jest's leak detector reaches the collector without a command-line flag.
 */
export function collectGarbage(): void {
  if (fullGc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      fullGc = (runInNewContext('gc') as (() => void) | undefined) ?? null;
    } catch {
      fullGc = null;
    }
  }
  fullGc?.();
}

/** Gives back what a quiet workspace holds for nothing: SQLite's page caches and V8's garbage. */
export function releaseMemory(db: Db): void {
  try {
    if (db.open) db.pragma('shrink_memory');
  } catch {
    // A busy or closing connection keeps its cache; the next quiet moment tries again.
  }
  // The first collection frees the garbage; V8 hands the emptied pages back to the system
  // only on the next one (measured at 100k documents: heap committed 281 → 156 MB).
  collectGarbage();
  collectGarbage();
}

/**
 * Runs `release` once activity has stopped for `quietMs`: each `touch` (a search, the index
 * coming in) moves the moment on, so a user typing never waits for a collection. The timer
 * never keeps a process alive (a CLI command ends at once).
 */
export class IdleRelease {
  private timer: NodeJS.Timeout | undefined;
  /** How many times memory was given back, for the tests. */
  releases = 0;

  constructor(
    private readonly release: () => void,
    private readonly quietMs = 3000,
  ) {}

  touch(): void {
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.releases++;
      this.release();
    }, this.quietMs);
    this.timer.unref();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
