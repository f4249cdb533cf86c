import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../../../helpers';
import { join } from 'node:path';
import { bareBm25, cranfieldWorkspace, loadCranfield, workbench } from '../../../bench/cranfield';

/**
 * Ranking, not time: on the Cranfield collection (1,400 abstracts, 225 queries typed as
 * they are, human judgments), the workbench's first ten results must beat bare FTS5 bm25
 * with the words ORed, measured on the same texts in the same run, by at least 5% nDCG@10.
 */
describe('search quality on Cranfield', () => {
  it('ranks relevant abstracts higher than bare bm25, and answers every query', async () => {
    const c = loadCranfield(join(ROOT, 'tests/fixtures/cranfield'));
    expect(c.docs.size).toBe(1400);
    expect(c.queries).toHaveLength(225);
    const bare = bareBm25(c);
    const ws = await cranfieldWorkspace(c, tempDir());
    try {
      const wb = workbench(c, ws);
      expect(wb.empty).toBe(0);
      expect(wb.ndcg10).toBeGreaterThanOrEqual(bare.ndcg10 * 1.05);
      expect(wb.recall100).toBeGreaterThanOrEqual(bare.recall100);
    } finally {
      ws.close();
    }
  }, 300_000);
});
