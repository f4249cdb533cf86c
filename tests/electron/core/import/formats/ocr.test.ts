import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../../../electron/shared/schemas';
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

describe('OCR page by page: progress and cancelling inside a file', () => {
  it('says each page of a scanned PDF as it is read ("OCR page 2 of 3"), then no page once the file is in', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    const seen: ImportProgress[] = [];
    const events: ImportProgress[] = [];
    ws.on('importProgress', (p: ImportProgress) => events.push(p));
    const summary = await ws.importFiles([join(FIXTURES, 'scanned-3-pages.pdf')], { onProgress: (p) => seen.push(p) });
    expect(summary.outcomes.map((o) => o.status)).toEqual(['imported']);
    const pages = seen.flatMap((p) => (p.ocr ? [`${p.ocr.path.split('/').pop()}: OCR page ${p.ocr.page} of ${p.ocr.pages}`] : []));
    expect(pages).toEqual(['scanned-3-pages.pdf: OCR page 1 of 3', 'scanned-3-pages.pdf: OCR page 2 of 3', 'scanned-3-pages.pdf: OCR page 3 of 3']);
    // The workspace's own progress events (what the window and the CLI listen to) carry the same pages.
    expect(events.filter((p) => p.ocr).map((p) => p.ocr!.page)).toEqual([1, 2, 3]);
    expect(seen.at(-1)).toMatchObject({ filesDone: 1, ocr: null });
    const doc = ws.documents.get(summary.outcomes[0]!.documentIds[0]!);
    expect(doc.ocr).toMatchObject({ languages: 'eng' });
    expect(doc.body.match(/Havana/g)).toHaveLength(3);
    // Each page is kept as the image it was read from, for the reader to show beside the text.
    const first = ws.documents.image(doc.id)!;
    expect(first).toMatchObject({ mediaType: 'image/jpeg', page: 1, pages: [1, 2, 3] });
    const second = ws.documents.image(doc.id, 2)!;
    expect(Buffer.from(second.base64, 'base64').subarray(0, 3).toString('hex')).toBe('ffd8ff');
    expect(() => ws.documents.image(doc.id, 4)).toThrow('page: document 1 has no image of page 4; it has 1, 2, 3');
    // Deleted and undone, the document has its page images and its OCR mark again.
    ws.documents.delete([doc.id]);
    ws.undo.undoLatest();
    expect(ws.documents.image(doc.id, 3)?.pages).toEqual([1, 2, 3]);
    expect(ws.documents.get(doc.id).ocr).toMatchObject({ languages: 'eng' });
  }, 300_000);

  it('stops a long scanned PDF within a page when the import is cancelled, storing nothing of it', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    const before = ws.documents.count();
    const controller = new AbortController();
    const pages: number[] = [];
    let pagesAfterCancel = 0;
    const summary = await ws.importFiles([join(FIXTURES, 'scanned-10-pages.pdf')], {
      signal: controller.signal,
      onProgress: (p) => {
        if (!p.ocr) return;
        if (controller.signal.aborted) pagesAfterCancel++;
        pages.push(p.ocr.page);
        if (p.ocr.page === 2) controller.abort();
      },
    });
    expect(pages.slice(0, 2)).toEqual([1, 2]);
    expect(pagesAfterCancel).toBeLessThanOrEqual(1);
    expect(summary).toMatchObject({ cancelled: true, imported: 0, failed: 1 });
    expect(summary.outcomes[0]).toMatchObject({ status: 'failed', reason: 'not imported: the import was cancelled before this file', documentIds: [] });
    expect(ws.documents.count()).toBe(before);
    expect(ws.db.prepare('SELECT count(*) FROM document_sources').pluck().get()).toBe(0);
    expect(ws.db.prepare('SELECT count(*) FROM document_page_images').pluck().get()).toBe(0);
    // The workspace takes the next import as usual.
    const next = await ws.importFiles([], { files: [{ path: 'notes.txt', data: Buffer.from('Notes on Havana flights after the cancelled scan.') }] });
    expect(next.imported).toBe(1);
  }, 300_000);
});
