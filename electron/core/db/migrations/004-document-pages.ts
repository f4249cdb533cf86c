import type { Migration } from './types';

/** Where each page of a paged original (a PDF) starts in the text, so a passage can cite its page. */
export const migration004: Migration = {
  version: 4,
  name: 'document-pages',
  up(db) {
    db.exec(`
      CREATE TABLE document_pages (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        page INTEGER NOT NULL CHECK (page >= 1),
        start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
        PRIMARY KEY (document_id, page)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
