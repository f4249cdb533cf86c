import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/core/db/migrations';

describe('migration 003: document parents', () => {
  it('links an attachment to its message, and keeps it when the message goes', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { to: 2 });
    const insert = db.prepare("INSERT INTO documents (id, title, body, format, sha256, imported_at) VALUES (?, 't', 'b', 'email', ?, 'now')");
    insert.run(1, 'a');
    expect(migrate(db, { to: 3 })).toEqual([3]);
    db.prepare("INSERT INTO documents (id, title, body, format, sha256, imported_at, parent_id) VALUES (2, 'att', 'b', 'text', 'b', 'now', 1)").run();
    expect(() => db.prepare("INSERT INTO documents (id, title, body, format, sha256, imported_at, parent_id) VALUES (3, 'x', 'b', 'text', 'c', 'now', 99)").run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    expect(db.prepare('SELECT id, parent_id AS p FROM documents').all()).toEqual([{ id: 2, p: null }]);
  });
});
