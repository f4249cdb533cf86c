/**
 * The contract's batch search: a term list run as many queries at once, as
 * investigators check a list of names against a corpus. Spread into `contract`.
 */
import { z } from 'zod';
import { Id } from '../schemas';
import { method } from './define';

export const BatchDocument = z.object({ id: Id, title: z.string(), outlet: z.string().nullable(), published: z.string().nullable(), score: z.number() });
export type BatchDocument = z.infer<typeof BatchDocument>;

export const BatchRow = z.object({
  /** The line of the list the query came from (1-based). */
  line: z.number().int(),
  query: z.string(),
  /** How many documents it finds. */
  total: z.number().int(),
  /** The first of them, best first. */
  documents: z.array(BatchDocument),
  /** A query that cannot run carries its error here; the rest of the batch goes on. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type BatchRow = z.infer<typeof BatchRow>;

export const BatchRequest = z.object({
  /** Queries in the search box's language, or the lines of a list with where they came from. */
  queries: z
    .array(z.union([z.string(), z.object({ line: z.number().int().min(1), query: z.string() })]))
    .min(1)
    .max(20_000),
  /** How many documents to list per query. */
  limit: z.number().int().min(0).max(100).default(10),
  /** Keep only documents with every word of a query (the default: a name must match whole). */
  all: z.boolean().default(true),
});
export type BatchRequest = z.input<typeof BatchRequest>;

export const BatchResult = z.object({
  rows: z.array(BatchRow),
  /** Queries that found at least one document. */
  matched: z.number().int(),
  /** Queries that could not run. */
  failed: z.number().int(),
  elapsedMs: z.number(),
  /** True when `search.batchCancel` stopped it: `rows` holds the queries run until then. */
  cancelled: z.boolean(),
});
export type BatchResult = z.infer<typeof BatchResult>;

export const BatchProgress = z.object({ done: z.number().int(), total: z.number().int() });

export const searchMethods = {
  'search.batch': method({
    input: BatchRequest,
    output: BatchResult,
    doc: 'Runs a list of queries (a term list, one query each), with progress as `batch.progress` events; each gets its number of documents and the first of them, or its own error. Example: `{ queries: ["Prigozhin", "\\"third countries\\"", "date:foo"], limit: 5 }`.',
  }),
  'search.batchCancel': method({
    input: z.object({}).strict().default({}),
    output: z.object({ ok: z.literal(true) }),
    doc: 'Stops the running batch search after its current query; it answers with the rows done so far. Example: `{}`.',
  }),
} as const;
