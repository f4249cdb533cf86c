import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMentions } from '../../../../electron/core/analysis/entities';
import { Workspace } from '../../../../electron/core/workspace';
import { copyAnalysedNews } from '../../../helpers';

/** The seeds and the 25 real news pages, analysed once for every test here. */
let ws: Workspace;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'workbench-news-'));
  // Imported and analysed once by the test setup, for this file and the other news tests.
  await copyAnalysedNews(join(dir, 'news.workspace'));
  ws = await Workspace.open(join(dir, 'news.workspace'));
}, 600_000);
afterAll(() => {
  ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

const entity = async (variant: string) => (await ws.analysis.entities(100_000)).filter((e) => e.variants.includes(variant));
const docByTitle = (title: string) => ws.db.prepare('SELECT id, lang FROM documents WHERE title LIKE ?').get(`${title}%`) as { id: number; lang: string };
const namesIn = (id: number) => new Set((ws.db.prepare('SELECT surface FROM entity_mentions WHERE document_id = ?').pluck().all(id) as string[]));

describe('entities of the seeds and 25 real news pages, precision first', () => {
  it('puts the people, places and organisations the texts are about at the top, and no junk', async () => {
    const top = await ws.analysis.entities(50);
    const names = top.map((e) => e.name);
    for (const expected of ['United States', 'Venezuela', 'Nicolás Maduro', 'Vladimir Putin', 'Juan Guaidó', 'Russia', 'Facebook', 'Barack Obama', 'Wagner']) {
      expect(names).toContain(expected);
    }
    // Read off the list before this work: function words, headline words, boilerplate, photo credits, datelines.
    for (const junk of ['The', 'Que', 'Share', 'Related Content', 'Putin Doubles Down', 'U.S', 'US', 'Thomas Coex/AFP/Getty Images', 'LONDON', 'But', 'And']) {
      expect(names).not.toContain(junk);
    }
    expect(top.filter((e) => /^(the|que|le|la|el|and|but|a|of|in)$/i.test(e.name))).toEqual([]);
  });

  it('has one entity for Vladimir Putin: "Putin", "Vladimir Putin" and a soft-hyphenated "Vladi­mir Putin"', async () => {
    const putin = (await ws.analysis.entities(100_000)).filter((e) => e.variants.some((v) => v.includes('putin')));
    expect(putin).toHaveLength(1);
    expect(putin[0]).toMatchObject({ name: 'Vladimir Putin', kind: 'person', variants: ['putin', 'vladimir putin'] });
    // wapo-2 writes "Vladi\u00admir Putin": found, and marked at the place it stands in the stored text.
    const wapo2 = docByTitle('Where do strained U.S.-Israeli relations').id;
    const body = ws.documents.get(wapo2).body;
    const marked = (await ws.analysis.mentions('Vladimir Putin', wapo2)).map((m) => body.slice(m.start, m.end).replace(/\u00ad/g, ''));
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((m) => m === 'Putin' || m === 'Vladimir Putin')).toBe(true);
  });

  it('reads "U.S.", "US" and "United States" as one place', async () => {
    const us = (await entity('united states'));
    expect(us).toHaveLength(1);
    expect(us[0]).toMatchObject({ name: 'United States', kind: 'place' });
    expect((await ws.analysis.entities(100_000)).filter((e) => e.variants.includes('u s') || e.variants.includes('us'))).toEqual([]);
    expect(us[0]!.documents).toBeGreaterThanOrEqual(10);
  });

  it('reads French, Spanish and Portuguese pages in their language', async () => {
    const lemonde = docByTitle('Le projet de loi sur le renseignement');
    const nacion = docByTitle('Una solución no violenta');
    const folha = docByTitle('Tite diz que errou');
    expect([lemonde.lang, nacion.lang, folha.lang]).toEqual(['fr', 'es', 'pt']);
    const fr = namesIn(lemonde.id);
    for (const name of ['François Hollande', 'Christiane Taubira', 'Patrick Devedjian', 'NSA']) expect(fr).toContain(name);
    // A first name found inside the full name is not a person of its own.
    for (const part of ['Sergio', 'Christiane', 'Patrick']) expect(fr).not.toContain(part);
    const es = namesIn(nacion.id);
    for (const name of ['Buenos Aires', 'Chile', 'Samuel Huntington']) expect(es).toContain(name);
    for (const word of ['Que', 'La', 'El', 'Neuquén, Río Negro']) expect(es).not.toContain(word);
    expect(namesIn(folha.id)).toContain('Rio de Janeiro');
    expect((await entity('instituto lula'))[0]?.kind ?? 'organization').toBe('organization');
  });

  it('keeps Wagner an organisation when a short note calls Wagner by name like a person', async () => {
    expect((await entity('wagner'))[0]).toMatchObject({ kind: 'organization' });
    const note = join(dir, 'wagner-note.txt');
    writeFileSync(note, 'Notes on Wagner\n\nWagner said the men were paid. Wagner told the reporter the contract ended. According to Wagner, nothing happened.\n');
    await ws.importFiles([note]);
    await ws.analyze();
    expect((await entity('wagner'))[0]).toMatchObject({ kind: 'organization' });
  });
});

describe('finding names in normalised text', () => {
  it('reads through soft hyphens, zero-width spaces and curly quotes, and marks the stored text', async () => {
    const body = 'Moscow, Russia. Vladi\u00admir Putin met Nicolás Maduro on Tuesday. Wag\u200bner’s men were there, and Putin said so.';
    const mentions = findMentions(body);
    const putin = mentions.find((m) => m.key === 'vladimir putin')!;
    expect(putin.surface).toBe('Vladimir Putin');
    expect(body.slice(putin.start, putin.end)).toBe('Vladi\u00admir Putin');
    expect(mentions.some((m) => m.key === 'putin')).toBe(true);
  });

  it('does not take headline words, boilerplate or sentence-initial common words for names', async () => {
    const body = [
      'Putin Doubles Down On Venezuela Bet',
      '',
      'Share',
      '',
      'Russian President Vladimir Putin spoke in Moscow. Share prices fell as the market opened.',
      '',
      'Related Content',
    ].join('\n');
    const keys = findMentions(body, new Set(), { folds: [{ start: body.indexOf('Related Content'), end: body.length, reason: 'related content' }] }).map((m) => m.key);
    expect(keys).toContain('vladimir putin');
    expect(keys).toContain('moscow');
    for (const junk of ['putin doubles down', 'putin doubles', 'share', 'related content', 'doubles']) expect(keys).not.toContain(junk);
  });
});
