/**
 * The query language, parsed once and run by the engine against FTS5 (document bodies)
 * and MiniSearch (titles, outlets, authors, tags, notes, highlights).
 *
 * ```text
 * wagner mercenaries        both words (AND is the default)
 * wagner OR prigozhin       either word; OR binds tighter than AND
 * venezuela -cuba           exclude a word (or -"a phrase")
 * "not from moscow"         an exact phrase
 * merc*                     prefix
 * peskov~  peskov~1         fuzzy, within 1 or 2 edits (~ alone picks by length)
 * title:putin  outlet:"moscow times"  author:reuters  tag:claims  entity:"Nicolás Maduro"  lang:fr
 * date:2019  date:2019-01  date:2019-01-01..2019-03-31  after:2019-01-20  before:2024
 * ```
 * Words are case- and accent-insensitive: `guaido` finds `Guaidó`.
 */
import { ErrorCode, WorkbenchError } from './errors';
import { tokenize } from './text/normalize';

export type Term =
  | { kind: 'word'; text: string; prefix: boolean; fuzzy: number }
  | { kind: 'phrase'; words: string[] };

export type FilterField = 'title' | 'outlet' | 'author' | 'tag' | 'entity' | 'lang';

export interface FieldFilter {
  field: FilterField;
  /** As typed (tags match by name), and folded words for the text fields. */
  value: string;
  words: string[];
  negated: boolean;
}

export interface ParsedQuery {
  /** AND of groups; each group is an OR of terms. */
  groups: Term[][];
  excluded: Term[];
  filters: FieldFilter[];
  /** Inclusive ISO dates (yyyy-mm-dd). */
  dateFrom: string | null;
  dateTo: string | null;
}

const FILTER_FIELDS = new Set<FilterField>(['title', 'outlet', 'author', 'tag', 'entity', 'lang']);
const DATE_FIELDS = new Set(['date', 'after', 'before']);

interface Lexeme {
  negated: boolean;
  field: string | null;
  value: string;
  quoted: boolean;
  bareOr: boolean;
}

function lex(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i]!)) i++;
    if (i >= input.length) break;
    let negated = false;
    if (input[i] === '-' && i + 1 < input.length && !/\s/.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    let field: string | null = null;
    const fieldMatch = /^([A-Za-z]+):(?=\S)/.exec(input.slice(i));
    if (fieldMatch) {
      field = fieldMatch[1]!.toLowerCase();
      i += fieldMatch[0].length;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      if (close < 0) {
        throw new WorkbenchError(ErrorCode.BadQuery, `The quote opened at character ${i + 1} is never closed.`, { position: i });
      }
      out.push({ negated, field, value: input.slice(i + 1, close), quoted: true, bareOr: false });
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < input.length && !/\s/.test(input[j]!)) j++;
    const value = input.slice(i, j);
    out.push({ negated, field, value, quoted: false, bareOr: !negated && !field && value === 'OR' });
    i = j;
  }
  return out;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2019` → 2019-01-01 … 2019-12-31; `2019-02` → 2019-02-01 … 2019-02-28. */
export function dateBounds(text: string): { from: string; to: string } | null {
  const m = PARTIAL_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (month !== null && day !== null && (day < 1 || day > daysInMonth(year, month))) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (month === null) return { from: `${year}-01-01`, to: `${year}-12-31` };
  if (day === null) return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}` };
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return { from: iso, to: iso };
}

function badDate(field: string, value: string): WorkbenchError {
  return new WorkbenchError(
    ErrorCode.BadQuery,
    `${field}:${value} is not a date. Use 2019, 2019-01, 2019-01-26 or a range such as 2019-01..2019-03.`,
    { field, value },
  );
}

function applyDate(q: ParsedQuery, field: string, value: string): void {
  const narrowFrom = (d: string) => {
    if (!q.dateFrom || d > q.dateFrom) q.dateFrom = d;
  };
  const narrowTo = (d: string) => {
    if (!q.dateTo || d < q.dateTo) q.dateTo = d;
  };
  if (field === 'after' || field === 'before') {
    const b = dateBounds(value);
    if (!b) throw badDate(field, value);
    if (field === 'after') narrowFrom(b.from);
    else narrowTo(b.to);
    return;
  }
  const range = value.split('..');
  if (range.length === 1) {
    const b = dateBounds(value);
    if (!b) throw badDate(field, value);
    narrowFrom(b.from);
    narrowTo(b.to);
    return;
  }
  if (range.length !== 2 || (!range[0] && !range[1])) throw badDate(field, value);
  if (range[0]) {
    const b = dateBounds(range[0]);
    if (!b) throw badDate(field, value);
    narrowFrom(b.from);
  }
  if (range[1]) {
    const b = dateBounds(range[1]);
    if (!b) throw badDate(field, value);
    narrowTo(b.to);
  }
}

function wordTerm(raw: string): Term | null {
  const fuzzyMatch = /~([12])?$/.exec(raw);
  const prefix = !fuzzyMatch && raw.endsWith('*');
  const core = fuzzyMatch ? raw.slice(0, fuzzyMatch.index) : prefix ? raw.slice(0, -1) : raw;
  const words = tokenize(core);
  if (words.length === 0) return null;
  if (words.length > 1) {
    // "Maduro's" or "U.S." split into several tokens: search them as a phrase, as FTS5 would.
    return { kind: 'phrase', words };
  }
  const text = words[0]!;
  let fuzzy = 0;
  if (fuzzyMatch) fuzzy = fuzzyMatch[1] ? Number(fuzzyMatch[1]) : text.length > 5 ? 2 : 1;
  return { kind: 'word', text, prefix, fuzzy };
}

function phraseTerm(raw: string): Term | null {
  const words = tokenize(raw);
  if (words.length === 0) return null;
  if (words.length === 1) return { kind: 'word', text: words[0]!, prefix: false, fuzzy: 0 };
  return { kind: 'phrase', words };
}

/** Parses a query; throws a BAD_QUERY error that says what is wrong and where. */
export function parseQuery(input: string): ParsedQuery {
  const q: ParsedQuery = { groups: [], excluded: [], filters: [], dateFrom: null, dateTo: null };
  let pendingOr = false;
  let lastWasTerm = false;
  for (const lx of lex(input)) {
    if (lx.bareOr) {
      if (!lastWasTerm) continue; // a leading or doubled OR says nothing
      pendingOr = true;
      continue;
    }
    const field = lx.field;
    if (field && DATE_FIELDS.has(field)) {
      if (lx.negated) throw new WorkbenchError(ErrorCode.BadQuery, `-${field}: cannot be negated; use after: or before:.`, { field });
      if (pendingOr) throw new WorkbenchError(ErrorCode.BadQuery, 'OR joins words and phrases, not dates or fields.');
      applyDate(q, field, lx.value);
      lastWasTerm = false;
      continue;
    }
    if (field && FILTER_FIELDS.has(field as FilterField)) {
      if (pendingOr) throw new WorkbenchError(ErrorCode.BadQuery, 'OR joins words and phrases, not dates or fields.');
      const value = lx.value.trim();
      if (!value) throw new WorkbenchError(ErrorCode.BadQuery, `${field}: needs a value.`, { field });
      q.filters.push({ field: field as FilterField, value, words: tokenize(value), negated: lx.negated });
      lastWasTerm = false;
      continue;
    }
    // An unknown field ("re:", "http:") is just text.
    const rawValue = field ? `${field}:${lx.value}` : lx.value;
    const term = lx.quoted && !field ? phraseTerm(rawValue) : lx.quoted ? phraseTerm(`${field} ${lx.value}`) : wordTerm(rawValue);
    if (!term) continue;
    if (lx.negated) {
      if (pendingOr) throw new WorkbenchError(ErrorCode.BadQuery, 'OR cannot join an excluded term; write -a -b to exclude both.');
      q.excluded.push(term);
      lastWasTerm = false;
      continue;
    }
    if (pendingOr && q.groups.length > 0) q.groups[q.groups.length - 1]!.push(term);
    else q.groups.push([term]);
    pendingOr = false;
    lastWasTerm = true;
  }
  return q;
}

/** True when the query names nothing at all (an empty box lists everything). */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.groups.length === 0 && q.excluded.length === 0 && q.filters.length === 0 && !q.dateFrom && !q.dateTo;
}

