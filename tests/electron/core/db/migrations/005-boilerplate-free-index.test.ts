import Database from 'better-sqlite3-multiple-ciphers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/core/db/migrations';
import { SEEDS } from '../../../../helpers';

describe('migration 005: a boilerplate-free index', () => {
  it('finds the boilerplate of documents already there, indexes their clean text, and drops it with them', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { to: 4 });
    const insert = db.prepare("INSERT INTO documents (id, title, body, format, sha256, imported_at) VALUES (?, 't', ?, 'text', ?, 'now')");
    insert.run(1, readFileSync(join(SEEDS, '003_07c546ca077d7fd8.txt'), 'utf8'), 'a');
    insert.run(2, readFileSync(join(SEEDS, '004_8c048177815bf7d1.txt'), 'utf8'), 'b');
    expect(migrate(db, { to: 5 })).toEqual([5]);
    expect(db.prepare('SELECT id, boilerplate AS b FROM documents ORDER BY id').all()).toEqual([
      { id: 1, b: 1 },
      { id: 2, b: 0 },
    ]);
    const clean = (q: string) => db.prepare('SELECT rowid FROM documents_clean_fts WHERE documents_clean_fts MATCH ?').pluck().all(q);
    expect(clean('spetsnaz')).toEqual([1]);
    expect(clean('happiest')).toEqual([]);
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    expect(clean('spetsnaz')).toEqual([]);
  });
});
