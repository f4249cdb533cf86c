import type { Query } from 'minisearch';
import type { Db } from '../db/open';
import { termWords, type ParsedQuery, type Term } from '../../shared/query';
import { expandTerm, orExpression, type ExpandedTerm, type FormsOf } from './fts';
import { PASSAGE_WORDS } from './passage-search';
import type { Vocabulary } from './vocabulary';
import { isStopWord, stemmerFor, variants } from './word-forms';
import { tokenize } from '../../shared/text/normalize';

export interface Plan {
  parsed: ParsedQuery;
  groups: ExpandedTerm[][];
  /** Every positive group ANDed, for bodies; null when some group has no body term at all. */
  all: string | null;
  /** Any positive term, for snippets and hit marking. */
  any: string | null;
  excluded: string | null;
  terms: string[];
  /** `all` with each word as typed only; null when no word has other forms. Ranked first. */
  exactAll: string | null;
}

/** The same term for MiniSearch (titles, tags, notes). */
export function msQuery(term: Term): Query {
  if (term.kind !== 'word') return { combineWith: 'AND', queries: termWords(term) };
  return { queries: [term.text], prefix: term.prefix, fuzzy: term.fuzzy || false };
}

/**
 * The languages that make up at least STEM_SHARE of the corpus and have a stemmer; English
 * always (for documents of unknown language). A language detected in a handful of pages (a
 * code listing read as Somali) would only add strange forms: at 100,000 documents twelve
 * such languages made the word forms of a sentence take 35 ms.
 */
function stemLanguages(db: Db, vocab: Vocabulary): string[] {
  return vocab.remember('stem-languages', () => {
    const total = Math.max(1, db.prepare('SELECT count(*) FROM documents').pluck().get() as number);
    const langs = db
      .prepare('SELECT lang FROM documents WHERE lang IS NOT NULL GROUP BY lang HAVING count(*) >= ?')
      .pluck()
      .all(Math.max(1, Math.ceil(total * STEM_SHARE))) as string[];
    return [...new Set(['en', ...langs])].filter((l) => stemmerFor(l) !== null);
  });
}

/** The share of the documents a language needs for its word forms to be searched. */
export const STEM_SHARE = 0.01;

function formsOf(db: Db, vocab: Vocabulary): FormsOf {
  let langs: string[] | null = null;
  return (word) => {
    langs ??= stemLanguages(db, vocab);
    return vocab.remember(`forms:${word}`, () => [...new Set(langs!.flatMap((l) => variants(word, l, vocab)))]);
  };
}

/** The query's terms as FTS5 expressions: other forms, prefixes and fuzzy words expanded through the vocabulary. */
export function planQuery(db: Db, vocab: Vocabulary, parsed: ParsedQuery): Plan {
  const forms = formsOf(db, vocab);
  const groups = parsed.groups.map((g) => g.map((t) => expandTerm(t, vocab, forms)));
  const perGroup = groups.map(orExpression);
  const all = perGroup.length && perGroup.every((x) => x !== null) ? perGroup.map((x) => `(${x})`).join(' AND ') : null;
  const any = orExpression(groups.flat());
  const excluded = orExpression(parsed.excluded.map((t) => expandTerm(t, vocab, forms)));
  const terms = [...new Set(groups.flat().flatMap((t) => t.exact))];
  const exactGroups = groups.map((g) => g.map((t) => t.exactFts).filter((x): x is string => x !== null));
  const exactAll = exactGroups.every((g) => g.length) ? exactGroups.map((g) => `(${g.join(' OR ')})`).join(' AND ') : null;
  return { parsed, groups, all, any, excluded, terms, exactAll: exactAll === all ? null : exactAll };
}

/** A group of plain words that a document may lack: no quoted phrase, NEAR or +word in it. */
export function isOptional(group: Term[]): boolean {
  // An unquoted hyphenated word ("boundary-layer") is searched as a phrase but stays optional.
  return group.every((t) => t.kind !== 'near' && !t.required);
}

/**
 * Stop words are never required and never alone make a document match: a group that is
 * one plain stop word goes, unless the query is made of nothing else.
 */
export function withoutStopWords(parsed: ParsedQuery): ParsedQuery {
  const stop = (g: Term[]) => g.length === 1 && g[0]!.kind === 'word' && !g[0]!.required && !g[0]!.prefix && !g[0]!.fuzzy && isStopWord(g[0]!.text);
  const kept = parsed.groups.filter((g) => !stop(g));
  return kept.length === 0 || kept.length === parsed.groups.length ? parsed : { ...parsed, groups: kept };
}

export function wordOf(text: string): Term {
  return { kind: 'word', text, prefix: false, fuzzy: 0, raw: text, required: false, stem: true };
}

/**
 * The words of a query to be searched as a passage, or null: asked for, or more than
 * PASSAGE_WORDS words with no operator, field or exclusion (a pasted paragraph, which
 * may hold an odd quote mark that the query language would reject).
 */
export function passageWords(query: string, asked: boolean): string[] | null {
  const words = tokenize(query);
  if (asked) return words.length ? words : null;
  if (words.length <= PASSAGE_WORDS) return null;
  if (/(^|\s)[-+]\S|\b(OR|AND|NOT|NEAR(\/\d+)?)\b|(^|\s)[A-Za-z]+:\S|\*(\s|$)|~\d*(\s|$)/.test(query)) return null;
  return words;
}
