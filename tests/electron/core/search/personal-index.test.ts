import { describe, expect, it } from 'vitest';
import { createPersonalIndex, documentHits, forgetHits, remove, upsert } from '../../../../electron/core/search/personal-index';

const query = { combineWith: 'OR' as const, queries: [{ queries: ['wagner'] }] };

describe('the title, tag and note matches held per query', () => {
  it('answers documents only, with their fields, and holds the answer until the index changes', () => {
    const index = createPersonalIndex();
    upsert(index, [
      { id: 'd:1', title: 'Wagner in Venezuela', tags: 'wagner' },
      { id: 'd:2', title: 'Maduro' },
      { id: 'n:3', notes: 'Wagner was seen in Caracas' },
    ]);
    const hits = documentHits(index, query);
    expect([...hits.scores.keys()]).toEqual([1]);
    expect(hits.fields.get(1)).toEqual(['title', 'tags']);
    expect(documentHits(index, query)).toBe(hits);

    upsert(index, [{ id: 'd:2', title: 'Maduro and Wagner' }]);
    expect([...documentHits(index, query).scores.keys()].sort()).toEqual([1, 2]);
    remove(index, ['d:1']);
    expect([...documentHits(index, query).scores.keys()]).toEqual([2]);
  });

  it('lets go of what it holds when told, and reads the same again', () => {
    const index = createPersonalIndex();
    upsert(index, [{ id: 'd:1', title: 'Wagner in Venezuela' }]);
    const hits = documentHits(index, query);
    forgetHits(index);
    const again = documentHits(index, query);
    expect(again).not.toBe(hits);
    expect(again).toEqual(hits);
  });
});
