import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/core/db/migrations';

describe('migration 008: document language', () => {
  it('adds an editable, checked language code that older documents leave unknown', () => {
    const db = new Database(':memory:');
    migrate(db, { to: 7 });
    db.prepare("INSERT INTO documents (id, title, body, format, sha256, imported_at) VALUES (1, 't', 'old', 'text', 'h', 'now')").run();
    expect(migrate(db, { to: 8 })).toEqual([8]);
    expect(db.prepare('SELECT lang FROM documents WHERE id = 1').pluck().get()).toBeNull();
    db.prepare("UPDATE documents SET lang = 'fr' WHERE id = 1").run();
    expect(db.prepare("SELECT id FROM documents WHERE lang = 'fr'").pluck().all()).toEqual([1]);
    expect(() => db.prepare("UPDATE documents SET lang = 'French' WHERE id = 1").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE documents SET lang = 'FR' WHERE id = 1").run()).toThrow(/CHECK/);
  });
});
