import { describe, expect, it } from 'vitest';
import { SEED, newWorkspace } from '../../../helpers';

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
    expect(lines[0]).toBe('"type","id","document_id","title","outlet","author","published","url","tags","quote","start","end","page","note"');
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
});
