import type { Migration } from './types';

/**
 * The analysis at archive scale. Fingerprints were stored with their offsets and indexed
 * twice (by hash, and by document for the cascade): a third of the workspace at 100k
 * documents. Now one row per hash and document, without rowid and without a second index;
 * where a fingerprint stands is found again from the text when a candidate is verified.
 * Rows left by a deleted document are a false lead that verification drops, and a full
 * re-analysis clears them. A fingerprint that more documents share than the analysis
 * compares pairwise is boilerplate (quoted mail, licence text, signatures): it is counted
 * once in passage_boilerplate instead of being stored for every document and every pair.
 * The analysis version bump that comes with this re-analyses every document.
 */
export const migration011: Migration = {
  version: 11,
  name: 'compact-analysis',
  up(db) {
    db.exec(`
      DROP TABLE passage_fingerprints;
      CREATE TABLE passage_fingerprints (
        hash INTEGER NOT NULL,
        document_id INTEGER NOT NULL,
        PRIMARY KEY (hash, document_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE passage_boilerplate (
        hash INTEGER PRIMARY KEY,
        documents INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
