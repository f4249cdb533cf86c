import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../../electron/shared/schemas';
import { SEEDS, newWorkspace, tempDir } from '../../../helpers';

describe('importing files and folders', () => {
  it('gives the seeds the metadata read from their text, and records format, encoding and hash', async () => {
    const ws = await newWorkspace();
    expect(ws.documents.count()).toBe(5);
    const doc = ws.documents.get(2);
    expect(doc).toMatchObject({
      title: "Russian Mercenaries Arrive in Venezuela to Shore Up Maduro's Rule",
      outlet: 'The Moscow Times',
      published: '2019-01-26',
      fileName: '001_5401790a290c0953.txt',
      format: 'text',
      encoding: 'utf-8',
    });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.body).toBe(readFileSync(join(SEEDS, '001_5401790a290c0953.txt'), 'utf8').replace(/\r\n/g, '\n'));
  });

  it('creates an empty workspace when told to import nothing', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    expect(ws.documents.count()).toBe(0);
  });

  it('imports any mix of files and folders, recursively, giving every file an outcome', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'corpus/deeper'), { recursive: true });
    writeFileSync(join(dir, 'corpus/a.txt'), 'Alpha report\n\nThe first text.');
    writeFileSync(join(dir, 'corpus/deeper/b.md'), '# Beta notes\n\nThe second text.');
    writeFileSync(join(dir, 'corpus/clip.mp3'), Buffer.from([0x49, 0x44, 0x33, 0x04]));
    writeFileSync(join(dir, 'corpus/empty.txt'), '');
    writeFileSync(join(dir, 'corpus/binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0x03, 0x00, 0xff]));
    writeFileSync(join(dir, 'single.txt'), 'Gamma alone\n\nThe third text.');
    const ws = await newWorkspace({ importPaths: [] });
    const summary = await ws.importFiles([join(dir, 'corpus'), join(dir, 'single.txt'), join(dir, 'nowhere.txt')]);
    const byName = Object.fromEntries(summary.outcomes.map((o) => [o.path.split('/').pop(), o]));
    expect(summary).toMatchObject({ files: 7, imported: 3, duplicates: 0, failed: 3, skipped: 1, cancelled: false });
    expect(byName['a.txt']).toMatchObject({ status: 'imported', title: 'Alpha report' });
    expect(byName['b.md']).toMatchObject({ status: 'imported', title: 'Beta notes' });
    expect(byName['clip.mp3']!.status).toBe('skipped');
    expect(byName['clip.mp3']!.reason).toMatch(/unsupported file type \(\.mp3\); supported: \.txt/);
    expect(byName['empty.txt']!.reason).toBe('empty file (0 bytes)');
    expect(byName['binary.txt']!.reason).toMatch(/binary content/);
    expect(byName['nowhere.txt']!.reason).toMatch(/no such file/);
    expect(ws.documents.get(byName['b.md']!.documentIds[0]!).format).toBe('markdown');
  });

  it('reports duplicates, within a batch and against the workspace, and stores each text once', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'one.txt'), 'Same text\n\nWord for word.');
    writeFileSync(join(dir, 'two.txt'), 'Same text\r\n\r\nWord for word.'); // only line ends differ
    const ws = await newWorkspace({ importPaths: [] });
    const first = await ws.importFiles([dir]);
    expect(first).toMatchObject({ imported: 1, duplicates: 1 });
    const dup = first.outcomes.find((o) => o.status === 'duplicate')!;
    const original = first.outcomes.find((o) => o.status === 'imported')!;
    expect(dup.duplicateOf).toBe(original.documentIds[0]);
    const again = await ws.importFiles([join(dir, 'one.txt'), join(SEEDS, '000_b5a15aa75334c99d.txt')]);
    expect(again.outcomes.map((o) => o.status)).toEqual(['duplicate', 'imported']);
    expect(again.outcomes[0]!.reason).toBe(`same text as document ${original.documentIds[0]}`);
    expect(ws.documents.count()).toBe(2);
  });

  it('does not follow symbolic links inside folders, so a link loop cannot hang it', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    writeFileSync(join(dir, 'a/b/text.txt'), 'A text in a looped folder\n\nbody');
    symlinkSync(join(dir, 'a'), join(dir, 'a/b/loop'));
    const ws = await newWorkspace({ importPaths: [] });
    const summary = await ws.importFiles([join(dir, 'a')]);
    expect(summary.imported).toBe(1);
    expect(summary.outcomes.find((o) => o.path.endsWith('loop'))!.reason).toMatch(/symbolic link .* not followed/);
  });

  it('fails an unreadable file with a reason and goes on', async () => {
    if (process.getuid?.() === 0) {
      // root reads anything; prove the reason path with a folder that vanished instead
      const ws = await newWorkspace({ importPaths: [] });
      const s = await ws.importFiles(['/proc/definitely-not-here/x.txt', SEEDS]);
      expect(s.outcomes[0]!.reason).toMatch(/could not be read \(no such file or folder\)/);
      expect(s.imported).toBe(5);
      return;
    }
    const dir = tempDir();
    writeFileSync(join(dir, 'locked.txt'), 'secret');
    chmodSync(join(dir, 'locked.txt'), 0);
    const ws = await newWorkspace({ importPaths: [] });
    const s = await ws.importFiles([dir, SEEDS]);
    expect(s.outcomes[0]!.reason).toMatch(/permission denied/);
    expect(s.imported).toBe(5);
  });

  it('refuses files over the size limit, naming the limit', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(3 * 1024 * 1024));
    const ws = await newWorkspace({ importPaths: [] });
    const s = await ws.importFiles([dir], { maxFileBytes: 2 * 1024 * 1024 });
    expect(s.outcomes[0]!.reason).toBe('too large: 3.0 MB, the limit is 2.0 MB');
  });

  it('reports progress in files and bytes, and stops when cancelled, committing what it had', async () => {
    const dir = tempDir();
    // Enough files that the import is still going when the cancel, sent from the first progress past 25, reaches it.
    const N = 300;
    for (let i = 0; i < N; i++) writeFileSync(join(dir, `f${String(i).padStart(3, '0')}.txt`), `Document number ${i}\n\nWith its own text ${i}.`);
    const ws = await newWorkspace({ importPaths: [] });
    const seen: ImportProgress[] = [];
    const controller = new AbortController();
    const summary = await ws.importFiles([dir], {
      batchDocs: 10,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.filesDone >= 25) controller.abort();
      },
    });
    expect(seen[0]).toMatchObject({ filesDone: 0, filesTotal: N, bytesDone: 0 });
    expect(seen[0]!.bytesTotal).toBeGreaterThan(1000);
    expect(summary.cancelled).toBe(true);
    expect(summary.imported).toBeGreaterThanOrEqual(25);
    expect(summary.imported).toBeLessThan(N);
    expect(summary.outcomes).toHaveLength(N);
    expect(summary.outcomes.filter((o) => o.reason?.includes('cancelled'))).toHaveLength(N - summary.imported);
    expect(ws.documents.count()).toBe(summary.imported);
    expect(ws.search.search({ query: 'document' }).total).toBe(summary.imported);
    const rerun = await ws.importFiles([dir]);
    expect(rerun).toMatchObject({ imported: N - summary.imported, duplicates: summary.imported });
  });
});
