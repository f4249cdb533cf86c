/**
 * The query language, parsed once and run by the engine against FTS5 (document bodies)
 * and MiniSearch (titles, outlets, authors, tags, notes, highlights).
 *
 * ```text
 * wagner mercenaries        documents with both words first, then those with either (ranked)
 * +wagner mercenaries       +: the word is required
 * wagner OR prigozhin       either word; OR binds tighter than the spaces
 * wagner AND havana         AND is the default between words; NOT x is -x
 * venezuela -cuba           exclude a word (or -"a phrase")
 * "not from moscow"         an exact phrase (required)
 * wagner NEAR/10 venezuela  both words within ten words of each other; also "wagner venezuela"~10
 * merc*                     prefix
 * peskov~  peskov~1         fuzzy, within 1 or 2 edits (~ alone picks by length)
 * title:putin  outlet:"moscow times"  author:reuters  tag:claims  entity:"Nicolás Maduro"  lang:fr
 * date:2019  date:2019-01  date:2019-01-01..2019-03-31  after:2019-01-20  before:2024
 * ```
 * Words are case- and accent-insensitive: `guaido` finds `Guaidó`.
 */
import { ErrorCode, WorkbenchError } from './errors';
import { tokenize } from './text/normalize';

/** `stem`: other forms of the word count too (not for a quoted word). */
export type WordTerm = { kind: 'word'; text: string; prefix: boolean; fuzzy: number; raw: string; required: boolean; stem: boolean };
export type PhraseTerm = { kind: 'phrase'; words: string[]; raw: string; required: boolean };
/** Words or phrases within `distance` words of each other (FTS5's NEAR). */
export type NearTerm = { kind: 'near'; parts: Array<WordTerm | PhraseTerm>; distance: number; raw: string; required: boolean };
export type Term = WordTerm | PhraseTerm | NearTerm;

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

/** The NEAR distance when none is given, as in FTS5. */
export const DEFAULT_NEAR = 10;

/** A query that is still being typed: the hint is shown quietly and the last results kept. */
function incomplete(message: string, position: number): WorkbenchError {
  return new WorkbenchError(ErrorCode.BadQuery, message, { position, incomplete: true });
}

const FILTER_FIELDS = new Set<FilterField>(['title', 'outlet', 'author', 'tag', 'entity', 'lang']);
const DATE_FIELDS = new Set(['date', 'after', 'before']);

interface Lexeme {
  negated: boolean;
  required: boolean;
  field: string | null;
  value: string;
  quoted: boolean;
  /** OR, AND, NOT or NEAR[/n], written in capitals and standing alone. */
  operator: 'OR' | 'AND' | 'NOT' | 'NEAR' | null;
  /** For NEAR/n, and for a phrase followed by ~n. */
  distance: number | null;
  position: number;
}

const OPERATOR = /^(OR|AND|NOT|NEAR(?:\/(\d+))?)$/;

function lex(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i]!)) i++;
    if (i >= input.length) break;
    const position = i;
    let negated = false;
    let required = false;
    if ((input[i] === '-' || input[i] === '+') && i + 1 < input.length && !/\s/.test(input[i + 1]!)) {
      negated = input[i] === '-';
      required = input[i] === '+';
      i++;
    } else if (input[i] === '-' && input.slice(i + 1).trim() === '') {
      throw incomplete('A lone - excludes nothing yet: type the word to leave out.', i);
    }
    let field: string | null = null;
    const fieldMatch = /^([A-Za-z]+):(?=\S)/.exec(input.slice(i));
    if (fieldMatch) {
      field = fieldMatch[1]!.toLowerCase();
      i += fieldMatch[0].length;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      if (close < 0) throw incomplete(`The quote opened at character ${i + 1} is never closed.`, i);
      const proximity = /^~(\d+)(?=\s|$)/.exec(input.slice(close + 1));
      out.push({ negated, required, field, value: input.slice(i + 1, close), quoted: true, operator: null, distance: proximity ? Number(proximity[1]) : null, position });
      i = close + 1 + (proximity ? proximity[0].length : 0);
      continue;
    }
    let j = i;
    while (j < input.length && !/\s/.test(input[j]!)) j++;
    const value = input.slice(i, j);
    const op = !negated && !required && !field ? OPERATOR.exec(value) : null;
    const operator = op ? (op[1]!.startsWith('NEAR') ? 'NEAR' : (op[1] as 'OR' | 'AND' | 'NOT')) : null;
    out.push({ negated, required, field, value, quoted: false, operator, distance: op?.[2] ? Number(op[2]) : null, position });
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

function wordTerm(raw: string, required = false): WordTerm | PhraseTerm | null {
  const tooFuzzy = /~(\d+)$/.exec(raw);
  if (tooFuzzy && !['1', '2'].includes(tooFuzzy[1]!)) {
    throw new WorkbenchError(
      ErrorCode.BadQuery,
      `${raw}: only ~1 and ~2 are allowed (one or two typing mistakes); ~ alone picks by the word's length.`,
      { term: raw },
    );
  }
  const fuzzyMatch = /~([12])?$/.exec(raw);
  const prefix = !fuzzyMatch && raw.endsWith('*');
  const core = fuzzyMatch ? raw.slice(0, fuzzyMatch.index) : prefix ? raw.slice(0, -1) : raw;
  const words = tokenize(core);
  if (words.length === 0) return null;
  if (words.length > 1) {
    // "Maduro's" or "U.S." split into several tokens: search them as a phrase, as FTS5 would.
    return { kind: 'phrase', words, raw: core, required };
  }
  const text = words[0]!;
  let fuzzy = 0;
  if (fuzzyMatch) fuzzy = fuzzyMatch[1] ? Number(fuzzyMatch[1]) : text.length > 5 ? 2 : 1;
  return { kind: 'word', text, prefix, fuzzy, raw: core, required, stem: !prefix && !fuzzy };
}

function phraseTerm(raw: string): WordTerm | PhraseTerm | null {
  const words = tokenize(raw);
  if (words.length === 0) return null;
  if (words.length === 1) return { kind: 'word', text: words[0]!, prefix: false, fuzzy: 0, raw, required: true, stem: false };
  return { kind: 'phrase', words, raw, required: true };
}

function nearTerm(parts: Array<WordTerm | PhraseTerm>, distance: number | null, raw: string): NearTerm {
  for (const p of parts) {
    if (p.kind === 'word' && p.fuzzy) {
      throw new WorkbenchError(ErrorCode.BadQuery, `NEAR joins words, phrases and prefixes, not fuzzy terms (${p.raw}~).`, { term: p.raw });
    }
  }
  if (distance !== null && distance > 1000) throw new WorkbenchError(ErrorCode.BadQuery, `NEAR/${distance}: the distance is at most 1000 words.`);
  return { kind: 'near', parts, distance: distance ?? DEFAULT_NEAR, raw, required: true };
}

/** Parses a query; throws a BAD_QUERY error that says what is wrong and where. */
export function parseQuery(input: string): ParsedQuery {
  const q: ParsedQuery = { groups: [], excluded: [], filters: [], dateFrom: null, dateTo: null };
  let pendingOr = false;
  let pendingNot = false;
  let pendingNear: { distance: number | null } | null = null;
  let lastWasTerm = false;
  const lexemes = lex(input);
  const last = lexemes[lexemes.length - 1];
  if (last?.operator) throw incomplete(`${last.value} at the end joins nothing yet: type what comes after it.`, last.position);
  for (const lx of lexemes) {
    if (lx.operator === 'OR' || lx.operator === 'AND') {
      // A leading or doubled operator says nothing; AND is what the spaces mean already.
      if (lx.operator === 'OR' && lastWasTerm) pendingOr = true;
      continue;
    }
    if (lx.operator === 'NOT') {
      pendingNot = true;
      continue;
    }
    if (lx.operator === 'NEAR') {
      if (!lastWasTerm) throw new WorkbenchError(ErrorCode.BadQuery, `${lx.value} needs a word or phrase on each side.`, { position: lx.position });
      pendingNear = { distance: lx.distance };
      continue;
    }
    const negated = lx.negated || pendingNot;
    pendingNot = false;
    const field = lx.field;
    if (field && DATE_FIELDS.has(field)) {
      if (negated) throw new WorkbenchError(ErrorCode.BadQuery, `-${field}: cannot be negated; use after: or before:.`, { field });
      if (pendingOr || pendingNear) throw new WorkbenchError(ErrorCode.BadQuery, 'OR and NEAR join words and phrases, not dates or fields.');
      applyDate(q, field, lx.value);
      lastWasTerm = false;
      continue;
    }
    if (field && FILTER_FIELDS.has(field as FilterField)) {
      if (pendingOr || pendingNear) throw new WorkbenchError(ErrorCode.BadQuery, 'OR and NEAR join words and phrases, not dates or fields.');
      const value = lx.value.trim();
      if (!value) throw new WorkbenchError(ErrorCode.BadQuery, `${field}: needs a value.`, { field });
      q.filters.push({ field: field as FilterField, value, words: tokenize(value), negated });
      lastWasTerm = false;
      continue;
    }
    // An unknown field ("re:", "http:") is just text.
    const rawValue = field ? `${field}:${lx.value}` : lx.value;
    let term: Term | null = lx.quoted && !field ? phraseTerm(rawValue) : lx.quoted ? phraseTerm(`${field} ${lx.value}`) : wordTerm(rawValue, lx.required);
    if (!term) continue;
    if (lx.quoted && lx.distance !== null && term.kind === 'phrase') {
      const words = term.words.map((w): WordTerm => ({ kind: 'word', text: w, prefix: false, fuzzy: 0, raw: w, required: true, stem: false }));
      term = nearTerm(words, lx.distance, `"${rawValue}"~${lx.distance}`);
    }
    if (pendingNear) {
      const group = q.groups[q.groups.length - 1]!;
      const left = group.pop()!;
      const leftParts = left.kind === 'near' ? left.parts : [left];
      const rightParts = term.kind === 'near' ? term.parts : [term];
      const distance = pendingNear.distance ?? (left.kind === 'near' ? left.distance : null);
      group.push(nearTerm([...leftParts, ...rightParts], distance, `${left.raw} NEAR ${term.raw}`));
      pendingNear = null;
      lastWasTerm = true;
      continue;
    }
    if (negated) {
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

/** The words a term stands for, for marking hits: a phrase's or NEAR's words, a word itself. */
export function termWords(term: Term): string[] {
  if (term.kind === 'word') return [term.text];
  if (term.kind === 'phrase') return term.words;
  return term.parts.flatMap(termWords);
}

/** True when the query names nothing at all (an empty box lists everything). */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.groups.length === 0 && q.excluded.length === 0 && q.filters.length === 0 && !q.dateFrom && !q.dateTo;
}

