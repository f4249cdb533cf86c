import { describe, expect, it } from 'vitest';
import { SEED, newWorkspace } from '../../../helpers';

/** A workspace a student would hand in from: tagged documents, passage notes with links, a free note with its own outline. */
async function handIn() {
  const ws = await newWorkspace();
  const claims = ws.tags.create({ name: 'Claims' });
  const numbers = ws.tags.create({ name: 'Numbers', parentId: claims.id });
  const wire = ws.tags.create({ name: 'Wire copy' });
  ws.tags.applyToDocuments(wire.id, [SEED.moscowTimes, SEED.rewrite]);
  const flight = ws.highlights.createFromQuote(SEED.moscowTimes, 'He said they set off in two chartered aircraft for Havana, Cuba', 1, [claims.id]);
  const count = ws.highlights.createFromQuote(SEED.insight, 'about 2,000 Russian nationals have been working inside the country', 1, [numbers.id]);
  ws.highlights.createFromQuote(SEED.fox, 'Baltic Fleet');
  // As "Add note" on a highlight makes it: the quote, then what one writes.
  ws.notes.create({ body: `> ${flight.quote}\n\nCompare with [the insight figure](hl:${count.id}) and [the rewrite](doc:${SEED.rewrite}).`, highlightId: flight.id });
  ws.notes.create({ body: '# My argument\n\nThe wire came first.\n\n## Evidence\n\nSee [[hl:' + flight.id + ']].\n\n```\n# not a heading\n```' });
  return { ws, claims, numbers, wire, flight, count };
}

async function annotated() {
  const ws = await newWorkspace();
  const claims = ws.tags.create({ name: 'Claims' });
  const routes = ws.tags.create({ name: 'Routes' });
  const h1 = ws.highlights.createFromQuote(SEED.moscowTimes, 'He said they set off in two chartered aircraft for Havana, Cuba', 1, [routes.id]);
  const h2 = ws.highlights.createFromQuote(SEED.insight, 'about 2,000 Russian nationals have been working inside the country', 1, [claims.id, routes.id]);
  ws.highlights.createFromQuote(SEED.fox, 'Baltic Fleet');
  ws.notes.create({ body: 'Compare with "the rewrite", line 3', highlightId: h1.id });
  ws.notes.create({ body: '=SUM(A1) is not a formula here' });
  return { ws, h1, h2 };
}

describe('export', () => {
  it('writes Markdown grouped by tag, each quote cited with title, outlet, date and URL', async () => {
    const { ws } = await annotated();
    const md = ws.exporter.export('md');
    const claims = md.indexOf('## Claims');
    const routes = md.indexOf('## Routes');
    expect(claims).toBeGreaterThan(0);
    expect(routes).toBeGreaterThan(claims);
    expect(md.slice(routes)).toContain('> He said they set off in two chartered aircraft for Havana, Cuba');
    expect(md).toContain(
      "— *Russian Mercenaries Arrive in Venezuela to Shore Up Maduro's Rule*, The Moscow Times, 2019-01-26, <https://www.themoscowtimes.com/2019/01/26/russian-mercenaries-arrive-in-venezuela-to-shore-up-maduros-rule-a64299>",
    );
    expect(md).toContain("— *Russian Mercenaries Providing Muscle for Venezuela's Embattled Maduro*, InSight Crime, Venezuela Investigative Unit, 2019-02-01");
    expect(md.match(/about 2,000 Russian nationals/g)).toHaveLength(2); // under both of its tags
    expect(md).toContain('## Untagged\n\n> Baltic Fleet');
    expect(md).toContain('- Note: Compare with "the rewrite", line 3');
    expect(md).toContain('### Free note\n\n=SUM(A1) is not a formula here');
  });

  it('writes CSV that spreadsheets read safely', async () => {
    const { ws, h1 } = await annotated();
    const csv = ws.exporter.export('csv');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('"type","id","document_id","title","outlet","author","published","url","tags","quote","start","end","page","note","document_tags"');
    const row = lines.find((l) => l.startsWith(`"highlight","${h1.id}"`))!;
    expect(row).toContain('"Routes","He said they set off in two chartered aircraft for Havana, Cuba"');
    expect(row).toContain('"Compare with ""the rewrite"", line 3"');
    expect(csv).toContain(`"'=SUM(A1) is not a formula here"`);
  });

  it('writes JSON with documents, tags, highlights and notes', async () => {
    const { ws, h2 } = await annotated();
    const data = JSON.parse(ws.exporter.export('json'));
    expect(data.highlights).toHaveLength(3);
    expect(data.highlights.find((h: { id: number }) => h.id === h2.id).tags.map((t: { name: string }) => t.name)).toEqual(['Claims', 'Routes']);
    expect(data.documents.map((d: { id: number }) => d.id).sort()).toEqual([SEED.insight, SEED.moscowTimes, SEED.fox]);
    expect(data.notes).toHaveLength(2);
    expect(data.tags.map((t: { name: string }) => t.name)).toEqual(['Claims', 'Routes']);
  });

  it('cites internal links with title, outlet, date and the quote, and keeps no hl: or doc: link', async () => {
    const { ws, count } = await handIn();
    const md = ws.exporter.export('md');
    expect(md).not.toMatch(/\]\((hl|doc):\d+\)|\[\[(hl|doc):/);
    expect(md).toContain(`the insight figure (“${count.quote}”, *Russian Mercenaries Providing Muscle for Venezuela's Embattled Maduro*, InSight Crime, 2019-02-01)`);
    expect(md).toMatch(/the rewrite \(\*[^*]+\*, [^)]*2019[^)]*\)/);
    // A link with no label of its own reads as the quote, cited.
    expect(md).toContain('See “He said they set off in two chartered aircraft for Havana, Cuba” (*Russian Mercenaries Arrive in Venezuela');
  });

  it('lists the documents with their tags', async () => {
    const { ws } = await handIn();
    const md = ws.exporter.export('md');
    const documents = md.slice(md.indexOf('## Documents'));
    expect(documents).toMatch(/^- \*Russian Mercenaries Arrive in Venezuela to Shore Up Maduro's Rule\*, The Moscow Times, .* — tags: Wire copy$/m);
    expect(documents).toMatch(/^- \*Russian Mercenaries Providing Muscle for Venezuela's Embattled Maduro\*.*2019-02-01$/m);
    const csv = ws.exporter.export('csv').split('\r\n');
    expect(csv.find((l) => l.includes('Havana, Cuba"'))).toMatch(/"Wire copy"$/);
  });

  it('puts the headings of a free note under the note’s own, leaving code alone', async () => {
    const { ws } = await handIn();
    const md = ws.exporter.export('md');
    const headings = md.replace(/```[\s\S]*?```/g, '').split('\n').filter((l) => /^#{1,6} /.test(l));
    // One title; the note's "# My argument" no longer stands beside it.
    expect(headings.filter((h) => h.startsWith('# '))).toEqual(['# Highlights and notes']);
    expect(md).toContain('### Free note\n\n#### My argument\n\nThe wire came first.\n\n##### Evidence');
    expect(md).toContain('```\n# not a heading\n```');
  });

  it('shows a passage note without the quote it starts with, the quote being just above', async () => {
    const { ws, flight } = await handIn();
    const md = ws.exporter.export('md');
    expect(md.split(flight.quote).length - 1).toBe(2); // once quoted, once as the free note's citation
    expect(md).toContain(`> ${flight.quote}\n\n— *Russian Mercenaries Arrive`);
    expect(md).toMatch(/- Note: Compare with the insight figure/);
  });

  it('exports one tag (with the tags below it), or the documents chosen', async () => {
    const { ws, claims, numbers } = await handIn();
    const tagged = ws.exporter.export('md', { tagId: claims.id, label: 'Tag: Claims' });
    expect(tagged).toContain('# Highlights and notes\n\nTag: Claims\n\n## Claims');
    expect(tagged).toContain('## Numbers\n\n> about 2,000 Russian nationals');
    expect(tagged).not.toContain('Baltic Fleet');
    expect(tagged).not.toContain('My argument'); // a free note stays out of a tag's export
    const numbersOnly = ws.exporter.export('md', { tagId: numbers.id });
    expect(numbersOnly).not.toContain('Havana');
    const chosen = ws.exporter.export('md', { documentIds: [SEED.fox] });
    expect(chosen).toContain('## Untagged\n\n> Baltic Fleet');
    expect(chosen).not.toContain('Havana');
    expect(() => ws.exporter.export('md', { tagId: 999 })).toThrow(/No tag with id 999/);
  });
});
