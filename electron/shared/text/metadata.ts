/**
 * What a careful reader takes from the top and bottom of a plain-text article: title,
 * date, URL, byline and outlet. Every value is a best guess that stays editable.
 */
import { findDate } from './dates';

export interface TextMetadata {
  title: string;
  /** ISO date, or a bare year (yyyy) when only that is stated. */
  published: string | null;
  url: string | null;
  author: string | null;
  outlet: string | null;
}

const MAX_TITLE = 140;
const HEADER_LINES = 12;

/** Sites whose proper name differs from what their host name suggests. */
const SITE_NAMES: Record<string, string> = {
  'themoscowtimes.com': 'The Moscow Times',
  'reuters.com': 'Reuters',
  'insightcrime.org': 'InSight Crime',
  'foxnews.com': 'Fox News',
  'nytimes.com': 'The New York Times',
  'washingtonpost.com': 'The Washington Post',
  'theguardian.com': 'The Guardian',
  'bbc.co.uk': 'BBC',
  'bbc.com': 'BBC',
  'apnews.com': 'Associated Press',
  'aljazeera.com': 'Al Jazeera',
  'cnn.com': 'CNN',
  'wsj.com': 'The Wall Street Journal',
  'ft.com': 'Financial Times',
  'bloomberg.com': 'Bloomberg',
  'elpais.com': 'El País',
  'lemonde.fr': 'Le Monde',
  'dw.com': 'Deutsche Welle',
  'rt.com': 'RT',
  'tass.com': 'TASS',
  'meduza.io': 'Meduza',
  'npr.org': 'NPR',
  'politico.com': 'Politico',
  'theatlantic.com': 'The Atlantic',
  'economist.com': 'The Economist',
};

/** The last non-empty lines, where credit lines stand. */
function tail(lines: string[], n = 30): string[] {
  const out: string[] = [];
  for (let i = lines.length - 1; i >= 0 && out.length < n; i--) if (lines[i]!.trim()) out.unshift(lines[i]!);
  return out;
}

function stripMarkdown(line: string): string {
  return line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function lettersIn(line: string): number {
  return (line.match(/\p{L}/gu) ?? []).length;
}

/** A line that carries no title: a lone section label, a date, a URL, a byline. */
function isTitleCandidate(line: string): boolean {
  if (lettersIn(line) < 8) return false;
  if (!/\s/.test(line)) return false; // "BRIEF", "HomeNews"
  if (/^(https?:\/\/|www\.)/i.test(line)) return false;
  if (/^by\s/i.test(line)) return false;
  if (findDate(line) && lettersIn(line.replace(/\b\w+\b/g, (w) => (/^\d+$/.test(w) ? '' : w))) < 20) return false;
  return true;
}

function shorten(line: string): string {
  if (line.length <= MAX_TITLE) return line;
  const sentence = /^(.{20,}?[.!?])\s/.exec(line);
  if (sentence && sentence[1]!.length <= MAX_TITLE) return sentence[1]!;
  const cut = line.slice(0, MAX_TITLE);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

function extractTitle(head: string[], fallback: string): string {
  const header = head.filter(Boolean);
  const first = header.findIndex(isTitleCandidate);
  if (first < 0) return fallback;
  let title = header[first]!;
  // Saved pages often run the breadcrumb into the title ("HomeNewsBriefRussian Mercenaries…")
  // and then repeat the title on its own line: prefer the clean repetition.
  for (const later of header.slice(first + 1, first + HEADER_LINES)) {
    if (later.length >= 12 && later !== title && title.endsWith(later)) {
      title = later;
      break;
    }
  }
  return shorten(title);
}

function extractUrl(lines: string[]): string | null {
  const label = /^(?:original\s+url|url|source\s+url|source|canonical(?:\s+url)?|link)\s*:\s*(.*)$/i;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.includes(':')) continue;
    const m = label.exec(lines[i]!.trim());
    if (!m) continue;
    let rest = m[1]!.trim();
    for (let j = i + 1; !rest && j < Math.min(lines.length, i + 4); j++) rest = lines[j]!.trim();
    const url = /<?(https?:\/\/[^\s>]+)>?/i.exec(rest);
    if (url) return url[1]!;
  }
  return null;
}

function titleCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  return text.toLowerCase().replace(/(^|[\s\-/'])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

function extractAuthor(head: string[]): string | null {
  for (const line of head) {
    if (!/by\s/i.test(line)) continue;
    // "SECURITY POLICY / 1 FEB 2019 BY VENEZUELA INVESTIGATIVE UNIT EN": an all-caps dateline.
    const upper = /\bBY ([A-Z][A-Z .'\-&]+?)(?: (?:EN|ES|FR|DE|PT|RU))?$/.exec(line);
    if (upper && line === line.toUpperCase()) return titleCase(upper[1]!.trim());
    const plain = /^by\s+(\p{Lu}[\p{L}.'-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}.'-]*){0,6})\s*$/iu.exec(line);
    if (plain && line.length <= 80) return titleCase(plain[1]!.trim());
  }
  return null;
}

/** The site a URL belongs to, as a reader would name it. */
export function outletFromUrl(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  host = host.replace(/^(www|m|amp|edition)\./, '');
  for (const [site, name] of Object.entries(SITE_NAMES)) {
    if (host === site || host.endsWith(`.${site}`)) return name;
  }
  return host || null;
}

function extractOutlet(lines: string[], end: string[], url: string | null): string | null {
  if (url) {
    const fromUrl = outletFromUrl(url);
    if (fromUrl) return fromUrl;
  }
  // A page's own "About X" box names its publisher.
  for (const raw of lines) {
    if (!raw.includes('About ')) continue;
    const about = /^About ((?:\p{Lu}[\p{L}']*\s?){1,5})$/u.exec(stripMarkdown(raw));
    if (about) return about[1]!.trim();
  }
  // A closing credit line: "Russia Insider / ABC Flash Point News 2019."
  for (const line of end) {
    const credit = /^((?:\p{Lu}[\p{L}.'&]*)(?:\s+(?:\/\s+)?\p{Lu}[\p{L}.'&]*){1,7})\s+(?:19|20)\d{2}\.?$/u.exec(line);
    if (credit) return credit[1]!;
    const copy = /^(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s+)?(.{3,60}?)\.?$/i.exec(line);
    // A licence's template line ("Copyright [yyyy] [name of copyright owner]") names nobody.
    if (copy && !/[[\]<>{}]/.test(copy[1]!)) return copy[1]!.replace(/\s*all rights reserved\.?$/i, '').replace(/[\s.,]+$/, '') || null;
  }
  // Outlets quote their own interviews: "…, told Fox News Digital." Needs two sightings.
  const told = new Map<string, number>();
  const text = lines.join('\n');
  for (const m of text.matchAll(/\btold ((?:\p{Lu}[\p{L}]*)(?: \p{Lu}[\p{L}]*){0,3})/gu)) {
    told.set(m[1]!, (told.get(m[1]!) ?? 0) + 1);
  }
  const best = [...told.entries()].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] >= 2 ? best[0] : null;
}

function extractPublished(lines: string[], head: string[], end: string[]): string | null {
  for (const line of head.slice(0, HEADER_LINES)) {
    const d = findDate(line);
    if (d) return d;
  }
  for (const raw of [...lines.slice(0, 40), ...tail(lines, 40)]) {
    const m = /^\s*(?:published|date|posted|updated)\s*:?\s+(.*)$/i.exec(raw);
    if (m) {
      const d = findDate(m[1]!);
      if (d) return d;
    }
  }
  // Only a year, in a closing credit line ("ABC Flash Point News 2019.").
  for (const line of end) {
    const credit = /^(?:\p{Lu}[\p{L}.'&]*)(?:\s+(?:\/\s+)?\p{Lu}[\p{L}.'&]*){1,7}\s+((?:19|20)\d{2})\.?$/u.exec(line);
    if (credit) return credit[1]!;
  }
  return null;
}

/** Reads title, date, URL, byline and outlet from the text of an article. */
export function extractTextMetadata(text: string, fileName: string): TextMetadata {
  const lines = text.split(/\r\n|\r|\n/);
  // Each line of the head and the tail is cleaned once; no title or byline runs past 600 characters.
  const head = lines.slice(0, HEADER_LINES * 2).map((l) => stripMarkdown(l.slice(0, 600)));
  const end = tail(lines).map((l) => stripMarkdown(l.slice(0, 600))).filter(Boolean);
  const url = extractUrl(lines);
  const fallback = fileName.replace(/\.[^.]+$/, '') || 'Untitled';
  return {
    title: extractTitle(head, fallback),
    published: extractPublished(lines, head, end),
    url,
    author: extractAuthor(head),
    outlet: extractOutlet(lines, end, url),
  };
}
