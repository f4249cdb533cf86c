import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/core/db/migrations';

describe('migration 002: document sources', () => {
  it('adds a table for originals that goes with its document', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { to: 1 });
    db.prepare("INSERT INTO documents (id, title, body, format, sha256, imported_at) VALUES (1, 't', 'b', 'html', 'h', 'now')").run();
    expect(migrate(db, { to: 2 })).toEqual([2]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.prepare("INSERT INTO document_sources (document_id, media_type, content) VALUES (1, 'text/html', ?)").run(Buffer.from('<p>b</p>'));
    expect(db.prepare('SELECT content FROM document_sources').pluck().get()).toEqual(Buffer.from('<p>b</p>'));
    expect(() => db.prepare("INSERT INTO document_sources (document_id, media_type, content) VALUES (9, 'text/html', x'00')").run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM document_sources').pluck().get()).toBe(0);
  });
});
