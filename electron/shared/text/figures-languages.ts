/**
 * Figures in French, Spanish, Portuguese and German texts: "près de 5 500 morts", "cerca de
 * 40.000 vidas", "10 millones de dólares", "1,5 mil millones", "3 Millionen Menschen". The
 * number formats (a decimal comma, thousands grouped by a dot or a space), the scale words
 * and the qualifiers are the language's own; what is counted is the noun after the number
 * (after "de" / "d'" when a scale word comes between), lemmatised by the caller's rule.
 */
import type { Fold } from './boilerplate';
import type { Figure } from './figures';
import { splitSentences } from './sentences';

export type FigureLanguage = 'fr' | 'es' | 'pt' | 'de';

interface Rules {
  qualifiers: string[];
  scales: Record<string, number>;
  /** What a number measures rather than counts: units, durations, times, percentages. */
  units: RegExp;
  months: RegExp;
  /** Words that join a scale to what it counts: "millions d'habitants", "millones de dólares". */
  joins: RegExp;
}

const RULES: Record<FigureLanguage, Rules> = {
  fr: {
    qualifiers: ['un peu plus de', 'un peu moins de', 'pas moins de', 'plus de', 'moins de', 'près de', 'au moins', 'autour de', "jusqu'à", 'jusqu’à', 'environ', 'quelque', 'presque', 'quasiment', 'au total', 'une centaine de'],
    scales: { mille: 1e3, million: 1e6, millions: 1e6, milliard: 1e9, milliards: 1e9, billion: 1e12, billions: 1e12 },
    units: /^(ans?|années?|mois|semaines?|jours?|heures?|minutes?|secondes?|fois|%|pour|km|kilomètres?|mètres?|m|kg|kilos?|tonnes?|hectares?|degrés?|h)$/i,
    months: /^(janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)$/i,
    joins: /^(de|d['’])$/i,
  },
  es: {
    qualifiers: ['poco más de', 'poco menos de', 'por lo menos', 'más de', 'menos de', 'cerca de', 'alrededor de', 'al menos', 'casi', 'hasta', 'unos', 'unas', 'aproximadamente', 'aproximadamente unos'],
    scales: { mil: 1e3, millón: 1e6, millon: 1e6, millones: 1e6, billón: 1e12, billones: 1e12 },
    units: /^(años?|meses|mes|semanas?|días?|horas?|minutos?|segundos?|veces|vez|%|por|km|kilómetros?|metros?|kg|kilos?|toneladas?|hectáreas?|grados?)$/i,
    months: /^(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)$/i,
    joins: /^(de)$/i,
  },
  pt: {
    qualifiers: ['pouco mais de', 'pouco menos de', 'pelo menos', 'ao menos', 'mais de', 'menos de', 'cerca de', 'em torno de', 'por volta de', 'quase', 'até', 'aproximadamente', 'uns', 'umas'],
    scales: { mil: 1e3, milhão: 1e6, milhao: 1e6, milhões: 1e6, milhoes: 1e6, bilhão: 1e9, bilhao: 1e9, bilhões: 1e9, bilhoes: 1e9, trilhão: 1e12, trilhões: 1e12 },
    units: /^(anos?|meses|mês|semanas?|dias?|horas?|minutos?|segundos?|vezes|vez|%|por|km|quilômetros?|quilómetros?|metros?|kg|quilos?|toneladas?|hectares?|graus?)$/i,
    months: /^(janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)$/i,
    joins: /^(de)$/i,
  },
  de: {
    qualifiers: ['mehr als', 'weniger als', 'bis zu', 'rund', 'etwa', 'ungefähr', 'mindestens', 'knapp', 'fast', 'beinahe', 'über', 'circa', 'ca\\.', 'gut'],
    scales: { tausend: 1e3, million: 1e6, millionen: 1e6, 'mio.': 1e6, milliarde: 1e9, milliarden: 1e9, 'mrd.': 1e9, billion: 1e12, billionen: 1e12 },
    units: /^(jahren?|jahre|monate?n?|wochen?|tagen?|tage|stunden?|minuten?|sekunden?|mal|%|prozent|km|kilometer[n]?|meter[n]?|kg|kilo|tonnen?|hektar|grad|uhr)$/i,
    months: /^(januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)$/i,
    joins: /^$/,
  },
};

/** Currency words and signs, for money in every language: its subject is the currency. */
const CURRENCY_WORDS: Record<string, string> = {
  dólar: 'dollar', dólares: 'dollar', dollar: 'dollar', dollars: 'dollar', euro: 'euro', euros: 'euro', real: 'real', reais: 'real',
  peso: 'peso', pesos: 'peso', libra: 'pound', libras: 'pound', livre: 'pound', livres: 'pound', pfund: 'pound',
};
const CURRENCY_SIGNS: Record<string, string> = { $: 'dollar', 'us$': 'dollar', 'r$': 'real', '€': 'euro', '£': 'pound' };
const PREPOSITIONS = /^(contre|sur|sous|dont|selon|entre|parmi|pour|avec|sans|vers|chez|contra|desde|sobre|según|hacia|para|con|sin|segundo|com|sem|gegen|für|seit|von|aus|bei|mit|nach)$/i;
const ARTICLES = /^(le|la|les|l['’]|un|une|des|du|el|los|las|o|os|a|as|der|die|das|den|dem|des)$/i;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const patterns = new Map<FigureLanguage, RegExp>();
function pattern(lang: FigureLanguage): RegExp {
  let p = patterns.get(lang);
  if (!p) {
    const r = RULES[lang];
    const scales = Object.keys(r.scales).map(escape).join('|');
    const quals = [...r.qualifiers].sort((a, b) => b.length - a.length).map((q) => (q.includes('\\') ? q : escape(q))).join('|');
    p = new RegExp(
      `(?<![\\p{L}\\p{N}.,])(?:(${quals})\\s+)?(?:(US\\$|R\\$|[$€£])\\s?)?(\\d{1,3}(?:[.\\u00a0\\u202f ]\\d{3})+(?:,\\d+)?|\\d+(?:,\\d+)?)` +
        `(?:\\s*([€$£]))?((?:\\s+(?:${scales})(?![\\p{L}\\p{N}]))*)(?![\\p{L}\\p{N}])`,
      'giu',
    );
    patterns.set(lang, p);
  }
  return p;
}

/** "40.000" → 40000, "6,4" → 6.4, "2 209" → 2209. */
function parseNumber(raw: string): number {
  return Number(raw.replace(/[.\u00a0\u202f ]/g, '').replace(',', '.'));
}

const fold = (w: string) => w.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

export interface LanguageFigureOptions {
  folds?: readonly Fold[];
  functionWords?: ReadonlySet<string>;
  /** The dictionary form of a noun of the language (passagers → passager); lower case. */
  lemma?: (word: string) => string;
}

/** A plural stripped by the commonest rule of the language, where no better lemmatiser is given. */
export function plainLemma(word: string, lang: FigureLanguage): string {
  const w = word.toLowerCase();
  if (lang === 'de') return w;
  if (lang === 'fr' && /(ais|ois|ss|us|[^aeo]x)$/.test(w)) return w; // français, mois, voix: the same in the singular
  if (lang === 'pt' && w.endsWith('ões')) return `${w.slice(0, -3)}ão`;
  if (lang === 'es' && /[^aeiou]es$/.test(w) && w.length > 4) return w.slice(0, -2);
  return w.length > 3 && /[sx]$/.test(w) ? w.slice(0, -1) : w;
}

export function findLanguageFigures(text: string, lang: FigureLanguage, options: LanguageFigureOptions = {}): Figure[] {
  const rules = RULES[lang];
  const folds = options.folds ?? [];
  const functionWords = options.functionWords ?? new Set<string>();
  const lemma = options.lemma ?? ((w: string) => plainLemma(w, lang));
  const re = pattern(lang);
  const out: Figure[] = [];
  const seen = new Set<string>();
  for (const s of splitSentences(text)) {
    if (folds.some((f) => s.start < f.end && s.end > f.start)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
      const raw = m[3]!;
      const qualifier = m[1]?.toLowerCase().replace(/\s+/g, ' ') ?? null;
      const scaleWords = (m[5] ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
      const scale = scaleWords.reduce((x, w) => x * rules.scales[w]!, 1);
      const value = Math.round(parseNumber(raw) * scale * 100) / 100;
      let currency = m[2] ? CURRENCY_SIGNS[m[2].toLowerCase()]! : m[4] ? CURRENCY_SIGNS[m[4]]! : null;
      const at = m.index;
      const before = s.text.slice(0, at);
      const after = s.text.slice(at + m[0].length);
      // Not figures: model numbers (Airbus A350, Mi-35M), dates, years, times (5h45), ordinals (5e, 3º), percentages.
      if (/[-–/:#]$/.test(before) || /^[-–/]\S|^:\d|^[%º°ª]|^\s*%|^\.\d/u.test(after)) continue;
      const prevWord = /(\S+)\s*$/.exec(before)?.[1] ?? '';
      const words = after.split(/\s+/).filter(Boolean);
      if (rules.months.test(prevWord.replace(/[,.]$/, '')) || rules.months.test((words[0] ?? '').replace(/[,.;]$/, ''))) continue;
      if (!qualifier && !currency && !scaleWords.length && /^\p{Lu}[\p{L}.]*$/u.test(prevWord) && !/^\s*$/.test(before.slice(0, -prevWord.length))) continue;
      if (!qualifier && !currency && !scaleWords.length && !/[.,\s\u00a0\u202f]/.test(raw) && value >= 1900 && value <= 2100) continue;
      // What is counted: the noun after (after "de" / "d'" past a scale word), with an adjective or two.
      let i = 0;
      const clean = (w: string) => w.replace(/[“”"'’(),.;:!?»«]+$/g, '').replace(/^[“”"'’(«»]+/, '');
      if (scaleWords.length && words[0] && /^d['’]\p{L}/u.test(words[0])) words[0] = words[0].slice(2);
      else if (scaleWords.length && words[0] && rules.joins.test(words[0])) i = 1;
      const counted: string[] = [];
      let head: string | null = null;
      for (; i < words.length && counted.length < 3; i++) {
        const w = clean(words[i]!);
        if (!w || !/^[\p{L}-]+$/u.test(w)) break;
        if (ARTICLES.test(w) || PREPOSITIONS.test(w)) break;
        // German nouns have capitals, and the German stopword list holds some ("Menschen").
        if (functionWords.has(fold(w)) && !(lang === 'de' && /^\p{Lu}/u.test(w))) break;
        counted.push(w);
        // Romance languages put the noun first (what follows may be a verb: "reservas ocupan");
        // German puts it last in its phrase, with a capital ("syrische Flüchtlinge").
        if (lang !== 'de' || /^\p{Lu}/u.test(w)) head = w;
        if (head || /[,.;:!?)]$/.test(words[i]!)) break;
      }
      if (!head) {
        if (!currency) continue;
      } else if (rules.units.test(head)) continue;
      const money = head ? CURRENCY_WORDS[head.toLowerCase()] : undefined;
      if (money) currency = money;
      let subject = head ? lemma(head).toLowerCase() : null;
      let what = counted.length ? counted.join(' ') : null;
      if (currency) {
        subject = currency;
        what = what ?? currency;
      }
      if (!subject || !what || !/^\p{L}{3,}$/u.test(subject) || (lang !== 'de' && functionWords.has(fold(subject)))) continue;
      // The figure as written ends after the last word counted, found in order from the number on.
      let end = at + m[0].length;
      for (const w of counted) end = s.text.indexOf(w, end) + w.length;
      const id = `${value}|${subject}|${qualifier ?? ''}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ start: s.start + at, end: s.start + end, text: s.text.slice(at, end), value, qualifier, counted: what, subject });
    }
  }
  return out;
}
