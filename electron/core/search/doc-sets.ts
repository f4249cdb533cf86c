import type { Db } from '../db/open';
import { quote } from './fts';

/**
 * The documents a common word (with its forms) is in, kept in memory until the bodies change.
 *
 * A sentence pasted as a query is mostly common words, and the same common words ("project",
 * "file", "service") come back in query after query. Reading such a word's list from FTS5
 * takes 5 to 30 ms at 100,000 documents, and the ranking of a sentence needed it several times
 * (which candidates hold the word, how many documents hold any word). Held here once read, as
 * a bitset (one bit per row id) or, for a list much shorter than the row ids, as sorted ids,
 * it answers both in microseconds. A word in 80,000 of 100,000 documents takes 12.5 KB as bits.
 *
 * The sets hold derived data only, within a byte budget, the least recently used going first;
 * the workspace empties them whenever the bodies change (Vocabulary.invalidate).
 */
export class DocSets {
  private readonly sets = new Map<string, DocSet>();
  private bytes = 0;
  /** The highest row id, for the size of a bitset; read again after the bodies change. */
  private maxId: number | null = null;

  constructor(
    private readonly db: Db,
    /** At 100,000 documents, room for 1,300 words in more than 2,000 of them (there are 648). */
    private readonly budget = 16 * 1024 * 1024,
  ) {}

  /**
   * The documents whose body holds any of `terms` (a word and its other forms), each term read
   * on its own and held: FTS5 reads six forms of "use" one by one in 16 ms, ORed in 27 ms, and
   * "used" is then known for the next word that has it among its forms.
   */
  ofTerms(terms: string[]): DocSet {
    if (terms.length === 1) return this.of(quote(terms[0]!));
    const key = `\u0000${terms.join('\u0000')}`;
    return this.held(key, () => DocSet.union(terms.map((t) => this.of(quote(t))), this.highestId()));
  }

  /** The documents whose body matches the FTS5 expression `expr`, read once. */
  of(expr: string): DocSet {
    return this.held(expr, () => DocSet.from(this.read(expr), this.highestId()));
  }

  private held(key: string, make: () => DocSet): DocSet {
    const known = this.sets.get(key);
    if (known) {
      // Most recently used last, so that the budget sends the oldest away first.
      this.sets.delete(key);
      this.sets.set(key, known);
      return known;
    }
    const set = make();
    this.sets.set(key, set);
    this.bytes += set.bytes;
    for (const [key, old] of this.sets) {
      if (this.bytes <= this.budget || old === set) break;
      this.sets.delete(key);
      this.bytes -= old.bytes;
    }
    return set;
  }

  /** An empty bitset over every row id, to add sets to. */
  bits(): Uint32Array {
    return new Uint32Array((this.highestId() >>> 5) + 1);
  }

  /** The bodies changed: every set is stale. */
  clear(): void {
    this.sets.clear();
    this.bytes = 0;
    this.maxId = null;
  }

  private highestId(): number {
    this.maxId ??= (this.db.prepare('SELECT max(rowid) FROM documents').pluck().get() as number | null) ?? 0;
    return this.maxId;
  }

  /** One string from SQLite, parsed at once: half the time of a row per document (15 against 31 ms for 81,000). */
  private read(expr: string): Uint32Array {
    const json = this.db
      .prepare('SELECT json_group_array(rowid) FROM documents_fts WHERE documents_fts MATCH ?')
      .pluck()
      .get(expr) as string;
    const ids = Uint32Array.from(JSON.parse(json) as number[]);
    // FTS5 answers in row id order; sorted again only should that ever change.
    for (let i = 1; i < ids.length; i++) if (ids[i]! < ids[i - 1]!) return ids.sort();
    return ids;
  }
}

/** A set of document ids: bits when that is no larger than the ids, sorted ids otherwise. */
export class DocSet {
  private constructor(
    private readonly bits: Uint32Array | null,
    private readonly ids: Uint32Array | null,
    readonly size: number,
  ) {}

  /** Every id of any of the sets. */
  static union(sets: DocSet[], highestId: number): DocSet {
    const bits = new Uint32Array((highestId >>> 5) + 1);
    for (const set of sets) set.addTo(bits);
    const size = countBits(bits);
    if (bits.length <= size) return new DocSet(bits, null, size);
    return new DocSet(null, Uint32Array.from(new DocSet(bits, null, size)), size);
  }

  static from(sorted: Uint32Array, highestId: number): DocSet {
    const words = (highestId >>> 5) + 1;
    if (words > sorted.length) return new DocSet(null, sorted, sorted.length);
    const bits = new Uint32Array(words);
    for (const id of sorted) bits[id >>> 5]! |= 1 << (id & 31);
    return new DocSet(bits, null, sorted.length);
  }

  get bytes(): number {
    return (this.bits ?? this.ids)!.byteLength;
  }

  has(id: number): boolean {
    if (this.bits) {
      const word = id >>> 5;
      return word < this.bits.length && (this.bits[word]! & (1 << (id & 31))) !== 0;
    }
    const ids = this.ids!;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v === id) return true;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Adds this set's ids to `into`, a bitset over the same row ids. */
  addTo(into: Uint32Array): void {
    if (this.bits) for (let i = 0; i < this.bits.length && i < into.length; i++) into[i]! |= this.bits[i]!;
    else for (const id of this.ids!) if (id >>> 5 < into.length) into[id >>> 5]! |= 1 << (id & 31);
  }

  /** Each id, in order. */
  *[Symbol.iterator](): Generator<number> {
    if (this.ids) {
      yield* this.ids;
      return;
    }
    const bits = this.bits!;
    for (let i = 0; i < bits.length; i++) {
      let w = bits[i]!;
      while (w !== 0) {
        const low = w & -w;
        yield i * 32 + (31 - Math.clz32(low));
        w ^= low;
      }
    }
  }
}

/** How many bits are set in a bitset. */
export function countBits(bits: Uint32Array): number {
  let n = 0;
  for (let w of bits) {
    w -= (w >>> 1) & 0x55555555;
    w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
    n += (((w + (w >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}
