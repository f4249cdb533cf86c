import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pdfImporter } from '../../../../../electron/core/import/formats/pdf';
import { ROOT, newWorkspace } from '../../../../helpers';

const FIX = join(ROOT, 'tests/fixtures/pdf');
const parse = (name: string) => pdfImporter.parse({ path: join(FIX, name), name, size: 0, read: async () => readFileSync(join(FIX, name)) });

afterEach(() => vi.restoreAllMocks());

// Fixtures made by tests/fixtures/pdf/make.sh with enscript, Ghostscript and qpdf.
describe('PDF import', () => {
  it('reads the text page by page, recording where each page starts, and the document information', async () => {
    const [doc] = await parse('report.pdf');
    expect(doc).toMatchObject({ title: 'Flight records, January 2019', author: 'Venezuela Investigative Unit', published: '2019-02-03', format: 'pdf' });
    expect(doc!.pages).toHaveLength(2);
    expect(doc!.pages![0]).toBe(0);
    expect(doc!.body.slice(doc!.pages![1]!).startsWith('Page two: the contractors')).toBe(true);
    expect(doc!.body).toContain('A Russian Ilyushin-96 flew into Havana late on Wednesday');
  });

  it('never runs a PDF’s JavaScript nor lets it reach the network', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const httpSpy = vi.spyOn(http, 'request');
    const httpsSpy = vi.spyOn(https, 'request');
    const [doc] = await parse('javascript.pdf');
    expect(doc!.body).toContain('Page two: the contractors');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(httpSpy).not.toHaveBeenCalled();
    expect(httpsSpy).not.toHaveBeenCalled();
  });

  it('fails an encrypted PDF and a truncated one with clear reasons', async () => {
    await expect(parse('encrypted.pdf')).rejects.toThrow('the PDF is encrypted with a password');
    await expect(parse('truncated.pdf')).rejects.toThrow(/^the PDF is damaged or incomplete/);
  });

  it('comes in through the workspace with its pages stored, and the broken ones reasoned', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    const summary = await ws.importFiles([FIX]);
    const by = Object.fromEntries(summary.outcomes.map((o) => [o.path.split('/').pop(), o]));
    expect(by['encrypted.pdf']!.reason).toMatch(/encrypted with a password/);
    expect(by['truncated.pdf']!.reason).toMatch(/damaged or incomplete/);
    const id = by['javascript.pdf']!.documentIds[0] ?? by['report.pdf']!.documentIds[0]!;
    expect(ws.db.prepare('SELECT page, start_offset AS start FROM document_pages WHERE document_id = ? ORDER BY page').all(id)).toEqual([
      { page: 1, start: 0 },
      { page: 2, start: 284 },
    ]);
    expect(ws.documents.source(id)).toBeNull(); // kept, but not readable as text
    const h = ws.highlights.createFromQuote(id, 'not from Moscow but from third countries');
    expect(h.page).toBe(2);
    expect(ws.highlights.createFromQuote(id, 'Ilyushin-96').page).toBe(1);
    expect(ws.exporter.export('md')).toContain('— *Flight records, January 2019*, Venezuela Investigative Unit, 2019-02-03, p. 2');
  });
});
