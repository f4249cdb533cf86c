import { franc } from 'franc-min';

/**
 * The language of a text as an ISO 639-1 code ('en', 'fr'), or null when it cannot tell.
 *
 * franc-min (trigram profiles of the ~80 most spoken languages, no data to download) reads
 * a sample from the middle of the text, where a page's navigation and footers are least
 * likely to speak for it. Short texts are left unknown rather than guessed.
 *
 * @example detectLanguage('Le président a déclaré que les mercenaires étaient arrivés.') // 'fr'
 */
export function detectLanguage(text: string): string | null {
  const sample = text.length > 6000 ? text.slice(Math.floor(text.length / 2) - 3000, Math.floor(text.length / 2) + 3000) : text;
  if (sample.replace(/\s+/g, '').length < 40) return null;
  if (plainlyEnglish(sample)) return 'en';
  const code = franc(sample, { minLength: 40 });
  if (code === 'und') return null;
  return toIso6391(code);
}

/**
 * franc's ISO 639-3 code as ISO 639-1, by the alias data every JavaScript engine carries (CLDR):
 * 'fra' → 'fr', 'cmn' → 'zh', 'arb' → 'ar'. A full code table (iso-639-3) took a second to load in
 * every import; null for a language with no two-letter code.
 */
function toIso6391(code: string): string | null {
  let known = twoLetter.get(code);
  if (known === undefined) {
    try {
      const language = new Intl.Locale(code).language;
      known = language.length === 2 ? language : null;
    } catch {
      known = null;
    }
    twoLetter.set(code, known);
  }
  return known;
}

/** Each of franc's codes met so far: a new Intl.Locale for every document was 2% of a parse worker's time. */
const twoLetter = new Map<string, string | null>();

/**
 * English function words no other language uses as often: "the" alone is 5–7% of running
 * English, and these together about a quarter; in Dutch, German or Scots-free French text the
 * set stays far below (shared words such as "in", "was" or "on" do not reach it).
 */
const ENGLISH = new Set(['the', 'and', 'of', 'to', 'is', 'that', 'it', 'for', 'with', 'as', 'be', 'this', 'are', 'by', 'from', 'which', 'not', 'but', 'they', 'were', 'their', 'has', 'been', 'would', 'there', 'what', 'about', 'who']);

/**
 * Most documents are English, and franc weighs every text against some 80 languages (about
 * 1.5 ms a document, most of an import's time): running English is recognised from its
 * function words first, and anything less plain goes to franc.
 */
function plainlyEnglish(sample: string): boolean {
  const words = sample.slice(0, 3000).toLowerCase().match(/\p{L}+/gu);
  if (!words || words.length < 40) return false;
  let hits = 0;
  let the = 0;
  for (const w of words) {
    if (ENGLISH.has(w)) hits++;
    if (w === 'the') the++;
  }
  // Mail with headers, documentation with code and man pages run lower than prose; "the" is the
  // tell no other language shares. On 3,000 documents of the bench corpus these bounds caught
  // 2,101 of franc's 2,880 English (1,500 at 18% / 3%) and took nothing franc read otherwise.
  return hits / words.length >= 0.1 && the / words.length >= 0.015;
}
