/**
 * Which documents lack the current analysis: asked after every import, switch and undo, so
 * it lives apart from the analysis itself and its language libraries (compromise, chrono).
 */
import type { Db } from '../db/open';

/** Bump when the analysis changes: every document is analysed again. */
export const ANALYSIS_VERSION = 4;

/**
 * What a run derives from the documents: all of it cleared when every document is analysed
 * again, and checked more lightly in a copy (workspaces/files.ts), since it can be made anew.
 */
export const ANALYSIS_TABLES: readonly string[] = ['passage_fingerprints', 'passage_boilerplate', 'shared_passages', 'entity_mentions', 'figures', 'mentioned_dates'];

export interface AnalysisProgress {
  done: number;
  total: number;
}

/** Whether any document lacks the current analysis: a cheap question asked after every import, switch and undo. */
export function analysisPending(db: Db): boolean {
  return (
    db
      .prepare('SELECT EXISTS (SELECT 1 FROM documents d WHERE NOT EXISTS (SELECT 1 FROM analyzed a WHERE a.document_id = d.id AND a.version = ?))')
      .pluck()
      .get(ANALYSIS_VERSION) === 1
  );
}

export function pendingAnalysis(db: Db): number[] {
  return db.prepare('SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM analyzed WHERE version = ?) ORDER BY id').pluck().all(ANALYSIS_VERSION) as number[];
}
