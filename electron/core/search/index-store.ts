import type MiniSearch from 'minisearch';
import type { Db } from '../db/open';
import {
  INDEX_FORMAT,
  createPersonalIndex,
  loadPersonalIndex,
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

/** Loads the saved index when it matches the corpus, or rebuilds it in chunks. */
export async function loadOrRebuild(db: Db): Promise<{ index: MiniSearch<PersonalEntry>; outcome: LoadOutcome }> {
  const format = readMeta(db, KEY_FORMAT);
  const checksum = readMeta(db, KEY_CHECKSUM);
  const json = readMeta(db, KEY_INDEX);
  let outcome: LoadOutcome = 'rebuilt-missing';
  if (typeof json === 'string') {
    if (format !== INDEX_FORMAT) outcome = 'rebuilt-format';
    else if (checksum !== corpusChecksum(db)) outcome = 'rebuilt-stale';
    else {
      try {
        return { index: await loadPersonalIndex(json), outcome: 'loaded' };
      } catch {
        outcome = 'rebuilt-unreadable';
      }
    }
  }
  return { index: await rebuild(db), outcome };
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
