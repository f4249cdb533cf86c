/**
 * What a careful reader takes from a saved page's head: the title without the site's name,
 * the byline as the authors' names, the language the page declares, and the charset its
 * bytes are in. Pure functions over strings and bytes; html.ts feeds them.
 */
import iconv from 'iconv-lite';
import { decodeText } from '../decode';

/** Lower-case letters and digits only, accents and a leading "the" dropped: how site names are compared. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^(the|le|la|el|o|a|die|der|das|de)\s+/, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The names a site may go by: its declared names, and its host name with and without the suffix. */
export function siteNames(declared: Array<string | null | undefined>, url: string | null): string[] {
  const out = new Set<string>();
  for (const name of declared) if (name && fold(name).length >= 2) out.add(fold(name));
  if (url) {
    try {
      const host = new URL(url).hostname.toLowerCase().replace(/^(www\d?|m|amp|edition|en|fr|es|de|pt)\./, '');
      out.add(fold(host));
      const labels = host.split('.');
      // "en.wikipedia.org" → wikipedia, "bbc.co.uk" → bbc: the label before the public suffix.
      const main = labels.length >= 3 && labels.at(-2)!.length <= 3 ? labels.at(-3) : labels.at(-2);
      if (main && main.length >= 3) out.add(fold(main));
    } catch {
      // not a URL: only the declared names count
    }
  }
  return [...out];
}

/** Whether one segment of a title names the site: equal to a name, or one within the other ("BBC News" / bbc). */
export function namesSite(segment: string, sites: string[]): boolean {
  const s = fold(segment);
  if (s.length < 2 || segment.split(/\s+/).length > 6) return false;
  if (/^\[?[\w-]+\.(com|net|org|co|io|fr|de|es|br|ar|cz|uk|info|news)\]?$/i.test(segment.trim())) return true;
  return sites.some((site) => s === site || (Math.min(s.length, site.length) >= 3 && (s.startsWith(site) || site.startsWith(s) || s.endsWith(site) || site.endsWith(s))));
}

const SEPARATOR = /\s+(?:[|\-–—·•»:]{1,2}|::)\s+|\s+(?=\[[^\]]+\]$)/;

/**
 * The title without the site's name at either end: "New Zealand - Wikipedia" → "New Zealand",
 * "… | Aktuálně.cz" → "…". A segment is stripped only when it names the site (its declared name,
 * its host) and something worth a title remains; a heading that equals what remains also counts.
 */
export function cleanTitle(raw: string, sites: string[], headings: string[] = []): string {
  let title = raw.replace(/\s+/g, ' ').trim();
  const heads = new Set(headings.map(fold).filter((h) => h.length >= 8));
  for (let i = 0; i < 3; i++) {
    const parts = title.split(new RegExp(`(${SEPARATOR.source})`));
    if (parts.length < 3) break;
    const last = parts.at(-1)!;
    const first = parts[0]!;
    const withoutLast = parts.slice(0, -2).join('');
    const withoutFirst = parts.slice(2).join('');
    if (namesSite(last, sites) && fold(withoutLast).length >= 2 && !/:/.test(parts.at(-2)!)) title = withoutLast.trim();
    else if (namesSite(first, sites) && fold(withoutFirst).length >= 2 && !/:/.test(parts[1]!)) title = withoutFirst.trim();
    else if (heads.has(fold(withoutLast))) title = withoutLast.trim();
    else break;
  }
  return title;
}

const MONTHS = [
  'jan(?:uary|vier|eiro|uar)?', 'feb(?:ruary|rero|ruar)?', 'fév(?:rier)?', 'fev(?:ereiro)?', 'mar(?:ch|s|zo|ço|z)?', 'märz',
  'apr(?:il)?', 'avr(?:il)?', 'abr(?:il)?', 'may', 'mai(?:o)?', 'mayo', 'jun(?:e|io|ho|i)?', 'juin', 'jul(?:y|io|ho|i)?',
  'juil(?:let)?', 'aug(?:ust)?', 'août', 'ago(?:sto)?', 'sep(?:t(?:ember|iembre)?)?', 'set(?:embro)?', 'oct(?:ober|obre|ubre)?',
  'okt(?:ober)?', 'out(?:ubro)?', 'nov(?:ember|embre|embro)?', 'dec(?:ember)?', 'déc(?:embre)?', 'dez(?:embro|ember)?',
  'dic(?:iembre)?',
].join('|');
const DATE_PATTERNS = [
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\.?\\s*(?:de\\s+)?(?:${MONTHS})\\.?,?\\s*(?:de\\s+)?(?:\\d{4})?`, 'giu'),
  new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s*(?:\\d{4})?`, 'giu'),
  /\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b/g,
  /\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?/g,
  /\b\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}T|UTC|GMT))?/gi,
  /\b\d{1,2}h\d{2}\b/gi,
  /\b\d{1,2}\s*[ap]\.?m\.?\b/gi,
];
/** Words that say what someone does, not who they are. */
const ROLE = /\b(staff|reporter|correspondent|editor|editors|writer|columnist|contributor|technologist|director|project|senior|chief|analyst|professor|fellow|producer|journalist|bureau|desk|news service|agency|associated press|team|rédaction|redação|redacción|envoyé|spécial|enviado|especial|for|at|in|of|published|updated|posted|mis à jour|publié|atualizado|actualizado)\b/i;
/** Widget labels that stand where bylines stand. */
const JUNK = /^(share|comments?|follow|subscribe|email|e-mail|print|menu|twitter|facebook|linkedin|advertisement|newsletter|home|more)$/i;
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|\(\p{Lu}[\p{L}'’. -]*\)|(?:de|da|do|dos|das|del|della|di|du|van|von|der|den|la|le|y|bin|al|ibn|st\.?)|\p{Lu}\.)$/u;

function titleCaseName(name: string): string {
  if (name !== name.toUpperCase() || !/\p{Lu}{2}/u.test(name)) return name;
  return name.toLowerCase().replace(/(^|[\s\-'’(])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

function asName(part: string): string | null {
  const name = part.replace(/^[\s,;:|·•/-]+|[\s,;:|·•/-]+$/g, '').replace(/\s+/g, ' ');
  if (!name || /[@/\\<>{}=]|https?:|www\./i.test(name) || /\d/.test(name)) return null;
  if (ROLE.test(name)) return null;
  const words = name.split(' ');
  if (words.length > 5) return null;
  const cased = titleCaseName(name);
  if (!cased.split(' ').every((w) => NAME_WORD.test(w))) return null;
  if (!/\p{L}{2}/u.test(cased)) return null;
  return cased;
}

/**
 * A byline reduced to the authors' names, joined with ", ": no "By", dates, times, "Updated",
 * roles or counters. "by Lucas Nolan22 Dec 2016651" → "Lucas Nolan"; "Martin Untersinger (avec
 * Damien Leloup et Morgane Tual)" → "Martin Untersinger, Damien Leloup, Morgane Tual". Null when
 * what remains is not a name.
 */
export function cleanByline(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = raw.normalize('NFC').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '').replace(/\s+/g, ' ').trim();
  // A name run into a date or a counter ("Nolan22 Dec"): split the letters from the digits first.
  text = text.replace(/(\p{Ll})(\d)/gu, '$1 $2');
  text = text.replace(/\b(?:updated|published|posted|last modified|mis à jour|publié le|atualizado|actualizado)\b.*$/i, ' ');
  for (const pattern of DATE_PATTERNS) text = text.replace(pattern, ' | ');
  text = text.replace(/\b\d+\b/g, ' | ');
  // Collaborators in brackets are authors too: "(avec X et Y)", "(with X and Y)".
  text = text.replace(/\((?:avec|with|con|com|mit|met)\s+([^)]*)\)/gi, ', $1');
  text = text.replace(/^\s*(?:written\s+)?(?:by|par|por|von|door|de|di|av|af|texto|texte|text)\b[\s:]*/i, '');
  // Authors are parted by "and", ";" or "|"; within one, commas part the name from its role and desk.
  const names: string[] = [];
  for (const group of text.split(/\s*(?:;|\||·|•|\band\b|&|\bet\b|\by\b|\be\b|\bund\b|\ben\b|\bwith\b|\bavec\b|\bcon\b|\bcom\b)\s*/i)) {
    for (const part of group.split(/\s*[,/]\s*/)) {
      const bare = part.replace(/^(?:by|par|por|von)\s+/i, '').trim();
      if (!bare) continue;
      // "Jane Doe, Senior Staff Technologist, ACLU Speech, Privacy": what follows a role is the desk.
      if (ROLE.test(bare) || JUNK.test(bare)) break;
      // "Eva Schmidt, Berlin": a lone word after a name is the dateline's place.
      if (names.length && !/\s/.test(bare) && part !== group.split(/\s*[,/]\s*/)[0]) continue;
      const name = asName(bare);
      if (name && !names.includes(name)) names.push(name);
    }
  }
  return names.length ? names.join(', ').slice(0, 200) : null;
}

/** An ISO 639-1 code from a declared language tag: "pt-BR" → "pt", "en_US" → "en". */
export function languageCode(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const m = /^\s*([a-z]{2})(?:[-_][a-z0-9]+)*\s*$/i.exec(tag.split(',')[0]!);
  return m ? m[1]!.toLowerCase() : null;
}

/** The charset a page declares before its body: <meta charset>, http-equiv Content-Type, or an XML declaration. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 64 * 1024)).toString('latin1');
  const end = head.search(/<body[\s>]/i);
  const scope = end > 0 ? head.slice(0, end) : head;
  const xml = /^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(scope);
  if (xml) return xml[1]!.toLowerCase();
  for (const m of scope.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) return direct[1]!.toLowerCase();
  }
  return null;
}

/** The WHATWG name of a charset label ("gb2312" → "gbk", "latin1" → "windows-1252"), or null when unknown. */
function whatwg(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

function validUtf8WithNonAscii(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a page: a byte-order mark first, then the charset the page declares (any label a browser
 * knows), then detection. A page declared in a legacy charset whose bytes are valid UTF-8 with
 * non-ASCII text was re-saved as UTF-8 and kept its old declaration: read it as UTF-8.
 */
export function decodeHtml(bytes: Uint8Array): { text: string; encoding: string } {
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bom) return decodeText(bytes);
  const declared = declaredCharset(bytes);
  const name = declared ? whatwg(declared) : null;
  if (declared && name && name !== 'utf-8' && !name.startsWith('utf-16') && !validUtf8WithNonAscii(bytes)) {
    // iconv-lite reads what the stored original is decoded with later; TextDecoder knows every browser label.
    const label = iconv.encodingExists(declared) ? declared : iconv.encodingExists(name) ? name : null;
    const text = label ? iconv.decode(Buffer.from(bytes), label) : new TextDecoder(name).decode(bytes);
    return { text, encoding: label ?? name };
  }
  return decodeText(bytes);
}
