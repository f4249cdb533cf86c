import { describe, expect, it } from 'vitest';
import { dateBounds, parseQuery } from '../../../electron/shared/query';

describe('parseQuery', () => {
  it('ANDs words and folds case and accents', () => {
    const q = parseQuery('Guaidó  Maduro');
    expect(q.groups).toEqual([
      [{ kind: 'word', text: 'guaido', prefix: false, fuzzy: 0, raw: 'Guaidó', required: false, stem: true }],
      [{ kind: 'word', text: 'maduro', prefix: false, fuzzy: 0, raw: 'Maduro', required: false, stem: true }],
    ]);
  });

  it('binds OR tighter than AND', () => {
    const q = parseQuery('wagner havana OR senegal');
    expect(q.groups.map((g) => g.map((t) => (t.kind === 'word' ? t.text : '')))).toEqual([['wagner'], ['havana', 'senegal']]);
  });

  it('reads phrases, prefixes, fuzzy terms and exclusions', () => {
    const q = parseQuery('"not from Moscow" wag* peskov~ dimitry~1 -cuba -"third countries"');
    expect(q.groups[0]![0]).toEqual({ kind: 'phrase', words: ['not', 'from', 'moscow'], raw: 'not from Moscow', required: true });
    expect(q.groups[1]![0]).toEqual({ kind: 'word', text: 'wag', prefix: true, fuzzy: 0, raw: 'wag', required: false, stem: false });
    expect(q.groups[2]![0]).toEqual({ kind: 'word', text: 'peskov', prefix: false, fuzzy: 2, raw: 'peskov', required: false, stem: false });
    expect(q.groups[3]![0]).toEqual({ kind: 'word', text: 'dimitry', prefix: false, fuzzy: 1, raw: 'dimitry', required: false, stem: false });
    expect(q.excluded).toEqual([
      { kind: 'word', text: 'cuba', prefix: false, fuzzy: 0, raw: 'cuba', required: false, stem: true },
      { kind: 'phrase', words: ['third', 'countries'], raw: 'third countries', required: true },
    ]);
  });

  it('reads field filters, quoted or not, and leaves unknown fields as text', () => {
    const q = parseQuery('title:Putin outlet:"Moscow Times" -tag:rumour http://x.org');
    expect(q.filters).toEqual([
      { field: 'title', value: 'Putin', words: ['putin'], negated: false },
      { field: 'outlet', value: 'Moscow Times', words: ['moscow', 'times'], negated: false },
      { field: 'tag', value: 'rumour', words: ['rumour'], negated: true },
    ]);
    expect(q.groups[0]![0]).toEqual({ kind: 'phrase', words: ['http', 'x', 'org'], raw: 'http://x.org', required: false });
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
    expect(() => parseQuery('wagner OR tag:x')).toThrow(/OR and NEAR join words and phrases/);
    expect(() => parseQuery('wagner~3')).toThrow(/only ~1 and ~2/);
    expect(() => parseQuery('NEAR wagner')).toThrow(/NEAR needs a word or phrase on each side/);
  });

  it('ignores a leading OR and punctuation-only words, and calls a trailing operator unfinished', () => {
    expect(parseQuery('OR wagner').groups).toHaveLength(1);
    expect(parseQuery('— …').groups).toHaveLength(0);
    for (const q of ['wagner OR', 'wagner NOT', 'wagner NEAR/5', 'wagner -', '"open']) {
      expect(() => parseQuery(q), q).toThrow(expect.objectContaining({ details: expect.objectContaining({ incomplete: true }) }));
    }
  });

  it('reads +word, AND, NOT and NEAR', () => {
    const q = parseQuery('+wagner AND havana NOT cuba');
    expect(q.groups.map((g) => g.map((t) => t.raw))).toEqual([['wagner'], ['havana']]);
    expect(q.groups[0]![0]).toMatchObject({ required: true });
    expect(q.excluded.map((t) => t.raw)).toEqual(['cuba']);
    const near = parseQuery('wagner NEAR/3 "private army" NEAR venezuela').groups[0]![0]!;
    expect(near).toMatchObject({ kind: 'near', distance: 3, required: true });
    expect(near.kind === 'near' && near.parts.map((p) => p.raw)).toEqual(['wagner', 'private army', 'venezuela']);
    expect(parseQuery('"wagner venezuela"~7').groups[0]![0]).toMatchObject({ kind: 'near', distance: 7 });
  });
});
