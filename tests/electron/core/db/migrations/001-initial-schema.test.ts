import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, MIGRATIONS, migrate } from '../../../../../electron/core/db/migrations';

function fresh() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.pragma('trusted_schema = OFF');
  return db;
}

describe('migration 001: initial schema', () => {
  it('creates every table and sets user_version and application_id in one step', () => {
    const db = fresh();
    expect(migrate(db, { to: 1 })).toEqual([1]);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'documents_fts_%' ORDER BY name").pluck().all();
    expect(tables).toEqual(['document_tags', 'documents', 'documents_fts', 'highlight_tags', 'highlights', 'meta', 'note_links', 'notes', 'saved_searches', 'tags']);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(migrate(db)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
  });

  it('keeps FTS5 postings in step with document bodies, accents folded', () => {
    const db = fresh();
    migrate(db, { to: 1 });
    const insert = db.prepare("INSERT INTO documents (title, body, format, sha256, imported_at) VALUES ('t', ?, 'text', ?, '2026-01-01')");
    insert.run('Juan Guaidó declared himself president', 'a');
    insert.run('Nothing to see', 'b');
    const match = () => db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?').pluck().all('guaido');
    expect(match()).toEqual([1]);
    db.prepare("UPDATE documents SET body = 'Guaido again' WHERE id = 2").run();
    expect(match()).toEqual([1, 2]);
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    expect(match()).toEqual([2]);
    db.prepare("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)").run();
  });

  it('bumps the revision on any change the search index derives from', () => {
    const db = fresh();
    migrate(db, { to: 1 });
    const rev = () => db.prepare("SELECT value FROM meta WHERE key = 'revision'").pluck().get() as number;
    const r0 = rev();
    db.prepare("INSERT INTO tags (name, color, created_at) VALUES ('x', '#000000', 'now')").run();
    db.prepare("INSERT INTO notes (body, created_at, updated_at) VALUES ('n', 'now', 'now')").run();
    db.prepare("UPDATE tags SET name = 'y'").run();
    expect(rev()).toBe(r0 + 3);
  });

  it('keeps notes when their document goes, and refuses broken references', () => {
    const db = fresh();
    migrate(db, { to: 1 });
    db.prepare("INSERT INTO documents (id, title, body, format, sha256, imported_at) VALUES (1, 't', 'body text here', 'text', 'h', 'now')").run();
    db.prepare("INSERT INTO highlights (id, document_id, start_offset, end_offset, quote, prefix, suffix, created_at, updated_at) VALUES (1, 1, 0, 4, 'body', '', ' text', 'now', 'now')").run();
    db.prepare("INSERT INTO notes (id, body, document_id, highlight_id, created_at, updated_at) VALUES (1, 'kept', 1, 1, 'now', 'now')").run();
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    expect(db.prepare('SELECT body, document_id AS d, highlight_id AS h FROM notes').get()).toEqual({ body: 'kept', d: null, h: null });
    expect(() => db.prepare("INSERT INTO document_tags (document_id, tag_id, created_at) VALUES (9, 9, 'now')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO tags (name, color, created_at) VALUES ('Same', '#000000', 'now'), ('same', '#000000', 'now')").run()).toThrow(/UNIQUE/);
  });

  it('rolls back a failing migration as a whole', () => {
    const db = fresh();
    const broken = { version: 1, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE a (x); CREATE TABLE a (x);') };
    const original = [...MIGRATIONS];
    (MIGRATIONS as unknown as Array<typeof broken>).splice(0, MIGRATIONS.length, broken);
    try {
      expect(() => migrate(db)).toThrow(/already exists/);
    } finally {
      (MIGRATIONS as unknown as Array<unknown>).splice(0, MIGRATIONS.length, ...original);
    }
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'a'").pluck().get()).toBe(0);
  });
});
