import { describe, expect, it } from 'vitest';
import { dateBounds, parseQuery } from '../../../electron/shared/query';

describe('parseQuery', () => {
  it('ANDs words and folds case and accents', () => {
    const q = parseQuery('Guaidó  Maduro');
    expect(q.groups).toEqual([[{ kind: 'word', text: 'guaido', prefix: false, fuzzy: 0 }], [{ kind: 'word', text: 'maduro', prefix: false, fuzzy: 0 }]]);
  });

  it('binds OR tighter than AND', () => {
    const q = parseQuery('wagner havana OR senegal');
    expect(q.groups.map((g) => g.map((t) => (t.kind === 'word' ? t.text : '')))).toEqual([['wagner'], ['havana', 'senegal']]);
  });

  it('reads phrases, prefixes, fuzzy terms and exclusions', () => {
    const q = parseQuery('"not from Moscow" wag* peskov~ dimitry~1 -cuba -"third countries"');
    expect(q.groups[0]![0]).toEqual({ kind: 'phrase', words: ['not', 'from', 'moscow'] });
    expect(q.groups[1]![0]).toEqual({ kind: 'word', text: 'wag', prefix: true, fuzzy: 0 });
    expect(q.groups[2]![0]).toEqual({ kind: 'word', text: 'peskov', prefix: false, fuzzy: 2 });
    expect(q.groups[3]![0]).toEqual({ kind: 'word', text: 'dimitry', prefix: false, fuzzy: 1 });
    expect(q.excluded).toEqual([
      { kind: 'word', text: 'cuba', prefix: false, fuzzy: 0 },
      { kind: 'phrase', words: ['third', 'countries'] },
    ]);
  });

  it('reads field filters, quoted or not, and leaves unknown fields as text', () => {
    const q = parseQuery('title:Putin outlet:"Moscow Times" -tag:rumour http://x.org');
    expect(q.filters).toEqual([
      { field: 'title', value: 'Putin', words: ['putin'], negated: false },
      { field: 'outlet', value: 'Moscow Times', words: ['moscow', 'times'], negated: false },
      { field: 'tag', value: 'rumour', words: ['rumour'], negated: true },
    ]);
    expect(q.groups[0]![0]).toEqual({ kind: 'phrase', words: ['http', 'x', 'org'] });
  });

  it('turns dates and ranges into inclusive ISO bounds', () => {
    expect(parseQuery('date:2019').dateFrom).toBe('2019-01-01');
    expect(parseQuery('date:2019').dateTo).toBe('2019-12-31');
    expect(parseQuery('date:2019-02')).toMatchObject({ dateFrom: '2019-02-01', dateTo: '2019-02-28' });
    expect(parseQuery('date:2019-01..2019-03')).toMatchObject({ dateFrom: '2019-01-01', dateTo: '2019-03-31' });
    expect(parseQuery('after:2019-01-20 before:2024')).toMatchObject({ dateFrom: '2019-01-20', dateTo: '2024-12-31' });
    expect(parseQuery('date:..2020')).toMatchObject({ dateFrom: null, dateTo: '2020-12-31' });
    expect(dateBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('refuses what it cannot read, saying what and where', () => {
    expect(() => parseQuery('"open')).toThrow(/quote opened at character 1 is never closed/);
    expect(() => parseQuery('date:last-week')).toThrow(/date:last-week is not a date/);
    expect(() => parseQuery('date:2019-13')).toThrow(/not a date/);
    expect(() => parseQuery('wagner OR tag:x')).toThrow(/OR joins words and phrases/);
  });

  it('ignores a dangling OR and punctuation-only words', () => {
    expect(parseQuery('OR wagner OR').groups).toHaveLength(1);
    expect(parseQuery('— …').groups).toHaveLength(0);
  });
});
