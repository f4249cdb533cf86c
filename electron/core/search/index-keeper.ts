import type MiniSearch from 'minisearch';
import type { Db } from '../db/open';
import type { StoredEntry } from '../import/store';
import { corpusChecksum, loadOrRebuild, readSaved, rebuild, save, type LoadOutcome } from './index-store';
import { docKey, keyId, noteKey, readDocumentEntries, readNoteEntries, remove, upsert, type PersonalEntry } from './personal-index';

/**
 * Keeps the MiniSearch index of titles, tags, notes and highlights in step with the database
 * it is derived from: loads the saved copy (or rebuilds it), applies every change a service
 * makes (remembering those made before the index is in), notices another connection's
 * commits, and saves it only with the checksum of the corpus it reflects.
 */
export class IndexKeeper {
  /** Null until loaded: searches meanwhile answer from FTS5 alone. */
  index: MiniSearch<PersonalEntry> | null = null;
  /** How the index came to be: loaded from the file, or rebuilt and why. */
  outcome: LoadOutcome | null = null;
  // Changes made before the index is in, applied when it is.
  private readonly pendingDocs = new Set<number>();
  private readonly pendingNotes = new Set<number>();
  private dirty = false;
  // The corpus checksum the index reflects, and the last PRAGMA data_version seen: another
  // connection's commit changes the latter, and the former tells whether it touched the corpus.
  private indexed = '';
  private seenVersion = -1;

  constructor(
    private readonly db: Db,
    private readonly gone: () => boolean,
  ) {}

  /** What was saved, read at once so that the check precedes any change. */
  readSaved(): ReturnType<typeof readSaved> {
    return readSaved(this.db);
  }

  /** Parses (`whole`: in one go) or rebuilds the index, then applies what changed meanwhile. False when closed first. */
  async load(saved: ReturnType<typeof readSaved>, whole: boolean): Promise<boolean> {
    const { index, outcome } = await loadOrRebuild(this.db, saved, whole);
    if (this.gone()) return false;
    const docs = readDocumentEntries(this.db, [...this.pendingDocs]);
    const notes = readNoteEntries(this.db, [...this.pendingNotes]);
    const present = new Set([...docs, ...notes].map((e) => e.id));
    remove(index, [...[...this.pendingDocs].map(docKey), ...[...this.pendingNotes].map(noteKey)].filter((k) => !present.has(k)));
    upsert(index, [...docs, ...notes]);
    if (this.pendingDocs.size || this.pendingNotes.size) this.touched();
    this.pendingDocs.clear();
    this.pendingNotes.clear();
    this.index = index;
    this.outcome = outcome;
    this.touched(outcome !== 'loaded' || this.dirty);
    return true;
  }

  /** The index changed with the corpus (by this process): it is to be saved, and reflects the corpus as it is now. */
  touched(dirty = true): void {
    this.dirty = dirty;
    this.indexed = corpusChecksum(this.db);
    this.seenVersion = this.db.pragma('data_version', { simple: true }) as number;
  }

  /** After an import: the index reflects the corpus, and is to be saved if anything came in. */
  settled(): void {
    if (this.index) this.touched(this.dirty);
  }

  /**
   * Rebuilds the index when another connection has changed the corpus since it was last
   * looked at (PRAGMA data_version, then the revision checksum); one pragma when nothing
   * changed. True when it was rebuilt.
   */
  async syncExternal(): Promise<boolean> {
    if (!this.index) return false;
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version === this.seenVersion) return false;
    this.seenVersion = version;
    if (corpusChecksum(this.db) === this.indexed) return false;
    const index = await rebuild(this.db);
    if (this.gone()) return false;
    this.index = index;
    this.touched();
    return true;
  }

  /** Re-reads documents or notes into the index, or remembers them until it has loaded. */
  reindex(kind: 'documents' | 'notes', ids: Iterable<number>): void {
    if (!this.index) {
      for (const id of ids) (kind === 'documents' ? this.pendingDocs : this.pendingNotes).add(id);
      return;
    }
    const unique = [...new Set(ids)];
    upsert(this.index, kind === 'documents' ? readDocumentEntries(this.db, unique) : readNoteEntries(this.db, unique));
    this.touched();
  }

  unindex(keys: string[]): void {
    if (!this.index) {
      // The index loads as saved; these ids are read again then, and found gone.
      keys.forEach((k) => (k.startsWith('d:') ? this.pendingDocs : this.pendingNotes).add(keyId(k)));
      return;
    }
    remove(this.index, keys);
    this.touched();
  }

  /** Documents an import batch committed: their titles, outlets and authors. */
  stored(entries: StoredEntry[]): void {
    const docs = entries.map((d) => {
      const e: PersonalEntry = { id: docKey(d.id), title: d.title };
      if (d.outlet) e.outlet = d.outlet;
      if (d.author) e.author = d.author;
      return e;
    });
    if (this.index) {
      upsert(this.index, docs);
      this.touched();
    } else entries.forEach((d) => this.pendingDocs.add(d.id));
  }

  /** Saves the index when it has changed since it was loaded or saved. */
  flush(): void {
    if (!this.dirty || !this.index) return;
    // Never saved with a checksum it does not reflect: a stale index would be trusted at the next open.
    if (corpusChecksum(this.db) !== this.indexed) return;
    save(this.db, this.index);
    this.dirty = false;
  }
}
