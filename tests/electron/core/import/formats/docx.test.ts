import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxImporter } from '../../../../../electron/core/import/formats/docx';
import { ROOT, newWorkspace } from '../../../../helpers';

const FIX = join(ROOT, 'tests/fixtures/office');
const parse = (name: string) => docxImporter.parse({ path: join(FIX, name), name, size: 0, read: async () => readFileSync(join(FIX, name)) });

// Fixtures made by tests/fixtures/office/make.sh with pandoc and Python's zipfile.
describe('Word documents', () => {
  it('read headings and paragraphs, with title, author and date from the core properties', async () => {
    const [doc] = await parse('briefing.docx');
    expect(doc).toMatchObject({ title: 'Wagner in Venezuela: a briefing', author: 'Ana Ruiz', format: 'docx' });
    expect(doc!.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(doc!.body.split('\n\n')).toEqual([
      'Wagner in Venezuela: a briefing',
      'Ana Ruiz',
      '2019-02-03',
      'The flights',
      'A Russian Ilyushin-96 flew into Havana late on Wednesday.',
      'Who paid',
      'The contractors were paid through third countries.',
      'first point',
      'second point',
    ]);
  });

  it('never unpack a zip bomb hidden among the images', async () => {
    const before = process.memoryUsage().rss;
    const [doc] = await parse('bomb.docx');
    expect(doc!.body).toContain('Ilyushin-96');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuse a zip bomb in the text parts, naming the limit', async () => {
    await expect(parse('bomb-in-text.docx')).rejects.toThrow('too large when unpacked (over 100 MB): a zip bomb?');
  });

  it('refuse an entry that tries to leave the archive', async () => {
    await expect(parse('traversal.docx')).rejects.toThrow('an entry tries to leave the archive (../../../../tmp/evil.txt)');
  });

  it('come in through the workspace with the hostile ones failed and reasoned', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    const summary = await ws.importFiles([FIX]);
    const by = Object.fromEntries(summary.outcomes.map((o) => [o.path.split('/').pop(), o]));
    // Folders are read in name order: the bomb's text comes first, the briefing is its duplicate.
    expect(by['bomb.docx']!.status).toBe('imported');
    expect(by['briefing.docx']).toMatchObject({ status: 'duplicate', duplicateOf: by['bomb.docx']!.documentIds[0] });
    expect(by['bomb-in-text.docx']!.reason).toMatch(/zip bomb/);
    expect(by['traversal.docx']!.reason).toMatch(/leave the archive/);
    expect(ws.search.search({ query: 'third countries' }).documents.map((d) => d.fileName)).toContain('bomb.docx');
  });
});
