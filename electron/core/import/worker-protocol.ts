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
}

export type ToWorker = { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'stored'; entries: StoredEntry[] }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; message: string };

export interface ParseRequest {
  id: number;
  entries: Array<{ path: string; size: number; data?: Uint8Array }>;
  maxBytes: number;
}

export interface ParseResponse {
  id: number;
  results: FileResult[];
}
