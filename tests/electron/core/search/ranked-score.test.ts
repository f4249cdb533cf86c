import { describe, expect, it } from 'vitest';
import { scored, type GroupFacts } from '../../../../electron/core/search/ranked-score';
import type { MatchField } from '../../../../electron/shared/schemas';

/** Where each document matched besides its body, as the title, tag and note index says. */
const inTitle = (id: number): MatchField[] => (id === 3 ? ['title'] : []);

const group = (has: number[], idf: number, personal: Array<[number, number]> = []): GroupFacts => ({
  full: 'x',
  exact: 'x',
  has: new Set(has),
  hasExact: new Set(has),
  personal: new Map(personal),
  idf,
});

describe('scoring documents that hold some of the words', () => {
  const raws = ['wagner', 'havana', 'senegal'];
  // 1 has every word; 2 the two rare ones; 3 only the common one, with a high bm25; 4 nothing.
  const groups = [group([1, 3], 0.2), group([1, 2], 3), group([1, 2], 3)];
  const bm25 = new Map([[1, 1], [2, 1], [3, 50]]);

  it('lists the documents with every word first, then by the weight of the words they hold', () => {
    const ranked = scored(raws, groups, [3, 2, 1, 4], (id) => bm25.get(id) ?? 0, inTitle);
    expect(ranked.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(ranked.map((r) => r.all)).toEqual([true, false, false]);
    expect(ranked[1]!.missing).toEqual(['wagner']);
    expect(ranked[2]!.missing).toEqual(['havana', 'senegal']);
    expect(ranked[0]!.matchedIn).toEqual(['body']);
  });

  it('counts a title match as found, and says where the document matched', () => {
    const withTitle = [group([1, 3], 0.2), group([1, 2], 3, [[3, 5]]), group([1, 2], 3)];
    const ranked = scored(raws, withTitle, [1, 2, 3], (id) => bm25.get(id) ?? 0, inTitle);
    const three = ranked.find((r) => r.id === 3)!;
    expect(three.missing).toEqual(['senegal']);
    expect(three.matchedIn).toEqual(['body', 'title']);
  });

  it('orders again once the first documents have their bm25 counted exactly', () => {
    const two = [group([1, 2], 1), group([1, 2], 1)];
    const rough = (id: number) => (id === 1 ? 2 : 1);
    expect(scored(raws.slice(0, 2), two, [1, 2], rough, inTitle).map((r) => r.id)).toEqual([1, 2]);
    const exact = { refine: (ids: number[]) => new Map(ids.map((id) => [id, id === 2 ? 9 : 1])), top: 2 };
    expect(scored(raws.slice(0, 2), two, [1, 2], rough, inTitle, exact).map((r) => r.id)).toEqual([2, 1]);
  });
});
