/**
 * Figures in a text: a number with what it counts ("about 2,000 Russian nationals",
 * "more than 850 have been detained"). Years, dates, times, model numbers (Ilyushin-96)
 * and page numbers are left out; what is counted is read from the words that follow, or
 * for a bare number ("may be about 400") from "the number of …" before it.
 */
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

const QUALIFIERS = ['more than', 'fewer than', 'less than', 'at least', 'at most', 'up to', 'as many as', 'some', 'about', 'around', 'over', 'nearly', 'almost', 'approximately', 'roughly', 'under', 'estimated', 'an estimated'];
const WORD_NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, dozens: 24, hundreds: 200, thousands: 2000 };
const MONTHS = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i;
const STOP = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'at', 'to', 'from', 'and', 'or', 'but', 'that', 'who', 'which', 'with', 'for', 'by', 'as', 'is', 'are', 'was', 'were', 'per', 'than', 'this', 'these', 'those', 'its', 'their', 'his', 'her']);
const VERBS = /^(have|has|had|were|was|are|is|been|be|being|will|would|could|may|might|reportedly|already)$/i;
const PREPOSITIONS = new Set(['in', 'at', 'on', 'from', 'to', 'with', 'for', 'by', 'within', 'across', 'near', 'inside', 'outside', 'into', 'during', 'since', 'after', 'before', 'who', 'that', 'which', 'and', 'or']);
const UNITS = /^(percent|%|years?|months?|weeks?|days?|hours?|minutes?|km|kilometres?|kilometers?|miles?|billion|million|dollars?|euros?|rubles?|roubles?|times|p\.?m\.?|a\.?m\.?)$/i;

const NUMBER = new RegExp(
  `\\b(?:(${QUALIFIERS.map((q) => q.replace(/ /g, '\\s+')).join('|')})\\s+)?(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|${Object.keys(WORD_NUMBERS).join('|')})\\b`,
  'gi',
);

function singular(word: string): string {
  return word.length > 3 && word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

export function findFigures(text: string): Figure[] {
  const out: Figure[] = [];
  for (const s of splitSentences(text)) {
    NUMBER.lastIndex = 0;
    for (let m = NUMBER.exec(s.text); m; m = NUMBER.exec(s.text)) {
      const raw = m[2]!;
      const isWord = /^[a-z]+$/i.test(raw);
      const value = isWord ? WORD_NUMBERS[raw.toLowerCase()]! : Number(raw.replace(/,/g, ''));
      const qualifier = m[1]?.toLowerCase().replace(/\s+/g, ' ') ?? null;
      const at = m.index;
      const before = s.text.slice(0, at);
      const after = s.text.slice(at + m[0].length);
      // Not figures: model numbers (Ilyushin-96), dates (Dec. 10, 10 December), years, times, money, ordinals.
      if (/[-–/:$€£#]$/.test(before) || /^[-–/]\S|^:\d|^(st|nd|rd|th)\b|^%|^\.\d/.test(after)) continue;
      const prevWord = /(\S+)\s*$/.exec(before)?.[1] ?? '';
      const nextWord = /^\s*(\S+)/.exec(after)?.[1] ?? '';
      if (MONTHS.test(prevWord) || MONTHS.test(nextWord.replace(/[,.]$/, ''))) continue;
      if (!qualifier && !isWord && value >= 1900 && value <= 2100 && !raw.includes(',')) continue;
      if (isWord && !qualifier && !/^(dozens|hundreds|thousands)$/i.test(raw)) continue; // "two people said" is rarely a claim
      if (UNITS.test(nextWord.replace(/[,.;:]$/, ''))) continue;
      // What is counted: the noun phrase after ("Russian nationals"), or the verb phrase
      // when the number stands alone ("850 have been detained"), up to a clause break.
      const words = after.split(/\s+/).filter(Boolean);
      const counted: string[] = [];
      let inVerb = false;
      for (const w of words) {
        const clean = w.replace(/[“”"'’(),.;:!?]+$/g, '').replace(/^[“”"'’(]+/, '');
        if (!clean || /^\d/.test(clean)) break;
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
        if (STOP.has(lower) || PREPOSITIONS.has(lower)) break;
        counted.push(clean);
        if (/[,.;:!?)]$/.test(w) || counted.length >= 3) break;
      }
      while (counted.length && VERBS.test(counted[counted.length - 1]!)) counted.pop(); // "nationals have been [working]"

      while (counted.length && STOP.has(counted[counted.length - 1]!.toLowerCase())) counted.pop();
      let what = counted.length ? counted.join(' ') : null;
      if (what && /^of\b/i.test(what)) what = null;
      if (!what) {
        const ref = /number of ((?:[\p{L}-]+ ){0,2}[\p{L}-]+)/iu.exec(before);
        what = ref ? ref[1]!.split(' ').filter((w, i, all) => !all.slice(0, i + 1).some((x) => PREPOSITIONS.has(x.toLowerCase()))).join(' ') || null : null;
      }
      if (!what) continue; // a number that counts nothing we can name is not a claim to compare
      const end = at + m[0].length + (counted.length && what === counted.join(' ') ? after.indexOf(counted[counted.length - 1]!) + counted[counted.length - 1]!.length : 0);
      const content = what?.split(/\s+/).filter((w) => !VERBS.test(w) && !STOP.has(w.toLowerCase())) ?? [];
      const verb = what && /(?:have|has|had|were|was)\s+(?:been\s+)?(\p{L}+ed)\b/iu.exec(what);
      const subject = verb ? verb[1]!.toLowerCase() : content.length ? singular(content[content.length - 1]!.toLowerCase()) : null;
      out.push({ start: s.start + at, end: s.start + end, text: s.text.slice(at, end), value, qualifier, counted: what, subject });
    }
  }
  return out;
}
