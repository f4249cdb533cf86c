import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileResult } from './parse-file';
import type { ParseMessage, ParseRequest } from './worker-protocol';

/** How long one file may take to parse, and how much memory the parser may use, by default. */
export const DEFAULT_FILE_TIMEOUT_MS = 60_000;
export const PARSE_MEMORY_MB = 1024;

type Entry = ParseRequest['entries'][number];

interface Chunk {
  id: number;
  entries: Entry[];
  results: FileResult[];
  resolve: (r: FileResult[]) => void;
  onPage: ((path: string, page: number, pages: number) => void) | undefined;
}

const CANCELLED = 'not imported: the import was cancelled before this file';

/**
 * The parse worker, supervised. Each file has a time budget (and the worker a heap limit):
 * a file that spends it fails with "took longer than N s", the worker is ended — the only
 * way to stop a parser stuck in a deeply nested page — and a new one goes on with the
 * files after it. `cancel` ends the worker at once, in the middle of a file.
 */
export function parsePool(url: string, maxBytes: number, timeoutMs = DEFAULT_FILE_TIMEOUT_MS) {
  const chunks: Chunk[] = [];
  let worker: Worker | null = null;
  let current: { id: number; index: number; since: number } | null = null;
  let nextId = 0;
  let stopped = false;

  const settle = (chunk: Chunk) => {
    chunks.splice(chunks.indexOf(chunk), 1);
    chunk.resolve(chunk.results);
  };
  // Every file not yet parsed, from `chunks` on, is sent to the (new) worker.
  const send = (w: Worker, chunk: Chunk) => {
    const from = chunk.results.length;
    if (from < chunk.entries.length) w.postMessage({ id: chunk.id, offset: from, entries: chunk.entries.slice(from), maxBytes } satisfies ParseRequest);
  };
  const start = (): Worker => {
    const w = new Worker(new URL(url), { resourceLimits: { maxOldGenerationSizeMb: PARSE_MEMORY_MB } });
    w.on('message', (m: ParseMessage) => {
      const chunk = chunks.find((c) => c.id === m.id);
      if (!chunk) return;
      if (m.type === 'started') current = { id: m.id, index: m.index, since: Date.now() };
      else if (m.type === 'page') {
        // A scan of many pages may take minutes in all; each page gets the file's budget.
        current = { id: m.id, index: m.index, since: Date.now() };
        chunk.onPage?.(chunk.entries[m.index]!.path, m.page, m.pages);
      } else {
        chunk.results[m.index] = m.result;
        current = null;
        if (chunk.results.length === chunk.entries.length) settle(chunk);
      }
    });
    w.on('error', (err) => restart((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? `needed more than ${PARSE_MEMORY_MB} MB of memory to parse` : `could not be parsed (${err.message})`));
    return w;
  };
  /** Fails the file being parsed with `reason`, and goes on with the rest in a new worker. */
  const restart = (reason: string) => {
    const old = worker;
    worker = null;
    void old?.terminate();
    const at = current;
    current = null;
    const chunk = at ? chunks.find((c) => c.id === at.id) : chunks[0];
    if (chunk) {
      const index = at ? at.index : chunk.results.length;
      chunk.results[index] = { path: chunk.entries[index]!.path, reason };
      if (chunk.results.length === chunk.entries.length) settle(chunk);
    }
    if (stopped || chunks.length === 0) return;
    worker = start();
    for (const c of chunks) send(worker, c);
  };
  const watchdog = setInterval(() => {
    if (current && Date.now() - current.since > timeoutMs) restart(`took longer than ${Math.round(timeoutMs / 1000)} s to parse; it was stopped`);
  }, Math.min(250, timeoutMs / 4));
  watchdog.unref();

  return {
    parseChunk(entries: Entry[], onPage?: (path: string, page: number, pages: number) => void): Promise<FileResult[]> {
      return new Promise((resolve) => {
        const chunk: Chunk = { id: nextId++, entries, results: [], resolve, onPage };
        if (stopped) return resolve(entries.map((e) => ({ path: e.path, reason: CANCELLED })));
        chunks.push(chunk);
        worker ??= start();
        send(worker, chunk);
      });
    },
    /** Ends the worker now: the file being parsed and those after it are reported as cancelled. */
    cancel() {
      stopped = true;
      for (const c of [...chunks]) {
        for (let i = c.results.length; i < c.entries.length; i++) {
          c.results[i] = { path: c.entries[i]!.path, reason: CANCELLED };
        }
        settle(c);
      }
      void this.stop();
    },
    async stop() {
      stopped = true;
      clearInterval(watchdog);
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}

/** As many parse workers as cores, up to four: parsing is what an import waits for. */
export const PARSE_WORKERS = Math.max(1, Math.min(4, availableParallelism()));

/**
 * Starting a parse worker costs about a second of loading (the readers of every format), more
 * than parsing a few files takes: another one starts only when each started worker has this
 * many files waiting, so a small import runs on one.
 */
const FILES_PER_NEW_WORKER = 8;

/**
 * Several supervised parse workers, each given the next chunk in turn. Each chunk's promise
 * resolves on its own, so the importer still stores files in the order it walked them. A
 * worker starts with its first chunk, and only when the others have enough to do.
 */
export function parsePools(url: string, maxBytes: number, timeoutMs = DEFAULT_FILE_TIMEOUT_MS, count = PARSE_WORKERS) {
  const pools: Array<{ pool: ReturnType<typeof parsePool>; waiting: number }> = [];
  let cancelled = false;
  return {
    parseChunk(entries: Entry[], onPage?: (path: string, page: number, pages: number) => void): Promise<FileResult[]> {
      if (cancelled) return Promise.resolve(entries.map((e) => ({ path: e.path, reason: CANCELLED })));
      let target = pools.reduce<(typeof pools)[number] | null>((best, p) => (best && best.waiting <= p.waiting ? best : p), null);
      if (!target || (target.waiting >= FILES_PER_NEW_WORKER && pools.length < count)) {
        target = { pool: parsePool(url, maxBytes, timeoutMs), waiting: 0 };
        pools.push(target);
      }
      const chosen = target;
      chosen.waiting += entries.length;
      return chosen.pool.parseChunk(entries, onPage).finally(() => (chosen.waiting -= entries.length));
    },
    /** How many workers have started: one for a small import. */
    started: () => pools.length,
    /** Ends every worker now; files not yet parsed are reported as cancelled. */
    cancel() {
      cancelled = true;
      pools.forEach((p) => p.pool.cancel());
    },
    async stop() {
      await Promise.all(pools.map((p) => p.pool.stop()));
    },
  };
}
