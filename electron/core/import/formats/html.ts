import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { findDate } from '../../../shared/text/dates';
import { outletFromUrl } from '../../../shared/text/metadata';
import { decodeText, normalizeBody } from '../decode';
import type { Importer, ParsedDocument, SourceFile } from '../types';
import { htmlToText } from './html-text';

/** Elements that could run code or fetch something, removed before anything reads the page. */
const ACTIVE = 'script, style, noscript, template, iframe, frame, frameset, object, embed, applet, link, meta[http-equiv], base, form, svg, canvas, audio, video, source, track';

/** The charset a page declares in its first bytes, if any. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

function decodeHtml(bytes: Uint8Array): { text: string; encoding: string } {
  const declared = declaredCharset(bytes);
  const hasBom = bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe;
  if (declared && !hasBom && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared)) {
    return { text: iconv.decode(Buffer.from(bytes), declared), encoding: declared };
  }
  return decodeText(bytes);
}

type Doc = ReturnType<typeof parseHTML>['document'];

function meta(doc: Doc, ...selectors: string[]): string | null {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const value = el?.getAttribute('content') ?? el?.getAttribute('href') ?? el?.getAttribute('datetime');
    if (value && value.trim()) return value.trim();
  }
  return null;
}

function cleanByline(byline: string | null | undefined): string | null {
  if (!byline) return null;
  const clean = byline
    .replace(/\s+/g, ' ')
    .replace(/^(by|par|por|von|door)\s+/i, '')
    .trim();
  return clean ? clean.slice(0, 160) : null;
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
  const { document } = parseHTML(html);
  const doc = document;
  const url = httpUrl(meta(doc, 'link[rel="canonical"]', 'meta[property="og:url"]'));
  const publishedMeta = meta(doc, 'meta[property="article:published_time"]', 'meta[name="pubdate"]', 'meta[name="date"]', 'meta[itemprop="datePublished"]', 'time[datetime]');
  const siteMeta = meta(doc, 'meta[property="og:site_name"]', 'meta[name="application-name"]');
  const ld = linkedData(doc);
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
  const title = (article?.title || doc.title || file.name.replace(/\.[^.]+$/, '')).replace(/\s+/g, ' ').trim();
  return [
    {
      title,
      body,
      author: cleanByline(article?.byline),
      outlet,
      published: isoDay(article?.publishedTime) ?? isoDay(publishedMeta) ?? isoDay(ld.datePublished) ?? isoDay(article?.byline),
      url,
      format: 'html',
      encoding,
      original: { mediaType: 'text/html', content: bytes },
    },
  ];
}

export const htmlImporter: Importer = {
  format: 'html',
  extensions: ['.html', '.htm', '.xhtml'],
  parse: parseHtml,
};
