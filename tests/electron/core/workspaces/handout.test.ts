import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../electron/shared/errors';
import { adoptHandout } from '../../../../electron/core/workspaces/adopt';
import { exportHandout } from '../../../../electron/core/workspaces/handout';
import { openManaged } from '../../../../electron/core/workspaces/manager';
import { SEED, tempDir } from '../../../helpers';
import { trainerWorkspace } from './fixtures';

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('hand-outs', () => {
  it('carry the documents and what the trainer chose; private notes, saved searches and the undo log never go', async () => {
    const { ws, guidance } = await trainerWorkspace();
    // A long private note fills pages of its own: the pages its deletion frees must not keep it either.
    const long = Array.from({ length: 3000 }, (_v, i) => `informant-${i} met us`).join(' ');
    ws.notes.create({ body: `Interview log: ${long}` });
    const out = join(tempDir(), 'class.handout');
    const s = exportHandout(ws, out, { tags: true, highlights: true, notes: true, title: 'Course 1' });
    expect(s).toMatchObject({ title: 'Course 1', documents: 5, tags: 1, highlights: 1, notes: 1, privateNotesLeftOut: 2, encrypted: false });
    const bytes = readFileSync(out);
    for (const marker of ['informant-0 met', 'informant-1500 met', 'informant-2999 met']) expect(bytes.includes(marker), marker).toBe(false);
    expect(bytes.includes('my source at the ministry')).toBe(false);
    expect(bytes.includes('Deleted private draft')).toBe(false);
    expect(bytes.includes(guidance.body)).toBe(true);
    const bare = join(tempDir(), 'bare.handout');
    expect(exportHandout(ws, bare, { tags: false, highlights: false, notes: false })).toMatchObject({ documents: 5, tags: 0, highlights: 0, notes: 0, title: 'bare' });
  });

  it('are opened as the recipient’s own copy; the hand-out stays byte-for-byte the same', async () => {
    const { ws, guidance } = await trainerWorkspace();
    const dir = tempDir();
    const out = join(dir, 'class.handout');
    exportHandout(ws, out, { tags: true, highlights: true, notes: true, title: 'Course 1' });
    const before = digest(out);
    const mine = join(dir, 'mine.workspace');
    expect(adoptHandout(out, mine).title).toBe('Course 1');
    const own = await openManaged(mine, { dataDir: tempDir() });
    try {
      expect(own.info()).toMatchObject({ documents: 5, adoptedFrom: { title: 'Course 1', from: 'class.handout' } });
      const [note] = own.notes.listForDocument(SEED.moscowTimes);
      expect(note).toMatchObject({ body: guidance.body, readonly: true, origin: 'hand-out “Course 1”' });
      expect(() => own.notes.update(note!.id, 'changed')).toThrow(expect.objectContaining({ code: ErrorCode.ReadOnly }));
      expect(() => own.notes.delete(note!.id)).toThrow(/came with the hand-out “Course 1”/);
      // The recipient's own work goes beside it.
      const tag = own.tags.create({ name: 'Cuba' });
      own.highlights.createFromQuote(SEED.rewrite, 'Ilyushin-96', 1, [tag.id]);
      expect(own.notes.create({ body: 'My reading', documentId: SEED.rewrite }).readonly).toBe(false);
      expect(own.search.search({ query: 'ministry' }).notes).toEqual([]);
    } finally {
      own.close();
    }
    expect(digest(out)).toBe(before);
    expect(existsSync(`${out}-wal`) || existsSync(`${out}-shm`) || existsSync(`${out}-journal`)).toBe(false);
  });

  it('are refused when opened as a workspace (which would write to them), and adoption names a clash', async () => {
    const { ws } = await trainerWorkspace();
    const dir = tempDir();
    const out = join(dir, 'class.handout');
    exportHandout(ws, out, { tags: true, highlights: true, notes: true });
    const before = digest(out);
    await expect(openManaged(out, { dataDir: tempDir() })).rejects.toMatchObject({ code: ErrorCode.IsHandout, message: expect.stringContaining('workbench adopt') });
    expect(() => adoptHandout(out, ws.file)).toThrow(/already exists/);
    expect(() => adoptHandout(ws.file, join(dir, 'x.workspace'))).toThrow(/is a workspace, not a hand-out/);
    expect(existsSync(join(dir, 'x.workspace'))).toBe(false);
    expect(digest(out)).toBe(before);
  });
});
