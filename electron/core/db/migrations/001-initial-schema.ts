import type { Migration } from './types';

/**
 * The first schema: documents with their FTS5 postings, tags, highlights, notes and the
 * links notes make, saved searches, and a meta table for derived data (the MiniSearch
 * index) and the revision counter that tells when that derived data has gone stale.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial-schema',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value ANY
      ) STRICT;
      INSERT INTO meta (key, value) VALUES ('revision', 0);

      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        outlet TEXT,
        author TEXT,
        published TEXT,
        url TEXT,
        file_name TEXT,
        format TEXT NOT NULL,
        encoding TEXT,
        sha256 TEXT NOT NULL UNIQUE,
        size_bytes INTEGER NOT NULL DEFAULT 0,
        imported_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX documents_published ON documents (published);
      CREATE INDEX documents_outlet ON documents (outlet COLLATE NOCASE);
      CREATE INDEX documents_title ON documents (title COLLATE NOCASE);

      CREATE VIRTUAL TABLE documents_fts USING fts5 (
        body,
        content = 'documents',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, body) VALUES (new.id, new.body);
      END;
      CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, body) VALUES ('delete', old.id, old.body);
      END;
      CREATE TRIGGER documents_fts_update AFTER UPDATE OF body ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, body) VALUES ('delete', old.id, old.body);
        INSERT INTO documents_fts (rowid, body) VALUES (new.id, new.body);
      END;

      CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        color TEXT NOT NULL,
        parent_id INTEGER REFERENCES tags (id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        CHECK (parent_id IS NULL OR parent_id <> id)
      ) STRICT;
      CREATE INDEX tags_parent ON tags (parent_id);

      CREATE TABLE document_tags (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (document_id, tag_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX document_tags_tag ON document_tags (tag_id);

      CREATE TABLE highlights (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (start_offset >= 0 AND end_offset > start_offset)
      ) STRICT;
      CREATE INDEX highlights_document ON highlights (document_id, start_offset);

      CREATE TABLE highlight_tags (
        highlight_id INTEGER NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (highlight_id, tag_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX highlight_tags_tag ON highlight_tags (tag_id);

      CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        body TEXT NOT NULL,
        document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
        highlight_id INTEGER REFERENCES highlights (id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX notes_document ON notes (document_id);
      CREATE INDEX notes_highlight ON notes (highlight_id);

      CREATE TABLE note_links (
        note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
        document_id INTEGER REFERENCES documents (id) ON DELETE CASCADE,
        highlight_id INTEGER REFERENCES highlights (id) ON DELETE CASCADE,
        CHECK ((document_id IS NULL) <> (highlight_id IS NULL))
      ) STRICT;
      CREATE INDEX note_links_note ON note_links (note_id);
      CREATE INDEX note_links_document ON note_links (document_id);
      CREATE INDEX note_links_highlight ON note_links (highlight_id);

      CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        query TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
    // Any change to what the search index derives from bumps the revision, whoever makes it.
    // Inserting documents is left out: it changes their count and highest id, which the
    // checksum includes, and a per-row trigger would cost bulk imports a fifth of their speed.
    for (const table of ['documents', 'tags', 'document_tags', 'highlights', 'highlight_tags', 'notes']) {
      for (const event of table === 'documents' ? ['UPDATE', 'DELETE'] : ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(`
          CREATE TRIGGER ${table}_revision_${event.toLowerCase()} AFTER ${event} ON ${table} BEGIN
            UPDATE meta SET value = value + 1 WHERE key = 'revision';
          END;
        `);
      }
    }
  },
};
