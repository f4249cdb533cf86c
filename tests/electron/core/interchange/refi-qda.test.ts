import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCodebook, exportProject, exportQdpx } from '../../../../electron/core/interchange/refi-qda-export';
import type { Workspace } from '../../../../electron/core/workspace';
import { ROOT, SEED, newWorkspace, tempDir } from '../../../helpers';

const FIXTURES = join(ROOT, 'tests/fixtures/refi-qda');
const XSD = join(FIXTURES, 'Project-mrt2019.xsd');

/** xmllint's verdict on a project.qde against the REFI-QDA schema. */
function validate(xml: string): string {
  const file = join(tempDir(), 'project.qde');
  writeFileSync(file, xml);
  try {
    return execFileSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) || 'valid';
  } catch (err) {
    return String((err as { stderr?: string }).stderr ?? err);
  }
}

async function annotated(): Promise<Workspace> {
  const ws = await newWorkspace();
  const actors = ws.tags.create({ name: 'Actors', color: '#e6194b', description: 'People & organisations <who act>' });
  const wagner = ws.tags.create({ name: 'Wagner', parentId: actors.id });
  const routes = ws.tags.create({ name: 'Routes' });
  const h1 = ws.highlights.createFromQuote(SEED.moscowTimes, 'not from Moscow but from third countries', 1, [routes.id, wagner.id]);
  ws.highlights.createFromQuote(SEED.insight, 'about 2,000 Russian nationals', 1);
  ws.tags.applyToDocuments(actors.id, [SEED.rewrite]);
  ws.notes.create({ body: 'The wire report says so first', highlightId: h1.id });
  ws.notes.create({ body: 'A rewrite of the wire', documentId: SEED.rewrite });
  ws.notes.create({ body: 'Free thought: compare outlets' });
  return ws;
}

describe('REFI-QDA export', () => {
  it('writes a project.qde that the schema validates, with codes, sources, coded selections and notes', async () => {
    const ws = await annotated();
    const { 'project.qde': qde, sources } = exportProject(ws);
    expect(validate(qde)).toMatch(/validates|valid/);
    expect(sources.size).toBe(5);
    expect(qde).toMatch(/<Code guid="[^"]+" name="Actors" isCodable="true" color="#e6194b"><Description>People &amp; organisations &lt;who act&gt;<\/Description><Code [^>]*name="Wagner"/);
    expect(qde.match(/<PlainTextSelection /g)).toHaveLength(2);
    expect(qde.match(/<Note /g)).toHaveLength(3);
    // Every source's text is in sources/, and selections point into it by characters.
    const mt = [...sources.values()].find((t) => t.includes('not from Moscow but from third countries'))!;
    const sel = /<PlainTextSelection [^>]*startPosition="(\d+)" endPosition="(\d+)"/.exec(qde.slice(qde.indexOf('not from Moscow') - 400))!;
    expect([...mt].slice(Number(sel[1]), Number(sel[2])).join('')).toBe('not from Moscow but from third countries');
  });

  it('writes the codebook alone as a .qdc, which reads back as the same tag tree', async () => {
    const ws = await annotated();
    const qdc = exportCodebook(ws);
    expect(qdc).toContain('<CodeBook origin="Research Workbench" xmlns="urn:QDA-XML:codebook:1.0">');
    // Its codes, put in a project, are what the project schema expects of a codebook.
    const inProject = qdc.replace(/<CodeBook[^>]*>/, '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook>').replace('</CodeBook>', '</CodeBook></Project>');
    expect(validate(inProject)).toMatch(/valid/);
    const other = await newWorkspace({ importPaths: [] });
    const file = join(tempDir(), 'codes.qdc');
    writeFileSync(file, qdc);
    const summary = await other.importFiles([file]);
    expect(summary.imported).toBe(1);
    const tags = other.tags.list();
    expect(tags.map((t) => t.name).sort()).toEqual(['Actors', 'Routes', 'Wagner']);
    const actors = tags.find((t) => t.name === 'Actors')!;
    expect(actors).toMatchObject({ color: '#e6194b', description: 'People & organisations <who act>' });
    expect(tags.find((t) => t.name === 'Wagner')!.parentId).toBe(actors.id);
  });

  it('writes a project of a selection: its documents, their highlights and notes, the tags they use, valid to the schema', async () => {
    const ws = await annotated();
    const other = ws.tags.create({ name: 'Unused elsewhere' });
    ws.tags.applyToDocuments(other.id, [SEED.fox]);
    const { 'project.qde': qde, sources } = exportProject(ws, { documentIds: [SEED.moscowTimes, SEED.rewrite] });
    expect(validate(qde)).toMatch(/valid/);
    expect(sources.size).toBe(2);
    expect(qde.match(/<TextSource /g)).toHaveLength(2);
    expect([...sources.values()].sort()).toEqual([ws.documents.get(SEED.moscowTimes).body, ws.documents.get(SEED.rewrite).body].sort());
    // The InSight highlight, the free note and the Fox document's tag stay out; Actors comes as Wagner's parent and the rewrite's tag.
    expect(qde.match(/<PlainTextSelection /g)).toHaveLength(1);
    expect(qde).not.toContain('about 2,000 Russian nationals');
    expect([...qde.matchAll(/<Note [^>]*name="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['A rewrite of the wire', 'The wire report says so first']);
    expect([...qde.matchAll(/<Code [^>]*name="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['Actors', 'Routes', 'Wagner']);
    // It reads back into a workspace as that selection.
    const file = join(tempDir(), 'selection.qdpx');
    writeFileSync(file, await exportQdpx(ws, { documentIds: [SEED.moscowTimes, SEED.rewrite] }));
    const back = await newWorkspace({ importPaths: [] });
    const summary = await back.importFiles([file]);
    expect(summary.outcomes[0]!.reason).toBe('2 documents, 3 new tags, 1 highlight, 2 notes');
  }, 300_000);

  it('round-trips a workspace through .qdpx keeping every document, tag, highlight and note', async () => {
    const ws = await annotated();
    const file = join(tempDir(), 'project.qdpx');
    writeFileSync(file, await exportQdpx(ws));
    const other = await newWorkspace({ importPaths: [] });
    const summary = await other.importFiles([file]);
    expect(summary.failed, JSON.stringify(summary.outcomes)).toBe(0);
    expect(summary.outcomes[0]!.reason).toBe('5 documents, 3 new tags, 2 highlights, 3 notes');
    const titles = (w: Workspace) => w.search.search({ query: '', limit: 50 }).documents.map((d) => d.title).sort();
    expect(titles(other)).toEqual(titles(ws));
    const mt = other.search.search({ query: 'title:"Arrive in Venezuela"', limit: 5 }).documents[0]!;
    expect(other.documents.meta(mt.id)).toMatchObject({ outlet: 'The Moscow Times', published: '2019-01-26', url: expect.stringContaining('themoscowtimes.com') });
    const hl = other.highlights.listAll();
    expect(hl.map((h) => h.quote).sort()).toEqual(['about 2,000 Russian nationals', 'not from Moscow but from third countries']);
    expect(hl.find((h) => h.quote.startsWith('not from'))!.tags.map((t) => t.name).sort()).toEqual(['Routes', 'Wagner']);
    const notes = other.notes.listAll();
    expect(notes.find((n) => n.body === 'The wire report says so first')!.highlightId).toBe(hl.find((h) => h.quote.startsWith('not from'))!.id);
    const onRewrite = notes.find((n) => n.body === 'A rewrite of the wire')!;
    expect(other.documents.meta(onRewrite.documentId!)).toMatchObject({ title: ws.documents.meta(SEED.rewrite).title, tags: [expect.objectContaining({ name: 'Actors' })] });
    expect(notes.find((n) => n.body.startsWith('Free thought'))).toMatchObject({ documentId: null, highlightId: null });
    // The imported workspace exports a project the schema validates too.
    expect(validate(exportProject(other)['project.qde'])).toMatch(/valid/);
  }, 300_000); // two workspaces, an export and an import
});

describe('REFI-QDA import of a project made to the schema', () => {
  it('reads codes, variables, text sources inline and in files, a PDF source, selections, codings and notes', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    const summary = await ws.importFiles([join(FIXTURES, 'handmade.qdpx')]);
    const outcome = summary.outcomes[0]!;
    expect(outcome.status, outcome.reason ?? '').toBe('imported');
    expect(outcome.reason).toContain('3 documents, 3 new tags, 3 highlights, 4 notes');
    expect(outcome.reason).toContain('AudioSource "Phone call": audio and video sources are not imported');
    const tags = ws.tags.list();
    const actors = tags.find((t) => t.name === 'Actors')!;
    expect(actors).toMatchObject({ color: '#ff0000', description: 'People and organisations who act' });
    expect(tags.find((t) => t.name === 'Wagner')).toMatchObject({ parentId: actors.id, description: 'The Wagner group and its contractors' });
    expect(tags.find((t) => t.name === 'Routes')!.color).toBe('#4363d8');

    const field = ws.documents.get(outcome.documentIds[0]!);
    expect(field).toMatchObject({ title: 'Field notes — Shabayev', outlet: 'Field notebook', published: '2019-02-03' });
    expect(field.tags.map((t) => t.name)).toEqual(['Actors']);
    const hls = ws.highlights.listForDocument(field.id);
    expect(hls.map((h) => [h.quote, h.tags.map((t) => t.name)])).toEqual([
      ['Yevgeny Shabayev said the contractors flew in from third countries.', ['Wagner']],
      ['Havana', ['Routes']], // positions count characters: the astral 𝄞 before it is one
    ]);
    const onClaim = ws.notes.listAll().filter((n) => n.highlightId === hls[0]!.id).map((n) => n.body).sort();
    expect(onClaim).toEqual(['Coded Wagner although he never names it.', 'Shabayev is a Cossack leader, not a contractor.']);
    expect(ws.notes.listForDocument(field.id).map((n) => n.body)).toContain('Written the day after the interview.');
    expect(ws.notes.listFree().map((n) => n.body)).toEqual(['Memo kept as a file: check the flight logs against the Reuters report.']);

    const pilot = ws.documents.get(outcome.documentIds[1]!);
    expect(pilot.title).toBe('Pilot interview');
    expect(ws.highlights.listForDocument(pilot.id).map((h) => h.quote)).toEqual(['The Ilyushin landed in Havana at night.']);
    const pdf = ws.documents.get(outcome.documentIds[2]!);
    expect(pdf.format).toBe('pdf');
    expect(ws.search.search({ query: 'Antonov', limit: 5 }).documents.map((d) => d.id)).toEqual([pdf.id]);
  });

  it('reads a codebook (.qdc) into a tag tree', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    await ws.importFiles([join(FIXTURES, 'handmade.qdc')]);
    const tags = ws.tags.list();
    const top = tags.find((t) => t.name === 'Sources of claims')!;
    expect(top).toMatchObject({ color: '#911eb4', description: 'Who a claim comes from', parentId: null });
    expect(tags.filter((t) => t.parentId === top.id).map((t) => t.name).sort()).toEqual(['Anonymous', 'Named']);
  });

  it('says which file is not a project and why, and imports the rest', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.qdpx'), 'not a zip at all');
    writeFileSync(join(dir, 'broken.qdc'), '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>');
    writeFileSync(join(dir, 'notes.txt'), 'Plain notes about Havana flights.');
    const summary = await ws.importFiles([join(dir, 'broken.qdpx'), join(dir, 'broken.qdc'), join(dir, 'notes.txt')]);
    expect(summary).toMatchObject({ files: 3, imported: 1, failed: 2 });
    const reasons = summary.outcomes.filter((o) => o.status === 'failed').map((o) => o.reason);
    expect(reasons).toContain('broken.qdpx is not a REFI-QDA project: it is not a zip archive');
    expect(reasons.find((r) => r!.startsWith('broken.qdc is not well-formed XML'))).toBeTruthy();
    expect(readFileSync(join(dir, 'broken.qdpx'), 'utf8')).toBe('not a zip at all');
  });
});
