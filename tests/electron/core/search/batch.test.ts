import { describe, expect, it } from 'vitest';
import { SEED, newWorkspace } from '../../../helpers';
import { runBatch } from '../../../../electron/core/search/batch';
import { Session } from '../../../../electron/core/api/session';

describe('batch search of a term list', () => {
  it('gives each query its count and first documents, in the order of the list', async () => {
    const ws = await newWorkspace();
    const res = await runBatch(ws.search, { queries: ['Ilyushin', 'Prigozhin', 'zanzibarian'], limit: 5 });
    expect(res.rows.map((r) => [r.line, r.query, r.total])).toEqual([
      [1, 'Ilyushin', 2],
      [2, 'Prigozhin', ws.search.search({ query: 'Prigozhin' }).total],
      [3, 'zanzibarian', 0],
    ]);
    expect(res.rows[0]!.documents.map((d) => d.id).sort()).toEqual([SEED.moscowTimes, SEED.rewrite]);
    expect(res.rows[0]!.documents[0]).toMatchObject({ title: expect.any(String), outlet: expect.anything() });
    expect(res.rows[2]!.documents).toEqual([]);
    expect(res.matched).toBe(2);
    expect(res.failed).toBe(0);
  });

  it('keeps a wrong query’s error in its row and runs the rest', async () => {
    const ws = await newWorkspace();
    const res = await runBatch(ws.search, { queries: [{ line: 4, query: 'date:foo' }, { line: 7, query: '"third countries"' }] });
    expect(res.rows[0]).toMatchObject({ line: 4, query: 'date:foo', total: 0, documents: [], error: { code: 'BAD_QUERY' } });
    expect(res.rows[0]!.error!.message).toContain('date:foo is not a date');
    expect(res.rows[1]).toMatchObject({ line: 7, total: 2, error: null });
    expect(res.failed).toBe(1);
  });

  it('lists at most `limit` documents but counts them all', async () => {
    const ws = await newWorkspace();
    const all = ws.search.search({ query: 'Venezuela' }).total;
    expect(all).toBeGreaterThan(2);
    const res = await runBatch(ws.search, { queries: ['Venezuela'], limit: 2 });
    expect(res.rows[0]!.total).toBe(all);
    expect(res.rows[0]!.documents).toHaveLength(2);
    const none = await runBatch(ws.search, { queries: ['Venezuela'], limit: 0 });
    expect(none.rows[0]).toMatchObject({ total: all, documents: [] });
  });

  it('reports progress from the first query to the last', async () => {
    const ws = await newWorkspace();
    const seen: Array<{ done: number; total: number }> = [];
    const queries = Array.from({ length: 300 }, (_v, i) => (i % 2 ? 'Wagner' : `Havana OR w${i}*`));
    await runBatch(ws.search, { queries, limit: 1 }, { onProgress: (p) => seen.push(p) });
    expect(seen[0]).toEqual({ done: 0, total: 300 });
    expect(seen.at(-1)).toEqual({ done: 300, total: 300 });
    expect(seen.every((p, i) => i === 0 || p.done >= seen[i - 1]!.done)).toBe(true);
  });

  it('runs through the dispatcher, validating the list, and sends batch.progress events', async () => {
    const ws = await newWorkspace();
    const session = Session.of(ws);
    const events: unknown[] = [];
    session.onEvent((event, payload) => event === 'batch.progress' && events.push(payload));
    const ok = await session.dispatch('search.batch', { queries: ['Ilyushin', ''] });
    expect(ok.ok).toBe(true);
    const rows = (ok as { result: { rows: Array<{ total: number; error: { message: string } | null }> } }).result.rows;
    expect(rows[0]!.total).toBe(2);
    expect(rows[1]!.error!.message).toContain('Line 2 is empty');
    expect(events.at(-1)).toEqual({ done: 2, total: 2 });
    const bad = await session.dispatch('search.batch', { queries: [] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((bad as { error: { message: string } }).error.message).toContain('queries');
  });

  it('stops when cancelled, answering with the rows done so far', async () => {
    const ws = await newWorkspace();
    const session = Session.of(ws);
    let asked = false;
    session.onEvent((event, payload) => {
      const p = payload as { done: number };
      if (event === 'batch.progress' && p.done > 0 && !asked) {
        asked = true;
        void session.dispatch('search.batchCancel', {});
      }
    });
    const queries = Array.from({ length: 5000 }, (_v, i) => `Wagner OR w${i}*`);
    const res = await session.dispatch('search.batch', { queries, limit: 1 });
    const result = (res as { result: { rows: unknown[]; cancelled: boolean } }).result;
    expect(asked).toBe(true);
    expect(result.cancelled).toBe(true);
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.length).toBeLessThan(5000);
    const whole = await runBatch(ws.search, { queries: ['Wagner'] });
    expect(whole.cancelled).toBe(false);
  });
});
