import { describe, expect, it } from 'vitest';
import { passageQuery } from '../../../../electron/shared/text/passage-query';
import { parseQuery } from '../../../../electron/shared/query';

describe('a selected passage as a query', () => {
  it('keeps the words and drops what the query language would read as syntax', () => {
    const text = 'He said: "not from Moscow OR Minsk" -- date:2019 and +more\n\n(see) wag* peskov~';
    const q = passageQuery(text);
    expect(q).toBe('He said not from Moscow or Minsk date 2019 and more see wag peskov');
    const parsed = parseQuery(q);
    expect(parsed.excluded).toEqual([]);
    expect(parsed.filters).toEqual([]);
    expect(parsed.dateFrom).toBeNull();
    expect(parsed.groups.every((g) => g.length === 1 && g[0]!.kind === 'word' && !g[0]!.prefix && !g[0]!.fuzzy)).toBe(true);
  });

  it('never leaves a quote open', () => {
    expect(() => parseQuery(passageQuery('the “third countries” and "an unclosed one'))).not.toThrow();
  });
});
