import { describe, expect, it } from 'vitest';
import { SEED, newWorkspace, reopen } from '../../../helpers';

describe('saved searches', () => {
  it('are saved, listed by name, replaced under the same name, renamed and deleted', async () => {
    const ws = await newWorkspace();
    const a = ws.savedSearches.save('Flights', 'Ilyushin OR Antonov');
    ws.savedSearches.save('Denials', '"no such information"');
    expect(ws.savedSearches.list().map((s) => s.name)).toEqual(['Denials', 'Flights']);
    const replaced = ws.savedSearches.save('flights', 'Ilyushin');
    expect(replaced.id).toBe(a.id);
    expect(replaced.query).toBe('Ilyushin');
    expect(() => ws.savedSearches.rename(a.id, 'denials')).toThrow(/A saved search named "denials" already exists/);
    ws.savedSearches.rename(a.id, 'Planes');
    const again = await reopen(ws);
    const planes = again.savedSearches.list().find((s) => s.name === 'Planes')!;
    expect(again.search.search({ query: planes.query }).documents.map((d) => d.id).sort()).toEqual([SEED.moscowTimes, SEED.rewrite]);
    again.savedSearches.delete(planes.id);
    expect(again.savedSearches.list().map((s) => s.name)).toEqual(['Denials']);
  });

  it('refuse a query that cannot be run, and a missing name', async () => {
    const ws = await newWorkspace();
    expect(() => ws.savedSearches.save('Broken', 'date:someday')).toThrow(/date:someday is not a date/);
    expect(() => ws.savedSearches.save('  ', 'x')).toThrow(/name: a saved search needs a name/);
    expect(() => ws.savedSearches.delete(9)).toThrow(/No saved search with id 9/);
  });

  it('find documents by the tags on their highlights too', async () => {
    const ws = await newWorkspace();
    const t = ws.tags.create({ name: 'Denial' });
    ws.highlights.createFromQuote(SEED.moscowTimes, 'We have no such information', 1, [t.id]);
    ws.savedSearches.save('Denials', 'tag:denial');
    const query = ws.savedSearches.list()[0]!.query;
    expect(ws.search.search({ query }).documents.map((d) => d.id)).toEqual([SEED.moscowTimes]);
  });
});
