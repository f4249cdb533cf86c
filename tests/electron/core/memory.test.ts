import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleRelease, collectGarbage } from '../../../electron/core/memory';
import { newWorkspace } from '../../helpers';

describe('collectGarbage', () => {
  it('frees memory nothing refers to any more, now', () => {
    collectGarbage();
    // About 100 MB of small objects, the kind a burst of searches leaves behind.
    let garbage: Array<{ id: number; text: string }> | null = Array.from({ length: 1_000_000 }, (_v, i) => ({ id: i, text: `word ${i}` }));
    const held = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(1_000_000);
    garbage = null;
    collectGarbage();
    const after = process.memoryUsage().heapUsed;
    expect(held - after).toBeGreaterThan(40 * 1024 * 1024);
  });
});

describe('IdleRelease', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives memory back once, when activity has stopped for the quiet time, not while it goes on', () => {
    vi.useFakeTimers();
    const release = vi.fn();
    const idle = new IdleRelease(release, 3000);
    // Someone typing: a search every half second for five seconds.
    for (let i = 0; i < 10; i++) {
      idle.touch();
      vi.advanceTimersByTime(500);
    }
    expect(release).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2600);
    expect(release).toHaveBeenCalledTimes(1);
    expect(idle.releases).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('does nothing after it is cancelled (the workspace closed)', () => {
    vi.useFakeTimers();
    const release = vi.fn();
    const idle = new IdleRelease(release, 3000);
    idle.touch();
    idle.cancel();
    vi.advanceTimersByTime(10_000);
    expect(release).not.toHaveBeenCalled();
  });
});

describe('a workspace that has gone quiet', () => {
  it('gives memory back after its searches stop', async () => {
    const ws = await newWorkspace();
    try {
      const before = ws.idle.releases;
      ws.search.search({ query: 'Wagner mercenaries' });
      ws.search.search({ query: 'Venezuela' });
      await expect.poll(() => ws.idle.releases, { timeout: 30_000, interval: 200 }).toBeGreaterThan(before);
      // The connection still answers after its caches were shrunk.
      expect(ws.search.search({ query: 'Wagner' }).total).toBeGreaterThan(0);
    } finally {
      ws.close();
    }
  });
});
