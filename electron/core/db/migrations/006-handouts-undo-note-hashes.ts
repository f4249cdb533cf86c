import { createHash } from 'node:crypto';
import type { Migration } from './types';

/**
 * What hand-outs, merging and undo need:
 * - notes carry a SHA-256 of their text (`workbench check` finds damage SQLite misses,
 *   and a merge recognises a note it already has), a "for hand-out" mark, and where a
 *   note came from with a read-only flag (a trainer's notes in a trainee's copy);
 * - an undo log of destructive actions, with the rows they removed.
 */
export const migration006: Migration = {
  version: 6,
  name: 'handouts-undo-note-hashes',
  up(db) {
    db.exec(`
      ALTER TABLE notes ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
      ALTER TABLE notes ADD COLUMN handout INTEGER NOT NULL DEFAULT 0 CHECK (handout IN (0, 1));
      ALTER TABLE notes ADD COLUMN origin TEXT;
      ALTER TABLE notes ADD COLUMN readonly INTEGER NOT NULL DEFAULT 0 CHECK (readonly IN (0, 1));
      CREATE INDEX notes_sha256 ON notes (sha256);

      CREATE TABLE undo_log (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
    const set = db.prepare('UPDATE notes SET sha256 = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id, body FROM notes').all() as Array<{ id: number; body: string }>) {
      set.run(createHash('sha256').update(row.body, 'utf8').digest('hex'), row.id);
    }
  },
};
