import Database from 'better-sqlite3-multiple-ciphers';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BackgroundJobs } from '../../../../electron/core/analysis/background-jobs';
import { Workspace } from '../../../../electron/core/workspace';
import { SEED, SEEDS, newWorkspace, reopen, tempDir } from '../../../helpers';

describe('the saved search index', () => {
  it('is saved with the workspace and loaded, not rebuilt, on the next open', async () => {
    const ws = await newWorkspace({ importPaths: [SEEDS] }); // imported now, not copied: its index is new
    expect(ws.indexOutcome).toBe('rebuilt-missing');
    ws.notes.create({ body: 'Remember the Antonov flights', documentId: SEED.moscowTimes });
    const again = await reopen(ws);
    expect(again.indexOutcome).toBe('loaded');
    expect(again.search.search({ query: 'antonov' }).documents[0]).toMatchObject({ id: SEED.moscowTimes });
  });

  it('is rebuilt when the corpus changed behind its back', async () => {
    const ws = await newWorkspace();
    const file = ws.file;
    ws.close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO tags (name, color, created_at) VALUES ('Smuggled', '#123456', 'now')").run();
    raw.prepare("INSERT INTO document_tags (document_id, tag_id, created_at) VALUES (4, last_insert_rowid(), 'now')").run();
    raw.close();
    const again = await Workspace.open(file);
    try {
      expect(again.indexOutcome).toBe('rebuilt-stale');
      expect(again.search.search({ query: 'smuggled' }).documents.map((d) => d.id)).toEqual([4]);
    } finally {
      again.close();
    }
  });

  it('is rebuilt when its format version differs, or when it cannot be read', async () => {
    const ws = await newWorkspace();
    const file = ws.file;
    ws.close();
    const raw = new Database(file);
    raw.prepare("UPDATE meta SET value = 0 WHERE key = 'search.format'").run();
    raw.close();
    const a = await Workspace.open(file);
    expect(a.indexOutcome).toBe('rebuilt-format');
    a.close();
    const raw2 = new Database(file);
    raw2.prepare("UPDATE meta SET value = '{not json' WHERE key = 'search.index'").run();
    raw2.close();
    const b = await Workspace.open(file);
    expect(b.indexOutcome).toBe('rebuilt-unreadable');
    expect(b.search.search({ query: 'title:putin' }).total).toBe(3);
    b.close();
  });

  it('is kept up to date as notes, tags and documents change', async () => {
    const ws = await newWorkspace();
    ws.vocabulary.warm();
    const note = ws.notes.create({ body: 'Provenance unclear' });
    expect(ws.search.search({ query: 'provenance' }).notes).toHaveLength(1);
    ws.notes.update(note.id, 'Origin unclear');
    expect(ws.search.search({ query: 'provenance' }).notes).toHaveLength(0);
    ws.notes.delete(note.id);
    expect(ws.search.search({ query: 'origin' }).notes).toHaveLength(0);

    const tag = ws.tags.create({ name: 'Disinformation' });
    ws.tags.applyToDocuments(tag.id, [SEED.rewrite]);
    ws.tags.rename(tag.id, 'Propaganda');
    expect(ws.search.search({ query: 'disinformation' }).total).toBe(0);
    expect(ws.search.search({ query: 'propaganda' }).documents.map((d) => d.id)).toEqual([SEED.rewrite]);

    const dir = tempDir();
    writeFileSync(join(dir, 'new.txt'), 'Zanzibarian freighters\n\nA zanzibarian cargo line.');
    const imported = await ws.importFiles([dir]);
    expect(ws.search.search({ query: 'zanzib*' }).total).toBe(1);
    ws.documents.delete(imported.outcomes[0]!.documentIds);
    expect(ws.search.search({ query: 'zanzib*' }).total).toBe(0);
    expect(ws.search.suggest('zanzib')).toEqual([]);
    expect((await ws.check()).ok).toBe(true);
  });

  it('lets a shell search at once while the index loads, marking those results partial', async () => {
    const ws = await newWorkspace();
    ws.tags.applyToDocuments(ws.tags.create({ name: 'Flight data' }).id, [SEED.moscowTimes]);
    const file = ws.file;
    ws.close();
    const cold = await Workspace.open(file, { waitForIndex: false });
    try {
      const early = cold.search.search({ query: 'Ilyushin' });
      expect(early).toMatchObject({ partial: true, total: 2 });
      expect(cold.search.search({ query: 'title:putin' }).documents.map((d) => d.id)).toEqual([SEED.rewrite, SEED.hispolitica, SEED.fox]);
      // A change made before the index is in is not lost from it.
      cold.notes.create({ body: 'Written during loading', documentId: SEED.fox });
      await cold.ready;
      expect(cold.indexOutcome).toBe('loaded');
      const late = cold.search.search({ query: 'flight' });
      expect(late.partial).toBe(false);
      expect(late.documents[0]).toMatchObject({ id: SEED.moscowTimes, matchedIn: expect.arrayContaining(['tags']) });
      expect(cold.search.search({ query: 'loading' }).documents.map((d) => d.id)).toEqual([SEED.fox]);
    } finally {
      cold.close();
    }
  });

  it('is not loaded for a reader that never searches, and always for a writer (which also checks the file)', async () => {
    const ws = await newWorkspace();
    const file = ws.file;
    ws.close();
    const check = vi.spyOn(BackgroundJobs.prototype, 'check');
    const reader = await Workspace.open(file, { reader: true, waitForIndex: false, searchIndex: false });
    try {
      await reader.ready;
      expect(reader.indexOutcome).toBeNull();
      // Nor is the file checked in a worker: that is the owner's job, and the check held the
      // command's exit until it ended.
      expect(check).not.toHaveBeenCalled();
      // What it shows comes straight from the database; a search would be FTS5's alone, and says so.
      expect(reader.documents.get(SEED.fox).title).toMatch(/Putin/);
      expect(reader.search.search({ query: 'Ilyushin' })).toMatchObject({ partial: true, total: 2 });
    } finally {
      reader.close();
    }
    const writer = await Workspace.open(file, { waitForIndex: false, searchIndex: false });
    try {
      await writer.ready;
      expect(writer.indexOutcome).toBe('loaded');
      expect(check).toHaveBeenCalledTimes(1);
    } finally {
      writer.close();
      check.mockRestore();
    }
  });

  it('expands fuzzy terms over words imported after the vocabulary was loaded', async () => {
    const ws = await newWorkspace();
    expect(ws.search.search({ query: 'ilyushn~' }).total).toBe(2); // loads the vocabulary
    const dir = tempDir();
    writeFileSync(join(dir, 'late.txt'), 'Quetzalcoatl cargo\n\nA new word arrives.');
    await ws.importFiles([dir]);
    expect(ws.search.search({ query: 'quetzalcoatal~' }).total).toBe(1);
  });
});
