/**
 * The hashes the analysis fingerprints texts with: each word folded as the search index folds it
 * (FTS5's unicode61 with diacritics removed), hashed with 32-bit FNV-1a. Stored in
 * passage_fingerprints, so they may never change without a new ANALYSIS_VERSION.
 */
import { fold } from '../../shared/text/normalize';

/** FNV-1a over a string's UTF-16 code units, as a signed 32-bit integer (SQLite keeps it in four bytes). */
export function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** A letter, digit, private-use character or mark, at a code point (sticky: tested where it stands). */
const WORD_CHAR = /[\p{L}\p{N}\p{Co}\p{M}]/uy;

/**
 * Each word's hash (fnv of the word as passages.ts's `terms` folds it) and span, without building
 * the words: an ASCII word is hashed as it is lower-cased, any other folded first. With a string
 * and an object per word, fingerprinting took 16.5 s of a 145 s analysis of 100k documents
 * (every text compared is fingerprinted again); this way, 7.7 s.
 */
export function termHashes(text: string): { hashes: number[]; starts: number[]; ends: number[] } {
  const hashes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Find the next word character.
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (!isAsciiWordChar(c)) {
        i++;
        continue;
      }
    } else {
      WORD_CHAR.lastIndex = i;
      const m = WORD_CHAR.exec(text);
      if (!m) {
        i++;
        continue;
      }
    }
    const start = i;
    let h = 0x811c9dc5;
    let ascii = true;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 0x80) {
        if (!isAsciiWordChar(c)) break;
        h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), 0x01000193);
        i++;
      } else {
        WORD_CHAR.lastIndex = i;
        if (!WORD_CHAR.exec(text)) break;
        ascii = false;
        i = WORD_CHAR.lastIndex;
      }
    }
    if (!ascii) {
      const term = fold(text.slice(start, i));
      if (!term) continue;
      h = fnv(term);
    }
    hashes.push(h | 0);
    starts.push(start);
    ends.push(i);
  }
  return { hashes, starts, ends };
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}
