import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/core/db/migrations';

describe('migration 007: analysis tables', () => {
  it('adds the analysis tables, whose rows go with their document', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { to: 6 });
    db.prepare("INSERT INTO documents (id, title, body, format, sha256, imported_at) VALUES (1, 't', 'About 400 contractors.', 'text', 'a', 'now'), (2, 'u', 'x', 'text', 'b', 'now')").run();
    expect(migrate(db, { to: 7 })).toEqual([7]);
    db.prepare('INSERT INTO analyzed (document_id, version) VALUES (1, 1)').run();
    db.prepare("INSERT INTO figures (document_id, start_offset, end_offset, text, value) VALUES (1, 0, 9, 'About 400', 400)").run();
    db.prepare("INSERT INTO shared_passages (doc_a, a_start, a_end, doc_b, b_start, b_end, score, kind) VALUES (1, 0, 5, 2, 0, 1, 1, 'copy')").run();
    db.prepare("INSERT INTO entity_overrides (key, entity_key) VALUES ('maduro', 'maduro')").run();
    expect(() => db.prepare("INSERT INTO shared_passages (doc_a, a_start, a_end, doc_b, b_start, b_end, score, kind) VALUES (1, 0, 5, 2, 0, 1, 1, 'guess')").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    for (const t of ['analyzed', 'figures', 'shared_passages']) expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
    // The user's corrections are not derived from one document: they stay.
    expect(db.prepare('SELECT count(*) FROM entity_overrides').pluck().get()).toBe(1);
  });
});
