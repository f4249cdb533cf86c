import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SEED, newWorkspace } from '../../../helpers';

/**
 * Every file under these folders, recursively (those that do not exist are skipped). The crash
 * tests call it while a command is writing: a journal or partial file can go between the
 * listing and a look at it, so entries are typed from the listing itself and a folder that has
 * gone is skipped.
 */
export function filesUnder(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return;
      throw err;
    }
    for (const entry of entries) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  dirs.filter((d) => existsSync(d)).forEach(walk);
  return out;
}

const QUOTE = 'The contractors flew to Venezuela not from Moscow but from third countries where they were conducting missions';

/** A trainer's workspace: a tag, a tagged passage, a guidance note for the class and a private one. */
export async function trainerWorkspace() {
  const ws = await newWorkspace();
  const tag = ws.tags.create({ name: 'Wagner' });
  const h = ws.highlights.createFromQuote(SEED.moscowTimes, QUOTE, 1, [tag.id]);
  ws.tags.applyToDocuments(tag.id, [SEED.moscowTimes]);
  const guidance = ws.notes.setHandout(ws.notes.create({ body: `Who wrote this first? Compare [the passage](hl:${h.id}) with [the rewrite](doc:${SEED.rewrite}).`, highlightId: h.id }).id, true);
  const secret = ws.notes.create({ body: 'Private: my source at the ministry says otherwise', documentId: SEED.moscowTimes });
  ws.savedSearches.save('flights', 'ilyushin');
  ws.notes.delete(ws.notes.create({ body: 'Deleted private draft' }).id);
  return { ws, tag, h, guidance, secret };
}
