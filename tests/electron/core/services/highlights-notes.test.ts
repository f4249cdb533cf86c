import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { Workspace } from '../../../../electron/core/workspace';
import { SEED, newWorkspace, reopen } from '../../../helpers';

const QUOTE = 'The contractors flew to Venezuela not from Moscow but from third countries where they were conducting missions';

describe('highlights', () => {
  it('store offsets and the quote with its surroundings', async () => {
    const ws = await newWorkspace();
    const body = ws.documents.get(SEED.moscowTimes).body;
    const start = body.indexOf(QUOTE);
    const h = ws.highlights.create({ documentId: SEED.moscowTimes, start, end: start + QUOTE.length });
    expect(h).toMatchObject({ start, end: start + QUOTE.length, quote: QUOTE, anchored: true });
    expect(h.prefix).toBe(body.slice(start - 32, start));
    expect(h.suffix).toBe(body.slice(start + QUOTE.length, start + QUOTE.length + 32));
  });

  it('are found again by their quote when the offsets drift', async () => {
    const ws = await newWorkspace();
    const h = ws.highlights.createFromQuote(SEED.moscowTimes, QUOTE);
    const file = ws.file;
    ws.close();
    const raw = new Database(file);
    raw.prepare('UPDATE highlights SET start_offset = start_offset + 40, end_offset = end_offset + 40 WHERE id = ?').run(h.id);
    raw.close();
    const again = await Workspace.open(file);
    const found = again.highlights.listForDocument(SEED.moscowTimes)[0]!;
    expect(found).toMatchObject({ start: h.start, end: h.end, anchored: true });
    again.close();
  });

  it('refuse ranges outside the text or of white space only', async () => {
    const ws = await newWorkspace();
    const len = ws.documents.get(SEED.rewrite).body.length;
    expect(() => ws.highlights.create({ documentId: SEED.rewrite, start: 5, end: 5 })).toThrow(/end: must be after start/);
    expect(() => ws.highlights.create({ documentId: SEED.rewrite, start: 0, end: len + 1 })).toThrow(`end: must be at most ${len}`);
    expect(() => ws.highlights.createFromQuote(SEED.rewrite, 'Ilyushin-96', 2)).toThrow(/does not occur 2 times/);
    expect(() => ws.highlights.create({ documentId: 99, start: 0, end: 1 })).toThrow(/No document with id 99/);
  });

  it('are listed in reading order with their tags, moved, and deleted without losing their notes', async () => {
    const ws = await newWorkspace();
    const late = ws.highlights.createFromQuote(SEED.rewrite, 'Ilyushin-96');
    const early = ws.highlights.createFromQuote(SEED.rewrite, 'Putin has provided security', 1, [ws.tags.create({ name: 'Claim' }).id]);
    expect(ws.highlights.listForDocument(SEED.rewrite).map((h) => h.id)).toEqual([early.id, late.id]);
    expect(ws.highlights.get(early.id).tags.map((t) => t.name)).toEqual(['Claim']);
    const moved = ws.highlights.update(late.id, { start: late.start, end: late.end + 3 });
    expect(moved.quote).toBe('Ilyushin-96 fl');
    const note = ws.notes.create({ body: 'Same plane as in the wire', highlightId: late.id });
    expect(note.documentId).toBe(SEED.rewrite);
    ws.highlights.delete(late.id);
    // The note keeps the words it was about, shown apart while the highlight was there.
    expect(ws.notes.get(note.id)).toMatchObject({ highlightId: null, documentId: SEED.rewrite, body: '> Ilyushin-96 fl\n\nSame plane as in the wire' });
    ws.undo.undoLatest();
    expect(ws.notes.get(note.id)).toMatchObject({ highlightId: late.id, body: 'Same plane as in the wire' });
  });
});

describe('notes', () => {
  it('are free, on a document or on a highlight, and listed per document', async () => {
    const ws = await newWorkspace();
    const h = ws.highlights.createFromQuote(SEED.moscowTimes, QUOTE);
    const onDoc = ws.notes.create({ body: 'Wire copy', documentId: SEED.moscowTimes });
    const onHl = ws.notes.create({ body: 'Key claim', highlightId: h.id });
    const free = ws.notes.create({ body: 'Open question' });
    expect(ws.notes.listForDocument(SEED.moscowTimes).map((n) => n.id)).toEqual([onDoc.id, onHl.id]);
    expect(ws.notes.listFree().map((n) => n.id)).toEqual([free.id]);
    expect(() => ws.notes.create({ body: 'x', documentId: SEED.insight, highlightId: h.id })).toThrow(/belongs to document 2, not 1/);
    expect(() => ws.notes.create({ body: 'x', highlightId: 77 })).toThrow(/No highlight with id 77/);
    expect(ws.notes.attach(free.id, { documentId: SEED.fox }).documentId).toBe(SEED.fox);
  });

  it('keep the links their Markdown makes, and answer backlinks', async () => {
    const ws = await newWorkspace();
    const wire = ws.highlights.createFromQuote(SEED.moscowTimes, QUOTE);
    const rewrite = ws.highlights.createFromQuote(SEED.rewrite, 'The security contractors flew to Venezuela not from Moscow but from third countries');
    const n = ws.notes.create({ body: `The [rewrite](hl:${rewrite.id}) copies [the wire](hl:${wire.id}); see [[doc:${SEED.insight}]] and [gone](doc:999).` });
    expect(n.links).toEqual([
      { kind: 'highlight', id: rewrite.id },
      { kind: 'highlight', id: wire.id },
      { kind: 'document', id: SEED.insight },
    ]);
    expect(ws.notes.backlinks({ kind: 'highlight', id: wire.id }).map((b) => b.note.id)).toEqual([n.id]);
    expect(ws.notes.backlinks({ kind: 'document', id: SEED.moscowTimes })).toEqual([{ note: expect.objectContaining({ id: n.id }), via: { kind: 'highlight', id: wire.id } }]);
    ws.notes.update(n.id, 'No links any more');
    expect(ws.notes.backlinks({ kind: 'document', id: SEED.insight })).toEqual([]);
  });

  it('survive deleting their document, as free notes', async () => {
    const ws = await newWorkspace();
    const n = ws.notes.create({ body: 'Outlived its source', documentId: SEED.fox });
    ws.documents.delete([SEED.fox]);
    const again = await reopen(ws);
    expect(again.notes.get(n.id)).toMatchObject({ documentId: null, body: 'Outlived its source' });
    expect(again.search.search({ query: 'outlived' }).notes).toHaveLength(1);
  });

  it('are discarded when nothing was written in them, without an undo entry, and kept otherwise', async () => {
    const ws = await newWorkspace();
    const h = ws.highlights.createFromQuote(SEED.moscowTimes, QUOTE);
    const blank = ws.notes.create({ body: '  \n', documentId: SEED.moscowTimes });
    const quoteOnly = ws.notes.create({ body: `> ${QUOTE}\n\n`, highlightId: h.id });
    const written = ws.notes.create({ body: `> ${QUOTE}\n\nCompare the Reuters wire.`, highlightId: h.id });
    const undoBefore = ws.undo.list().length;
    expect(ws.notes.discard(blank.id)).toBe(true);
    expect(ws.notes.discard(quoteOnly.id)).toBe(true);
    expect(ws.notes.discard(written.id)).toBe(false);
    expect(ws.notes.listForDocument(SEED.moscowTimes).map((n) => n.id)).toEqual([written.id]);
    expect(ws.undo.list()).toHaveLength(undoBefore);
  });
});

describe('documents', () => {
  it('have editable metadata, checked field by field', async () => {
    const ws = await newWorkspace();
    const m = ws.documents.updateMetadata(SEED.hispolitica, { outlet: 'Hispolitica', published: '2019-02', author: '' });
    expect(m).toMatchObject({ outlet: 'Hispolitica', published: '2019-02', author: null });
    expect(() => ws.documents.updateMetadata(SEED.hispolitica, { published: 'Feb 2019' })).toThrow(/published: a date as yyyy, yyyy-mm or yyyy-mm-dd/);
    expect(() => ws.documents.updateMetadata(SEED.hispolitica, { title: '  ' })).toThrow(/title: a title cannot be empty/);
    expect(ws.search.search({ query: 'outlet:hispolitica' }).documents.map((d) => d.id)).toEqual([SEED.hispolitica]);
    expect(ws.documents.outlets()).toContainEqual({ outlet: 'Hispolitica', documents: 1 });
  });
});
