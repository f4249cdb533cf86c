import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDate, normalizeDate } from '../../../../electron/shared/text/dates';
import { extractTextMetadata } from '../../../../electron/shared/text/metadata';
import { SEEDS } from '../../../helpers';

const seed = (name: string) => extractTextMetadata(readFileSync(join(SEEDS, name), 'utf8'), name);

// Read by hand from each seed file.
describe('metadata of the seed files', () => {
  it('000: InSight Crime brief, breadcrumb before the title, all-caps dateline and byline', () => {
    expect(seed('000_b5a15aa75334c99d.txt')).toEqual({
      title: "Russian Mercenaries Providing Muscle for Venezuela's Embattled Maduro",
      published: '2019-02-01',
      url: null,
      author: 'Venezuela Investigative Unit',
      outlet: 'InSight Crime',
    });
  });

  it('001: The Moscow Times, Markdown heading, date line and "Original url:"', () => {
    expect(seed('001_5401790a290c0953.txt')).toEqual({
      title: "Russian Mercenaries Arrive in Venezuela to Shore Up Maduro's Rule",
      published: '2019-01-26',
      url: 'https://www.themoscowtimes.com/2019/01/26/russian-mercenaries-arrive-in-venezuela-to-shore-up-maduros-rule-a64299',
      author: null,
      outlet: 'The Moscow Times',
    });
  });

  it('002: the rewrite, no title line, a closing credit with only a year', () => {
    expect(seed('002_b41b1559b9cab310.txt')).toEqual({
      title: 'After the USA has threatened to intervene in Venezuela, Putin has provided security for president Maduro in order to protect him from being…',
      published: '2019',
      url: null,
      author: null,
      outlet: 'Russia Insider / ABC Flash Point News',
    });
  });

  it('003: the blog post states no date, outlet or byline', () => {
    expect(seed('003_07c546ca077d7fd8.txt')).toEqual({ title: 'Putin Doubles Down in Venezuela', published: null, url: null, author: null, outlet: null });
  });

  it('004: Fox News Digital, named where it quotes its own interviews', () => {
    expect(seed('004_8c048177815bf7d1.txt')).toEqual({
      title: 'Venezuelan President Nicolás Maduro is turning to his friend, Russian President Vladimir Putin, to help him put down opposition to the…',
      published: null,
      url: null,
      author: null,
      outlet: 'Fox News Digital',
    });
  });
});

describe('dates as articles state them', () => {
  it.each([
    ['SECURITY POLICY / 1 FEB 2019 BY X', '2019-02-01'],
    ['January 26, 2019', '2019-01-26'],
    ['Published 2019-01-26T10:00:00Z', '2019-01-26'],
    ['Sept. 3rd, 2020', '2020-09-03'],
    ['31 February 2019', null],
    ['no date here', null],
  ])('%s → %s', (line, expected) => {
    expect(findDate(line)).toBe(expected);
  });

  it('accepts partial dates typed into a field', () => {
    expect(normalizeDate('2019')).toBe('2019');
    expect(normalizeDate('2019-02')).toBe('2019-02');
    expect(normalizeDate('1 FEB 2019')).toBe('2019-02-01');
    expect(normalizeDate('soon')).toBeNull();
  });
});

describe('plain text without much to go on', () => {
  it('falls back to the file name and reads a "By" line', () => {
    expect(extractTextMetadata('\n\n   \n', 'my-notes.txt').title).toBe('my-notes');
    const m = extractTextMetadata('A headline worth reading\nBy Jane Doe\n\nSource: https://www.reuters.com/x/y\n', 'a.txt');
    expect(m).toMatchObject({ title: 'A headline worth reading', author: 'Jane Doe', url: 'https://www.reuters.com/x/y', outlet: 'Reuters' });
  });
});

describe('texts that are not articles', () => {
  it('gives a licence no outlet from its template copyright line', () => {
    const license = readFileSync(join(SEEDS, '../tests/fixtures/html-news/LICENSE.md'), 'utf8');
    expect(license).toContain('Copyright [yyyy] [name of copyright owner]');
    expect(extractTextMetadata(license, 'LICENSE.md').outlet).toBeNull();
  });

  it('still reads a real copyright line as the outlet', () => {
    const text = `A headline of some length here\n\n${'Body text of the article. '.repeat(20)}\n\n© 2019 Example News Ltd. All rights reserved.`;
    expect(extractTextMetadata(text, 'a.txt').outlet).toBe('Example News Ltd');
  });
});
