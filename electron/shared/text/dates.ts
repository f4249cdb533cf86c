/** Dates as articles state them, turned into ISO (yyyy-mm-dd). */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? ${MONTH},? (\\d{4})\\b`, 'i');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'i');
const ISO = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/;

function iso(year: number, month: number, day: number): string | null {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Finds the first stated date in a line: "1 FEB 2019", "January 26, 2019", "2019-01-26". */
export function findDate(line: string): string | null {
  let best: { index: number; value: string } | null = null;
  const consider = (index: number, value: string | null) => {
    if (value && (!best || index < best.index)) best = { index, value };
  };
  const dmy = DAY_MONTH_YEAR.exec(line);
  if (dmy) consider(dmy.index, iso(Number(dmy[3]), MONTHS[dmy[2]!.toLowerCase()]!, Number(dmy[1])));
  const mdy = MONTH_DAY_YEAR.exec(line);
  if (mdy) consider(mdy.index, iso(Number(mdy[3]), MONTHS[mdy[1]!.toLowerCase()]!, Number(mdy[2])));
  const isoMatch = ISO.exec(line);
  if (isoMatch) consider(isoMatch.index, iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])));
  return (best as { value: string } | null)?.value ?? null;
}

/** Accepts what a person types into a date field: 2019, 2019-02, 2019-02-01, or a stated date. */
export function normalizeDate(input: string): string | null {
  const text = input.trim();
  if (/^\d{4}$/.test(text)) return text;
  if (/^\d{4}-\d{2}$/.test(text)) {
    const month = Number(text.slice(5));
    return month >= 1 && month <= 12 ? text : null;
  }
  const found = findDate(text);
  if (found) return found;
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) return null;
  return new Date(parsed).toISOString().slice(0, 10);
}

/**
 * The date filter that covers whole months, from the first day of `from` to the last of `to`
 * (both `YYYY-MM`), as a click on a month bar or a drag across months asks for.
 * @example monthRange('2024-02', '2024-02') // { dateFrom: '2024-02-01', dateTo: '2024-02-29' }
 */
export function monthRange(from: string, to: string = from): { dateFrom: string; dateTo: string } {
  const last = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)), 0)).toISOString().slice(0, 10);
  return { dateFrom: `${from}-01`, dateTo: last };
}
