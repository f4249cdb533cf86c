/**
 * What entity finding reads, and what it must not take for a name. Text is normalised
 * before matching (soft hyphens and zero-width characters out, curly quotes straight),
 * with a map back to the stored text's offsets; candidates that are function words,
 * common words capitalised at a sentence's start, words of a Title Case headline, or
 * page furniture ("Related Content", "Share") are dropped. Precision comes first: a
 * missed name costs less than a wrong one at the top of the list.
 */
import { deu, eng, fra, ita, nld, por, spa } from 'stopword';
import type { Fold } from '../../shared/text/boilerplate';

export interface NormalisedText {
  text: string;
  /** For each character of `text`, its offset in the original; one extra entry for the end. */
  offsets: number[];
}

const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/;
const STRAIGHT: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u00a0': ' ' };

/** Soft hyphens and zero-width characters dropped, quotes straightened; offsets map back. */
export function normaliseForMatching(body: string): NormalisedText {
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (INVISIBLE.test(ch)) continue;
    text += STRAIGHT[ch] ?? ch;
    offsets.push(i);
  }
  offsets.push(body.length);
  return { text, offsets };
}

/** Function words of the corpus's languages, folded: never an entity on their own, nor a surname. */
export const FUNCTION_WORDS = new Set(
  [...eng, ...fra, ...spa, ...por, ...deu, ...ita, ...nld].map((w) => w.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()),
);

/** Page furniture and headline verbs that compromise may read as names. */
const FURNITURE = new Set([
  'share', 'shares', 'related content', 'related', 'read more', 'subscribe', 'advertisement', 'comments', 'comment', 'newsletter',
  'sign up', 'log in', 'login', 'menu', 'home', 'follow', 'print', 'email', 'skip', 'cookies', 'cookie', 'privacy policy',
  'terms of use', 'contact us', 'more', 'video', 'photo', 'image', 'getty images', 'reuters photo', 'ap photo', 'top stories',
  'most read', 'most popular', 'trending', 'watch', 'listen', 'click', 'tweet', 'updated', 'published', 'breaking news',
  'opinion', 'analysis', 'news', 'world', 'politics', 'business', 'sport', 'sports', 'culture', 'science', 'tech',
]);

const foldAll = (words: string[]) => new Set(words.map((w) => w.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()));
/** Function words of one language: the Spanish "con" begins no English name, but "Con Edison" is one. */
const LANGUAGE_WORDS: Record<string, Set<string>> = { en: foldAll(eng), fr: foldAll(fra), es: foldAll(spa), pt: foldAll(por), de: foldAll(deu) };

/**
 * Whether a name (its folded key) is a function word, furniture, or made of nothing else. A
 * function word leading a longer name is read in the document's language when it is known.
 */
export function isJunkKey(key: string, lang?: string | null): boolean {
  if (FURNITURE.has(key)) return true;
  const words = key.split(' ');
  if (words.every((w) => FUNCTION_WORDS.has(w) || /^\d+$/.test(w))) return true;
  // "Que", "The" at either end of a longer name: compromise ran over a sentence's first word.
  return (LANGUAGE_WORDS[lang ?? ''] ?? FUNCTION_WORDS).has(words[0]!) && words[0]!.length > 1 && words.length > 1 && !/^(al|el|la|le|les|los|las|de|du|des|van|von|da|do|dos|das|di|del|della|der|die|den|bin|abu|il|lo)$/.test(words[0]!);
}

interface Line {
  start: number;
  end: number;
  headline: boolean;
}

/**
 * Lines of the text, each marked when it is a Title Case headline ("Putin Doubles Down on
 * Venezuela"): there every word is capitalised, so capitals say nothing about names.
 */
export function headlineLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const words = raw.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
    const long = words.filter((w) => w.length >= 4);
    const capitalised = long.filter((w) => /^\p{Lu}/u.test(w)).length;
    const headline = words.length >= 3 && long.length >= 2 && capitalised / long.length >= 0.8 && !/[.!?]["')\]]?\s*$/.test(raw.trim());
    out.push({ start, end: start + raw.length, headline });
    start += raw.length + 1;
  }
  return out;
}

export function inFolds(folds: readonly Fold[], start: number, end: number): boolean {
  return folds.some((f) => start < f.end && end > f.start);
}

/**
 * Whether a one-word name is a common word that only looks like a name where a sentence
 * starts: the document also writes it in lower case ("Share" / "share", "Que" / "que").
 */
export function isCommonWord(word: string, lowerWords: ReadonlySet<string>): boolean {
  return lowerWords.has(word.toLowerCase());
}

/** Every word the text writes in lower case, for isCommonWord. */
export function lowerCaseWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])\p{Ll}[\p{L}'-]*/gu)) out.add(m[0]);
  return out;
}

/**
 * One name for one thing: "U.S.", "US", "USA" and "United States" are one key, as are
 * "UK" and "United Kingdom", "EU" and "European Union". Keys are already folded.
 */
const ALIASES: Record<string, string> = {
  'u s': 'united states', us: 'united states', usa: 'united states', 'u s a': 'united states',
  'united states of america': 'united states', 'the united states': 'united states',
  uk: 'united kingdom', 'u k': 'united kingdom', 'great britain': 'united kingdom', britain: 'united kingdom',
  eu: 'european union', 'e u': 'european union', un: 'united nations', 'u n': 'united nations',
  'russian federation': 'russia', 'etats unis': 'united states', 'estados unidos': 'united states', 'eeuu': 'united states',
};
/** The kind an aliased key always has: a country is a place whatever a sentence makes of it. */
export const ALIAS_KIND: Record<string, 'place' | 'organization'> = {
  'united states': 'place', 'united kingdom': 'place', russia: 'place', 'european union': 'organization', 'united nations': 'organization',
};

/** The one key of a name's variants; a two-letter alias ("US", "UN") only when written in capitals, not "us" or French "un". */
export function aliasKey(key: string, surface: string): string {
  const alias = ALIASES[key];
  if (!alias) return key;
  if (key.replace(/ /g, '').length <= 3 && surface.replace(/[^\p{L}]/gu, '') !== surface.replace(/[^\p{L}]/gu, '').toUpperCase()) return key;
  return alias;
}

/** Words that make a name an organisation, whatever its mentions vote. */
export const ORGANIZATION_WORDS =
  /(?<!\p{L})(?:group|grupo|company|corporation|corp|inc|ltd|llc|party|ministry|agency|council|committee|university|bank|army|navy|forces|administration|department|commission|institute|foundation|association|union|federation|police|parliament|assembly|times|post|news|press|network|gazette|tribune|journal|instituto|institut|ministerio|ministère|minist[eé]rio|partido|parti|banco|banque|universidad|universidade|université|gobierno|governo|gouvernement|polic[ií]a|assembl[ée]e|asamblea|comisi[oó]n|comiss[aã]o|consejo|conseil|fundaci[oó]n|funda[cç][aã]o|empresa|soci[eé]t[eé])(?!\p{L})/iu;
