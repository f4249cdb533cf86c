/**
 * Sentences with their character spans: the unit in which shared passages are found and
 * figures are read. A line break ends a sentence too (news pages put headlines, captions
 * and list items on lines of their own). Abbreviations (Dec., U.S., Mr.) do not end one.
 */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'gen', 'col', 'lt', 'sgt', 'gov', 'sen', 'rep', 'prof', 'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'est']);

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s && /[\p{L}\p{N}]/u.test(text.slice(s, e))) out.push({ start: s, end: e, text: text.slice(s, e) });
    start = end;
  };
  const re = /\n|[.!?]+["”’)\]]*(?=\s)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0] !== '\n') {
      const before = /([\p{L}.]+)\.+["”’)\]]*$/u.exec(text.slice(Math.max(start, m.index - 12), end));
      const word = before?.[1]?.toLowerCase().replace(/\./g, '') ?? '';
      // "Dec." "U.S." "J." — not the end of a sentence.
      if (m[0].startsWith('.') && (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /\p{L}\.\p{L}/u.test(before?.[1] ?? ''))) continue;
      const next = /\S/.exec(text.slice(end));
      if (next && /[\p{Ll}]/u.test(next[0])) continue; // "… 3 p.m. on Friday"
    }
    push(end);
  }
  push(text.length);
  return out;
}
