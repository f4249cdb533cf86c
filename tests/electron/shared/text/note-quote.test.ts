import { describe, expect, it } from 'vitest';
import { afterQuote, untouchedNote, withQuote } from '../../../../electron/shared/text/note-quote';

const QUOTE = 'The contractors flew to Venezuela\nnot from Moscow';

describe('a note on a passage', () => {
  it('is untouched when blank or only its quote, and written in otherwise', () => {
    expect(untouchedNote('  \n', QUOTE)).toBe(true);
    expect(untouchedNote('> The contractors flew to Venezuela not from Moscow\n\n', QUOTE)).toBe(true);
    expect(untouchedNote('> The contractors flew to Venezuela not from Moscow\n\nCheck the flights.', QUOTE)).toBe(false);
    expect(untouchedNote('> The contractors flew to Venezuela not from Moscow', null)).toBe(false);
  });

  it('gives the text written after a quote it begins with', () => {
    expect(afterQuote('> The contractors flew to Venezuela not from Moscow\n\nCheck the flights.\n', QUOTE)).toBe('Check the flights.\n');
    expect(afterQuote('> The contractors flew to Venezuela not from Moscow\n\n', QUOTE)).toBe('');
    expect(afterQuote('Check the flights.', QUOTE)).toBeNull();
    // As the editor wrote it: line breaks made spaces, other spacing kept.
    expect(afterQuote('> A  gap\n\nMine.', 'A  gap')).toBe('Mine.');
  });
});

describe('a note whose passage is deleted', () => {
  it('takes the quote into its text, once', () => {
    expect(withQuote('Check the flights.', QUOTE)).toBe('> The contractors flew to Venezuela not from Moscow\n\nCheck the flights.');
    expect(withQuote(withQuote('Check the flights.', QUOTE), QUOTE)).toBe(withQuote('Check the flights.', QUOTE));
    expect(withQuote('', QUOTE)).toBe('> The contractors flew to Venezuela not from Moscow\n');
  });
});
