/**
 * A passage of text turned into a query of plain words, for "Find this passage elsewhere":
 * quotes, operators and `field:` prefixes in the text must not be read as the query
 * language (an unclosed quote would be an error, "OR" an operator, "date:" a filter).
 */
export function passageQuery(text: string): string {
  return text
    .replace(/["“”«»*~()]/g, ' ')
    .replace(/(\p{L}+):/gu, '$1 ')
    .replace(/\b(OR|AND|NOT|NEAR)(\/\d+)?\b/g, (w) => w.toLowerCase())
    .replace(/(^|\s)[-+]+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
