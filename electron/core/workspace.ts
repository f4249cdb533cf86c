import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type MiniSearch from 'minisearch';
import type { ImportProgress, ImportSummary } from '../shared/schemas';
import { openDatabase, type Db, type OpenOptions } from './db/open';
import { importPaths, type ImportOptions, type NewDocument } from './import/run-import';
import { SearchEngine } from './search/engine';
import { loadOrRebuild, save as saveIndex, rebuild, type LoadOutcome } from './search/index-store';
import { docKey, noteKey, readDocumentEntries, readNoteEntries, remove, upsert, type PersonalEntry } from './search/personal-index';
import { Vocabulary } from './search/vocabulary';
import { nowIso, type ChangeKind, type ServiceContext } from './services/context';
import { DocumentsService } from './services/documents';
import { ExportService } from './services/export';
import { HighlightsService } from './services/highlights';
import { NotesService } from './services/notes';
import { SavedSearchesService } from './services/saved-searches';
import { TagsService } from './services/tags';
import { checkWorkspace, type CheckReport } from './check';

/** The sample corpus a new workspace starts with. */
export function defaultSeedsDir(): string {
  return fileURLToPath(new URL('../../seeds', import.meta.url));
}

export interface OpenWorkspaceOptions extends OpenOptions {
  /** For a new workspace: import these instead of the seeds. An empty list means an empty workspace. */
  importPaths?: string[];
  seedsDir?: string;
}

export interface WorkspaceEvents {
  changed: [kind: ChangeKind];
  importProgress: [progress: ImportProgress];
}

/**
 * One open workspace file: the database, the services, and the search index that is
 * derived from it. Every mutation goes through a service, which keeps the index current.
 */
export class Workspace extends EventEmitter<WorkspaceEvents> {
  readonly documents: DocumentsService;
  readonly tags: TagsService;
  readonly highlights: HighlightsService;
  readonly notes: NotesService;
  readonly savedSearches: SavedSearchesService;
  readonly exporter: ExportService;
  readonly search: SearchEngine;
  readonly vocabulary: Vocabulary;
  private dirty = false;
  private closed = false;

  private constructor(
    readonly file: string,
    readonly db: Db,
    private index: MiniSearch<PersonalEntry>,
    readonly indexOutcome: LoadOutcome,
  ) {
    super();
    this.vocabulary = new Vocabulary(db);
    const ctx: ServiceContext = {
      db,
      reindexDocuments: (ids) => this.reindex(readDocumentEntries(db, [...new Set(ids)])),
      reindexNotes: (ids) => this.reindex(readNoteEntries(db, [...new Set(ids)])),
      unindexNotes: (ids) => {
        remove(this.index, [...ids].map(noteKey));
        this.dirty = true;
      },
      unindexDocuments: (docs) => {
        remove(this.index, docs.map((d) => docKey(d.id)));
        docs.forEach((d) => this.vocabulary.update(d.body, -1));
        this.dirty = true;
      },
      changed: (kind) => this.emit('changed', kind),
    };
    this.documents = new DocumentsService(ctx);
    this.tags = new TagsService(ctx);
    this.highlights = new HighlightsService(ctx);
    this.notes = new NotesService(ctx);
    this.savedSearches = new SavedSearchesService(ctx);
    this.exporter = new ExportService(this.documents, this.highlights, this.notes, this.tags);
    this.search = new SearchEngine(db, this.vocabulary, () => this.index);
  }

  /**
   * Opens a workspace file, or creates it with `create: true`. A new workspace imports
   * `importPaths`, or the seed corpus when none are given.
   */
  static async open(file: string, options: OpenWorkspaceOptions = {}): Promise<Workspace> {
    const { db, created } = openDatabase(file, options);
    let ws: Workspace;
    try {
      const { index, outcome } = await loadOrRebuild(db);
      ws = new Workspace(file, db, index, outcome);
      if (outcome !== 'loaded' && !options.readonly) ws.dirty = true;
    } catch (err) {
      db.close();
      throw err;
    }
    if (created) {
      const paths = options.importPaths ?? [options.seedsDir ?? defaultSeedsDir()];
      if (paths.length > 0 && paths.every((p) => existsSync(p))) await ws.importFiles(paths);
      ws.flush();
    }
    return ws;
  }

  private reindex(entries: PersonalEntry[]): void {
    upsert(this.index, entries);
    this.dirty = true;
  }

  private storeBatch(docs: NewDocument[]): number[] {
    const insert = this.db.prepare(
      `INSERT INTO documents (title, body, outlet, author, published, url, file_name, format, encoding, sha256, size_bytes, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = nowIso();
    const ids = this.db.transaction(() =>
      docs.map((d) =>
        Number(insert.run(d.title, d.body, d.outlet, d.author, d.published, d.url, d.fileName, d.format, d.encoding, d.sha256, d.sizeBytes, now).lastInsertRowid),
      ),
    )();
    upsert(
      this.index,
      docs.map((d, i) => {
        const e: PersonalEntry = { id: docKey(ids[i]!), title: d.title };
        if (d.outlet) e.outlet = d.outlet;
        if (d.author) e.author = d.author;
        return e;
      }),
    );
    docs.forEach((d) => this.vocabulary.update(d.body, 1));
    this.dirty = true;
    return ids;
  }

  /** Imports files and folders; see importPaths for the guarantees. */
  async importFiles(paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
    const summary = await importPaths(
      {
        findBySha: (sha) => (this.db.prepare('SELECT id FROM documents WHERE sha256 = ?').pluck().get(sha) as number | undefined) ?? null,
        storeBatch: (docs) => this.storeBatch(docs),
      },
      paths,
      {
        ...options,
        onProgress: (p) => {
          options.onProgress?.(p);
          this.emit('importProgress', p);
        },
      },
    );
    if (summary.imported > 0) {
      await this.optimize();
      this.emit('changed', 'documents');
    }
    return summary;
  }

  /** Merges FTS5 segments a little at a time, so no single step blocks for long. */
  async optimize(): Promise<void> {
    const merge = this.db.prepare("INSERT INTO documents_fts (documents_fts, rank) VALUES ('merge', ?)");
    const changes = this.db.prepare('SELECT total_changes()').pluck();
    for (let i = 0; i < 10_000; i++) {
      const before = changes.get() as number;
      merge.run(64);
      // FTS5's own test for "nothing left to merge": fewer than two changes.
      if ((changes.get() as number) - before < 2) break;
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Rebuilds the search index from the database, for `check --repair` and tests. */
  async rebuildIndex(): Promise<void> {
    this.index = await rebuild(this.db);
    this.dirty = true;
    this.flush();
  }

  get indexDirty(): boolean {
    return this.dirty;
  }

  /** Saves the search index when it has changed since it was loaded or saved. */
  flush(): void {
    if (!this.dirty || this.closed) return;
    saveIndex(this.db, this.index);
    this.dirty = false;
  }

  info(): { file: string; documents: number; tags: number; highlights: number; notes: number; savedSearches: number; bytes: number } {
    const count = (table: string) => this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return {
      file: this.file,
      documents: count('documents'),
      tags: count('tags'),
      highlights: count('highlights'),
      notes: count('notes'),
      savedSearches: count('saved_searches'),
      bytes: (this.db.prepare('SELECT coalesce(sum(size_bytes), 0) FROM documents').pluck().get() as number) ?? 0,
    };
  }

  check(): CheckReport {
    this.flush();
    return checkWorkspace(this.db, this.index);
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}
