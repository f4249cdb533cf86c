import Database from 'better-sqlite3-multiple-ciphers';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adoptHandout } from '../../../../electron/core/workspaces/adopt';
import { exportHandout } from '../../../../electron/core/workspaces/handout';
import { listBackups } from '../../../../electron/core/workspaces/backups';
import { mergeWithBackup, openManaged } from '../../../../electron/core/workspaces/manager';
import { SEED, tempDir } from '../../../helpers';
import { trainerWorkspace } from './fixtures';

const count = (db: { prepare(s: string): { pluck(): { get(): unknown } } }, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('merging workspaces', () => {
  it('round trip: hand out, a trainee tags and notes, the trainer merges back with nothing duplicated', async () => {
    const data = tempDir();
    const { ws: trainer, tag } = await trainerWorkspace();
    const dir = tempDir();
    exportHandout(trainer, join(dir, 'class.handout'), { tags: true, highlights: true, notes: true, title: 'Course 1' });
    adoptHandout(join(dir, 'class.handout'), join(dir, 'trainee.workspace'));
    const trainee = await openManaged(join(dir, 'trainee.workspace'), { dataDir: data });
    const cuba = trainee.tags.create({ name: 'Cuba' });
    trainee.tags.applyToDocuments(tag.id, [SEED.rewrite]); // the trainer's tag, on another document
    const h = trainee.highlights.createFromQuote(SEED.rewrite, 'Ilyushin-96', 1, [cuba.id, tag.id]);
    trainee.notes.create({ body: `The rewrite drops the source: see [here](hl:${h.id})`, highlightId: h.id });
    trainee.notes.create({ body: 'Free note from the trainee' });
    trainee.close();

    const before = { notes: count(trainer.db, 'notes'), highlights: count(trainer.db, 'highlights'), tags: count(trainer.db, 'tags') };
    const s = mergeWithBackup(trainer, data, join(dir, 'trainee.workspace'));
    expect(s).toMatchObject({
      from: 'trainee.workspace',
      documentsMatched: 5,
      added: { tags: 1, documentTags: 1, highlights: 1, highlightTags: 2, notes: 2 },
      alreadyPresent: { highlights: 1, notes: 1 },
      notPlaced: [],
    });
    expect(s.backup).toBe(listBackups(data, trainer.file)[0]!.file);
    expect(listBackups(data, trainer.file)[0]!.reason).toBe('before-merge');
    expect(count(trainer.db, 'notes')).toBe(before.notes + 2);
    expect(count(trainer.db, 'highlights')).toBe(before.highlights + 1);
    expect(count(trainer.db, 'tags')).toBe(before.tags + 1);
    const merged = trainer.notes.listForDocument(SEED.rewrite).find((n) => n.body.startsWith('The rewrite drops'))!;
    const newHighlight = trainer.highlights.listForDocument(SEED.rewrite)[0]!;
    expect(merged).toMatchObject({ origin: 'merged from trainee.workspace', readonly: false, highlightId: newHighlight.id, links: [{ kind: 'highlight', id: newHighlight.id }] });
    expect(merged.body).toBe(`The rewrite drops the source: see [here](hl:${newHighlight.id})`);
    expect(trainer.search.search({ query: 'tag:cuba' }).documents.map((d) => d.id)).toEqual([SEED.rewrite]);
    expect(trainer.search.search({ query: 'trainee' }).notes.length).toBe(1);

    // Merging the same workspace again adds nothing.
    const again = mergeWithBackup(trainer, data, join(dir, 'trainee.workspace'));
    expect(again.added).toEqual({ tags: 0, documentTags: 0, highlights: 0, highlightTags: 0, notes: 0 });
    expect(again.alreadyPresent).toEqual({ highlights: 2, notes: 3 });
    expect((await trainer.check()).problems).toEqual([]);
  });

  it('re-anchors highlights whose offsets differ, and says what could not be placed and why', async () => {
    const data = tempDir();
    const { ws: mine } = await trainerWorkspace();
    const otherFile = join(tempDir(), 'laptop.workspace');
    const extra = join(tempDir(), 'extra.txt');
    writeFileSync(extra, 'A field report that only the laptop has.\n\nThe convoy crossed at dawn near the border.');
    const other = await openManaged(otherFile, { dataDir: data, create: true });
    await other.importFiles([extra]);
    const drifted = other.highlights.createFromQuote(SEED.fox, 'Wagner', 1);
    const fuzzy = other.highlights.createFromQuote(SEED.moscowTimes, 'Ilyushin-96', 1);
    const lost = other.highlights.createFromQuote(6, 'The convoy crossed at dawn');
    other.notes.create({ body: 'On the field report', documentId: 6 });
    other.close();
    // As if written by a version that counted offsets differently, with a quote retyped with one slip.
    const raw = new Database(otherFile);
    raw.prepare('UPDATE highlights SET start_offset = start_offset + 7, end_offset = end_offset + 7 WHERE id = ?').run(drifted.id);
    raw.prepare("UPDATE highlights SET quote = 'Ilyushin 96', start_offset = start_offset + 3, end_offset = end_offset + 3 WHERE id = ?").run(fuzzy.id);
    raw.close();

    const s = mergeWithBackup(mine, data, otherFile);
    expect(s.documentsMatched).toBe(5);
    expect(s.added.highlights).toBe(2);
    expect(s.reanchored).toBe(2);
    const placed = mine.highlights.listForDocument(SEED.fox).map((h) => [h.start, h.end]);
    expect(placed).toContainEqual([drifted.start, drifted.end]);
    expect(mine.highlights.listForDocument(SEED.moscowTimes).map((h) => h.quote)).toContain('Ilyushin-96');
    expect(s.notPlaced).toEqual([
      { kind: 'highlight', what: `“${lost.quote}”`, reason: 'its document “A field report that only the laptop has.” is not in this workspace' },
      { kind: 'note', what: '“On the field report”', reason: 'its document “A field report that only the laptop has.” is not in this workspace; added as a free-standing note' },
    ]);
    expect(mine.notes.listFree().map((n) => n.body)).toContain('On the field report');
  });

  it('refuses itself and a missing file', async () => {
    const { ws } = await trainerWorkspace();
    expect(() => mergeWithBackup(ws, tempDir(), ws.file)).toThrow(/cannot be merged into itself/);
    expect(() => mergeWithBackup(ws, tempDir(), join(tempDir(), 'none.workspace'))).toThrow(/There is no workspace .*none.workspace to merge from/);
  });
});
