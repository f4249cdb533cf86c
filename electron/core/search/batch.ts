import { isWorkbenchError } from '../../shared/errors';
import { BatchRequest, type BatchResult, type BatchRow } from '../../shared/api/contract-search';
import type { SearchEngine } from './engine';

export interface BatchOptions {
  onProgress?: (p: { done: number; total: number }) => void;
  signal?: AbortSignal;
}

// Long enough that progress and other calls get through, short enough not to slow the batch.
const SLICE_MS = 40;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs a term list against the corpus, one query after another, and gives each its count
 * and first documents. A query that cannot run keeps its error in its row; the batch goes
 * on. Between slices of work it lets the event loop run, so progress reaches the interface
 * and the window stays responsive.
 */
export async function runBatch(engine: SearchEngine, input: BatchRequest, options: BatchOptions = {}): Promise<BatchResult> {
  const req = BatchRequest.parse(input);
  const t0 = performance.now();
  const queries = req.queries.map((q, i) => (typeof q === 'string' ? { line: i + 1, query: q } : q));
  const rows: BatchRow[] = [];
  let sliceStart = performance.now();
  options.onProgress?.({ done: 0, total: queries.length });
  for (const { line, query } of queries) {
    if (options.signal?.aborted) break;
    rows.push(await runOne(engine, line, query, req.limit, req.all));
    if (performance.now() - sliceStart > SLICE_MS) {
      options.onProgress?.({ done: rows.length, total: queries.length });
      await yieldToLoop();
      sliceStart = performance.now();
    }
  }
  options.onProgress?.({ done: rows.length, total: queries.length });
  return {
    rows,
    matched: rows.filter((r) => r.total > 0).length,
    failed: rows.filter((r) => r.error).length,
    elapsedMs: Math.round(performance.now() - t0),
    cancelled: rows.length < queries.length,
  };
}

async function runOne(engine: SearchEngine, line: number, query: string, limit: number, all: boolean): Promise<BatchRow> {
  if (!query.trim()) {
    return { line, query, total: 0, documents: [], error: { code: 'BAD_QUERY', message: `Line ${line} is empty: an empty query would list every document.` } };
  }
  try {
    // One document is asked for even when none are listed: the engine needs a page to count.
    const res = await engine.query({ query, limit: Math.max(1, limit), all });
    const documents = res.documents.slice(0, limit).map((d) => ({ id: d.id, title: d.title, outlet: d.outlet, published: d.published, score: d.score }));
    return { line, query, total: res.total, documents, error: null };
  } catch (err) {
    const code = isWorkbenchError(err) ? err.code : 'INTERNAL';
    const message = err instanceof Error ? err.message : String(err);
    return { line, query, total: 0, documents: [], error: { code, message } };
  }
}
