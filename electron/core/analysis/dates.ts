/**
 * Dates a text mentions ("late on Wednesday", "the May 2018 presidential election",
 * "Dec. 10"), read by chrono-node against the document's own date, so "Wednesday" in a
 * piece published on 26 January 2019 is 23 January 2019. Only dates with a known day,
 * or a month and year, are kept; times of day alone are not dates.
 */
import * as chrono from 'chrono-node';

export interface MentionedDate {
  start: number;
  end: number;
  text: string;
  /** YYYY-MM-DD, or YYYY-MM when the day is not said. */
  date: string;
}

const MAX_CHARS = 200_000;

/**
 * A line chrono could read a kept date in: a number, a month or a weekday, or a word that
 * places a day ("yesterday", "last week", "three days ago"). The other lines, most of a
 * manual or a mail, are blanked (with a mark no date is read across) before chrono reads
 * the text, offsets unchanged: its parsers cost as much on a line with no date as on one with.
 */
const DATE_WORDS =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|tomorrow|tmr|yesterday|now|noon|midnight|morning|afternoon|evening|night|week|weekend|fortnight|month|day|days|ago|later|hence)/i;

function dateLines(text: string): string {
  return text
    .split('\n')
    .map((line) => (DATE_WORDS.test(line) ? line : '~'.repeat(line.length)))
    .join('\n');
}

/**
 * `folds` are the document's boilerplate (related-content lists, comment threads): their dates
 * are other articles' dates, not events. The document's own published day is never a mention.
 */
export function findDates(body: string, published: string | null, folds: ReadonlyArray<{ start: number; end: number }> = []): MentionedDate[] {
  const text = body.length > MAX_CHARS ? body.slice(0, MAX_CHARS) : body;
  const ref = published && /^\d{4}-\d{2}-\d{2}/.test(published) ? new Date(`${published.slice(0, 10)}T12:00:00Z`) : published && /^\d{4}$/.test(published) ? new Date(`${published}-07-01T12:00:00Z`) : new Date('2000-01-01T12:00:00Z');
  const out: MentionedDate[] = [];
  for (const r of chrono.en.parse(dateLines(text), ref, { forwardDate: false })) {
    const c = r.start;
    if (!c.isCertain('month') && !c.isCertain('weekday') && !c.isCertain('day')) continue;
    // Without the document's date, only a date that says its year can be placed ("last week", "July 28" cannot).
    if (!published && (!c.isCertain('year') || !/\d{4}/.test(r.text))) continue;
    if (/^(now|today|tonight|currently)$/i.test(r.text.trim())) continue;
    const d = c.date();
    const y = d.getUTCFullYear();
    if (y < 1800 || y > 2200) continue;
    const iso = d.toISOString().slice(0, 10);
    const date = c.isCertain('day') || c.isCertain('weekday') ? iso : iso.slice(0, 7);
    if (published && date === published.slice(0, 10)) continue;
    if (folds.some((f) => r.index < f.end && r.index + r.text.length > f.start)) continue;
    out.push({ start: r.index, end: r.index + r.text.length, text: r.text, date });
  }
  return out;
}
