import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/core/db/migrations';

describe('migration 006: note hashes, hand-out marks, undo log', () => {
  it('hashes the notes already there, marks them private and own, and adds an empty undo log', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { to: 5 });
    db.prepare("INSERT INTO notes (id, body, created_at, updated_at) VALUES (1, 'Ilyushin-96 flew via Havana', 'now', 'now')").run();
    expect(migrate(db, { to: 6 })).toEqual([6]);
    const row = db.prepare('SELECT sha256, handout, origin, readonly FROM notes WHERE id = 1').get();
    expect(row).toEqual({ sha256: createHash('sha256').update('Ilyushin-96 flew via Havana').digest('hex'), handout: 0, origin: null, readonly: 0 });
    expect(db.prepare('SELECT count(*) FROM undo_log').pluck().get()).toBe(0);
    expect(() => db.prepare('UPDATE notes SET handout = 2 WHERE id = 1').run()).toThrow(/CHECK/);
  });
});
