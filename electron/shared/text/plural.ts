/**
 * "1 tag", "2 tags", "1,234 documents": a count with its noun in the right number.
 *
 * @example plural(1, 'highlight') // '1 highlight'
 * @example plural(3, 'entry', 'entries') // '3 entries'
 */
const rules = new Intl.PluralRules('en');

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${rules.select(n) === 'one' ? one : many}`;
}
