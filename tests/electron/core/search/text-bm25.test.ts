import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED, newWorkspace, tempDir } from '../../../helpers';
import { textShares } from '../../../../electron/core/search/text-bm25';

describe("bm25 of common words counted in a document's text", () => {
  it("gives FTS5's own bm25 for a word and for a word with its other forms", async () => {
    const ws = await newWorkspace();
    const documents = (term: string) =>
      ws.db.prepare('SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?').pluck().get(`"${term}"`) as number;
    const cases: Array<{ forms: string[]; expr: string }> = [
      { forms: ['venezuela'], expr: '"venezuela"' },
      { forms: ['maduro'], expr: '"maduro"' },
      { forms: ['mercenary', 'mercenaries'], expr: '"mercenary" OR "mercenaries"' },
      { forms: ['guaido'], expr: '"guaido"' },
    ];
    let compared = 0;
    for (const c of cases) {
      const fts = new Map(
        (ws.db.prepare('SELECT rowid, bm25(documents_fts) FROM documents_fts WHERE documents_fts MATCH ?').raw().all(c.expr) as Array<[number, number]>).map(
          ([id, rank]) => [id, -rank],
        ),
      );
      const ids = [1, 2, 3, 4, 5];
      const shares = textShares(ws.db, ids, [c], documents);
      for (const id of ids) {
        expect(shares.get(id)![0]).toBeCloseTo(fts.get(id) ?? 0, 9);
        if (fts.has(id)) compared++;
      }
    }
    expect(compared).toBeGreaterThan(8);
  });

  it('gives each group its own share, and nothing for no documents', async () => {
    const ws = await newWorkspace();
    const documents = (term: string) => ws.db.prepare('SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?').pluck().get(`"${term}"`) as number;
    const both = textShares(ws.db, [2], [{ forms: ['havana'] }, { forms: ['zzzz'] }, { forms: ['senegal'] }], documents).get(2)!;
    expect(both[0]).toBeGreaterThan(0);
    expect(both[1]).toBe(0);
    expect(both[2]).toBeGreaterThan(0);
    expect(textShares(ws.db, [], [{ forms: ['havana'] }], documents).size).toBe(0);
  });

  it('reads at most two million characters a call, in the order given, leaving the rest out', async () => {
    const ws = await newWorkspace();
    const file = join(tempDir(), 'book.txt');
    writeFileSync(file, `A long book\n\n${'Havana and its harbour. '.repeat(90_000)}\n`);
    const summary = await ws.importFiles([file]);
    expect(summary.imported).toBe(1);
    const book = 6;
    const documents = (term: string) => ws.db.prepare('SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?').pluck().get(`"${term}"`) as number;
    const shares = textShares(ws.db, [SEED.moscowTimes, book, 3], [{ forms: ['havana'] }], documents);
    expect([...shares.keys()]).toEqual([SEED.moscowTimes]);
    expect(textShares(ws.db, [book], [{ forms: ['havana'] }], documents).size).toBe(0);
  });
});
