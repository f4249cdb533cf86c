import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, newWorkspace } from '../../../../helpers';

const FIXTURES = join(ROOT, 'tests/fixtures/ocr');

// OCR is slow: these tests are few and small, two pages in all, recognised in one import.
describe('OCR of photos and scanned PDFs, offline', () => {
  it("finds the seed's words in a 150 dpi photo and a 300 dpi scanned PDF, both slightly rotated, and records the OCR", async () => {
    const ws = await newWorkspace({ importPaths: [] });
    const summary = await ws.importFiles([join(FIXTURES, 'scan-150dpi.png'), join(FIXTURES, 'scanned-300dpi.pdf')]);
    expect(summary.outcomes.map((o) => [o.path.split('/').pop(), o.status, o.reason])).toEqual([
      ['scan-150dpi.png', 'imported', null],
      ['scanned-300dpi.pdf', 'imported', null],
    ]);
    const ids = summary.outcomes.map((o) => o.documentIds[0]!);
    for (const word of ['Ilyushin', 'Shabayev', 'Havana']) {
      expect(ws.search.search({ query: word, limit: 10 }).documents.map((d) => d.id).sort(), word).toEqual(ids.sort());
    }
    const photo = ws.documents.get(ids[0]!);
    expect(photo).toMatchObject({ format: 'image', ocr: { engine: expect.stringMatching(/^tesseract\.js /), languages: 'eng' } });
    expect(photo.ocr!.confidence).toBeGreaterThan(60);
    expect(ws.documents.ocrIds().sort()).toEqual(ids.sort());
    // The image is kept as the original; the PDF's only page is a scan read by OCR.
    const original = ws.db.prepare('SELECT media_type FROM document_sources WHERE document_id = ?').pluck().get(photo.id);
    expect(original).toBe('image/png');
    expect(ws.documents.get(ids[1]!)).toMatchObject({ format: 'pdf', ocr: { languages: 'eng' } });
  }, 180_000);

  it('refuses a file that only carries an image name, a truncated image, and an OCR language that is not installed, naming it', async () => {
    const { ocrLanguages } = await import('../../../../../electron/core/import/ocr');
    expect(() => ocrLanguages('eng+xyz')).toThrow('OCR language xyz is not installed; installed: eng, fra');
    expect(ocrLanguages('eng+fra')).toEqual(['eng', 'fra']);
    const ws = await newWorkspace({ importPaths: [] });
    const summary = await ws.importFiles([], {
      files: [
        { path: 'photo.jpg', data: Buffer.from([0xff, 0xd9, 0, 0x10]) },
        { path: 'cut.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) },
        { path: 'notes.txt', data: Buffer.from('Notes on Havana flights.') },
      ],
    });
    expect(summary.outcomes.map((o) => o.reason)).toEqual([
      'not a readable JPG image (its content is not an image of that kind)',
      // A truncated image fails on its own; the import goes on.
      'the image is truncated: its end is missing',
      null,
    ]);
  });
});
