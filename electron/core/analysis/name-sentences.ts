/**
 * What makes entity finding affordable at 100k documents. compromise tags every word of a
 * text, about 10 ms for a page, most of it spent on sentences that name nobody: a manual's
 * "Run the command as root", a mail's "Thanks for the reply". Two things cut that down
 * without changing what it finds where it looks:
 * - only sentences with a capitalised word its lexicon knows as part of a name (a first
 *   name, a surname, a country, a city, an organisation, a title) are given to it, with
 *   their neighbours in the text kept as they stand;
 * - its pattern sweep, which for every clause walks all of its ~2,000 trigger words, walks
 *   the clause's own words instead, in the same order, so the same patterns run.
 * This module takes compromise as an argument and never loads it.
 */
import { splitSentences } from '../../shared/text/sentences';

/* eslint-disable @typescript-eslint/no-explicit-any -- compromise's internals are untyped */

/** compromise's tags that a name's words carry, and their parents. */
const NAME_TAGS = ['Person', 'Place', 'Organization', 'Honorific', 'Address'];
/** Titles that make the next capitalised word a person in compromise's patterns. */
const TITLE_WORDS = ['president', 'minister', 'senator', 'spokesman', 'spokeswoman', 'general', 'governor', 'secretary', 'ambassador', 'chairman', 'mayor', 'king', 'queen', 'prince', 'pope', 'judge', 'sheikh', 'colonel', 'commander', 'leader'];

export interface NameWords {
  /** Words (lower case) that make a capitalised occurrence worth parsing. */
  names: Set<string>;
  /** Words that name an organisation or place after a capitalised word ("Wagner group", "Santa Cruz County"). */
  after: Set<string>;
}

const wordsOf = new WeakMap<object, NameWords>();

/** The words of compromise's lexicon that can be part of a name (not `functionWords`), read from the edition once. */
export function nameWords(nlp: any, functionWords: ReadonlySet<string>): NameWords {
  const world = nlp.world();
  let words = wordsOf.get(world);
  if (words) return words;
  const tagSet = world.model.one.tagSet as Record<string, { parents?: string[] }>;
  const named = new Set(Object.keys(tagSet).filter((t) => [t, ...(tagSet[t]!.parents ?? [])].some((p) => NAME_TAGS.includes(p))));
  words = { names: new Set(TITLE_WORDS), after: new Set() };
  for (const [word, tags] of Object.entries(world.model.one.lexicon as Record<string, string | string[]>)) {
    if (!([] as string[]).concat(tags).some((t) => named.has(t))) continue;
    // "the hague", "united states": each word but the function words.
    for (const w of word.split(' ')) if (!functionWords.has(w)) words.names.add(w);
  }
  for (const w of Object.keys(world.model.two.orgWords ?? {})) words.after.add(w);
  for (const w of Object.keys(world.model.two.placeWords ?? {})) words.after.add(w);
  wordsOf.set(world, words);
  return words;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** Whether a sentence has a capitalised word that may be, or end, a name. */
function mayName(sentence: string, words: NameWords): boolean {
  let previousCapital = false;
  for (const m of sentence.matchAll(WORD)) {
    const word = m[0];
    const capital = /\p{Lu}/u.test(word);
    const lower = word.toLowerCase().replace(/['’]s$/, '');
    if (capital && (words.names.has(lower) || lower.split('-').some((part) => words.names.has(part)))) return true;
    if (previousCapital && words.after.has(lower)) return true;
    previousCapital = capital;
  }
  return false;
}

export interface Excerpt {
  /** The sentences worth parsing, runs of them as they stand, runs apart on paragraphs of their own. */
  text: string;
  /** Where each run starts in `text`, and in the text it came from. */
  runs: Array<{ at: number; from: number }>;
}

/** The runs of sentences of `text` that may name someone or something. */
export function nameExcerpt(text: string, words: NameWords): Excerpt {
  const runs: Array<{ from: number; to: number }> = [];
  for (const s of splitSentences(text)) {
    if (!mayName(s.text, words)) continue;
    const last = runs[runs.length - 1];
    // Next to the previous run (only white space between): one run, as the text has it.
    if (last && !/\S/.test(text.slice(last.to, s.start))) last.to = s.end;
    else runs.push({ from: s.start, to: s.end });
  }
  let out = '';
  const at: Excerpt['runs'] = [];
  for (const r of runs) {
    if (out) out += '\n\n';
    at.push({ at: out.length, from: r.from });
    out += text.slice(r.from, r.to);
  }
  return { text: out, runs: at };
}

/** An offset of the excerpt, in the text it came from. */
export function fromExcerpt(excerpt: Excerpt, offset: number): number {
  let lo = 0;
  let hi = excerpt.runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (excerpt.runs[mid]!.at <= offset) lo = mid;
    else hi = mid - 1;
  }
  const run = excerpt.runs[lo];
  return run ? run.from + offset - run.at : offset;
}

const swept = new WeakSet<object>();

/**
 * compromise's sweep with its trigger lookup turned around: for each clause, the triggers
 * among the clause's own words, in the order compromise would try them, instead of every
 * trigger tested against the clause. The same patterns run in the same order; only the
 * lookup is cheaper. For compromise 14's bulkMatch (English; the other editions keep theirs).
 */
export function speedUpSweep(nlp: any): void {
  const world = nlp.world();
  const one = world.methods?.one;
  if (swept.has(world) || typeof one?.bulkMatch !== 'function' || typeof one?.cacheDoc !== 'function') return;
  swept.add(world);
  const orders = new WeakMap<object, { keys: string[]; index: Map<string, number> }>();
  one.bulkMatch = function bulkMatch(document: any[][], net: any, methods: any, opts: { matchOne?: boolean } = {}) {
    const docCache: Array<Set<string>> = methods.one.cacheDoc(document);
    let order = orders.get(net.hooks);
    if (!order) {
      const keys = Object.keys(net.hooks);
      order = { keys, index: new Map(keys.map((k, i) => [k, i])) };
      orders.set(net.hooks, order);
    }
    const results: any[] = [];
    for (let n = 0; n < docCache.length; n++) {
      const haves = docCache[n]!;
      const found: number[] = [];
      for (const k of haves) {
        const i = order.index.get(k);
        if (i !== undefined) found.push(i);
      }
      found.sort((a, b) => a - b);
      const seen = new Set<string>();
      let list: any[] = [];
      for (const i of found) {
        for (const m of net.hooks[order.keys[i]!]) {
          if (seen.has(m.match)) continue;
          seen.add(m.match);
          list.push(m);
        }
      }
      // As compromise's trimDown, then its always-run patterns, then its minimum length.
      list = list.filter((o) => o.needs.every((need: string) => haves.has(need)));
      list = list.filter((o) => !(o.ifNo !== undefined && o.ifNo.some((no: string) => haves.has(no))));
      list = list.filter((o) => o.wants.length === 0 || o.wants.filter((w: string) => haves.has(w)).length >= o.minWant);
      if (net.always.length > 0) list = list.concat(net.always);
      list = list.filter((o) => document[n]!.length >= o.minWords);
      for (const m of list) {
        const res = methods.one.match([document[n]], m);
        if (res.ptrs.length === 0) continue;
        for (const ptr of res.ptrs) {
          ptr[0] = n;
          const todo = Object.assign({}, m, { pointer: ptr });
          if (m.unTag !== undefined) todo.unTag = m.unTag;
          results.push(todo);
        }
        if (opts.matchOne === true) return [results[0]];
      }
    }
    return results;
  };
}
