import type { Migration } from './types';

/**
 * The language of each document (ISO 639-1, such as 'en' or 'fr'; NULL when unknown), detected
 * at import and editable. Search stems a word only in documents of the stemmer's language,
 * the analysis picks its rules by it, and `lang:fr` filters on it.
 */
export const migration008: Migration = {
  version: 8,
  name: 'document-language',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN lang TEXT CHECK (lang IS NULL OR (length(lang) BETWEEN 2 AND 3 AND lang = lower(lang)));
      CREATE INDEX documents_lang ON documents (lang);
    `);
  },
};
