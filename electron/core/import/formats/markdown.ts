import { parse as parseYaml } from 'yaml';
import { normalizeDate } from '../../../shared/text/dates';
import { extractTextMetadata, outletFromUrl } from '../../../shared/text/metadata';
import type { Importer, ParsedDocument } from '../types';
import { parseText } from './plain-text';

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

function str(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(str).filter(Boolean).join(', ') || null;
  if (value && typeof value === 'object' && 'name' in value) return str((value as { name: unknown }).name);
  return null;
}

function pick(data: Record<string, unknown>, ...keys: string[]): string | null {
  for (const key of keys) {
    const hit = Object.keys(data).find((k) => k.toLowerCase() === key);
    const value = hit ? str(data[hit]) : null;
    if (value) return value;
  }
  return null;
}

/**
 * Reads YAML front matter as metadata (title, author, date, url, outlet and their usual
 * synonyms); what it does not say is read from the text as for plain text. The front
 * matter stays in the stored text, so nothing of the file is lost.
 */
export function applyFrontMatter(parsed: ParsedDocument, fileName: string): ParsedDocument {
  const m = FRONT_MATTER.exec(parsed.body);
  if (!m) return parsed;
  // Whatever the front matter says, the text's own metadata is read from after it.
  const doc = { ...parsed, ...extractTextMetadata(parsed.body.slice(m[0].length), fileName) };
  let data: unknown;
  try {
    data = parseYaml(m[1]!, { maxAliasCount: 50 });
  } catch {
    return doc; // not YAML after all (or an alias bomb): the text speaks for itself
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return doc;
  const fm = data as Record<string, unknown>;
  const url = pick(fm, 'url', 'source_url', 'canonical', 'link', 'source');
  const date = pick(fm, 'date', 'published', 'published_at', 'pubdate', 'created');
  return {
    ...doc,
    title: pick(fm, 'title', 'headline') ?? doc.title,
    author: pick(fm, 'author', 'authors', 'byline', 'creator') ?? doc.author,
    published: (date ? normalizeDate(date) : null) ?? doc.published,
    url: url && /^https?:\/\//i.test(url) ? url : doc.url,
    outlet: pick(fm, 'outlet', 'publisher', 'site', 'site_name', 'publication') ?? (url && /^https?:/i.test(url) ? outletFromUrl(url) : null) ?? doc.outlet,
  };
}

export const markdownImporter: Importer = {
  format: 'markdown',
  extensions: ['.md', '.markdown'],
  parse: async (file) => (await parseText(file, 'markdown')).map((d) => applyFrontMatter(d, file.name)),
};
