import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/core/db/migrations';
import { analysisPending } from '../../../../../electron/core/analysis/pending';

describe('migration 011: compact analysis tables', () => {
  it('keeps one row per fingerprint and document, counts boilerplate once, and has every document analysed again', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { to: 10 });
    db.prepare("INSERT INTO documents (id, title, body, format, sha256, imported_at) VALUES (1, 't', 'About 400 contractors.', 'text', 'a', 'now')").run();
    db.prepare('INSERT INTO analyzed (document_id, version) VALUES (1, 2)').run();
    db.prepare('INSERT INTO passage_fingerprints (hash, document_id, start_offset) VALUES (4000000000, 1, 0), (4000000000, 1, 9)').run();
    expect(migrate(db, { to: 11 })).toEqual([11]);
    const columns = (db.prepare("SELECT name FROM pragma_table_info('passage_fingerprints')").pluck().all() as string[]).sort();
    expect(columns).toEqual(['document_id', 'hash']);
    // No rowid and no second index: the table is its own index by hash.
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'passage_fingerprints'").pluck().get()).toMatch(/WITHOUT ROWID/);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'passage_fingerprints' AND sql IS NOT NULL").pluck().get()).toBe(0);
    db.prepare('INSERT INTO passage_fingerprints (hash, document_id) VALUES (-294967296, 1)').run();
    expect(() => db.prepare('INSERT INTO passage_fingerprints (hash, document_id) VALUES (-294967296, 1)').run()).toThrow(/UNIQUE/);
    db.prepare('INSERT INTO passage_boilerplate (hash, documents) VALUES (7, 25)').run();
    expect(() => db.prepare('INSERT INTO passage_boilerplate (hash, documents) VALUES (7, 1)').run()).toThrow(/UNIQUE/);
    // Analysed with the old version: pending again, so the new tables fill.
    expect(analysisPending(db as never)).toBe(true);
  });
});
