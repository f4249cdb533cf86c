import { describe, expect, it } from 'vitest';
import { SEED, newWorkspace } from '../../../helpers';

const QUOTE = 'A Russian Ilyushin-96 flew into Havana late on Wednesday';

describe('highlights as search results', () => {
  it('finds a highlight by the words of its quote, with them marked', async () => {
    const ws = await newWorkspace();
    const h = ws.highlights.createFromQuote(SEED.moscowTimes, QUOTE);
    const res = ws.search.search({ query: 'havana wednesday' });
    expect(res.highlights).toHaveLength(1);
    const hit = res.highlights[0]!;
    expect(hit).toMatchObject({ id: h.id, documentId: SEED.moscowTimes, start: h.start, end: h.end });
    expect(hit.documentTitle).toBe(ws.documents.meta(SEED.moscowTimes).title);
    expect(hit.snippet.text).toBe(QUOTE);
    expect(hit.snippet.marks.map(([a, b]) => hit.snippet.text.slice(a, b))).toEqual(['Havana', 'Wednesday']);
  });

  it('finds a highlight by its tag, and by a prefix of a word', async () => {
    const ws = await newWorkspace();
    const tag = ws.tags.create({ name: 'Flights' });
    const h = ws.highlights.createFromQuote(SEED.moscowTimes, QUOTE, 1, [tag.id]);
    ws.highlights.createFromQuote(SEED.rewrite, 'Ilyushin');
    expect(ws.search.search({ query: 'flights' }).highlights.map((x) => x.id)).toEqual([h.id]);
    expect(ws.search.search({ query: 'flights' }).highlights[0]!.tags.map((t) => t.name)).toEqual(['Flights']);
    expect(ws.search.search({ query: 'wednes*' }).highlights.map((x) => x.id)).toEqual([h.id]);
  });

  it('leaves out highlights lacking a word, holding an excluded one, or in documents the filters drop', async () => {
    const ws = await newWorkspace();
    ws.highlights.createFromQuote(SEED.moscowTimes, QUOTE);
    const other = ws.highlights.createFromQuote(SEED.rewrite, 'Ilyushin');
    expect(ws.search.search({ query: 'havana senegal' }).highlights).toEqual([]);
    expect(ws.search.search({ query: 'ilyushin -havana' }).highlights.map((x) => x.id)).toEqual([other.id]);
    expect(ws.search.search({ query: 'ilyushin' }).highlights).toHaveLength(2);
    const outlet = ws.documents.meta(SEED.rewrite).outlet!;
    expect(ws.search.search({ query: `ilyushin outlet:"${outlet}"` }).highlights.map((x) => x.id)).toEqual([other.id]);
    expect(ws.search.search({ query: '"flew into havana"' }).highlights).toHaveLength(1);
    expect(ws.search.search({ query: '"havana flew"' }).highlights).toEqual([]);
  });

  it('follows the highlight when it is deleted', async () => {
    const ws = await newWorkspace();
    const h = ws.highlights.createFromQuote(SEED.moscowTimes, QUOTE);
    expect(ws.search.search({ query: 'wednesday' }).highlights).toHaveLength(1);
    ws.highlights.delete(h.id);
    expect(ws.search.search({ query: 'wednesday' }).highlights).toEqual([]);
  });
});
