import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED, newWorkspace, tempDir } from '../../../helpers';
import type { Workspace } from '../../../../electron/core/workspace';
import type { WorkbenchError } from '../../../../electron/shared/errors';

const order = (ws: Workspace, query: string, extra: { all?: boolean } = {}) => ws.search.search({ query, ...extra }).documents.map((d) => d.id);
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

function badQuery(ws: Workspace, query: string): WorkbenchError {
  try {
    ws.search.search({ query });
  } catch (err) {
    return err as WorkbenchError;
  }
  throw new Error(`${query} was accepted`);
}

describe('ranked partial matches', () => {
  /*
   * A large corpus looks a common word up only where rarer ones are (ranked.ts). On the seeds,
   * with every word in more than one document taken as common, each query still counts exactly
   * as the full lookup does, and each listed document lacks the same words: with filters, an
   * excluded word, a required one, OR, and words all common (the two rarest ANDed lead).
   */
  it('counts exactly, and says what each document lacks, when common words are looked up last', async () => {
    const ws = await newWorkspace();
    const queries = [
      'Havana Senegal bombers', 'Russian mercenaries Venezuela Maduro', 'Wagner Venezuela -Prigozhin',
      '+Maduro Russian contractors Havana', 'Wagner OR Prigozhin Venezuela Ilyushin', 'Russian Venezuela date:2019',
      'Russian Venezuela Maduro outlet:"Fox News"', 'mercenaries Venezuela Reuters',
    ];
    for (const query of queries) {
      const full = ws.search.search({ query, limit: 50 });
      ws.search.heavyDocuments = 1;
      const first = ws.search.search({ query, limit: 1 });
      ws.search.heavyDocuments = Infinity;
      expect({ query, total: first.total, all: first.totalAll }).toEqual({ query, total: full.total, all: full.totalAll });
      expect(first.documents[0]?.missing).toEqual(full.documents.find((d) => d.id === first.documents[0]?.id)?.missing);
    }
  });

  /*
   * A common word's documents are held in memory once read (doc-sets.ts). A document imported
   * or deleted afterwards must show in the counts and in what each listed document lacks.
   */
  it('counts documents imported and deleted after common words were read', async () => {
    const ws = await newWorkspace();
    const query = 'Russian mercenaries Venezuela Havana';
    const both = () => {
      ws.search.heavyDocuments = 1;
      const held = ws.search.search({ query, limit: 50 });
      ws.search.heavyDocuments = Infinity;
      const full = ws.search.search({ query, limit: 50 });
      expect({ total: held.total, all: held.totalAll }).toEqual({ total: full.total, all: full.totalAll });
      return held;
    };
    const before = both();
    const file = join(tempDir(), 'more.txt');
    writeFileSync(file, 'Russian mercenaries\n\nRussian mercenaries were seen in Venezuela and in Havana, say two witnesses.\n');
    await ws.importFiles([file]);
    const added = both();
    expect(added.total).toBe(before.total + 1);
    expect(added.totalAll).toBe(before.totalAll + 1);
    ws.documents.delete([SEED.fox, 6]);
    const after = both();
    expect(after.total).toBe(before.total - 1);
    expect(after.documents.map((d) => d.id)).not.toContain(SEED.fox);
  });

  /* A word's title, tag and note matches are held until the index of them changes (personal-index.ts). */
  it('finds a document by a tag applied, and no longer by one removed, after the same query ran', async () => {
    const ws = await newWorkspace();
    const query = 'Havana Senegal zebrafish';
    const lacks = () => ws.search.search({ query }).documents.find((d) => d.id === SEED.moscowTimes)?.missing;
    expect(lacks()).toEqual(['zebrafish']);
    const tag = ws.tags.create({ name: 'zebrafish' });
    ws.tags.applyToDocuments(tag.id, [SEED.moscowTimes]);
    expect(lacks()).toEqual([]);
    expect(ws.search.search({ query }).totalAll).toBe(1);
    ws.tags.removeFromDocuments(tag.id, [SEED.moscowTimes]);
    expect(lacks()).toEqual(['zebrafish']);
  });

  it('lists the documents with every word first, then those with some, each saying what it lacks', async () => {
    const ws = await newWorkspace();
    // Havana and Senegal are in the wire report and its rewrite; bombers in the last two pieces: as rare each.
    const res = ws.search.search({ query: 'Havana Senegal bombers' });
    expect(res.totalAll).toBe(0);
    expect(res.totalSome).toBe(4);
    expect(res.total).toBe(4);
    // Two of the three words beat one.
    expect(sorted(res.documents.slice(0, 2).map((d) => d.id))).toEqual([SEED.moscowTimes, SEED.rewrite]);
    expect(sorted(res.documents.slice(2).map((d) => d.id))).toEqual([SEED.hispolitica, SEED.fox]);
    expect(res.documents[0]!.missing).toEqual(['bombers']);
    expect(res.documents[3]!.missing).toEqual(['Havana', 'Senegal']);

    const two = ws.search.search({ query: 'Havana Zelenskyy Ilyushin' });
    expect(two.documents.filter((d) => d.missing.length === 0)).toEqual([]);
    const full = ws.search.search({ query: 'Havana Senegal' });
    expect(full.totalAll).toBe(2);
    expect(full.documents.every((d) => d.missing.length === 0)).toBe(true);
  });

  it('keeps only the documents with every word when asked to, and with +word', async () => {
    const ws = await newWorkspace();
    expect(order(ws, 'Havana Senegal Zelenskyy', { all: true })).toEqual([]);
    expect(ws.search.search({ query: 'Havana Zelenskyy', all: true }).totalSome).toBe(0);
    // +Havana is required, Zelenskyy is not: the Fox piece has only Zelenskyy.
    expect(sorted(order(ws, '+Havana Zelenskyy Senegal'))).toEqual([SEED.moscowTimes, SEED.rewrite]);
  });

  it('never requires stop words, and searches a query made only of them', async () => {
    const ws = await newWorkspace();
    const res = ws.search.search({ query: 'the Ilyushin of' });
    expect(sorted(res.documents.map((d) => d.id))).toEqual([SEED.moscowTimes, SEED.rewrite]);
    expect(res.totalSome).toBe(0);
    expect(ws.search.search({ query: 'what the' }).total).toBeGreaterThan(0);
  });

  it('behaves as before for a single word', async () => {
    const ws = await newWorkspace();
    const res = ws.search.search({ query: 'Ilyushin' });
    expect(res).toMatchObject({ total: 2, totalAll: 2, totalSome: 0 });
    expect(sorted(order(ws, 'Havana OR Spetsnaz'))).toEqual([SEED.moscowTimes, SEED.rewrite, SEED.hispolitica]);
  });
});

describe('words in all their forms', () => {
  it('finds other forms of a word, the form as typed first', async () => {
    const ws = await newWorkspace();
    expect(sorted(order(ws, 'contractor'))).toEqual([SEED.moscowTimes, SEED.rewrite, SEED.hispolitica, SEED.fox]);
    expect(sorted(order(ws, 'mercenary'))).toEqual([SEED.insight, SEED.moscowTimes, SEED.rewrite, SEED.fox]);
    const detained = order(ws, 'detained');
    expect(detained[0]).toBe(SEED.insight); // "detained" itself
    expect(detained).toContain(SEED.moscowTimes); // "detain"
    // Quoted, a word is taken as it is.
    expect(order(ws, '"contractor"')).toEqual([]);
    const marked = ws.search.search({ query: 'contractor' }).terms;
    expect(marked).toContain('contractors');
  });

  it('stems a document only in its own language', async () => {
    const dir = tempDir();
    const fr = join(dir, 'depeche.txt');
    writeFileSync(
      fr,
      'Des mercenaires russes au Venezuela\n\nSelon plusieurs sources, des mercenaires russes sont arrivés à Caracas pour ' +
        'assurer la sécurité du président Nicolás Maduro. Le Kremlin a démenti toute présence de ses militaires.\n',
    );
    const ws = await newWorkspace({ importPaths: [fr] });
    expect(ws.documents.meta(1).lang).toBe('fr');
    expect(order(ws, 'mercenaire')).toEqual([1]);
    expect(order(ws, 'lang:fr')).toEqual([1]);
    expect(order(ws, 'lang:en')).toEqual([]);
    ws.documents.updateMetadata(1, { lang: 'de' });
    expect(order(ws, 'lang:de')).toEqual([1]);
  });

  it('ranks the fuzzy word as typed above its variants, and refuses ~3', async () => {
    const ws = await newWorkspace();
    expect(order(ws, 'Dimitry~')).toEqual([SEED.insight, SEED.moscowTimes]);
    expect(order(ws, 'Dmitry~')).toEqual([SEED.moscowTimes, SEED.insight]);
    const err = badQuery(ws, 'peskov~3');
    expect(err.code).toBe('BAD_QUERY');
    expect(err.message).toMatch(/only ~1 and ~2/);
  });
});

describe('proximity and operators', () => {
  it('finds words near each other with NEAR/n and "…"~n', async () => {
    const ws = await newWorkspace();
    const near = order(ws, 'wagner NEAR/10 venezuela');
    expect(near).toEqual([SEED.fox]);
    expect(order(ws, '"wagner venezuela"~10')).toEqual(near);
    const far = order(ws, 'wagner NEAR/1000 venezuela');
    expect(sorted(far)).toEqual(sorted(order(ws, 'wagner venezuela', { all: true })));
    expect(far.length).toBeGreaterThan(near.length);
  });

  it('understands AND and NOT in capitals, and does not search them as words', async () => {
    const ws = await newWorkspace();
    expect(sorted(order(ws, 'Wagner NOT Cuba'))).toEqual([SEED.insight, SEED.fox]);
    expect(sorted(order(ws, 'Havana AND Senegal'))).toEqual([SEED.moscowTimes, SEED.rewrite]);
    expect(ws.search.search({ query: 'Havana AND Senegal' }).terms).not.toContain('and');
  });

  it('says a query is still being typed, apart from one that is wrong', async () => {
    const ws = await newWorkspace();
    for (const q of ['"wagner', 'wagner -', 'wagner OR', 'wagner NEAR']) expect(badQuery(ws, q).details).toMatchObject({ incomplete: true });
    expect(badQuery(ws, 'date:foo').details?.incomplete).toBeUndefined();
  });
});

describe('finding a passage elsewhere', () => {
  it('finds the documents holding a pasted paragraph, word for word or reworded, marking where', async () => {
    const ws = await newWorkspace();
    const copied = 'A Russian Ilyushin-96 flew into Havana late on Wednesday after starting its journey in Moscow and flying via Senegal and Paraguay, the data showed.';
    const res = ws.search.search({ query: copied });
    expect(sorted(res.documents.filter((d) => d.passage).map((d) => d.id))).toEqual([SEED.moscowTimes, SEED.rewrite]);
    for (const d of res.documents.filter((x) => x.passage)) {
      const body = ws.documents.get(d.id).body;
      expect(body.slice(d.passage!.start, d.passage!.end)).toContain('Ilyushin-96 flew into Havana');
    }
    expect(res.totalAll).toBe(2);
    const reworded = 'Flight data showed a Russian Ilyushin-96 landing in Havana late on Wednesday, after it left Moscow and flew by way of Senegal and Paraguay.';
    const again = ws.search.search({ query: reworded, passage: true });
    expect(sorted(again.documents.filter((d) => d.passage).map((d) => d.id))).toEqual([SEED.moscowTimes, SEED.rewrite]);
    // A paragraph found nowhere still ranks documents by its words.
    const nowhere = ws.search.search({ query: 'Mercenaries from a private company guard the president of a country in South America, say several witnesses in the capital.' });
    expect(nowhere.documents.some((d) => d.passage)).toBe(false);
    expect(nowhere.total).toBeGreaterThan(0);
  });
});
