import { describe, expect, it } from 'vitest';
import { SEED, newWorkspace } from '../../../helpers';
import type { Workspace } from '../../../../electron/core/workspace';

const ids = (ws: Workspace, query: string) => ws.search.search({ query }).documents.map((d) => d.id).sort((a, b) => a - b);
/** Only the documents with every word: the --all setting. */
const strict = (ws: Workspace, query: string) => ws.search.search({ query, all: true }).documents.map((d) => d.id).sort((a, b) => a - b);
/** The documents a ranked query lists as having every word. */
const complete = (ws: Workspace, query: string) =>
  ws.search.search({ query }).documents.filter((d) => d.missing.length === 0).map((d) => d.id).sort((a, b) => a - b);

describe('searching the seeds', () => {
  it('finds exactly the two documents that mention Ilyushin, with the term marked in the snippet', async () => {
    const ws = await newWorkspace();
    const res = ws.search.search({ query: 'Ilyushin' });
    expect(res.total).toBe(2);
    expect(res.documents.map((d) => d.id).sort()).toEqual([SEED.moscowTimes, SEED.rewrite]);
    for (const d of res.documents) {
      expect(d).toMatchObject({ matchedIn: ['body'] });
      expect(d.score).toBeGreaterThan(0);
      expect(d.snippet.marks.length).toBeGreaterThan(0);
      for (const [a, b] of d.snippet.marks) expect(d.snippet.text.slice(a, b)).toBe('Ilyushin');
    }
    expect(res.documents[0]).toHaveProperty('fileName');
    expect(res.terms).toEqual(['ilyushin']);
  });

  it('is case- and accent-insensitive both ways', async () => {
    const ws = await newWorkspace();
    const plain = ids(ws, 'Guaido');
    expect(plain).toContain(SEED.insight); // writes Guaidó only
    expect(plain).toContain(SEED.moscowTimes); // writes Guaido only
    expect(ids(ws, 'guaidó')).toEqual(plain);
    expect(ids(ws, 'GUAIDÓ')).toEqual(plain);
    expect(ids(ws, 'Nicolas')).toEqual(ids(ws, 'nicolás'));
  });

  it('matches exact phrases only as phrases', async () => {
    const ws = await newWorkspace();
    expect(ids(ws, '"not from Moscow but from third countries"')).toEqual([SEED.moscowTimes, SEED.rewrite]);
    expect(ids(ws, '"third countries from Moscow"')).toEqual([]);
  });

  it('expands prefixes through the corpus vocabulary', async () => {
    const ws = await newWorkspace();
    expect(ids(ws, 'Ilyu*')).toEqual([SEED.moscowTimes, SEED.rewrite]);
    const res = ws.search.search({ query: 'contract*' });
    expect(res.terms.sort()).toEqual(['contract', 'contractors']);
    expect(ws.search.search({ query: 'zzq*' }).total).toBe(0);
  });

  it('finds misspellings with fuzzy terms', async () => {
    const ws = await newWorkspace();
    expect(ids(ws, 'Ilyushn~')).toEqual([SEED.moscowTimes, SEED.rewrite]);
    const res = ws.search.search({ query: 'dmitry~1' });
    expect(res.terms).toEqual(expect.arrayContaining(['dmitry', 'dimitry']));
    expect(res.documents.map((d) => d.id).sort()).toEqual([SEED.insight, SEED.moscowTimes]);
  });

  it('ANDs words, ORs alternatives and excludes words', async () => {
    const ws = await newWorkspace();
    for (const pick of [strict, complete]) {
      expect(pick(ws, 'Havana Senegal')).toEqual([SEED.moscowTimes, SEED.rewrite]);
      expect(pick(ws, 'Havana Padrino')).toEqual([]);
    }
    expect(ids(ws, 'Spetsnaz OR Zelenskyy')).toEqual([SEED.hispolitica, SEED.fox]);
    expect(ids(ws, 'Wagner -Cuba')).toEqual([SEED.insight, SEED.fox]);
    expect(ids(ws, 'Ilyushin -"third countries"')).toEqual([]);
  });

  it('filters by title, outlet, tag and date', async () => {
    const ws = await newWorkspace();
    expect(ids(ws, 'title:putin')).toEqual([SEED.rewrite, SEED.hispolitica, SEED.fox]);
    expect(ids(ws, 'outlet:"moscow times"')).toEqual([SEED.moscowTimes]);
    expect(ids(ws, 'maduro -outlet:"moscow times" -outlet:"insight crime"')).toEqual([SEED.rewrite, SEED.hispolitica, SEED.fox]);
    expect(ids(ws, 'date:2019-01-26')).toEqual([SEED.moscowTimes, SEED.rewrite]); // 002 is dated only "2019"
    expect(ids(ws, 'after:2019-01-27 before:2019-12-31')).toEqual([SEED.insight, SEED.rewrite]);
    expect(ids(ws, 'date:2024')).toEqual([]);
    const tag = ws.tags.create({ name: 'Wire copy' });
    const sub = ws.tags.create({ name: 'Rewrites', parentId: tag.id });
    ws.tags.applyToDocuments(tag.id, [SEED.moscowTimes]);
    ws.tags.applyToDocuments(sub.id, [SEED.rewrite]);
    expect(ids(ws, 'tag:"wire copy"')).toEqual([SEED.moscowTimes, SEED.rewrite]); // sub-tags count
    expect(ids(ws, 'tag:rewrites Ilyushin')).toEqual([SEED.rewrite]);
    expect(ids(ws, 'Ilyushin -tag:rewrites')).toEqual([SEED.moscowTimes]);
  });

  it("ranks a document that matches in its title, tags or the user's notes above body-only matches", async () => {
    const ws = await newWorkspace();
    const bodyOnly = ws.search.search({ query: 'Havana' }).documents.map((d) => d.id);
    expect(bodyOnly).toEqual([SEED.rewrite, SEED.moscowTimes].sort((a, b) => bodyOnly.indexOf(a) - bodyOnly.indexOf(b)));
    const last = bodyOnly[bodyOnly.length - 1]!;
    ws.tags.applyToDocuments(ws.tags.create({ name: 'Havana route' }).id, [last]);
    ws.notes.create({ body: 'Check the Havana connection here too', documentId: SEED.fox });
    const res = ws.search.search({ query: 'havana' });
    expect(res.documents.map((d) => d.id).slice(0, 2).sort()).toEqual([last, SEED.fox].sort());
    expect(res.documents.find((d) => d.id === SEED.fox)!.matchedIn).toEqual(['notes']);
    expect(res.documents.find((d) => d.id === SEED.fox)!.snippet.text).toContain('Havana connection');
    expect(res.total).toBe(3);
  });

  it('lets a word match in a tag and another in the body', async () => {
    const ws = await newWorkspace();
    ws.tags.applyToDocuments(ws.tags.create({ name: 'Cossacks' }).id, [SEED.insight]);
    expect(strict(ws, 'cossacks Padrino')).toEqual([SEED.insight]);
    expect(complete(ws, 'cossacks Padrino')).toEqual([SEED.insight]);
  });

  it('finds free-standing notes', async () => {
    const ws = await newWorkspace();
    const note = ws.notes.create({ body: 'Ask a Spanish-speaking colleague about **colectivos**.' });
    const res = ws.search.search({ query: 'colectivos' });
    expect(res.notes.map((n) => n.id)).toEqual([note.id]);
    expect(res.notes[0]!.snippet.marks).toHaveLength(1);
  });

  it('lists everything, sorted, for an empty query, and pages consistently', async () => {
    const ws = await newWorkspace();
    const all = ws.search.search({ query: '', sort: 'date' });
    expect(all.total).toBe(5);
    expect(all.documents.map((d) => d.published)).toEqual(['2019-02-01', '2019-01-26', '2019', null, null]);
    expect(ws.search.search({ query: '', sort: 'title' }).documents[0]!.title).toMatch(/^After the USA/);
    const page1 = ws.search.search({ query: 'maduro', limit: 2 });
    const page2 = ws.search.search({ query: 'maduro', limit: 2, offset: 2 });
    const page3 = ws.search.search({ query: 'maduro', limit: 2, offset: 4 });
    expect(page1.total).toBe(5);
    expect(new Set([...page1.documents, ...page2.documents, ...page3.documents].map((d) => d.id)).size).toBe(5);
    expect(ws.search.search({ query: 'maduro', sort: 'outlet' }).documents.map((d) => d.outlet)).toEqual([
      'Fox News Digital',
      'InSight Crime',
      'Russia Insider / ABC Flash Point News',
      'The Moscow Times',
      null,
    ]);
  });

  it('gives the offsets of every hit in one document, for stepping through them', async () => {
    const ws = await newWorkspace();
    const body = ws.documents.get(SEED.moscowTimes).body;
    const { hits } = ws.search.hits(SEED.moscowTimes, 'Ilyushin OR "third countries"');
    expect(hits.map((h) => body.slice(h.start, h.end))).toEqual(['third countries', 'Ilyushin', 'Ilyushin', 'Ilyushin']);
    expect(hits.map((h) => h.start)).toEqual([...hits.map((h) => h.start)].sort((a, b) => a - b));
    // Each document its own hits: the rewrite names the Ilyushin once, the wire three times.
    const rewrite = ws.documents.get(SEED.rewrite).body;
    const once = ws.search.hits(SEED.rewrite, 'Ilyushin').hits;
    expect(once.map((h) => rewrite.slice(h.start, h.end))).toEqual(['Ilyushin']);
    expect(ws.search.hits(SEED.hispolitica, 'Ilyushin').hits).toEqual([]);
  });

  it('finds the rewrite as the document most similar to the wire story', async () => {
    const ws = await newWorkspace();
    expect(ws.search.similar(SEED.moscowTimes)[0]!.id).toBe(SEED.rewrite);
    expect(ws.search.similar(SEED.rewrite)[0]!.id).toBe(SEED.moscowTimes);
    expect(ws.search.similar(SEED.rewrite).map((s) => s.id)).not.toContain(SEED.rewrite);
  });

  it('suggests corpus words as the user types', async () => {
    const ws = await newWorkspace();
    expect(ws.search.suggest('Ilyu').map((s) => s.term)).toEqual(['ilyushin']);
    expect(ws.search.suggest('mad')[0]).toEqual({ term: 'maduro', documents: 5 });
  });

  it('rejects a bad query with a message that says what is wrong', async () => {
    const ws = await newWorkspace();
    expect(() => ws.search.search({ query: 'date:yesterday' })).toThrow(/date:yesterday is not a date/);
  });

  it('can leave boilerplate out: a document found only in its donation box, poll or comments does not count', async () => {
    const ws = await newWorkspace();
    const both = (query: string) => [ids(ws, query), ws.search.search({ query, clean: true }).documents.map((d) => d.id).sort((a, b) => a - b)];
    expect(both('donate')).toEqual([[SEED.insight], []]);
    expect(both('happiest')).toEqual([[SEED.hispolitica], []]);
    expect(both('"Albert Heijn"')).toEqual([[SEED.rewrite], []]);
    expect(both('Ilyushin')).toEqual([[SEED.moscowTimes, SEED.rewrite], [SEED.moscowTimes, SEED.rewrite]]);
    expect(both('Spetsnaz')).toEqual([[SEED.hispolitica], [SEED.hispolitica]]);
    expect(ws.search.search({ query: 'happiest', clean: true, sort: 'date' }).total).toBe(0);
    // What the user named still counts: a tag is not boilerplate.
    ws.tags.applyToDocuments(ws.tags.create({ name: 'Happiest' }).id, [SEED.hispolitica]);
    expect(ws.search.search({ query: 'happiest', clean: true }).documents.map((d) => d.id)).toEqual([SEED.hispolitica]);
  });
});
