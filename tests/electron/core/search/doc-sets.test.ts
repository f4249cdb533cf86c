import { describe, expect, it } from 'vitest';
import { newWorkspace } from '../../../helpers';
import { DocSet, DocSets, countBits } from '../../../../electron/core/search/doc-sets';

const ids = (...xs: number[]) => Uint32Array.from(xs);

describe('the documents of common words, held in memory', () => {
  it('holds exactly the documents FTS5 finds for a word and its forms', async () => {
    const ws = await newWorkspace();
    const sets = new DocSets(ws.db);
    for (const expr of ['venezuela', '"mercenary" OR "mercenaries"', 'ilyushin', 'zzzz']) {
      const want = ws.db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid').pluck().all(expr);
      const set = sets.of(expr);
      expect([...set]).toEqual(want);
      expect(set.size).toBe(want.length);
      for (let id = 0; id <= 7; id++) expect(set.has(id)).toBe(want.includes(id));
    }
  });

  it('holds a word with its forms as the union of each form, read once each', async () => {
    const ws = await newWorkspace();
    const sets = new DocSets(ws.db);
    const want = ws.db
      .prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid')
      .pluck()
      .all('"mercenary" OR "mercenaries" OR "havana"');
    expect([...sets.ofTerms(['mercenary', 'mercenaries', 'havana'])]).toEqual(want);
    expect(sets.ofTerms(['mercenary', 'mercenaries', 'havana'])).toBe(sets.ofTerms(['mercenary', 'mercenaries', 'havana']));
    // Each form is held on its own, for the next word that has it among its forms.
    expect(sets.of('"havana"')).toBe(sets.ofTerms(['havana']));
  });

  it('answers the same as bits or as sorted ids, and counts a union', () => {
    // Ten documents of 256 row ids: 8 words of bits hold them in less room than their ids.
    const members = [0, 1, 31, 32, 33, 63, 64, 100, 200, 255];
    const asBits = DocSet.from(ids(...members), 255);
    const asIds = DocSet.from(ids(...members), 1_000_000);
    expect(asBits.bytes).toBe(8 * 4);
    expect(asIds.bytes).toBe(members.length * 4);
    for (const set of [asBits, asIds]) {
      expect([...set]).toEqual(members);
      for (const id of [0, 1, 2, 30, 31, 32, 33, 34, 199, 200, 255, 256, 5000]) expect(set.has(id)).toBe(members.includes(id));
    }
    const union = new Uint32Array(8);
    asBits.addTo(union);
    DocSet.from(ids(1, 31, 34, 254), 1_000_000).addTo(union);
    expect(countBits(union)).toBe(members.length + 2);
  });

  it('keeps within its budget, the least recently used going first, and empties when told', async () => {
    const ws = await newWorkspace();
    // Five documents: each set is one 32-bit word of bits.
    const sets = new DocSets(ws.db, 8);
    const a = sets.of('venezuela');
    const b = sets.of('russian');
    expect(sets.of('venezuela')).toBe(a);
    sets.of('maduro'); // over budget: the least recently used, russian, goes
    expect(sets.of('venezuela')).toBe(a);
    expect(sets.of('russian')).not.toBe(b);
    sets.clear();
    expect(sets.of('venezuela')).not.toBe(a);
  });
});
