import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/core/db/migrations';

describe('migration 012: page images of scanned PDFs', () => {
  it('keeps one image a page, refuses page 0 and a second image of a page, and drops them with the document', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { to: 11 });
    db.prepare("INSERT INTO documents (id, title, body, format, sha256, imported_at) VALUES (1, 't', 'Havana', 'pdf', 'h', 'now')").run();
    expect(migrate(db, { to: 12 })).toEqual([12]);
    const put = db.prepare('INSERT INTO document_page_images (document_id, page, media_type, content) VALUES (?, ?, ?, ?)');
    put.run(1, 1, 'image/jpeg', Buffer.from([0xff, 0xd8]));
    put.run(1, 2, 'image/jpeg', Buffer.from([0xff, 0xd8]));
    expect(() => put.run(1, 0, 'image/jpeg', Buffer.from([1]))).toThrow(/CHECK/);
    expect(() => put.run(1, 2, 'image/jpeg', Buffer.from([1]))).toThrow(/UNIQUE|PRIMARY/);
    expect(db.prepare('SELECT page FROM document_page_images ORDER BY page').pluck().all()).toEqual([1, 2]);
    db.prepare('DELETE FROM documents').run();
    expect(db.prepare('SELECT count(*) FROM document_page_images').pluck().get()).toBe(0);
  });
});
