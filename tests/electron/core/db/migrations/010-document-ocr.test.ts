import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/core/db/migrations';

describe('migration 010: document OCR', () => {
  it('records how a document was recognised, refuses a confidence out of range, and drops it with the document', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { to: 9 });
    db.prepare("INSERT INTO documents (id, title, body, format, sha256, imported_at) VALUES (1, 't', 'Havana', 'image', 'h', 'now')").run();
    expect(migrate(db, { to: 10 })).toEqual([10]);
    db.prepare("INSERT INTO document_ocr (document_id, engine, languages, confidence, page_confidences) VALUES (1, 'tesseract.js 7.0.0', 'eng+fra', 91, '[91]')").run();
    expect(() => db.prepare("INSERT INTO document_ocr (document_id, engine, languages, confidence) VALUES (1, 'x', 'eng', 120)").run()).toThrow(/CHECK|UNIQUE|PRIMARY/);
    expect(db.prepare('SELECT languages, confidence FROM document_ocr').get()).toEqual({ languages: 'eng+fra', confidence: 91 });
    db.prepare('DELETE FROM documents').run();
    expect(db.prepare('SELECT count(*) FROM document_ocr').pluck().get()).toBe(0);
  });
});
