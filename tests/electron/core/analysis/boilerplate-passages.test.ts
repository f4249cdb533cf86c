import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisPending } from '../../../../electron/core/analysis/pending';
import { restoreBackup } from '../../../../electron/core/workspaces/backups';
import { exportHandout } from '../../../../electron/core/workspaces/handout';
import { backupNow } from '../../../../electron/core/workspaces/manager';
import type { Workspace } from '../../../../electron/core/workspace';
import { openCopy } from '../../../../electron/core/workspaces/files';
import { AnalysisService } from '../../../../electron/core/services/analysis';
import { newWorkspace, tempDir } from '../../../helpers';

/** Words to write each list message's own text from, so that no two messages share a phrase. */
const WORDS = (
  'harbour orchard lantern granite meadow copper violin thistle canyon pepper glacier saddle willow marble ' +
  'falcon basket cobalt timber velvet quarry parsley beacon juniper walnut pelican tundra ribbon anchor ' +
  'cactus lagoon emerald kettle mosaic nutmeg oyster plaza quiver radish sorrel tavern umber vessel ' +
  'wagon yarrow zephyr almond bramble cinder dune ember fennel garnet hazel indigo jasper kelp'
).split(' ');

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ownText(seed: number): string {
  const random = seeded(seed);
  const sentences: string[] = [];
  for (let s = 0; s < 6; s++) {
    const words = Array.from({ length: 12 }, () => WORDS[Math.floor(random() * WORDS.length)]!);
    sentences.push(`${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
  }
  return sentences.join(' ');
}

/** The footer every message of the list carries: boilerplate, not a passage any of them took from another. */
const FOOTER =
  'This message was sent to the members of the regional gardening list and may be shared freely with attribution. ' +
  'To leave the list, reply with the single word unsubscribe in the subject line and you will be removed within a day. ' +
  'The list is kept by volunteers who read every complaint about advertising sent to the address of the moderators.';

/** What two of the messages really share: one quotes the other. */
const QUOTED =
  'The frost came early to the valley this year and the apple growers lost almost half of the late harvest in one night. ' +
  'Several families are now asking the cooperative to buy covers for the youngest trees before the winter begins.';

const LIST = 25;

async function listWorkspace(): Promise<Workspace> {
  const ws = await newWorkspace({ importPaths: [] });
  const dir = tempDir();
  for (let i = 0; i < LIST; i++) {
    const quoted = i === 3 || i === 17 ? `\n\n${QUOTED}` : '';
    writeFileSync(join(dir, `message-${String(i).padStart(2, '0')}.txt`), `${ownText(i + 1)}${quoted}\n\n${FOOTER}\n`);
  }
  await ws.importFiles([dir]);
  await ws.analyze();
  return ws;
}

describe('boilerplate shared by many documents', () => {
  it('is counted once with the number of documents that have it, and not stored for every pair', async () => {
    const ws = await listWorkspace();
    const ids = ws.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
    expect(ids).toHaveLength(LIST);
    const footerPairs = ws.db
      .prepare('SELECT count(*) FROM shared_passages p JOIN documents d ON d.id = p.doc_a WHERE instr(substr(d.body, p.a_start + 1, p.a_end - p.a_start), ?) > 0')
      .pluck()
      .get('regional gardening list') as number;
    // Every pair of 25 documents would be 300; only the first few documents, before the footer is known to be common, are paired.
    expect(footerPairs).toBeLessThanOrEqual(10);
    // The footer's fingerprints: each counted once, in all 25 documents, and no longer kept per document.
    const counts = ws.db.prepare('SELECT documents FROM passage_boilerplate').pluck().all() as number[];
    expect(counts.length).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBe(LIST);
    expect(ws.db.prepare('SELECT count(*) FROM passage_fingerprints WHERE hash IN (SELECT hash FROM passage_boilerplate)').pluck().get()).toBe(0);
    // What two messages really share is still found, and only between them.
    const quoting = ws.analysis.passagesFor(ids[17]!).filter((p) => p.quote.includes('frost came early'));
    expect(quoting.map((p) => p.other.id)).toEqual([ids[3]]);
    expect(quoting[0]).toMatchObject({ kind: 'copy' });
  });

  it('travels in a backup and a hand-out: the copy has the analysis and nothing is pending there', async () => {
    const ws = await listWorkspace();
    const id = ws.db.prepare('SELECT id FROM documents ORDER BY id LIMIT 1 OFFSET 17').pluck().get() as number;
    const before = ws.analysis.passagesFor(id).map((p) => [p.other.id, p.quote]);
    expect(before.length).toBeGreaterThan(0);
    const dataDir = tempDir();
    const backup = backupNow(ws, dataDir);
    const handout = join(tempDir(), 'list.workspace');
    exportHandout(ws, handout, { tags: true, highlights: true, notes: true });
    const restored = join(tempDir(), 'restored.workspace');
    restoreBackup(backup.file, restored);
    for (const file of [restored, handout]) {
      const copy = openCopy(file, undefined, { readonly: true });
      try {
        expect(analysisPending(copy)).toBe(false);
        expect(new AnalysisService(copy, () => undefined).passagesFor(id).map((p) => [p.other.id, p.quote])).toEqual(before);
        expect(copy.prepare('SELECT max(documents) FROM passage_boilerplate').pluck().get()).toBe(LIST);
      } finally {
        copy.close();
      }
    }
  });
});
