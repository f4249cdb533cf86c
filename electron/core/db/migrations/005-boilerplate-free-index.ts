import { cleanText, findBoilerplate } from '../../../shared/text/boilerplate';
import type { Migration } from './types';

/**
 * Search that can leave boilerplate out: for documents that have some (donation boxes,
 * polls, comment threads), a second, contentless FTS5 index holds their text without it.
 * Documents without boilerplate are not stored twice; `boilerplate` says which is which.
 */
export const migration005: Migration = {
  version: 5,
  name: 'boilerplate-free-index',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN boilerplate INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX documents_boilerplate ON documents (id) WHERE boilerplate = 1;
      CREATE VIRTUAL TABLE documents_clean_fts USING fts5 (
        body,
        content = '',
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER documents_clean_fts_delete AFTER DELETE ON documents WHEN old.boilerplate = 1 BEGIN
        DELETE FROM documents_clean_fts WHERE rowid = old.id;
      END;
    `);
    // Documents imported before: find their boilerplate now.
    const mark = db.prepare('UPDATE documents SET boilerplate = 1 WHERE id = ?');
    const add = db.prepare('INSERT INTO documents_clean_fts (rowid, body) VALUES (?, ?)');
    for (const row of db.prepare('SELECT id, body FROM documents').all() as Array<{ id: number; body: string }>) {
      const folds = findBoilerplate(row.body);
      if (folds.length === 0) continue;
      mark.run(row.id);
      add.run(row.id, cleanText(row.body, folds));
    }
  },
};
