import { describe, expect, it } from 'vitest';
import { SEED, newWorkspace, reopen } from '../../../helpers';

const QUOTE = 'The contractors flew to Venezuela not from Moscow but from third countries where they were conducting missions';

async function annotated() {
  const ws = await newWorkspace();
  const wagner = ws.tags.create({ name: 'Wagner' });
  const flights = ws.tags.create({ name: 'Flights', parentId: wagner.id });
  const h = ws.highlights.createFromQuote(SEED.moscowTimes, QUOTE, 1, [flights.id]);
  ws.tags.applyToDocuments(wagner.id, [SEED.moscowTimes, SEED.rewrite]);
  const onPassage = ws.notes.create({ body: 'Routed through third countries', highlightId: h.id });
  const linking = ws.notes.create({ body: `Compare [the passage](hl:${h.id}) with [the rewrite](doc:${SEED.rewrite})` });
  return { ws, wagner, flights, h, onPassage, linking };
}

const ids = (xs: Array<{ id: number }>) => xs.map((x) => x.id).sort((a, b) => a - b);

describe('undo', () => {
  it('brings a deleted note back with its links', async () => {
    const { ws, linking, h } = await annotated();
    ws.notes.delete(linking.id);
    expect(ws.undo.list()[0]!.label).toBe(`Delete note ${linking.id}`);
    expect(ws.undo.undoLatest().label).toBe(`Delete note ${linking.id}`);
    expect(ws.notes.get(linking.id)).toEqual(linking);
    expect(ws.notes.backlinks({ kind: 'highlight', id: h.id }).map((b) => b.note.id)).toEqual([linking.id]);
    expect(ws.search.search({ query: 'rewrite' }).notes.length).toBeGreaterThan(0);
  });

  it('brings a deleted highlight back with its tags, and re-attaches the notes on it', async () => {
    const { ws, h, onPassage, linking, flights } = await annotated();
    ws.highlights.delete(h.id);
    expect(ws.notes.get(onPassage.id).highlightId).toBeNull();
    ws.undo.undoLatest();
    expect(ws.highlights.get(h.id)).toEqual(h);
    expect(ws.notes.get(onPassage.id).highlightId).toBe(h.id);
    expect(ws.notes.get(linking.id).links).toEqual(linking.links);
    expect(ws.tags.get(flights.id).highlightCount).toBe(1);
  });

  it('brings a deleted tag back onto its documents and highlights, with its sub-tags under it again', async () => {
    const { ws, wagner, flights } = await annotated();
    ws.tags.delete(wagner.id);
    expect(ws.tags.get(flights.id).parentId).toBeNull();
    expect(ws.undo.undoLatest().label).toBe('Delete tag “Wagner”');
    expect(ws.tags.get(wagner.id)).toMatchObject({ name: 'Wagner', documentCount: 2 });
    expect(ws.tags.get(flights.id).parentId).toBe(wagner.id);
    expect(ws.search.search({ query: 'tag:wagner' }).documents.map((r) => r.id).sort()).toEqual([SEED.moscowTimes, SEED.rewrite]);
  });

  it('takes a tag merge back exactly: the source returns, and the target loses only what the merge gave it', async () => {
    const { ws, wagner } = await annotated();
    const pmc = ws.tags.create({ name: 'PMC' });
    ws.tags.applyToDocuments(pmc.id, [SEED.rewrite, SEED.fox]);
    ws.tags.merge(pmc.id, wagner.id);
    expect(ws.tags.get(wagner.id).documentCount).toBe(3);
    expect(ws.undo.undoLatest().label).toBe('Merge tag “PMC” into “Wagner”');
    expect(ws.tags.get(pmc.id).documentCount).toBe(2);
    expect(ws.search.search({ query: 'tag:wagner' }).documents.map((r) => r.id).sort()).toEqual([SEED.moscowTimes, SEED.rewrite]);
    expect(ws.search.search({ query: 'tag:pmc' }).documents.map((r) => r.id).sort()).toEqual([SEED.rewrite, SEED.fox]);
  });

  it('brings a deleted document back whole: text, search, tags, highlights and the notes on it, even after a restart', async () => {
    const { ws, h, onPassage, wagner } = await annotated();
    const before = ws.documents.get(SEED.moscowTimes);
    ws.documents.delete([SEED.moscowTimes]);
    expect(ws.search.search({ query: '"third countries"' }).documents.map((r) => r.id)).not.toContain(SEED.moscowTimes);
    const again = await reopen(ws);
    expect(again.undo.list()[0]!.label).toBe(`Delete document “${before.title}”`);
    again.undo.undoLatest();
    expect(again.documents.get(SEED.moscowTimes)).toEqual(before);
    expect(again.search.search({ query: '"third countries"' }).documents.map((r) => r.id)).toContain(SEED.moscowTimes);
    expect(ids(again.highlights.listForDocument(SEED.moscowTimes))).toEqual([h.id]);
    expect(again.notes.get(onPassage.id)).toMatchObject({ documentId: SEED.moscowTimes, highlightId: h.id });
    expect(again.tags.get(wagner.id).documentCount).toBe(2);
    expect((await again.check()).problems).toEqual([]);
  });

  it('restores a document with boilerplate into the boilerplate-free index too', async () => {
    const ws = await newWorkspace();
    const clean = () => ws.search.search({ query: 'spetsnaz', clean: true }).documents.map((r) => r.id);
    const found = clean();
    expect(found).toContain(SEED.hispolitica);
    ws.documents.delete([SEED.hispolitica]);
    ws.undo.undoLatest();
    expect(clean()).toEqual(found);
    expect((await ws.check()).ok).toBe(true);
  });

  it('says so when there is nothing to undo, and forgets nothing out of order', async () => {
    const { ws, linking, onPassage } = await annotated();
    expect(() => ws.undo.undoLatest()).toThrow('There is nothing to undo.');
    ws.notes.delete(linking.id);
    ws.notes.delete(onPassage.id);
    expect(ws.undo.list().map((e) => e.label)).toEqual([`Delete note ${onPassage.id}`, `Delete note ${linking.id}`]);
    ws.undo.undoLatest();
    expect(ws.notes.get(onPassage.id).body).toBe('Routed through third countries');
    expect(() => ws.notes.get(linking.id)).toThrow();
  });
});
