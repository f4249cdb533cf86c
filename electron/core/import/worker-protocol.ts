import type { ImportProgress, ImportSummary } from '../../shared/schemas';
import type { FileResult } from './parse-file';
import type { StoredEntry } from './store';

export interface ImportJob {
  file: string;
  paths: string[];
  /** Files sent as bytes (uploads); parsed from memory, never written to disk. */
  files?: Array<{ path: string; data: Uint8Array }>;
  /** The parse worker's script (a file: URL), or null to parse in the import worker itself. */
  parseWorker: string | null;
  nativeBinding?: string;
  /** The key of an encrypted workspace; passed in memory, never written anywhere. */
  passphrase?: string;
  maxFileBytes?: number;
  batchDocs?: number;
  batchBytes?: number;
  /** How long one file may take to parse before it fails and the parser is restarted. */
  fileTimeoutMs?: number;
  /** The OCR languages, as "eng+fra"; the parse workers started here read them from the environment. */
  ocrLanguages?: string;
}

export type ToWorker = { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'stored'; entries: StoredEntry[] }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; message: string };

export interface ParseRequest {
  id: number;
  /** The position of the first entry in its chunk (after a restart, the files still to parse). */
  offset: number;
  entries: Array<{ path: string; size: number; data?: Uint8Array }>;
  maxBytes: number;
}

/** Said before each file (its time budget starts) and after it, with its result. */
export type ParseMessage =
  | { type: 'started'; id: number; index: number }
  /** Before each page read by OCR: the file's time budget starts again for it. */
  | { type: 'page'; id: number; index: number; page: number; pages: number }
  | { type: 'parsed'; id: number; index: number; result: FileResult };
