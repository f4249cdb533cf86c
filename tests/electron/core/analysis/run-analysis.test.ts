import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../electron/core/analysis/run-analysis';
import { openDatabase, type Db } from '../../../../electron/core/db/open';
import { newWorkspace, tempDir } from '../../../helpers';

const WORDS = (
  'harbour orchard lantern granite meadow copper violin thistle canyon pepper glacier saddle willow marble ' +
  'falcon basket cobalt timber velvet quarry parsley beacon juniper walnut pelican tundra ribbon anchor ' +
  'cactus lagoon emerald kettle mosaic nutmeg oyster plaza quiver radish sorrel tavern umber vessel'
).split(' ');

/** A document's own sentences, from a seed, so that no two documents share a phrase by chance. */
function ownText(seed: number): string {
  let a = seed >>> 0;
  const random = () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 4294967296;
  };
  const sentences = Array.from({ length: 5 }, () => {
    const words = Array.from({ length: 12 }, () => WORDS[Math.floor(random() * WORDS.length)]!);
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  });
  return sentences.join(' ');
}

const FOOTER =
  'This message went to every member of the river club list and may be passed on freely. ' +
  'To leave the list, answer with the word unsubscribe and you will be taken off within a day.';

/**
 * 160 documents over four batches of the analysis: each quotes the one seven before it
 * (passages across batches), and every third carries the same footer (boilerplate).
 */
async function corpus(): Promise<string> {
  const ws = await newWorkspace({ importPaths: [], backgroundAnalysis: false });
  const dir = tempDir();
  for (let i = 0; i < 160; i++) {
    const quoted = i >= 7 ? `\n\n${ownText(i - 6)}` : '';
    const footer = i % 3 === 0 ? `\n\n${FOOTER}` : '';
    writeFileSync(join(dir, `m${String(i).padStart(3, '0')}.txt`), `${ownText(i + 1)}${quoted}${footer}\n`);
  }
  await ws.importFiles([dir]);
  const file = ws.file;
  ws.close();
  return file;
}

function copyOf(file: string): Db {
  const copy = join(tempDir(), 'copy.workspace');
  copyFileSync(file, copy);
  return openDatabase(copy).db;
}

/** Everything the analysis stored, in a fixed order. */
function stored(db: Db): Record<'fingerprints' | 'boilerplate' | 'passages' | 'mentions' | 'analysed', unknown[]> {
  const all = (sql: string) => db.prepare(sql).raw().all();
  return {
    fingerprints: all('SELECT hash, document_id FROM passage_fingerprints ORDER BY 1, 2'),
    boilerplate: all('SELECT hash, documents FROM passage_boilerplate ORDER BY 1'),
    passages: all('SELECT doc_a, a_start, a_end, doc_b, b_start, b_end, score, kind FROM shared_passages ORDER BY 1, 2, 4, 5'),
    mentions: all('SELECT document_id, start_offset, key FROM entity_mentions ORDER BY 1, 2'),
    analysed: all('SELECT document_id, version FROM analyzed ORDER BY 1'),
  };
}

describe('a run of the analysis', () => {
  it('stopped and started again, or cut short by an error, stores what one whole run stores', async () => {
    const file = await corpus();
    const whole = copyOf(file);
    expect(await analyze(whole)).toEqual({ done: 160, total: 160 });
    const expected = stored(whole);
    expect(expected.passages.length).toBeGreaterThan(100);
    expect(expected.boilerplate.length).toBeGreaterThan(0);

    // Cancelled after its first batch: what it finished is kept, and the next run does the rest.
    const stopped = copyOf(file);
    const controller = new AbortController();
    const first = await analyze(stopped, { signal: controller.signal, onProgress: (p) => p.done > 0 && controller.abort() });
    expect(first.done).toBe(50);
    expect(stopped.prepare('SELECT count(*) FROM analyzed').pluck().get()).toBe(50);
    expect(stopped.prepare('SELECT count(*) FROM passage_fingerprints').pluck().get()).toBeGreaterThan(0);
    expect(await analyze(stopped)).toEqual({ done: 110, total: 110 });
    expect(stored(stopped)).toEqual(expected);

    // Started again after the same stop, then cut short by an error two batches on: nothing of
    // the cut-short part is marked analysed, and the next run gives the same analysis, each
    // document's boilerplate counted once.
    const failed = copyOf(file);
    const again = new AbortController();
    await analyze(failed, { signal: again.signal, onProgress: (p) => p.done > 0 && again.abort() });
    await expect(
      analyze(failed, {
        onProgress: (p) => {
          if (p.done >= 100) throw new Error('the disk is full');
        },
      }),
    ).rejects.toThrow('the disk is full');
    expect(failed.prepare('SELECT count(*) FROM analyzed').pluck().get()).toBe(50);
    expect(await analyze(failed)).toEqual({ done: 110, total: 110 });
    expect(stored(failed)).toEqual(expected);
  });

  it('keeps nothing of a document deleted while it runs', async () => {
    const db = copyOf(await corpus());
    const id = db.prepare('SELECT id FROM documents ORDER BY id LIMIT 1 OFFSET 9').pluck().get() as number;
    // Deleted after its batch was compared and written, before its fingerprints are.
    await analyze(db, { onProgress: (p) => p.done === 50 && db.prepare('DELETE FROM documents WHERE id = ?').run(id) });
    expect(db.prepare('SELECT count(*) FROM passage_fingerprints WHERE document_id = ?').pluck().get(id)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM analyzed WHERE document_id = ?').pluck().get(id)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM analyzed').pluck().get()).toBe(159);
  });

  it('gives the connection its page cache and checkpoint back', async () => {
    const db = copyOf(await corpus());
    const before = [db.pragma('cache_size', { simple: true }), db.pragma('wal_autocheckpoint', { simple: true })];
    await analyze(db);
    expect([db.pragma('cache_size', { simple: true }), db.pragma('wal_autocheckpoint', { simple: true })]).toEqual(before);
  });
});
