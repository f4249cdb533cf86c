import type { ImportProgress, ImportSummary } from '../../shared/schemas';
import type { StoredEntry } from './store';

export interface ImportJob {
  file: string;
  paths: string[];
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
