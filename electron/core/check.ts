import type MiniSearch from 'minisearch';
import { ErrorCode, WorkbenchError } from '../shared/errors';
import type { Db } from './db/open';
import { corpusChecksum, savedChecksum } from './search/index-store';
import { docKey, noteKey, type PersonalEntry } from './search/personal-index';
// Only the hash: the importers and their libraries stay out of the process that holds the workspace.
import { sha256 } from './import/hash';

export interface CheckReport {
  ok: boolean;
  problems: string[];
  checked: { documents: number; notes: number };
}

/**
 * Checks the file (SQLite's integrity_check and foreign keys), the FTS5 postings against
 * the documents, each document's and note's text against its SHA-256, and the search index against
 * the database.
 */
export function checkWorkspace(db: Db, index: MiniSearch<PersonalEntry>): CheckReport {
  const problems: string[] = [];
  const fk = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  for (const row of fk) problems.push(`broken reference: ${row.table} row ${row.rowid} points to a missing ${row.parent} row`);
  // First: as a write, it makes FTS5 reload its structure, which this connection may hold
  // from before another connection (the import worker) changed it.
  try {
    db.prepare("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)").run();
  } catch (err) {
    problems.push(`full-text index does not match the documents: ${(err as Error).message}`);
  }
  try {
    db.prepare("INSERT INTO documents_clean_fts (documents_clean_fts, rank) VALUES ('integrity-check', 0)").run();
  } catch (err) {
    problems.push(`the boilerplate-free index is damaged: ${(err as Error).message}`);
  }
  const integrity = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  for (const row of integrity) if (row.integrity_check !== 'ok') problems.push(`SQLite integrity: ${row.integrity_check}`);
  let documents = 0;
  for (const row of db.prepare('SELECT id, body, sha256 FROM documents').iterate() as Iterable<{ id: number; body: string; sha256: string }>) {
    documents++;
    if (sha256(row.body) !== row.sha256) problems.push(`document ${row.id}: its text no longer matches its SHA-256 (damaged)`);
    if (!index.has(docKey(row.id))) problems.push(`search index: document ${row.id} is missing`);
  }
  const notes: number[] = [];
  for (const row of db.prepare('SELECT id, body, sha256 FROM notes').iterate() as Iterable<{ id: number; body: string; sha256: string }>) {
    notes.push(row.id);
    if (sha256(row.body) !== row.sha256) problems.push(`note ${row.id}: its text no longer matches its SHA-256 (damaged)`);
    if (!index.has(noteKey(row.id))) problems.push(`search index: note ${row.id} is missing`);
  }
  if (index.documentCount !== documents + notes.length) {
    problems.push(`search index holds ${index.documentCount} entries, the workspace ${documents + notes.length}`);
  }
  const saved = savedChecksum(db);
  if (saved !== null && saved !== corpusChecksum(db)) problems.push('the saved search index is stale (it is rebuilt on the next open)');
  return { ok: problems.length === 0, problems, checked: { documents, notes: notes.length } };
}

/**
 * SQLite's quick_check (the file's structure, without matching indexes to tables): a
 * workspace that fails it is damaged, and is not written to.
 */
export function quickCheck(db: Db, file: string): void {
  let result: string;
  try {
    result = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((r) => r.quick_check).join('; ');
  } catch (err) {
    result = (err as Error).message;
  }
  if (result !== 'ok') {
    db.close();
    throw new WorkbenchError(ErrorCode.Damaged, `${file} is damaged: SQLite's quick_check reports ${result.slice(0, 300)}.`, { file, reason: result.slice(0, 300) });
  }
}
