/**
 * A note on a passage shows the passage's quote above its own text. Notes made before the
 * quote stood apart began with it, as a `> quote` line.
 */

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The quote lines such notes began with: as the editor wrote them (line breaks made spaces), and tidied. */
const quoteLines = (quote: string) => [`> ${quote.replace(/\n+/g, ' ')}`, `> ${flat(quote)}`];

/** Nothing written in the note: blank, or only its passage's quote. */
export function untouchedNote(body: string, quote: string | null): boolean {
  const text = flat(body);
  return text === '' || (quote !== null && text === `> ${flat(quote)}`);
}

/** The text after the quote a note begins with; null when it does not begin with it. */
export function afterQuote(body: string, quote: string): string | null {
  const line = quoteLines(quote).find((l) => body.startsWith(l));
  return line === undefined ? null : body.slice(line.length).replace(/^[ \t]*\n/, '').replace(/^\n+/, '');
}

/**
 * A note whose passage goes keeps the passage's words: its quote, which stood apart above it,
 * goes back to the top of its text (unless the note already begins with it).
 */
export function withQuote(body: string, quote: string): string {
  if (afterQuote(body, quote) !== null) return body;
  const line = quoteLines(quote)[0]!;
  return body.trim() ? `${line}\n\n${body}` : `${line}\n`;
}
