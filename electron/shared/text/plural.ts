/**
 * Counted words for the interface and the command line: "1 tag", "2 tags", "1 entity",
 * "3 entities". English only, like the rest of the interface; Intl.PluralRules picks the
 * form, so the same call stays right if a language with other rules is added.
 */
const rules = new Intl.PluralRules('en');

/** Plurals that are not the word plus "s". */
const IRREGULAR: Readonly<Record<string, string>> = {
  entity: 'entities',
  query: 'queries',
  copy: 'copies',
  match: 'matches',
};

/** The word in the form the count needs, without the count: `noun(1, 'note')` → "note". */
export function noun(count: number, one: string, many?: string): string {
  if (rules.select(count) === 'one') return one;
  return many ?? IRREGULAR[one] ?? `${one}s`;
}

/** The count and the word: `plural(1, 'highlight')` → "1 highlight", `plural(0, 'note')` → "0 notes". */
export function plural(count: number, one: string, many?: string): string {
  return `${count.toLocaleString('en')} ${noun(count, one, many)}`;
}
