/**
 * Boilerplate in text saved from web pages: feedback prompts, donation boxes, polls,
 * share buttons, cross-promotion, and the related-content lists and comment threads that
 * run to the end of the page. Found as ranges, so a reader can fold them away ("clean
 * view") without a character of the text being deleted.
 */

export interface Fold {
  start: number;
  end: number;
  reason: string;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

const LINE_RULES: Array<[RegExp, string]> = [
  [/^was this (content|article|story) helpful\??$/i, 'feedback prompt'],
  [/^what are your thoughts\?/i, 'feedback prompt'],
  [/^(donate|support us|subscribe)( now| today)?!?$/i, 'donation box'],
  [/\bwe need (your )?(support|resources|help)\b/i, 'donation box'],
  [/^share( icon)+$/i, 'share buttons'],
  [/^(see also|trending|read more|recommended|related article)s?:/i, 'cross-promotion'],
  [/^we encourage readers to copy and distribute/i, 'republishing notice'],
  [/^(previous|next) (article|post|story)/i, 'article navigation'],
];

const POLL_START = /^take our poll\b/i;
const POLL_WORDS = /\bpoll\b|validation purposes|privacy policy|opt out/i;

/** Blocks that run from here to the end of the page, when they come in its second half. */
const TAIL_START: Array<[RegExp, string]> = [
  [/^related (content|articles|stories|posts)$/i, 'related content'],
  [/^join the conversation!?$/i, 'comments'],
  [/^(\d+(\.\d+)? \d+ votes?|article rating)$/i, 'comments'],
  [/^(notify of|view all comments|inline feedbacks|\d+ comments?|comments|leave a (comment|reply))$/i, 'comments'],
];

function plain(line: string): string {
  return line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[\s•·*-]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function lines(body: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const raw of body.split('\n')) {
    out.push({ start, end: start + raw.length, text: plain(raw) });
    start += raw.length + 1;
  }
  return out;
}

export function findBoilerplate(body: string): Fold[] {
  const all = lines(body);
  const folds: Fold[] = [];
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    if (!line.text) continue;
    const tail = line.start >= body.length / 2 ? TAIL_START.find(([re]) => re.test(line.text)) : undefined;
    if (tail) {
      folds.push({ start: line.start, end: body.length, reason: tail[1] });
      break;
    }
    if (POLL_START.test(line.text)) {
      let j = i + 1;
      for (; j < all.length; j++) {
        const t = all[j]!.text;
        if (t && t.length >= 160 && !POLL_WORDS.test(t)) break;
      }
      let end = j - 1;
      while (end > i && !all[end]!.text) end--;
      folds.push({ start: line.start, end: all[end]!.end, reason: 'poll' });
      i = end;
      continue;
    }
    const rule = line.text.length <= 400 ? LINE_RULES.find(([re]) => re.test(line.text)) : undefined;
    if (rule) folds.push({ start: line.start, end: line.end, reason: rule[1] });
  }
  return folds;
}

/** The text with the folds taken out: what a clean view shows. */
export function cleanText(body: string, folds: Fold[] = findBoilerplate(body)): string {
  let out = '';
  let at = 0;
  for (const f of folds) {
    out += body.slice(at, f.start);
    at = f.end;
  }
  return (out + body.slice(at)).replace(/\n{3,}/g, '\n\n').trim();
}
