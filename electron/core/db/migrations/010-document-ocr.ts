import type { Migration } from './types';

/**
 * For a document whose text was recognised from images (a photo, a scanned PDF): the OCR
 * engine, its languages and its confidence, overall and per page, so the library and the
 * reader can say that a word may be misread.
 */
export const migration010: Migration = {
  version: 10,
  name: 'document-ocr',
  up(db) {
    db.exec(`
      CREATE TABLE document_ocr (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        engine TEXT NOT NULL,
        languages TEXT NOT NULL,
        confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 100),
        page_confidences TEXT NOT NULL DEFAULT '[]'
      ) STRICT;
    `);
  },
};
