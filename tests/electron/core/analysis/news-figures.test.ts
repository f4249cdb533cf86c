import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../../electron/core/workspace';
import type { FigureRow } from '../../../../electron/shared/schemas';
import { copyAnalysedNews, SEED } from '../../../helpers';

/** The seeds and the 25 real news pages, analysed once for every test here. */
let ws: Workspace;
let dir: string;
let figures: FigureRow[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'workbench-news-figures-'));
  // Imported and analysed once by the test setup, for this file and the other news tests.
  await copyAnalysedNews(join(dir, 'news.workspace'));
  ws = await Workspace.open(join(dir, 'news.workspace'));
  figures = ws.analysis.figures();
}, 600_000);
afterAll(() => {
  ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

const docByTitle = (title: string) => ws.db.prepare('SELECT id FROM documents WHERE title LIKE ?').pluck().get(`${title}%`) as number;

describe('claims that disagree, on the seeds and 25 real news pages', () => {
  it('keeps the 100, 400 and 2,000 Russians in Venezuela as one disputed claim', () => {
    const russians = figures.filter((f) => f.about === 'Russians');
    expect(russians.map((f) => [f.documentId, f.value]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!)).toEqual([
      [SEED.insight, 100],
      [SEED.insight, 2000],
      [SEED.moscowTimes, 400],
      [SEED.hispolitica, 400],
    ]);
    expect(russians.every((f) => f.disputed)).toBe(true);
  });

  it('never marks a generic noun as disputed across unrelated articles', () => {
    // Read by hand: 19 and 20 people in the Washington Post's attack on a museum in Tunisia, more than 200 in the
    // New York Times' Sudan, 2,200 people detained in Fox's Venezuela. Different stories, not a dispute.
    const people = figures.filter((f) => f.about === 'people');
    expect(people.map((f) => f.text)).toEqual(expect.arrayContaining(['at least 19 people', '2,200 people', 'more than 200 people']));
    expect(people.filter((f) => f.disputed)).toEqual([]);
    const mali = docByTitle('Attack stokes instability fears');
    const sudan = docByTitle('United States to Lift Sudan Sanctions');
    expect(people.map((f) => f.documentId)).toEqual(expect.arrayContaining([mali, sudan, SEED.fox]));
    // The only disputed claim among these 30 documents is the Russians in Venezuela.
    expect([...new Set(figures.filter((f) => f.disputed).map((f) => f.about))]).toEqual(['Russians']);
  });
});

describe('figures in the French and Spanish pages', () => {
  const of = (title: string) => figures.filter((f) => f.documentId === docByTitle(title)).map((f) => [f.text, f.value, f.subject]);

  it('reads Libération, Le Monde and La Nación in their own languages, nouns lemmatised by the language', () => {
    expect(of('Un troisième Français mort')).toEqual(
      expect.arrayContaining([
        ['206 passagers', 206, 'passager'],
        ['près de 5 500 morts', 5500, 'mort'],
        ['28 millions d’habitants', 28_000_000, 'habitant'],
        ['Environ 400 Français', 400, 'français'],
      ]),
    );
    expect(of('Le projet de loi sur le renseignement')).toEqual(expect.arrayContaining([['42 abstentions', 42, 'abstention'], ['75 députés', 75, 'député']]));
    expect(of('Una solución no violenta')).toEqual(
      expect.arrayContaining([
        ['10 millones de dólares', 10_000_000, 'dollar'],
        ['cerca de 40.000 vidas', 40_000, 'vida'],
      ]),
    );
    // No year, date, time or percentage is a figure, in any language.
    const foreign = ['Un troisième Français mort', 'Le projet de loi sur le renseignement', 'Una solución no violenta', 'Tite diz que errou'].flatMap(of);
    expect(foreign.filter(([, value]) => [2012, 2014, 2015, 1998, 1999, 5].includes(value as number))).toEqual([]);
  });
});
