import type { Migration } from './types';

/**
 * Cross-source analysis, derived from the documents and kept with them: fingerprints and
 * shared passages, entity mentions (with the user's merges and splits, which are not
 * derived and survive re-analysis), figures, and the dates texts mention. `analyzed`
 * records which documents are done and with which version of the analysis, so it runs
 * only for what is new.
 */
export const migration007: Migration = {
  version: 7,
  name: 'analysis',
  up(db) {
    db.exec(`
      CREATE TABLE analyzed (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        version INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE passage_fingerprints (
        hash INTEGER NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start_offset INTEGER NOT NULL,
        PRIMARY KEY (hash, document_id, start_offset)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX passage_fingerprints_document ON passage_fingerprints (document_id);

      CREATE TABLE shared_passages (
        id INTEGER PRIMARY KEY,
        doc_a INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        a_start INTEGER NOT NULL,
        a_end INTEGER NOT NULL,
        doc_b INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        b_start INTEGER NOT NULL,
        b_end INTEGER NOT NULL,
        score REAL NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('copy', 'reworded'))
      ) STRICT;
      CREATE INDEX shared_passages_a ON shared_passages (doc_a);
      CREATE INDEX shared_passages_b ON shared_passages (doc_b);

      CREATE TABLE entity_mentions (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        surface TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'place')),
        key TEXT NOT NULL
      ) STRICT;
      CREATE INDEX entity_mentions_key ON entity_mentions (key);
      CREATE INDEX entity_mentions_document ON entity_mentions (document_id);

      -- The user's corrections: a mention key merged into another entity, or split out to its own.
      CREATE TABLE entity_overrides (
        key TEXT PRIMARY KEY,
        entity_key TEXT NOT NULL
      ) STRICT;

      CREATE TABLE figures (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        text TEXT NOT NULL,
        value REAL NOT NULL,
        qualifier TEXT,
        counted TEXT,
        subject TEXT
      ) STRICT;
      CREATE INDEX figures_document ON figures (document_id);
      CREATE INDEX figures_subject ON figures (subject);

      CREATE TABLE mentioned_dates (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        text TEXT NOT NULL,
        date TEXT NOT NULL
      ) STRICT;
      CREATE INDEX mentioned_dates_date ON mentioned_dates (date);
      CREATE INDEX mentioned_dates_document ON mentioned_dates (document_id);
    `);
  },
};
