/**
 * People, organisations and places, found offline by compromise (its lexicon ships in the
 * package; nothing is downloaded), each mention keyed so that its variants meet: accents
 * (Guaidó/Guaido), titles (President Nicolás Maduro) and "the … group" (Wagner, the Wagner
 * group, Wagner Group). Bringing the keys of the whole corpus together into entities, with
 * the user's merges and splits on top, is entity-groups.ts.
 */
import nlp from 'compromise';
import type { Fold } from '../../shared/text/boilerplate';
import { fold, tokenSpans } from '../../shared/text/normalize';
import { fromExcerpt, nameExcerpt, nameWords, speedUpSweep } from './name-sentences';
import {
  ALIAS_KIND, FUNCTION_WORDS, ORGANIZATION_WORDS, aliasKey, headlineLines, inFolds, isCommonWord, isJunkKey, lowerCaseWords, normaliseForMatching,
} from './entity-text';

export type EntityKind = 'person' | 'organization' | 'place';

export interface Mention {
  start: number;
  end: number;
  surface: string;
  kind: EntityKind;
  key: string;
}

const TITLES =
  /^(?:(?:the|president[- ]elect|president|vice[- ]president|prime minister|minister|foreign minister|defen[cs]e minister|kremlin spokesman|spokesman|spokeswoman|spokesperson|leader|opposition leader|general|gen\.?|col\.?|colonel|mr\.?|mrs\.?|ms\.?|dr\.?|senator|sen\.?|rep\.?|secretary|secretary of state|ambassador|chairman|ceo|adviser|advisor|commander|sheikh|king|queen)\s+)+/i;
/** Capitalised words before a surname that are not a first name. */
const STOP_BEFORE = new Set(['the', 'but', 'and', 'as', 'when', 'while', 'if', 'that', 'said', 'says', 'by', 'for', 'with', 'of', 'in', 'on', 'to', 'from', 'after', 'before', 'president', 'leader', 'spokesman', 'minister', 'general', 'mr', 'mrs', 'ms', 'dr', 'senator', 'under', 'against', 'how', 'why', 'what', 'where', 'who']);
/** Longest text compromise is given per document; its cost grows with length. */
const MAX_CHARS = 200_000;

speedUpSweep(nlp);

/** The name as written, without markup, possessive, title or surrounding punctuation. */
export function cleanName(surface: string): string {
  return surface
    .replace(/[*_#[\]()“”"]/g, ' ')
    // A possessive ends a name: "Tony Abbott’s office" names Tony Abbott, not an "Abbott office".
    .replace(/[’']s\b[\s\S]*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(TITLES, '');
}

/** What variants of one name share: folded, and for organisations without "group". */
export function nameKey(name: string): string {
  return fold(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '')
    .replace(/ (group|grupo|company|organization|organisation)$/, '');
}

/** compromise, or one of its editions for another language: a function from text to a document. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the editions share compromise's API but not its types
export type Nlp = (text: string) => any;

const editions = new Map<string, Promise<Nlp>>();

/**
 * The compromise edition for a language (ISO 639-1), loaded when first needed: French, Spanish
 * and German have their own; Portuguese, which has none published, is read with the Spanish one,
 * the nearest; anything else with English.
 */
export function nlpFor(lang: string | null): Promise<Nlp> {
  const edition = lang === 'fr' ? 'fr' : lang === 'es' || lang === 'pt' ? 'es' : lang === 'de' ? 'de' : 'en';
  let loaded = editions.get(edition);
  if (!loaded) {
    // The editions ship TypeScript sources that do not compile under this project's settings:
    // named through a variable, they are loaded at run time only, and typed as Nlp here.
    const specifier: string = `${edition}-compromise`;
    loaded = edition === 'en' ? Promise.resolve(nlp as unknown as Nlp) : import(/* @vite-ignore */ specifier).then((m: { default: Nlp }) => m.default);
    editions.set(edition, loaded);
  }
  return loaded;
}

/** The kind English compromise gives a name standing alone, for names another edition found without a kind. */
function kindOfName(name: string): EntityKind | null {
  const doc = nlp(name);
  if (doc.places().found) return 'place';
  if (doc.organizations().found) return 'organization';
  if (doc.people().found) return 'person';
  if (ORGANIZATION_WORDS.test(name)) return 'organization';
  return null;
}

export interface FindOptions {
  /** The compromise edition for the document's language (nlpFor); English when not given. */
  nlp?: Nlp;
  /** Boilerplate ranges of the document: nothing found there is a mention. */
  folds?: readonly Fold[];
  /** The document's language, when known: which function words may not begin a name. */
  lang?: string | null;
}

/**
 * Mentions in one document. `surnames` are the last names of people found anywhere in the
 * corpus: a surname standing alone ("Maduro"), or after a first name compromise did not
 * know ("Dimitry Peskov"), is a mention too.
 */
export function findMentions(body: string, surnames: ReadonlySet<string> = new Set(), options: FindOptions = {}): Mention[] {
  const original = body.length > MAX_CHARS ? body.slice(0, MAX_CHARS) : body;
  const { text, offsets } = normaliseForMatching(original);
  const edition = options.nlp ?? nlp;
  // English is parsed where it may name someone (name-sentences.ts); the other editions, rarer, whole.
  const excerpt = edition === nlp ? nameExcerpt(text, nameWords(nlp, FUNCTION_WORDS)) : null;
  const doc = edition(excerpt ? excerpt.text : text);
  const folds = options.folds ?? [];
  const lines = headlineLines(text);
  const lower = lowerCaseWords(text);
  const found: Mention[] = [];
  const seen = new Set<string>();
  const take = (kind: EntityKind | null, list: Array<{ text: string; offset: { start: number; length: number } }>) => {
    for (const m of list) {
      const name = cleanName(m.text);
      const raw = nameKey(name);
      if (raw.length < 2 || !/\p{Lu}/u.test(name) || /^\d/.test(raw)) continue;
      // Photo credits ("Thomas Coex/AFP/Getty Images") and handles are not names.
      if (/[/@|,;]|\b(getty|images|photograph|photo|credit)\b/i.test(name)) continue;
      const key = aliasKey(raw, name);
      if (key === raw && isJunkKey(key, options.lang)) continue;
      // One word written in lower case elsewhere in the text is a common word ("Share", "Que").
      if (key === raw && !key.includes(' ') && isCommonWord(name, lower)) continue;
      const from = excerpt ? fromExcerpt(excerpt, m.offset.start) : m.offset.start;
      const at = text.indexOf(name, from);
      const start = at >= 0 && at < from + m.offset.length ? at : from;
      const id = `${start}:${key}`;
      if (seen.has(id)) continue;
      const type = kind ?? ALIAS_KIND[key] ?? kindOfName(name);
      if (!type) continue;
      seen.add(id);
      found.push({ start, end: start + name.length, surface: name, kind: type, key });
    }
  };
  const json = (view: { json: (o: object) => unknown } | undefined) => (view ? (view.json({ offset: true }) as never) : []);
  if (typeof doc.people === 'function') take('person', json(doc.people()));
  if (typeof doc.organizations === 'function') take('organization', json(doc.organizations()));
  if (typeof doc.places === 'function') take('place', json(doc.places()));
  // Editions without those views (Spanish, German) still tag proper nouns: English decides their kind.
  if (edition !== nlp) take(null, json(doc.match('#ProperNoun+')));
  const known = new Set(surnames);
  for (const m of found) if (m.kind === 'person' && m.key.includes(' ')) known.add(m.key.slice(m.key.lastIndexOf(' ') + 1));
  found.push(...surnameMentions(text, known, found));
  // A Title Case headline capitalises every word: only names the text also uses elsewhere count there.
  const inHeadline = (m: Mention) => lines.some((l) => l.headline && m.start >= l.start && m.start < l.end);
  const elsewhere = new Set(found.filter((m) => !inHeadline(m)).map((m) => m.key));
  // A first name found alone inside the full name found there too ("Sergio" in "Sergio Coronado") is that name.
  const inside = (m: Mention) => found.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start);
  const out: Mention[] = [];
  for (const m of found) {
    if ((inHeadline(m) && !elsewhere.has(m.key)) || inside(m)) continue;
    const start = offsets[m.start];
    const last = offsets[m.end - 1];
    // A name cleaned of markup that no longer stands in the text as written has no place to mark.
    if (start === undefined || last === undefined || m.start < 0) continue;
    const end = last + 1;
    if (inFolds(folds, start, end)) continue;
    out.push({ ...m, start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * People named by a known surname: alone ("Maduro"), or after a first name compromise did
 * not recognise ("Dimitry Peskov"). Skips what `existing` mentions already cover.
 */
export function surnameMentions(text: string, known: ReadonlySet<string>, existing: ReadonlyArray<{ start: number; end: number }>): Mention[] {
  const out: Mention[] = [];
  const taken = existing.map((m) => [m.start, m.end] as const);
  const overlaps = (a: number, b: number) => taken.some(([x, y]) => a < y && b > x);
  const tokens = [...tokenSpans(text)];
  tokens.forEach((t, i) => {
    if (!known.has(t.term) || FUNCTION_WORDS.has(t.term) || t.term.length < 3 || !/^\p{Lu}/u.test(text.slice(t.start, t.end))) return;
    const prev = tokens[i - 1];
    const withFirst =
      prev && /^\s+$/.test(text.slice(prev.end, t.start)) && /^\p{Lu}\p{Ll}+$/u.test(text.slice(prev.start, prev.end)) && !STOP_BEFORE.has(prev.term) && mayBeFirstName(text.slice(prev.start, prev.end));
    const start = withFirst ? prev.start : t.start;
    const name = cleanName(text.slice(start, t.end));
    const key = nameKey(name);
    if (overlaps(start, t.end) || key.length < 2) return;
    const at = text.indexOf(name, start);
    out.push({ start: at, end: at + name.length, surface: name, kind: 'person', key });
    taken.push([start, t.end]);
  });
  return out;
}

const firstNames = new Map<string, boolean>();
/** A known first name, or a word compromise knows nothing else about ("Dimitry"); not "Embattled" or "Venezuelan". */
function mayBeFirstName(word: string): boolean {
  let known = firstNames.get(word);
  if (known === undefined) {
    const tags = new Set<string>((nlp(word).json() as Array<{ terms: Array<{ tags: string[] }> }>)[0]?.terms[0]?.tags ?? []);
    known = tags.has('FirstName') || [...tags].every((t) => t === 'Noun' || t === 'Singular' || t === 'ProperNoun');
    firstNames.set(word, known);
  }
  return known;
}
