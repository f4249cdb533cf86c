import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/core/db/migrations';

describe('migration 004: document pages', () => {
  it('records page starts per document, and drops them with it', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { to: 3 });
    db.prepare("INSERT INTO documents (id, title, body, format, sha256, imported_at) VALUES (1, 't', 'p1\n\np2', 'pdf', 'h', 'now')").run();
    expect(migrate(db, { to: 4 })).toEqual([4]);
    db.prepare('INSERT INTO document_pages (document_id, page, start_offset) VALUES (1, 1, 0), (1, 2, 4)').run();
    expect(() => db.prepare('INSERT INTO document_pages (document_id, page, start_offset) VALUES (1, 0, 0)').run()).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO document_pages (document_id, page, start_offset) VALUES (1, 2, 9)').run()).toThrow(/UNIQUE|PRIMARY/);
    db.prepare('DELETE FROM documents').run();
    expect(db.prepare('SELECT count(*) FROM document_pages').pluck().get()).toBe(0);
  });
});
