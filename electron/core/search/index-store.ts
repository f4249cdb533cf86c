import type MiniSearch from 'minisearch';
import type { Db } from '../db/open';
import {
  INDEX_FORMAT,
  createPersonalIndex,
  loadPersonalIndex,
  loadPersonalIndexNow,
  readDocumentEntries,
  readNoteEntries,
  type PersonalEntry,
} from './personal-index';

const KEY_FORMAT = 'search.format';
const KEY_CHECKSUM = 'search.checksum';
const KEY_INDEX = 'search.index';
const REBUILD_CHUNK = 2000;

/**
 * What the saved index was derived from. The revision is bumped by triggers on every
 * change to documents, tags, highlights and notes, whoever makes it.
 */
export function corpusChecksum(db: Db): string {
  const revision = db.prepare("SELECT value FROM meta WHERE key = 'revision'").pluck().get() as number;
  const docs = db.prepare('SELECT count(*), coalesce(max(id), 0) FROM documents').raw().get() as [number, number];
  const notes = db.prepare('SELECT count(*) FROM notes').pluck().get() as number;
  return `r${revision}-d${docs[0]}-m${docs[1]}-n${notes}`;
}

function readMeta(db: Db, key: string): unknown {
  return db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key);
}

export type LoadOutcome = 'loaded' | 'rebuilt-missing' | 'rebuilt-format' | 'rebuilt-stale' | 'rebuilt-unreadable';

/**
 * Reads the saved index if it matches the corpus as it is now. Synchronous, so that the
 * check is made before anything else can change the corpus.
 */
export function readSaved(db: Db): { json: string } | { stale: Exclude<LoadOutcome, 'loaded'> } {
  const json = readMeta(db, KEY_INDEX);
  if (typeof json !== 'string') return { stale: 'rebuilt-missing' };
  if (readMeta(db, KEY_FORMAT) !== INDEX_FORMAT) return { stale: 'rebuilt-format' };
  if (readMeta(db, KEY_CHECKSUM) !== corpusChecksum(db)) return { stale: 'rebuilt-stale' };
  return { json };
}

/**
 * Parses what readSaved found, or rebuilds in chunks when there was nothing usable. `whole`
 * parses in one go (about twice as fast) when nothing else waits on this thread.
 */
export async function loadOrRebuild(
  db: Db,
  saved: ReturnType<typeof readSaved>,
  whole = false,
): Promise<{ index: MiniSearch<PersonalEntry>; outcome: LoadOutcome }> {
  if ('json' in saved) {
    try {
      return { index: whole ? loadPersonalIndexNow(saved.json) : await loadPersonalIndex(saved.json), outcome: 'loaded' };
    } catch {
      return { index: await rebuild(db), outcome: 'rebuilt-unreadable' };
    }
  }
  return { index: await rebuild(db), outcome: saved.stale };
}

/** Rebuilds from the database, yielding between chunks so no call blocks for long. */
export async function rebuild(db: Db): Promise<MiniSearch<PersonalEntry>> {
  const index = createPersonalIndex();
  const entries = [...readDocumentEntries(db), ...readNoteEntries(db)];
  await index.addAllAsync(entries, { chunkSize: REBUILD_CHUNK });
  return index;
}

/** Saves the index with the format and the checksum of the corpus it reflects. */
export function save(db: Db, index: MiniSearch<PersonalEntry>): void {
  const json = JSON.stringify(index);
  const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    put.run(KEY_INDEX, json);
    put.run(KEY_FORMAT, INDEX_FORMAT);
    put.run(KEY_CHECKSUM, corpusChecksum(db));
  })();
}

export function savedChecksum(db: Db): string | null {
  return (readMeta(db, KEY_CHECKSUM) as string | undefined) ?? null;
}
