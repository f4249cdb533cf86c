import type { Migration } from './types';

/**
 * The page images a scanned PDF's text was recognised from, rendered at OCR time, so the
 * reader can show each page beside its text as it does a photo's (a photo is its own
 * original, in document_sources; a scanned PDF's original is the PDF).
 */
export const migration012: Migration = {
  version: 12,
  name: 'document-page-images',
  up(db) {
    db.exec(`
      CREATE TABLE document_page_images (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        page INTEGER NOT NULL CHECK (page >= 1),
        media_type TEXT NOT NULL,
        content BLOB NOT NULL,
        PRIMARY KEY (document_id, page)
      ) STRICT;
    `);
  },
};
