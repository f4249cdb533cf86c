import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROOT, SEED, newWorkspace } from '../../../helpers';

const FIXTURES = join(ROOT, 'tests/fixtures/citations');

/** Reads a citation file back as CSL-JSON, the way a reference manager imports it. */
async function readBack(text: string): Promise<Array<Record<string, unknown>>> {
  const { Cite } = await import('@citation-js/core');
  await import('@citation-js/plugin-bibtex');
  await import('@citation-js/plugin-ris');
  return (new Cite(text) as unknown as { data: Array<Record<string, unknown>> }).data;
}

const dateOf = (d: unknown) => (d as { 'date-parts': number[][] })['date-parts'][0];

// The CSL-JSON fields the export writes, as the CSL-JSON documentation describes them.
const CslName = z.union([z.object({ family: z.string(), given: z.string() }).passthrough(), z.object({ literal: z.string() })]);
const CslDate = z.object({ 'date-parts': z.array(z.array(z.number().int()).min(1).max(3)).length(1) });
const CslItem = z
  .object({
    id: z.string(),
    type: z.enum(['article-newspaper', 'article-journal', 'webpage', 'document']),
    title: z.string(),
    author: z.array(CslName).optional(),
    'container-title': z.string().optional(),
    issued: CslDate.optional(),
    accessed: CslDate.optional(),
    URL: z.string().optional(),
  })
  .strict();

describe('citations of the library', () => {
  it('writes CSL-JSON in the shape of the documented example, with title, author, outlet, date, URL and date imported', async () => {
    const ws = await newWorkspace();
    const example = z.array(CslItem).parse(JSON.parse(readFileSync(join(FIXTURES, 'csl-json-example.json'), 'utf8')));
    expect(example).toHaveLength(1);
    const items = z.array(CslItem).parse(JSON.parse(await ws.library.export('csl-json')));
    expect(items).toHaveLength(5);
    const mt = items.find((i) => i.id === `doc-${SEED.moscowTimes}`)!;
    expect(mt).toMatchObject({ type: 'article-newspaper', 'container-title': 'The Moscow Times', issued: { 'date-parts': [[2019, 1, 26]] } });
    expect(mt.title).toBe("Russian Mercenaries Arrive in Venezuela to Shore Up Maduro's Rule");
    expect(mt.URL).toMatch(/^https:\/\/www\.themoscowtimes\.com\//);
    const today = new Date().toISOString().slice(0, 10).split('-').map(Number);
    expect(mt.accessed?.['date-parts'][0]).toEqual(today);
    // An organisation or a team byline stays whole; a person's name is split.
    const insight = items.find((i) => i.id === `doc-${SEED.insight}`)!;
    expect(insight.author).toEqual([{ literal: 'Venezuela Investigative Unit' }]);
  });

  it('writes RIS records line for line like the specification example, and they read back', async () => {
    const ws = await newWorkspace();
    const example = readFileSync(join(FIXTURES, 'ris-spec-example.ris'), 'utf8');
    const ris = await ws.library.export('ris', { ids: [SEED.moscowTimes, SEED.insight] });
    const tagLine = /^([A-Z][A-Z0-9]) {2}- ?(.*)$/;
    for (const text of [example, ris]) {
      const lines = text.split(/\r?\n/).filter((l) => l !== '');
      expect(lines.every((l) => tagLine.test(l)), text).toBe(true);
      expect(lines[0]).toMatch(/^TY {2}- [A-Z]+$/);
      expect(lines.at(-1)).toMatch(/^ER {2}-/);
    }
    expect(ris.match(/^TY {2}- /gm)).toHaveLength(2);
    expect((await readBack(example))[0]).toMatchObject({ title: 'A Mathematical Theory of Communication' });
    const back = await readBack(ris);
    const insight = back.find((i) => String(i.title).includes('Muscle'))!;
    expect(insight).toMatchObject({ 'container-title': 'InSight Crime' });
    // A long URL stays on its line, whole.
    const mt = back.find((i) => i['container-title'] === 'The Moscow Times')!;
    expect(mt.URL).toBe('https://www.themoscowtimes.com/2019/01/26/russian-mercenaries-arrive-in-venezuela-to-shore-up-maduros-rule-a64299');
    expect(dateOf(insight.issued)).toEqual([2019, 2, 1]);
    expect(insight.author).toEqual([{ literal: 'Venezuela Investigative Unit' }]);
    expect(dateOf(insight.accessed)).toHaveLength(3);
  });

  it('writes BibTeX entries like the documented example, which read back with their fields', async () => {
    const ws = await newWorkspace();
    const example = await readBack(readFileSync(join(FIXTURES, 'bibtex-btxdoc-example.bib'), 'utf8'));
    expect(example[0]).toMatchObject({ title: 'A Mathematical Theory of Communication', URL: 'https://example.org/shannon' });
    const bib = await ws.library.export('bibtex', { query: 'Ilyushin' });
    expect(bib).toMatch(/^@article\{/m);
    const back = await readBack(bib);
    expect(back.length).toBeGreaterThanOrEqual(2);
    const mt = back.find((i) => i['container-title'] === 'The Moscow Times')!;
    expect(mt.title).toBe("Russian Mercenaries Arrive in Venezuela to Shore Up Maduro's Rule");
    expect(mt.URL).toMatch(/themoscowtimes/);
    expect(dateOf(mt.issued)).toEqual([2019, 1, 26]);
    expect(bib).toMatch(/accessed \d{4}-\d{2}-\d{2}/);
  });

  it('writes the BibTeX month as its macro, and a full date whole in biblatex date, read back to the day', async () => {
    const ws = await newWorkspace();
    ws.documents.updateMetadata(SEED.fox, { published: '2019-03' });
    ws.documents.updateMetadata(SEED.hispolitica, { published: '2019' });
    const bib = await ws.library.export('bibtex');
    const months = bib.match(/^\s*month\s*=.*$/gm) ?? [];
    // Moscow Times, InSight and the rewrite have a day, Fox a month alone, Hispolitica a year.
    expect(months.length).toBeGreaterThanOrEqual(3);
    for (const line of months) expect(line).toMatch(/^\tmonth = (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec),$/);
    expect(bib).not.toMatch(/month = \{/);
    expect(bib).toContain('\tdate = {2019-01-26},');
    // Every field is one `name = {value},` or the month macro, and every entry closes.
    const entries = bib.trim().split(/\n\n+/);
    expect(entries).toHaveLength(5);
    for (const entry of entries) {
      const [head, ...rest] = entry.split('\n');
      expect(head).toMatch(/^@(article|misc)\{[^,\s]+,$/);
      expect(rest.at(-1)).toBe('}');
      for (const field of rest.slice(0, -1)) expect(field).toMatch(/^\t[a-z]+ = (\{.*\}|[a-z]{3}),$/);
    }
    const back = await readBack(bib);
    expect(dateOf(back.find((i) => i['container-title'] === 'The Moscow Times')!.issued)).toEqual([2019, 1, 26]);
    const issued = back.map((i) => JSON.stringify(dateOf(i.issued)));
    expect(issued).toContain('[2019,3]');
    expect(issued).toContain('[2019]');
    const foxEntry = entries.find((e) => e.includes('month = mar'))!;
    expect(foxEntry).toContain('\tyear = {2019},');
    expect(foxEntry).not.toContain('date = {');
  });

  it('exports only the selection, or only what a search finds', async () => {
    const ws = await newWorkspace();
    const one = JSON.parse(await ws.library.export('csl-json', { ids: [SEED.fox] }));
    expect(one.map((i: { id: string }) => i.id)).toEqual([`doc-${SEED.fox}`]);
    const found = JSON.parse(await ws.library.export('csl-json', { query: 'Shabayev' }));
    const all = JSON.parse(await ws.library.export('csl-json'));
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(all.length);
    await expect(ws.library.export('ris', { ids: [999] })).rejects.toThrow(/No document with id 999/);
  });
});

describe('the library as CSV', () => {
  it('has a row per document with tags, highlight and note counts, and the matched snippet for a search', async () => {
    const ws = await newWorkspace();
    const tag = ws.tags.create({ name: 'Flights' });
    ws.tags.applyToDocuments(tag.id, [SEED.moscowTimes]);
    const h = ws.highlights.createFromQuote(SEED.moscowTimes, 'Havana', 1);
    ws.highlights.createFromQuote(SEED.moscowTimes, 'Shabayev', 1);
    ws.notes.create({ body: 'on the passage', highlightId: h.id });
    ws.notes.create({ body: 'on the document', documentId: SEED.moscowTimes });
    const csv = await ws.library.export('library-csv', { query: 'Havana' });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('"id","title","outlet","author","date","url","tags","highlights","notes","imported","snippet"');
    const row = lines.find((l) => l.startsWith(`"${SEED.moscowTimes}",`))!;
    expect(row).toContain('"The Moscow Times"');
    expect(row).toContain('"2019-01-26"');
    expect(row).toContain('"Flights","2","2"');
    expect(row).toMatch(/"[^"]*Havana[^"]*"$/);
    const whole = (await ws.library.export('library-csv')).trimEnd().split('\r\n');
    expect(whole).toHaveLength(6);
    expect(whole[0]).not.toContain('snippet');
  });
});
