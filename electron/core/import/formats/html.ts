import type { parseHTML } from 'linkedom';
import { findDate } from '../../../shared/text/dates';
import { outletFromUrl } from '../../../shared/text/metadata';
import { normalizeBody } from '../decode';
import type { Importer, ParsedDocument, SourceFile } from '../types';
import { htmlToText } from './html-text';
import { cleanByline, cleanTitle, decodeHtml, languageCode, namesSite, siteNames } from './html-metadata';

/** Elements that could run code or fetch something, removed before anything reads the page. */
const ACTIVE = 'script, style, noscript, template, iframe, frame, frameset, object, embed, applet, link, meta[http-equiv], base, form, svg, canvas, audio, video, source, track';

type Doc = ReturnType<typeof parseHTML>['document'];

function meta(doc: Doc, ...selectors: string[]): string | null {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const value = el?.getAttribute('content') ?? el?.getAttribute('href') ?? el?.getAttribute('datetime');
    if (value && value.trim()) return value.trim();
  }
  return null;
}

function isoDay(value: string | null | undefined): string | null {
  if (!value) return null;
  return findDate(value);
}

function httpUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

interface LinkedData {
  datePublished?: string;
  publisherName?: string;
  authors?: string[];
}

function personNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const a of list) {
    if (typeof a === 'string') out.push(a);
    else if (a && typeof a === 'object' && typeof (a as { name?: unknown }).name === 'string') {
      // An organisation as author is the outlet, not a byline.
      if ((a as { '@type'?: unknown })['@type'] !== 'Organization') out.push((a as { name: string }).name);
    }
  }
  return out;
}

/** schema.org data the page declares in JSON-LD: read as JSON, never run. */
function linkedData(doc: Doc): LinkedData {
  const out: LinkedData = {};
  for (const el of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse((el.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue;
    }
    const items = (Array.isArray(data) ? data : [data, ...(((data as { '@graph'?: unknown[] })?.['@graph']) ?? [])]) as Array<Record<string, unknown>>;
    for (const item of items) {
      if (!item || typeof item !== 'object') continue;
      if (!out.datePublished && typeof item.datePublished === 'string') out.datePublished = item.datePublished;
      const publisher = item.publisher as { name?: unknown } | undefined;
      if (!out.publisherName && typeof publisher?.name === 'string') out.publisherName = publisher.name;
      if (!out.authors?.length && item.author) out.authors = personNames(item.author);
    }
  }
  return out;
}

/**
 * A saved web page: the article's text without navigation and boilerplate (Mozilla's
 * Readability over linkedom's DOM, which runs no script and fetches nothing), the
 * metadata the page declares, and the full original kept beside it.
 */
export async function parseHtml(file: SourceFile): Promise<ParsedDocument[]> {
  const bytes = await file.read();
  const { text: html, encoding } = decodeHtml(bytes);
  // Loaded when a file of this kind is read, not when an import starts: each import starts two
  // workers, and these libraries took about 0.7 s of a worker's start before any file was read.
  const [{ parseHTML }, { Readability }] = await Promise.all([import('linkedom'), import('@mozilla/readability')]);
  const { document } = parseHTML(html);
  const doc = document;
  const url = httpUrl(meta(doc, 'link[rel="canonical"]', 'meta[property="og:url"]'));
  const publishedMeta = meta(doc, 'meta[property="article:published_time"]', 'meta[name="pubdate"]', 'meta[name="date"]', 'meta[itemprop="datePublished"]', 'time[datetime]');
  const siteMeta = meta(doc, 'meta[property="og:site_name"]', 'meta[name="application-name"]');
  const ld = linkedData(doc);
  const declaredLang = languageCode(doc.documentElement?.getAttribute('lang'))
    ?? languageCode(doc.documentElement?.getAttribute('xml:lang'))
    ?? languageCode(meta(doc, 'meta[http-equiv="content-language" i]', 'meta[property="og:locale"]', 'meta[name="language"]', 'meta[name="dc.language" i]'));
  const headings = [...doc.querySelectorAll('h1')].map((h) => h.textContent ?? '');
  const relAuthors = [...new Set([...doc.querySelectorAll('[rel="author"]')].map((el) => (el.textContent ?? '').trim()).filter(Boolean))];
  const declaredAuthors = [
    ...(ld.authors ?? []),
    meta(doc, 'meta[name="author"]', 'meta[property="author"]', 'meta[name="parsely-author"]', 'meta[name="sailthru.author"]', 'meta[name="byl"]', 'meta[name="dc.creator" i]'),
    meta(doc, 'meta[property="article:author"]'),
    // One author link across the page names the article's writer; several are a list of other stories.
    relAuthors.length === 1 ? relAuthors[0] : null,
  ];
  const itemAuthors = [...doc.querySelectorAll('[itemprop="author"]')].map((el) => el.textContent ?? '');
  for (const el of doc.querySelectorAll(ACTIVE)) el.remove();
  // linkedom's document is what Readability walks; its DOM types are the browser's.
  const article = new Readability(doc as never, { charThreshold: 200 }).parse();
  let body: string;
  if (article?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    body = htmlToText(content.body as unknown as Parameters<typeof htmlToText>[0]);
  } else {
    body = htmlToText(doc.body as unknown as Parameters<typeof htmlToText>[0]);
  }
  body = normalizeBody(body);
  if (!body.trim()) throw new Error('the page holds no readable text');
  const outlet = article?.siteName?.trim() || siteMeta || ld.publisherName || (url ? outletFromUrl(url) : null);
  const sites = siteNames([article?.siteName, siteMeta, ld.publisherName], url);
  const rawTitle = article?.title || doc.title || file.name.replace(/\.[^.]+$/, '');
  const title = cleanTitle(rawTitle, sites, headings) || rawTitle.replace(/\s+/g, ' ').trim();
  // What the page declares for machines is about this article; a visible byline may belong to a sidebar.
  // A byline that is only the site's name is kept for when nothing names a person.
  const bylines = [...declaredAuthors, article?.byline, ...itemAuthors].map(cleanByline).filter((b): b is string => !!b);
  const author = bylines.find((b) => !namesSite(b, sites)) ?? bylines[0] ?? null;
  return [
    {
      title,
      body,
      author,
      outlet,
      published: isoDay(article?.publishedTime) ?? isoDay(publishedMeta) ?? isoDay(ld.datePublished) ?? isoDay(article?.byline),
      url,
      format: 'html',
      encoding,
      lang: declaredLang,
      original: { mediaType: 'text/html', content: bytes },
    },
  ];
}

export const htmlImporter: Importer = {
  format: 'html',
  extensions: ['.html', '.htm', '.xhtml'],
  parse: parseHtml,
};
