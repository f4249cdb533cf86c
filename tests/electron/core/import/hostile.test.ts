import { mkdirSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../../electron/shared/schemas';
import { cli } from '../../../cli-helpers';
import { ROOT, newWorkspace, tempDir } from '../../../helpers';

// The hostile and broken inputs of issue 4 that are not covered next to their format
// (html/pdf/docx tests) or in run-import.test.ts (0 bytes, binary, link loop, unreadable).
describe('hostile and broken input', () => {
  it('reads invalid UTF-8 as the legacy encoding it most likely is, and records which', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad-utf8.txt'), Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' au lait, na'), Buffer.from([0xef]), Buffer.from('ve.\n\nMore text here.')]));
    const ws = await newWorkspace({ importPaths: [] });
    const s = await ws.importFiles([dir]);
    const doc = ws.documents.get(s.outcomes[0]!.documentIds[0]!);
    expect(doc.encoding).not.toBe('utf-8');
    expect(doc.body.startsWith('Café au lait, naïve.')).toBe(true);
  });

  it('refuses a 200 MB text file at the size limit without reading it, and the limit can be raised', async () => {
    const dir = tempDir();
    const big = join(dir, 'huge.txt');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 200 * 1024 * 1024); // a sparse file: 200 MB to the importer, nothing on disk
    closeSync(fd);
    const ws = await newWorkspace({ importPaths: [] });
    const before = process.memoryUsage().rss;
    const s = await ws.importFiles([big]);
    expect(s.outcomes[0]!.reason).toBe('too large: 200 MB, the limit is 64 MB');
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024); // the workers, not the file
    ws.close();
    const r = cli(['import', big, '--max-file-mb', '10', '-w', ws.file]);
    expect(r.stdout).toContain('too large: 200 MB, the limit is 10 MB');
    expect(cli(['import', big, '--max-file-mb', 'lots', '-w', ws.file]).stderr).toContain('--max-file-mb: "lots" is not a positive number.');
  });

  it('imports a single 10 MB line, titled by its start', async () => {
    const dir = tempDir();
    const words = 'contractors flew to Venezuela not from Moscow but from third countries ';
    writeFileSync(join(dir, 'one-line.txt'), words.repeat(Math.ceil((10 * 1024 * 1024) / words.length)));
    const ws = await newWorkspace({ importPaths: [] });
    const s = await ws.importFiles([dir]);
    expect(s.imported).toBe(1);
    const doc = ws.documents.meta(s.outcomes[0]!.documentIds[0]!);
    expect(doc.title.startsWith('contractors flew to Venezuela')).toBe(true);
    expect(doc.title.length).toBeLessThanOrEqual(141);
    const found = ws.search.search({ query: '"third countries"' });
    expect(found.total).toBe(1);
    expect(found.documents[0]!.snippet.marks.length).toBeGreaterThan(0);
    // 147,000 hits: the reader gets the first 5,000, each on the word.
    const body = ws.documents.get(doc.id).body;
    const { hits } = ws.search.hits(doc.id, 'moscow');
    expect(hits).toHaveLength(5000);
    expect(hits.every((h) => body.slice(h.start, h.end) === 'Moscow')).toBe(true);
    const phrase = ws.search.hits(doc.id, '"third countries"').hits;
    expect(body.slice(phrase[0]!.start, phrase[0]!.end)).toBe('third countries');
  });

  it('imports 10,000 tiny files with progress as it goes', async () => {
    const dir = tempDir();
    for (let i = 0; i < 10_000; i++) writeFileSync(join(dir, `n${i}.txt`), `Note ${i}\n\nFile number ${i} of the pile.`);
    const ws = await newWorkspace({ importPaths: [] });
    const seen: ImportProgress[] = [];
    const s = await ws.importFiles([dir], { onProgress: (p) => seen.push(p) });
    expect(s).toMatchObject({ files: 10_000, imported: 10_000, failed: 0 });
    expect(seen.length).toBeGreaterThan(2);
    const done = seen.map((p) => p.filesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ filesDone: 10_000, filesTotal: 10_000 });
  }, 300_000);

  it('keeps file names with right-to-left marks, newlines and emoji as they are', async () => {
    const dir = tempDir();
    const names = ['\u202Egnp.txt', 'two\nlines.txt', 'report 📄 final.txt'];
    names.forEach((n, i) => writeFileSync(join(dir, n), `Named file ${i}\n\nWith its own words ${i}.`));
    const ws = await newWorkspace({ importPaths: [] });
    const s = await ws.importFiles([dir]);
    expect(s.imported).toBe(3);
    const stored = s.outcomes.map((o) => ws.documents.meta(o.documentIds[0]!).fileName).sort();
    expect(stored).toEqual([...names].sort());
  });

  it('counts the same file named twice once, and a copy of it as a duplicate', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'copy'));
    writeFileSync(join(dir, 'a.txt'), 'The same words\n\nin two places.');
    writeFileSync(join(dir, 'copy', 'a.txt'), 'The same words\n\nin two places.');
    const ws = await newWorkspace({ importPaths: [] });
    const s = await ws.importFiles([join(dir, 'a.txt'), join(dir, 'a.txt'), join(dir, 'copy')]);
    expect(s.outcomes.map((o) => o.status)).toEqual(['imported', 'duplicate']);
  });

  it('imports every format end to end through the CLI, from real files', () => {
    const w = join(tempDir(), 'formats.workspace');
    expect(cli(['init', '--empty', '-w', w]).code).toBe(0);
    const r = cli([
      'import',
      join(ROOT, 'tests/fixtures/html-news/guardian-1/source.html'),
      join(ROOT, 'tests/fixtures/pdf/report.pdf'),
      join(ROOT, 'tests/fixtures/office/briefing.docx'),
      join(ROOT, 'tests/fixtures/email/mailbox.mbox'),
      join(ROOT, 'tests/fixtures/email/with-attachment.eml'),
      join(ROOT, 'tests/fixtures/office/briefing.md'),
      '-w',
      w,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { imported: number; outcomes: Array<{ status: string; documentIds: number[] }> };
    expect(summary.outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported', 'imported', 'imported', 'imported']);
    const formats = JSON.parse(cli(['search', '', '-n', '50', '-w', w, '--json']).stdout) as { total: number };
    expect(formats.total).toBe(1 + 1 + 1 + 5 + 2 + 1);
  });
});
