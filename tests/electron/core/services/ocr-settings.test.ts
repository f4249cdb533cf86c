import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, newWorkspace } from '../../../helpers';

describe("the workspace's OCR languages", () => {
  it('offers only the languages installed, keeps the choice in the workspace, and refuses one not installed, naming it', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    expect(ws.ocr.get()).toEqual({ installed: [{ code: 'eng', name: 'English' }, { code: 'fra', name: 'French' }], chosen: ['eng'] });
    expect(ws.ocr.set(['fra', 'eng', 'fra']).chosen).toEqual(['fra', 'eng']);
    expect(() => ws.ocr.set(['eng', 'klingon'])).toThrow('languages: OCR language klingon is not installed; installed: eng, fra');
    expect(() => ws.ocr.set([])).toThrow('languages: choose at least one OCR language');
    expect(ws.ocr.chosen()).toEqual(['fra', 'eng']);
  });

  it("reads a photo imported from the window in the workspace's languages", async () => {
    const ws = await newWorkspace({ importPaths: [] });
    ws.ocr.set(['eng', 'fra']);
    const summary = await ws.importFiles([join(ROOT, 'tests/fixtures/ocr/scan-150dpi.png')]);
    expect(summary.outcomes[0]).toMatchObject({ status: 'imported' });
    const doc = ws.documents.get(summary.outcomes[0]!.documentIds[0]!);
    expect(doc.ocr).toMatchObject({ languages: 'eng+fra' });
    expect(ws.search.search({ query: 'Shabayev', limit: 5 }).documents.map((d) => d.id)).toEqual([doc.id]);
  }, 180_000);
});
