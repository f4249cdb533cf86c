/**
 * Finding a highlighted passage again. A highlight stores its offsets and its quote with
 * some text before and after; if the offsets no longer point at the quote (the text was
 * re-imported or edited), the quote is looked up and the occurrence whose surroundings
 * match best, nearest the old place, wins.
 */

import approxSearch from 'approx-string-match';

export const CONTEXT_CHARS = 32;

export interface Anchor {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

/** The quote and its surroundings for a range of a body. */
export function describeRange(body: string, start: number, end: number): Anchor {
  return {
    start,
    end,
    quote: body.slice(start, end),
    prefix: body.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: body.slice(end, end + CONTEXT_CHARS),
  };
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Where the passage is now, or null when its quote no longer occurs in the body. */
export function locate(body: string, anchor: Anchor): { start: number; end: number } | null {
  if (body.slice(anchor.start, anchor.end) === anchor.quote) return { start: anchor.start, end: anchor.end };
  if (!anchor.quote) return null;
  let best: { start: number; score: number } | null = null;
  for (let i = body.indexOf(anchor.quote); i >= 0; i = body.indexOf(anchor.quote, i + 1)) {
    const before = body.slice(Math.max(0, i - anchor.prefix.length), i);
    const after = body.slice(i + anchor.quote.length, i + anchor.quote.length + anchor.suffix.length);
    const context = commonSuffix(before, anchor.prefix) + commonPrefix(after, anchor.suffix);
    // Context counts most; distance from the old place breaks ties.
    const score = context * 1e6 - Math.abs(i - anchor.start);
    if (!best || score > best.score) best = { start: i, score };
  }
  return best ? { start: best.start, end: best.start + anchor.quote.length } : null;
}

/**
 * Where a passage is in a body that may differ from the one it was marked in: first as
 * `locate` finds it, then, when the quote no longer occurs word for word, the closest
 * approximate match (Myers' bit-parallel search, at most one edit in ten characters),
 * preferring the one whose surroundings match. Null when nothing is close enough.
 */
export function locateApprox(body: string, anchor: Anchor): { start: number; end: number; exact: boolean } | null {
  const exact = locate(body, anchor);
  if (exact) return { ...exact, exact: true };
  if (anchor.quote.length < 8) return null;
  const maxErrors = Math.max(1, Math.floor(anchor.quote.length / 10));
  const matches = approxSearch(body, anchor.quote, maxErrors);
  if (matches.length === 0) return null;
  const score = (m: { start: number; end: number; errors: number }) => {
    const before = body.slice(Math.max(0, m.start - anchor.prefix.length), m.start);
    const after = body.slice(m.end, m.end + anchor.suffix.length);
    return -m.errors * 1e9 + (commonSuffix(before, anchor.prefix) + commonPrefix(after, anchor.suffix)) * 1e6 - Math.abs(m.start - anchor.start);
  };
  const best = matches.reduce((a, b) => (score(b) > score(a) ? b : a));
  return { start: best.start, end: best.end, exact: false };
}
