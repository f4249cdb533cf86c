import { franc } from 'franc-min';
import { iso6393To1 } from 'iso-639-3';

/**
 * The language of a text as an ISO 639-1 code ('en', 'fr'), or null when it cannot tell.
 *
 * franc-min (trigram profiles of the ~80 most spoken languages, no data to download) reads
 * a sample from the middle of the text, where a page's navigation and footers are least
 * likely to speak for it. Short texts are left unknown rather than guessed.
 *
 * @example detectLanguage('Le président a déclaré que les mercenaires étaient arrivés.') // 'fr'
 */
export function detectLanguage(text: string): string | null {
  const sample = text.length > 6000 ? text.slice(Math.floor(text.length / 2) - 3000, Math.floor(text.length / 2) + 3000) : text;
  if (sample.replace(/\s+/g, '').length < 40) return null;
  const code = franc(sample, { minLength: 40 });
  if (code === 'und') return null;
  return iso6393To1[code] ?? null;
}
