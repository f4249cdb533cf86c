/**
 * Whether two strings are at most one edit apart (one letter changed, added or dropped), in
 * one pass and without a matrix: used to join spellings of one name, and by the bench's
 * reference for fuzzy terms.
 *
 * @example withinOneEdit('Prigozhin', 'Prigojin') // false (two edits)
 * @example withinOneEdit('Guaido', 'Guaidó') // true
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
