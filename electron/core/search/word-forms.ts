import { createRequire } from 'node:module';
import type { Vocabulary } from './vocabulary';
import { fold } from '../../shared/text/normalize';

/**
 * Stop words and other forms of a word, for ranking what people type.
 *
 * Both libraries are loaded the first time a query needs them, synchronously (the engine
 * answers synchronously), through their CommonJS builds:
 * - `stopword`: per-language lists; the English one has "the", "what", "of", "must".
 * - `@orama/stemmers`: Snowball stemmers, one module per language.
 */
const load = createRequire(import.meta.url);

/** Languages whose stop words are never required: imported news is multilingual. */
const STOP_LANGUAGES = ['eng', 'fra', 'spa', 'por', 'deu'] as const;

/** ISO 639-1 code → @orama/stemmers module, for the languages the stemmers cover. */
const STEMMER_MODULES: Record<string, string> = {
  en: 'english', fr: 'french', es: 'spanish', pt: 'portuguese', de: 'german', it: 'italian', nl: 'dutch',
  ru: 'russian', sv: 'swedish', no: 'norwegian', da: 'danish', fi: 'finnish', hu: 'hungarian', ro: 'romanian',
  tr: 'turkish', ga: 'irish', lt: 'lithuanian', ne: 'nepali', ta: 'tamil', sr: 'serbian',
};

let stopWords: Set<string> | null = null;

/** True for a word (folded, as the parser gives it) that is a stop word in one of the corpus's main languages. */
export function isStopWord(word: string): boolean {
  if (!stopWords) {
    const lists = load('stopword') as Record<string, string[]>;
    stopWords = new Set(STOP_LANGUAGES.flatMap((l) => lists[l] ?? []).map((w) => fold(w)));
  }
  return stopWords.has(word);
}

type Stem = (word: string) => string;
const stemmers = new Map<string, Stem | null>();

/** The Snowball stemmer of a language, or null when there is none. */
export function stemmerFor(lang: string): Stem | null {
  if (!stemmers.has(lang)) {
    const name = STEMMER_MODULES[lang];
    stemmers.set(lang, name ? (load(`@orama/stemmers/${name}`) as { stemmer: Stem }).stemmer : null);
  }
  return stemmers.get(lang)!;
}

/** How many corpus words sharing a stem's opening are stemmed to find its other forms. */
const MAX_CANDIDATES = 400;
export const MAX_VARIANTS = 24;

/**
 * The other forms of `word` in the corpus that stem like it in `lang` ("contractors" for
 * "contractor", "mercenaries" for "mercenary"), most widespread first. A Snowball stem is
 * the word's opening, give or take its last letters (mercenary → mercenari), so the
 * candidates are the corpus words starting with the stem less one letter.
 *
 * @example variants('detained', 'en', vocab) // ['detain', 'detaining', 'detains']
 */
export function variants(word: string, lang: string, vocab: Vocabulary): string[] {
  const stem = stemmerFor(lang);
  if (!stem || word.length < 3 || /\d/.test(word)) return [];
  const root = stem(word);
  const opening = root.slice(0, Math.max(3, Math.min(root.length, word.length) - 1));
  return vocab
    .wordsStartingWith(opening, MAX_CANDIDATES)
    .filter((t) => t !== word && stem(t) === root)
    .slice(0, MAX_VARIANTS);
}
