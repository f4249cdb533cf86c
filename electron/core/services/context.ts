import type { Db } from '../db/open';
import type { UndoLog } from './undo';

export type ChangeKind = 'documents' | 'tags' | 'highlights' | 'notes' | 'savedSearches' | 'analysis';

/**
 * What a service needs besides the database: a way to tell the search index which
 * documents and notes to re-read, and to announce a change (the UI listens).
 */
export interface ServiceContext {
  db: Db;
  reindexDocuments(ids: Iterable<number>): void;
  reindexNotes(ids: Iterable<number>): void;
  unindexNotes(ids: Iterable<number>): void;
  unindexDocuments(docs: Array<{ id: number; body: string }>): void;
  changed(kind: ChangeKind): void;
  /** Records what a destructive action removes, so it can be undone. */
  undo: UndoLog;
}

export const nowIso = (): string => new Date().toISOString();
