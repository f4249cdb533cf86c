import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/core/db/migrations';

describe('migration 009: tag descriptions', () => {
  it('keeps existing tags, with no description, and stores one for new tags', () => {
    const db = new Database(':memory:');
    migrate(db, { to: 8 });
    db.prepare("INSERT INTO tags (id, name, color, created_at) VALUES (1, 'Claims', '#e6194b', 'now')").run();
    expect(migrate(db, { to: 9 })).toEqual([9]);
    expect(db.prepare('SELECT name, description FROM tags WHERE id = 1').get()).toEqual({ name: 'Claims', description: null });
    db.prepare("INSERT INTO tags (id, name, color, description, created_at) VALUES (2, 'Routes', '#3cb44b', 'Flights and ships', 'now')").run();
    expect(db.prepare('SELECT description FROM tags WHERE id = 2').pluck().get()).toBe('Flights and ships');
  });
});
