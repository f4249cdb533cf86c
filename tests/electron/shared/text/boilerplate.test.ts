import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText, findBoilerplate } from '../../../../electron/shared/text/boilerplate';
import { SEEDS } from '../../../helpers';

const seed = (name: string) => readFileSync(join(SEEDS, name), 'utf8');

/** Each fold as [reason, its first line], and whether it runs to the end of the page. */
function folds(body: string) {
  return findBoilerplate(body).map((f) => [f.reason, body.slice(f.start, f.end).split('\n')[0], f.end === body.length]);
}

// Read by hand from each seed.
describe('boilerplate in the seeds', () => {
  it('000 (InSight Crime): cross-promotion, share buttons, feedback and donation boxes, then related content to the end', () => {
    const body = seed('000_b5a15aa75334c99d.txt');
    expect(folds(body)).toEqual([
      ['cross-promotion', 'SEE ALSO: Venezuela News and Profile', false],
      ['cross-promotion', 'SEE ALSO: Cartel of the Suns News and Profile', false],
      ['share buttons', 'share icon icon icon', false],
      ['feedback prompt', 'Was this content helpful?', false],
      ['donation box', 'We want to sustain Latin America’s largest organized crime database, but in order to do so, we need resources.', false],
      ['donation box', 'DONATE', false],
      ['feedback prompt', 'What are your thoughts? Click here to send InSight Crime your comments.', false],
      ['republishing notice', expect.stringMatching(/^We encourage readers to copy and distribute our work/), false],
      ['feedback prompt', 'Was this content helpful?', false],
      ['donation box', 'We want to sustain Latin America’s largest organized crime database, but in order to do so, we need resources.', false],
      ['donation box', 'DONATE', false],
      ['related content', 'Related Content', true],
    ]);
    const clean = cleanText(body);
    expect(clean).toContain('In the meantime, the criminal enterprises within the Venezuelan government continue to thrive.');
    expect(clean.endsWith('continue to thrive.')).toBe(true);
    expect(clean).not.toMatch(/DONATE|Was this content helpful|Gentil Duarte|SEE ALSO/);
  });

  it('001 (The Moscow Times): two related-article links', () => {
    const body = seed('001_5401790a290c0953.txt');
    expect(folds(body)).toEqual([
      ['cross-promotion', "**Related article:** [Putin's Indicted 'Chef' Descends on Africa, Mercenaries in Tow](#)", false],
      ['cross-promotion', "### **Related article: [Putin's Needy Little Helpers Are Ruining Russia \\(Op-ed\\)](#)**", false],
    ]);
    expect(cleanText(body)).toContain('A Russian Ilyushin-96 flew into Havana');
  });

  it('002 (the rewrite): the rating, article navigation and comment thread at the end', () => {
    const body = seed('002_b41b1559b9cab310.txt');
    expect(folds(body)).toEqual([['comments', '4.7 3 votes', true]]);
    const clean = cleanText(body);
    expect(clean.endsWith('Russia Insider / ABC Flash Point News 2019.')).toBe(true);
    expect(clean).not.toContain('Albert Heijn');
  });

  it('003 (the blog): a trending link, a poll in the middle of the story, and the comments', () => {
    const body = seed('003_07c546ca077d7fd8.txt');
    expect(folds(body)).toEqual([
      ['cross-promotion', 'Trending: Eric Holder says Barr “not fit to lead DOJ”', false],
      ['poll', 'take our poll - story continues below', false],
      ['comments', 'Join the conversation!', true],
    ]);
    const clean = cleanText(body);
    expect(clean).toContain('Russian Spetsnaz special forces');
    expect(clean).toContain('Additional coordination is also taking place in the skies');
    expect(clean).not.toMatch(/happiest people|validation purposes|Hispolitica updates|no tolerance for comments/);
  });

  it('004 (Fox News): nothing to fold', () => {
    expect(findBoilerplate(seed('004_8c048177815bf7d1.txt'))).toEqual([]);
  });

  it('never folds a paragraph of the article that merely mentions comments early on', () => {
    const body = 'Comments\n\nThe minister declined to give comments on the flights. '.repeat(3) + 'x'.repeat(400);
    expect(findBoilerplate(body)).toEqual([]);
  });
});
