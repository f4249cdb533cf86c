import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../../electron/core/workspace';
import { SEED, analysedWorkspace } from '../../../helpers';

/**
 * The seeds, analysed (by the test setup, once; the file's last describe analyses them afresh):
 * the expected values below were read off the five texts by hand.
 */
async function analysed() {
  const ws = await analysedWorkspace();
  expect(await ws.analyze()).toEqual({ done: 0, total: 0 });
  return ws;
}

describe('shared passages on the seeds', () => {
  it('finds what the rewrite (002) took from the wire report (001), and names 001 as the origin', async () => {
    const ws = await analysed();
    const shared = ws.analysis.passagesFor(SEED.rewrite);
    expect(new Set(shared.map((p) => p.other.id))).toEqual(new Set([SEED.moscowTimes]));
    const find = (mine: string, theirs: string) => shared.find((p) => p.quote.includes(mine) && p.otherQuote.includes(theirs));
    // Word for word, and its neighbour: the flight-tracking data and the Ilyushin-96 into Havana.
    expect(find('A Russian Ilyushin-96 flew into Havana late on Wednesday after starting its journey in Moscow and flying via Senegal and Paraguay.', 'A Russian Ilyushin-96 flew into Havana late on Wednesday after starting its journey in Moscow and flying via Senegal and Paraguay, the data showed.')).toMatchObject({ kind: 'copy' });
    // Lightly reworded: "The contractors" became "The security contractors".
    expect(find('The security contractors flew to Venezuela not from Moscow but from third countries where they were conducting missions.', 'The contractors flew to Venezuela not from Moscow but from third countries where they were conducting missions, he added.')).toMatchObject({ kind: 'copy' });
    // Put in other words: the chartered flights through Cuba.
    // (002 has a no-break space after "mercenaries".)
    expect(find('The mercenaries\u00a0traveled to Venezuela on private chartered flights that first landed in Cuba.', 'He said they set off in two chartered aircraft for Havana, Cuba, from where they transferred onto regular commercial flights to Venezuela.')).toMatchObject({ kind: 'reworded' });
    expect(shared.every((p) => p.origin === SEED.moscowTimes)).toBe(true);
    // Seen from 001, the same passages, pointing at 002.
    const fromWire = ws.analysis.passagesFor(SEED.moscowTimes);
    expect(fromWire.map((p) => p.other.id)).toEqual(shared.map(() => SEED.rewrite));
    expect(fromWire.every((p) => p.origin === SEED.moscowTimes)).toBe(true);
  });

  it('finds nothing shared between documents that share nothing', async () => {
    const ws = await analysed();
    for (const id of [SEED.insight, SEED.hispolitica, SEED.fox]) expect(ws.analysis.passagesFor(id)).toEqual([]);
  });
});

describe('entities on the seeds', () => {
  it('merges the name variants the issue lists, and counts documents', async () => {
    const ws = await analysed();
    const all = await ws.analysis.entities(1000);
    const named = (variant: string) => all.find((e) => e.variants.includes(variant));
    expect(named('maduro')).toMatchObject({ name: 'Nicolás Maduro', kind: 'person', documents: 5 });
    expect(named('nicolas maduro')).toBe(named('maduro'));
    expect(named('guaido')).toMatchObject({ name: 'Juan Guaidó', documents: 5 });
    expect(named('juan guaido')).toBe(named('guaido'));
    expect(named('dmitry peskov')).toMatchObject({ name: 'Dmitry Peskov', documents: 2, variants: ['dimitry peskov', 'dmitry peskov'] });
    // Wagner, the Wagner group and Wagner Group: one key.
    expect(named('wagner')).toMatchObject({ kind: 'organization', documents: 4 });
    const surfaces = new Set((await ws.analysis.mentions('wagner')).map((m) => m.surface));
    expect(surfaces).toEqual(new Set(['Wagner', 'Wagner group', 'Wagner Group']));
  });

  it('filters the library by an entity and marks its mentions', async () => {
    const ws = await analysed();
    expect((await ws.search.query({ query: 'entity:"Dmitry Peskov"' })).documents.map((d) => d.id).sort()).toEqual([SEED.insight, SEED.moscowTimes]);
    const body = ws.documents.get(SEED.insight).body;
    expect((await ws.analysis.mentions('Dmitry Peskov', SEED.insight)).map((m) => body.slice(m.start, m.end))).toEqual(['Dimitry Peskov']);
  });

  it('lets the user split a variant out and merge entities, and keeps that after re-analysis', async () => {
    const ws = await analysed();
    const maduro = await ws.analysis.split('maduro');
    expect(maduro.variants).toEqual(['maduro']);
    expect((await ws.analysis.entities(1000)).find((e) => e.variants.includes('nicolas maduro'))!.variants).toEqual(['nicolas maduro']);
    const merged = await ws.analysis.merge(['nicolas maduro', 'maduro']);
    expect(merged.variants).toEqual(['maduro', 'nicolas maduro']);
    await ws.analysis.merge(['moscow', 'russia']);
    ws.db.exec('DELETE FROM analyzed');
    await ws.analyze();
    expect((await ws.analysis.entities(1000)).find((e) => e.variants.includes('russia'))!.variants).toEqual(['moscow', 'russia']);
  });
});

describe('figures on the seeds', () => {
  it('collects each number with what it counts, linked to its place in the text', async () => {
    const ws = await analysed();
    const figures = ws.analysis.figures();
    const texts = figures.map((f) => f.text);
    for (const expected of ['around 100 Russian mercenaries', 'about 400', 'about 2,000 Russian nationals', 'over 40 people have been killed', 'more than 850 have been detained', '2,200 people']) {
      expect(texts).toContain(expected);
    }
    const about400 = figures.find((f) => f.text === 'about 400')!;
    expect(about400).toMatchObject({ documentId: SEED.moscowTimes, value: 400, qualifier: 'about', counted: 'Russian contractors', subject: 'contractor', outlet: 'The Moscow Times' });
    expect(ws.documents.get(about400.documentId).body.slice(about400.start, about400.end)).toBe('about 400');
    // Claims about the same thing sit together: 400 contractors in two outlets.
    const contractors = figures.filter((f) => f.subject === 'contractor');
    expect(contractors.map((f) => [f.documentId, f.value]).sort((a, b) => a[0]! - b[0]!)).toEqual([
      [SEED.moscowTimes, 400],
      [SEED.hispolitica, 400],
    ]);
    // Not figures: years, dates, model numbers, ages.
    for (const notFigure of ['2019', 'Dec. 10', 'Ilyushin-96', '56-year-old', 'Antonov-124']) expect(texts.some((t) => t.startsWith(notFigure))).toBe(false);
  });
});

describe('the timeline of the seeds', () => {
  it('counts documents by published date, dates mentioned in the texts, and lists the undated', async () => {
    const ws = await analysed();
    const t = ws.analysis.timeline();
    expect(t.published).toEqual([
      { month: '2019-01', count: 1 },
      { month: '2019-02', count: 1 },
    ]);
    expect(t.yearOnly).toEqual([{ year: '2019', count: 1 }]);
    expect(t.undated.count).toBe(2);
    expect(t.undated.documents.map((d) => d.id)).toEqual([SEED.hispolitica, SEED.fox]);
    // 001 (26 January 2019) mentions the May 2018 election, "late on Wednesday" (23 January) and Dec. 10–14 flights.
    const mentioned = ws.db.prepare('SELECT text, date FROM mentioned_dates WHERE document_id = ? ORDER BY start_offset').all(SEED.moscowTimes) as Array<{ text: string; date: string }>;
    expect(mentioned).toEqual(
      expect.arrayContaining([
        { text: 'May 2018', date: '2018-05' },
        { text: 'on Wednesday', date: '2019-01-23' },
        { text: 'Dec. 10', date: '2018-12-10' },
      ]),
    );
  });
});

/** The seeds analysed once, for the tests below: each reads and none writes. */
let shared: Workspace;
let sharedDir: string;
const seeds = () => shared;
beforeAll(async () => {
  sharedDir = mkdtempSync(join(tmpdir(), 'workbench-seeds-'));
  shared = await Workspace.open(join(sharedDir, 'seeds.workspace'), { create: true });
  await shared.analyze();
}, 300_000);
afterAll(() => {
  shared?.close();
  rmSync(sharedDir, { recursive: true, force: true });
});

describe('what issue 14 adds on the seeds', () => {
  it('reads figures with their scale, and not model numbers or rating widgets', async () => {
    const figures = seeds().analysis.figures();
    const of = (text: string) => figures.filter((f) => f.text === text);
    // 004: "Maduro won 6.4 million votes, and Gonzales won 5.3 million", "nearly 7 million votes compared to just over 3 million".
    expect(of('6.4 million votes')).toEqual([expect.objectContaining({ documentId: SEED.fox, value: 6_400_000, subject: 'vote' })]);
    expect(of('5.3 million')).toEqual([expect.objectContaining({ documentId: SEED.fox, value: 5_300_000, subject: 'vote', counted: 'votes' })]);
    expect(of('nearly 7 million votes')).toEqual([expect.objectContaining({ value: 7_000_000, qualifier: 'nearly', subject: 'vote' })]);
    expect(of('just over 3 million')).toEqual([expect.objectContaining({ value: 3_000_000, qualifier: 'just over', subject: 'vote' })]);
    expect(of('over $20 billion')).toEqual([expect.objectContaining({ value: 20_000_000_000, subject: 'dollar' })]);
    // 003's "Tupolev 106 strategic bombers" and 004's S-300s, Mi-35M, Mi-26 and Tu-160 are aircraft and missiles, not counts.
    for (const model of ['106', '300', '35', '26', '160']) expect(figures.some((f) => f.text.startsWith(model))).toBe(false);
    expect(figures.some((f) => f.subject === 'bomber' || f.subject === 'helicopter')).toBe(false);
    // 002's "4.7 3 votes" is the page's rating widget, folded away as boilerplate.
    expect(figures.filter((f) => f.documentId === SEED.rewrite && f.subject === 'vote')).toEqual([]);
    // What a figure counts is a word: never a symbol, a number or a function word.
    expect(figures.every((f) => f.subject && /^\p{L}{3,}$/u.test(f.subject) && !['the', 'of', 'and', 'sur', 'posted'].includes(f.subject))).toBe(true);
    const keys = figures.map((f) => `${f.documentId}|${f.value}|${f.subject}|${f.qualifier}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has one entity for Vladimir Putin', async () => {
    const putin = (await seeds().analysis.entities(1000)).filter((e) => e.variants.some((v) => v.includes('putin')));
    expect(putin).toHaveLength(1);
    expect(putin[0]).toMatchObject({ name: 'Vladimir Putin', kind: 'person' });
  });

  it("leaves 000's related-content dates out of its timeline, and never counts a document's own date again", async () => {
    const dates = seeds().db.prepare('SELECT date FROM mentioned_dates WHERE document_id = ?').pluck().all(SEED.insight) as string[];
    // The "Related Content" list at the foot of 000 dates other articles: 9 Mar 2023, 26 May 2022, …
    expect(dates.filter((d) => d.startsWith('2023') || d.startsWith('2022'))).toEqual([]);
    const t = seeds().analysis.timeline();
    expect(t.periods.find((p) => p.month === '2023-05')).toBeUndefined();
    // 000 is published 2019-02-01 and says so in its dateline: not a mention.
    expect(dates).not.toContain('2019-02-01');
    // 001's bar leads to the document and to the days its text names.
    const jan = t.periods.find((p) => p.month === '2019-01')!;
    expect(jan.documents.map((d) => d.id)).toEqual([SEED.moscowTimes]);
    expect(jan.mentions).toEqual(expect.arrayContaining([expect.objectContaining({ documentId: SEED.moscowTimes, date: '2019-01-23', text: 'on Wednesday' })]));
    const dec = t.periods.find((p) => p.month === '2018-12')!;
    expect(dec.mentions.map((m) => m.date)).toContain('2018-12-10');
  });
});

describe('claims that disagree, on the seeds', () => {
  it('sets the 100, 400 and 2,000 Russians side by side, marked as disputed, each with its outlet and date', async () => {
    const russians = seeds().analysis.figures().filter((f) => f.about === 'Russians');
    expect(russians.map((f) => f.value).sort((a, b) => a - b)).toEqual([100, 400, 400, 2000]);
    expect(russians.every((f) => f.disputed)).toBe(true);
    expect(russians.find((f) => f.value === 2000)).toMatchObject({ documentId: SEED.insight, outlet: 'InSight Crime', published: '2019-02-01' });
    expect(russians.find((f) => f.documentId === SEED.moscowTimes)).toMatchObject({ value: 400, outlet: 'The Moscow Times', published: '2019-01-26' });
    // Votes: one outlet's figures, on different candidates, are not a dispute between outlets.
    expect(seeds().analysis.figures().filter((f) => f.about === 'vote').every((f) => !f.disputed)).toBe(true);
  });
});
