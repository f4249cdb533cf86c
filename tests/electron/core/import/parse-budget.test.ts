import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newWorkspace, tempDir } from '../../../helpers';

/** A saved page of `depth` nested elements: what hung the import for minutes. */
function nestedPage(depth: number): string {
  return `<html><head><title>Nested</title></head><body>${'<div>'.repeat(depth)}deep text${'</div>'.repeat(depth)}</body></html>`;
}

describe('the parse worker’s time budget', () => {
  it('a page that takes too long fails with the budget named, and the batch goes on', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    const dir = tempDir();
    writeFileSync(join(dir, 'a-before.txt'), 'Before the deep page\n\nAn ordinary note about the Antonov.');
    writeFileSync(join(dir, 'b-deep.html'), nestedPage(100_000));
    writeFileSync(join(dir, 'c-after.txt'), 'After the deep page\n\nAnother ordinary note about the Ilyushin.');
    const summary = await ws.importFiles([dir], { fileTimeoutMs: 1500 });
    const deep = summary.outcomes.find((o) => o.path.endsWith('b-deep.html'))!;
    expect(deep).toMatchObject({ status: 'failed', reason: expect.stringContaining('took longer than 2 s') });
    expect(summary.outcomes.filter((o) => o.status === 'imported').map((o) => o.path.split('/').pop())).toEqual(['a-before.txt', 'c-after.txt']);
  }, 300_000);

  it('cancel stops the file being parsed at once, instead of waiting out its budget', async () => {
    const ws = await newWorkspace({ importPaths: [] });
    const dir = tempDir();
    writeFileSync(join(dir, 'a-first.txt'), 'First\n\nImported before the deep page.');
    writeFileSync(join(dir, 'b-deep.html'), nestedPage(100_000));
    const controller = new AbortController();
    // Cancelled while the deep page is being parsed, which on its own would run into the 60 s budget.
    let armed = false;
    ws.on('importProgress', () => {
      if (!armed) setTimeout(() => controller.abort(), 1500);
      armed = true;
    });
    const summary = await ws.importFiles([dir], { signal: controller.signal });
    expect(summary.cancelled).toBe(true);
    const deep = summary.outcomes.find((o) => o.path.endsWith('b-deep.html'))!;
    expect(deep).toMatchObject({ status: 'failed', reason: expect.stringContaining('cancelled') });
    expect(deep.reason).not.toContain('took longer');
  }, 300_000);
});
