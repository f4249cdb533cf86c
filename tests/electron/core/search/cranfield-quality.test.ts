import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../../../helpers';
import { join } from 'node:path';
import type { SearchResponse } from '../../../../electron/shared/schemas';
import type { Workspace } from '../../../../electron/core/workspace';
import { bareBm25, cranfieldWorkspace, loadCranfield, qualityOf, type Collection, type Quality } from '../../../bench/cranfield';

/**
 * Ranking, not time: on the Cranfield collection (1,400 abstracts, 225 queries typed as
 * they are, human judgments), the workbench's first ten results must beat bare FTS5 bm25
 * with the words ORed, measured on the same texts in the same run, by at least 5% nDCG@10.
 */
describe('search quality on Cranfield', () => {
  let c: Collection;
  let ws: Workspace;
  let bare: Quality;
  let full: SearchResponse[];
  beforeAll(async () => {
    c = loadCranfield(join(ROOT, 'tests/fixtures/cranfield'));
    ws = await cranfieldWorkspace(c, tempDir());
    bare = bareBm25(c);
    full = c.queries.map((query) => ws.search.search({ query, limit: 100 }));
  }, 300_000);
  afterAll(() => ws?.close());

  it('ranks relevant abstracts higher than bare bm25, and answers every query', () => {
    expect(c.docs.size).toBe(1400);
    expect(c.queries).toHaveLength(225);
    const wb = qualityOf(c, ws, full);
    expect(wb.empty).toBe(0);
    expect(wb.ndcg10).toBeGreaterThanOrEqual(bare.ndcg10 * 1.05);
    expect(wb.recall100).toBeGreaterThanOrEqual(bare.recall100);
  });

  /*
   * What a large corpus does, on a small one: words in more than 100 of the 1,400 abstracts
   * ("flow", "pressure", "boundary") are looked up only in the documents of rarer words.
   * The counts and what each listed abstract lacks stay exact, and the ranking keeps its lead
   * (measured: nDCG@10 0.3556 against 0.3570 with every word looked up in full; 0.3526 when the
   * common words' bm25 was taken as their idf alone, without counting them in the first documents).
   */
  it('keeps its counts exact and its lead over bm25 when common words are looked up only where rarer ones are', () => {
    const before = ws.search.heavyDocuments;
    ws.search.heavyDocuments = 100;
    try {
      const common = c.queries.map((query) => ws.search.search({ query, limit: 100 }));
      let reordered = 0;
      common.forEach((r, q) => {
        const f = full[q]!;
        expect({ q, total: r.total, all: r.totalAll }).toEqual({ q, total: f.total, all: f.totalAll });
        const lacks = new Map(f.documents.map((d) => [d.id, d.missing]));
        for (const d of r.documents) if (lacks.has(d.id)) expect(d.missing).toEqual(lacks.get(d.id));
        if (r.documents.map((d) => d.id).join() !== f.documents.map((d) => d.id).join()) reordered++;
      });
      // Many lists were made the other way (a query of more than 12 words is a passage, ranked in full).
      expect(reordered).toBeGreaterThan(40);
      expect(qualityOf(c, ws, common).ndcg10).toBeGreaterThanOrEqual(bare.ndcg10 * 1.05);
    } finally {
      ws.search.heavyDocuments = before;
    }
  });
});
