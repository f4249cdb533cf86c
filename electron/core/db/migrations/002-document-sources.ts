import type { Migration } from './types';

/**
 * The original file of a document whose text was extracted from something richer (a web
 * page now; PDF, DOCX and mail later), so the reader can switch to the raw original and
 * nothing the importer left out is lost.
 */
export const migration002: Migration = {
  version: 2,
  name: 'document-sources',
  up(db) {
    db.exec(`
      CREATE TABLE document_sources (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        media_type TEXT NOT NULL,
        content BLOB NOT NULL
      ) STRICT;
    `);
  },
};
