/**
 * Figures in a text: a number with what it counts ("about 2,000 Russian nationals",
 * "more than 850 have been detained"). Years, dates, times, model numbers (Ilyushin-96)
 * and page numbers are left out; what is counted is read from the words that follow, or
 * for a bare number ("may be about 400") from "the number of …" before it.
 */
import type { Fold } from './boilerplate';
import { findLanguageFigures, type FigureLanguage } from './figures-languages';
import { splitSentences } from './sentences';

export interface Figure {
  start: number;
  end: number;
  /** The figure as written, with its qualifier and what it counts. */
  text: string;
  value: number;
  /** "about", "more than", … or null. */
  qualifier: string | null;
  /** What is counted: "Russian nationals", "people have been killed"; null when unknown. */
  counted: string | null;
  /** A short key for comparing claims about the same thing: "national", "killed". */
  subject: string | null;
}

const QUALIFIERS = ['just over', 'just under', 'well over', 'well under', 'close to', 'more than', 'fewer than', 'less than', 'at least', 'at most', 'up to', 'as many as', 'some', 'about', 'around', 'over', 'nearly', 'almost', 'approximately', 'roughly', 'under', 'estimated', 'an estimated'];
const WORD_NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, dozens: 24, hundreds: 200, thousands: 2000 };
const MONTHS = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i;
const STOP = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'at', 'to', 'from', 'and', 'or', 'but', 'that', 'who', 'which', 'with', 'for', 'by', 'as', 'is', 'are', 'was', 'were', 'per', 'than', 'this', 'these', 'those', 'its', 'their', 'his', 'her']);
const VERBS = /^(have|has|had|were|was|are|is|been|be|being|will|would|could|may|might|reportedly|already)$/i;
const PREPOSITIONS = new Set(['in', 'at', 'on', 'from', 'to', 'with', 'for', 'by', 'within', 'across', 'near', 'inside', 'outside', 'into', 'during', 'since', 'after', 'before', 'who', 'that', 'which', 'and', 'or']);
const UNITS = /^(percent|%|years?|months?|weeks?|days?|hours?|minutes?|km|kilometres?|kilometers?|miles?|dollars?|euros?|rubles?|roubles?|times|year-old|years-old|p\.?m\.?|a\.?m\.?)$/i;
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, millions: 1e6, billion: 1e9, billions: 1e9, bn: 1e9, trillion: 1e12 };
const CURRENCIES: Record<string, string> = { $: 'dollar', 'us$': 'dollar', '€': 'euro', '£': 'pound' };

const NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(${QUALIFIERS.map((q) => q.replace(/ /g, '\\s+')).join('|')})\\s+)?(US\\$|[$€£])?(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|${Object.keys(WORD_NUMBERS).join('|')})(?:\\s+(${Object.keys(SCALES).join('|')})\\b)?(?![\\p{L}\\p{N}])`,
  'giu',
);
/** Words that say a number names a thing (Tupolev 106, Flight 17, Section 215) rather than counts it. */
const SENTENCE_WORDS = /^(the|a|an|about|some|only|all|at|in|on|by|of|for|and|but|or|nearly|almost|over|more|just|some|around|roughly|until|since|between|to|from|with)$/i;

const IRREGULAR: Record<string, string> = { men: 'man', women: 'woman', children: 'child', people: 'people', troops: 'troop', police: 'police', personnel: 'personnel', feet: 'foot' };

/** The dictionary form of an English noun: contractors → contractor, casualties → casualty. */
export function lemma(word: string): string {
  const w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w]!;
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** A word that can name what is counted: letters only, not a function word. */
function nounLike(word: string, functionWords: ReadonlySet<string>): boolean {
  return /^\p{L}{3,}$/u.test(word) && !functionWords.has(word.toLowerCase()) && !STOP.has(word.toLowerCase()) && !PREPOSITIONS.has(word.toLowerCase());
}

export interface FigureOptions {
  /** Boilerplate ranges: nothing in them is a figure (ratings, vote widgets, share counts). */
  folds?: readonly Fold[];
  /** Function words of every language read: never what a figure counts. */
  functionWords?: ReadonlySet<string>;
  /** The text's language: French, Spanish, Portuguese and German by their own rules; anything else as English. */
  lang?: string | null;
  /** The dictionary form of a noun in that language (from the language's compromise edition), for texts not in English. */
  lemma?: (word: string) => string;
}

const LANGUAGES = new Set<string>(['fr', 'es', 'pt', 'de']);

export function findFigures(text: string, options: FigureOptions = {}): Figure[] {
  if (options.lang && LANGUAGES.has(options.lang)) {
    return findLanguageFigures(text, options.lang as FigureLanguage, options);
  }
  const out: Figure[] = [];
  const folds = options.folds ?? [];
  const functionWords = options.functionWords ?? new Set<string>();
  const seen = new Set<string>();
  for (const s of splitSentences(text)) {
    if (folds.some((f) => s.start < f.end && s.end > f.start)) continue;
    // "Maduro won 6.4 million votes, and Gonzales won 5.3 million": the second counts votes too.
    let lastCounted: { what: string; subject: string } | null = null;
    NUMBER.lastIndex = 0;
    for (let m = NUMBER.exec(s.text); m; m = NUMBER.exec(s.text)) {
      const raw = m[3]!;
      const isWord = /^[a-z]+$/i.test(raw);
      const scaleWord = m[4]?.toLowerCase() ?? null;
      const currency = m[2] ? CURRENCIES[m[2].toLowerCase()] ?? 'dollar' : null;
      const base = isWord ? WORD_NUMBERS[raw.toLowerCase()]! : Number(raw.replace(/,/g, ''));
      const value = scaleWord ? Math.round(base * SCALES[scaleWord]!) : base;
      const qualifier = m[1]?.toLowerCase().replace(/\s+/g, ' ') ?? null;
      const at = m.index;
      const before = s.text.slice(0, at);
      const after = s.text.slice(at + m[0].length);
      // Not figures: model numbers (Ilyushin-96, Mi-35M, S-300, Tu-160), dates, years, times, ordinals.
      if (/[-–/:#]$/.test(before) || /^[-–/]\S|^:\d|^(st|nd|rd|th)\b|^%|^\.\d|^[\p{L}]/u.test(after)) continue;
      if (!currency && /[$€£]$/.test(before)) continue;
      const prevWord = /(\S+)\s*$/.exec(before)?.[1] ?? '';
      const nextWord = /^\s*(\S+)/.exec(after)?.[1] ?? '';
      if (MONTHS.test(prevWord) || MONTHS.test(nextWord.replace(/[,.]$/, ''))) continue;
      // A number right after a name names a thing: "Tupolev 106", "Flight 17", "Section 215".
      if (!qualifier && !currency && /^\p{Lu}[\p{L}.]*$/u.test(prevWord) && !SENTENCE_WORDS.test(prevWord) && !/^\s*$/.test(before.slice(0, -prevWord.length))) continue;
      if (!qualifier && !currency && /^\p{Lu}[\p{L}.]*$/u.test(prevWord) && !SENTENCE_WORDS.test(prevWord) && !scaleWord) continue;
      if (!qualifier && !scaleWord && !currency && !isWord && value >= 1900 && value <= 2100 && !raw.includes(',')) continue;
      if (isWord && !qualifier && !scaleWord && !/^(dozens|hundreds|thousands)$/i.test(raw)) continue; // "two people said" is rarely a claim
      if (UNITS.test(nextWord.replace(/[,.;:)\]]+$/, ''))) continue; // "(10 months)" too
      // What is counted: the noun phrase after ("Russian nationals"), or the verb phrase
      // when the number stands alone ("850 have been detained"), up to a clause break.
      const words = after.split(/\s+/).filter(Boolean);
      const counted: string[] = [];
      let inVerb = false;
      // Past the plural head of the noun phrase, only a verb phrase goes on ("40 people have been killed").
      let headed = false;
      let headNoun: string | null = null;
      for (const w of words) {
        const clean = w.replace(/[“”"'’(),.;:!?]+$/g, '').replace(/^[“”"'’(]+/, '');
        if (!clean || /^\d/.test(clean) || !/^[\p{L}-]+$/u.test(clean)) break;
        const lower = clean.toLowerCase();
        if (VERBS.test(clean)) {
          if (inVerb || counted.length <= 2) {
            inVerb = true;
            counted.push(clean);
            if (/[,.;:!?)]$/.test(w)) break;
            continue;
          }
          break;
        }
        if (inVerb) {
          if (/ed$|en$/.test(lower)) counted.push(clean);
          break;
        }
        if (STOP.has(lower) || PREPOSITIONS.has(lower) || functionWords.has(lower) || headed) break;
        counted.push(clean);
        // An English noun phrase ends at its plural head: "Russian contractors [arrived]".
        if (/[,.;:!?)]$/.test(w) || counted.length >= 3) break;
        if ((lower.length > 3 && /[^su]s$/.test(lower)) || IRREGULAR[lower] !== undefined) {
          headNoun = clean;
          headed = true;
        }
      }
      while (counted.length && VERBS.test(counted[counted.length - 1]!)) counted.pop(); // "nationals have been [working]"
      while (counted.length && STOP.has(counted[counted.length - 1]!.toLowerCase())) counted.pop();
      let what = counted.length ? counted.join(' ') : null;
      if (what && /^of\b/i.test(what)) what = null;
      if (!what) {
        const ref = /number of ((?:[\p{L}-]+ ){0,2}[\p{L}-]+)/iu.exec(before);
        // "the number of potholes the city has filled": what is counted ends at the next function word.
        const cut = (x: string) => PREPOSITIONS.has(x.toLowerCase()) || STOP.has(x.toLowerCase());
        what = ref ? ref[1]!.split(' ').filter((w, i, all) => !all.slice(0, i + 1).some(cut)).join(' ') || null : null;
      }
      const content = what?.split(/\s+/).filter((w) => !VERBS.test(w) && nounLike(w, functionWords)) ?? [];
      const verb = what && /(?:have|has|had|were|was)\s+(?:been\s+)?(\p{L}+ed)\b/iu.exec(what);
      let subject = headNoun && content.includes(headNoun) ? lemma(headNoun) : verb ? verb[1]!.toLowerCase() : content.length ? lemma(content[content.length - 1]!) : null;
      if (subject && /(ed|ing)$/.test(subject) && !verb) subject = null; // "6 posted": a verb, not what is counted
      // Money counts its currency, whatever it buys: "$20 billion worth of arms".
      if (currency) {
        what = what ? `${currency}s (${what})` : `${currency}s`;
        subject = currency;
      }
      if (!subject && (scaleWord || qualifier) && lastCounted) ({ what, subject } = lastCounted);
      if (!what || !subject || !nounLike(subject, functionWords)) continue; // a number that counts nothing we can name is not a claim to compare
      const tail = counted.length && what === counted.join(' ') ? after.indexOf(counted[counted.length - 1]!) + counted[counted.length - 1]!.length : 0;
      const end = at + m[0].length + tail;
      lastCounted = { what, subject };
      // The same claim twice in one text (a summary and its paragraph) is one claim.
      const id = `${value}|${subject}|${qualifier ?? ''}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ start: s.start + at, end: s.start + end, text: s.text.slice(at, end), value, qualifier, counted: what, subject });
    }
  }
  return out;
}

/** Nouns for people that a nationality turns into "the Russians", "the Cubans" a claim is about. */
const PEOPLE_NOUNS = new Set(['mercenary', 'contractor', 'national', 'soldier', 'troop', 'fighter', 'personnel', 'specialist', 'adviser', 'advisor', 'instructor', 'man', 'citizen', 'people', 'operative', 'expert', 'officer', 'military']);
const DEMONYM = /^\p{Lu}\p{Ll}+(?:an|ian|ese|ish|i)$/u;

/**
 * What a figure is a claim about, for setting claims side by side across outlets: "about 100
 * Russian mercenaries", "400 Russian contractors" and "2,000 Russian nationals" are all claims
 * about how many Russians there are; otherwise the lemma of what is counted.
 *
 * @example claimAbout('Russian military contractors', 'contractor') // 'Russians'
 */
export function claimAbout(counted: string | null, subject: string | null): string | null {
  if (!subject) return null;
  const words = (counted ?? '').split(/\s+/);
  const demonym = words.find((w) => DEMONYM.test(w));
  if (demonym && (PEOPLE_NOUNS.has(subject) || words.some((w) => PEOPLE_NOUNS.has(lemma(w))))) return `${demonym}s`;
  // "40 people have been killed" and "2,200 people" [arrested] are different claims.
  const done = /(?:have|has|had|were|was)\s+(?:been\s+)?(\p{L}+ed)\b/iu.exec(counted ?? '');
  return done && done[1]!.toLowerCase() !== subject ? `${subject} ${done[1]!.toLowerCase()}` : subject;
}

/**
 * Nouns too general to name a claim by themselves, in every language read: "19 people" in
 * an attack in Mali and "2,200 people" detained in Caracas are not one claim. With a
 * context ("Russians", "people killed") a claim can still be compared.
 */
const GENERIC = new Set([
  'people', 'person', 'time', 'year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'percent', 'cent',
  'thing', 'way', 'case', 'other', 'one', 'part', 'point', 'number', 'place', 'item', 'piece', 'page', 'word',
  // fr, es, pt, de: the same words, lemmatised as figures' subjects are.
  'personne', 'gens', 'fois', 'année', 'jour', 'mois', 'semaine', 'heure', 'pourcent',
  'persona', 'vez', 'año', 'día', 'mes', 'semana', 'hora', 'ciento',
  'pessoa', 'ano', 'dia', 'mês', 'cento', 'gente',
  'mensch', 'leute', 'mal', 'jahr', 'tag', 'monat', 'woche', 'stunde', 'prozent',
]);

/**
 * Whether figures about this claim can be set against each other as a disagreement: never a
 * generic noun alone ("people", "times", "years", "percent"), never a sum of money by itself.
 *
 * @example comparableClaim('Russians') // true
 * @example comparableClaim('people') // false
 * @example comparableClaim('people killed') // true
 */
export function comparableClaim(about: string | null): boolean {
  if (!about) return false;
  return !GENERIC.has(about.toLowerCase()) && !/^(dollar|euro|pound|real|peso)$/.test(about);
}

