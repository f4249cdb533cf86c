import { describe, expect, it } from 'vitest';
import { SEED, newWorkspace } from '../../../helpers';

describe('tags', () => {
  it('are created with a palette colour, renamed, recoloured and kept unique by name', async () => {
    const ws = await newWorkspace();
    const a = ws.tags.create({ name: '  Key   claims ' });
    expect(a).toMatchObject({ name: 'Key claims', parentId: null, documentCount: 0 });
    expect(a.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(() => ws.tags.create({ name: 'key CLAIMS' })).toThrow(/A tag named "key CLAIMS" already exists/);
    expect(() => ws.tags.create({ name: ' ' })).toThrow(/name: a tag needs a name/);
    expect(() => ws.tags.recolor(a.id, 'red')).toThrow(/color: "red" is not a colour/);
    expect(ws.tags.recolor(a.id, '#AABBCC').color).toBe('#aabbcc');
    expect(ws.tags.rename(a.id, 'Claims').name).toBe('Claims');
  });

  it('typed as a path (flights/russia) make the hierarchy, reusing the levels that exist', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    const russia = ws.tags.create({ name: 'flights / russia', color: '#aabbcc' });
    const flights = ws.tags.findByName('flights')!;
    expect(russia).toMatchObject({ name: 'russia', parentId: flights.id, color: '#aabbcc' });
    expect(flights.parentId).toBeNull();
    expect(ws.tags.create({ name: 'flights/russia' }).id).toBe(russia.id);
    expect(ws.tags.create({ name: 'flights/cuba' }).parentId).toBe(flights.id);
    expect(ws.tags.list()).toHaveLength(3);
    ws.tags.create({ name: 'wagner' });
    expect(() => ws.tags.create({ name: 'flights/wagner' })).toThrow(/A tag named "wagner" already exists at the top level/);
    expect(() => ws.tags.create({ name: 'flights//x' })).toThrow(/name: "flights\/\/x" has an empty level/);
    expect(ws.tags.list()).toHaveLength(4);
  });

  it('count documents and highlights, parent tags included', async () => {
    const ws = await newWorkspace();
    const actors = ws.tags.create({ name: 'Actors' });
    const wagner = ws.tags.create({ name: 'Wagner', parentId: actors.id });
    const cossacks = ws.tags.create({ name: 'Cossacks', parentId: actors.id });
    ws.tags.applyToDocuments(wagner.id, [SEED.insight, SEED.moscowTimes]);
    ws.tags.applyToDocuments(cossacks.id, [SEED.moscowTimes]);
    const h = ws.highlights.createFromQuote(SEED.moscowTimes, 'Wagner group');
    ws.tags.applyToHighlights(wagner.id, [h.id]);
    expect(ws.tags.get(actors.id)).toMatchObject({ documentCount: 2, highlightCount: 1 });
    expect(ws.tags.get(wagner.id)).toMatchObject({ documentCount: 2, highlightCount: 1 });
    expect(ws.tags.get(cossacks.id)).toMatchObject({ documentCount: 1, highlightCount: 0 });
    expect(ws.documents.meta(SEED.moscowTimes).tags.map((t) => t.name)).toEqual(['Cossacks', 'Wagner']);
    expect(ws.tags.removeFromDocuments(cossacks.id, [SEED.moscowTimes])).toBe(1);
    expect(ws.tags.get(actors.id).documentCount).toBe(2);
  });

  it('move under a parent, but never under themselves', async () => {
    const ws = await newWorkspace();
    const a = ws.tags.create({ name: 'A' });
    const b = ws.tags.create({ name: 'B', parentId: a.id });
    expect(() => ws.tags.move(a.id, b.id)).toThrow(/cannot be moved under itself or under one of its own sub-tags/);
    expect(() => ws.tags.move(a.id, a.id)).toThrow(/cannot be moved under itself/);
    expect(ws.tags.move(b.id, null).parentId).toBeNull();
    expect(() => ws.tags.move(b.id, 999)).toThrow(/No parent tag with id 999/);
  });

  it('merge moves every use onto the target without duplicates', async () => {
    const ws = await newWorkspace();
    const a = ws.tags.create({ name: 'Mercs' });
    const b = ws.tags.create({ name: 'Mercenaries' });
    const child = ws.tags.create({ name: 'Wagner', parentId: a.id });
    ws.tags.applyToDocuments(a.id, [SEED.insight, SEED.moscowTimes]);
    ws.tags.applyToDocuments(b.id, [SEED.moscowTimes]);
    const merged = ws.tags.merge(a.id, b.id);
    expect(merged.documentCount).toBe(2);
    expect(ws.tags.list().map((t) => t.name)).toEqual(['Mercenaries', 'Wagner']);
    expect(ws.tags.get(child.id).parentId).toBe(b.id);
    expect(ws.search.search({ query: 'tag:mercenaries' }).total).toBe(2);
    expect(() => ws.tags.merge(b.id, child.id)).toThrow(/one of its own sub-tags/);
  });

  it('deleting a tag never deletes a document, highlight or note', async () => {
    const ws = await newWorkspace();
    const parent = ws.tags.create({ name: 'Parent' });
    const t = ws.tags.create({ name: 'Doomed', parentId: parent.id });
    const child = ws.tags.create({ name: 'Child', parentId: t.id });
    ws.tags.applyToDocuments(t.id, [SEED.fox]);
    const h = ws.highlights.createFromQuote(SEED.fox, 'Baltic Fleet', 1, [t.id]);
    const n = ws.notes.create({ body: 'kept', highlightId: h.id });
    ws.tags.delete(t.id);
    expect(ws.documents.count()).toBe(5);
    expect(ws.highlights.get(h.id).tags).toEqual([]);
    expect(ws.notes.get(n.id).body).toBe('kept');
    expect(ws.tags.get(child.id).parentId).toBe(parent.id);
    expect(() => ws.tags.get(t.id)).toThrow(/No tag with id/);
  });

  it('refuse to tag what does not exist', async () => {
    const ws = await newWorkspace();
    const t = ws.tags.create({ name: 'X' });
    expect(() => ws.tags.applyToDocuments(t.id, [42])).toThrow(/No document with id 42/);
    expect(() => ws.tags.applyToHighlights(t.id, [7])).toThrow(/No highlight with id 7/);
    expect(() => ws.tags.applyToDocuments(99, [1])).toThrow(/No tag with id 99/);
  });
});
