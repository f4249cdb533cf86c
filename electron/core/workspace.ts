import { EventEmitter } from 'node:events';
import { existsSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportProgress, ImportSummary } from '../shared/schemas';
import { isPlainSqlite, openDatabase, type Db, type OpenOptions } from './db/open';
import { workspaceInfo, type WorkspaceInfo } from './workspaces/workspace-info';
import type { ImportOptions } from './import/run-import';
import { DEFAULT_WORKERS, importInWorker, importJob, type ImportWorkers } from './import/run-in-worker';
import { SearchEngine } from './search/engine';
import type { LoadOutcome } from './search/index-store';
import { IndexKeeper } from './search/index-keeper';
import { docKey, noteKey } from './search/personal-index';
import { Vocabulary } from './search/vocabulary';
import type { ChangeKind, ServiceContext } from './services/context';
import { ChartsService } from './services/charts';
import { DocumentsService } from './services/documents';
import { ExportService } from './services/export';
import { LibraryExport } from './services/library-export';
import { OcrSettings } from './services/ocr-settings';
import { OCR_LANG_ENV } from './import/ocr';
import { HighlightsService } from './services/highlights';
import { NotesService } from './services/notes';
import { SavedSearchesService } from './services/saved-searches';
import { TagsService } from './services/tags';
import { UndoLog } from './services/undo';
import { AnalysisService } from './services/analysis';
import type { AnalysisProgress } from './analysis/pending';
import { AnalysisRuns } from './workspaces/analysis-runs';
import { BackgroundJobs } from './analysis/background-jobs';
import { checkWorkspace, quickCheck, type CheckReport } from './check';
import { acquireLock, inUseError, lockOwner, type WorkspaceLock } from './workspaces/lock';
import { IdleRelease, releaseMemory } from './memory';
import { forgetHits } from './search/personal-index';
import type { CopyOptions } from './workspaces/verified-copy';

/** The sample corpus a new workspace starts with. */
export function defaultSeedsDir(): string {
  return fileURLToPath(new URL('../../seeds', import.meta.url));
}

export interface OpenWorkspaceOptions extends OpenOptions {
  /** For a new workspace: import these instead of the seeds. An empty list means an empty workspace. */
  importPaths?: string[];
  seedsDir?: string;
  /**
   * Resolve `open` only once the search index of titles, tags and notes is loaded (the
   * default, for the CLI and tests). The shells pass false: the workspace answers at
   * once from FTS5, marking results `partial` until the index is in.
   */
  waitForIndex?: boolean;
  /** The import and parse worker scripts; bundled builds pass their compiled ones. */
  workers?: ImportWorkers;
  /**
   * Open beside the process that owns the workspace, only to read: no lock is taken and
   * nothing is written (a write fails with WORKSPACE_IN_USE naming the owner).
   */
  reader?: boolean;
  /** false: a reader whose command never searches (the CLI's show, info, lists) loads no index of titles, tags and notes. */
  searchIndex?: false;
  /**
   * Start the analysis in the background after an import or an undo (the default, for the
   * shells). The CLI passes false: its process ends with the command, so a started analysis
   * would only be stopped again; the analysis commands bring it up to date when asked.
   */
  backgroundAnalysis?: boolean;
}

export interface WorkspaceEvents {
  changed: [kind: ChangeKind];
  /** SQLite's quick_check, run in the background after opening, failed. */
  damaged: [reason: string];
  /** The daily backup, made in the background after opening, failed. */
  backupFailed: [message: string];
  analysisProgress: [progress: AnalysisProgress];
  importProgress: [progress: ImportProgress];
  indexReady: [];
}

/**
 * One open workspace file: the database, the services, and the search index derived
 * from it. Every mutation goes through a service, which keeps the index current.
 */
export class Workspace extends EventEmitter<WorkspaceEvents> {
  readonly documents: DocumentsService;
  readonly tags: TagsService;
  readonly highlights: HighlightsService;
  readonly notes: NotesService;
  readonly savedSearches: SavedSearchesService;
  readonly exporter: ExportService;
  readonly library: LibraryExport;
  readonly ocr: OcrSettings;
  readonly undo: UndoLog;
  readonly analysis: AnalysisService;
  readonly charts: ChartsService;
  private readonly analysisRuns: AnalysisRuns;
  private readonly jobs: BackgroundJobs;
  readonly search: SearchEngine;
  readonly vocabulary: Vocabulary;
  /** Resolves when the search index is loaded or rebuilt. */
  readonly ready: Promise<void>;
  private readonly keeper: IndexKeeper;
  /** Gives back SQLite's caches and V8's garbage once searching has stopped for a moment. */
  readonly idle = new IdleRelease(() => {
    // The search's held hits are derived and read again when needed; the sets of common words
    // (doc-sets.ts, 12.5 KB a word at 100,000 documents) stay, for the next query's first contact.
    if (this.keeper.index) forgetHits(this.keeper.index);
    releaseMemory(this.db);
  });
  private importing = 0;
  private closed = false;
  private backgroundAnalysis = true;
  /** `open` waits for the index (CLI, tests): parse it in one go, twice as fast as in slices. */
  private indexAwaited = false;
  private indexSkipped = false;

  private constructor(
    readonly file: string,
    readonly db: Db,
    private readonly workers: ImportWorkers,
    private readonly nativeBinding: string | undefined,
    /** Kept in memory only, for the import worker's connection, backups and hand-outs. */
    readonly passphrase: string | undefined,
    /** The one-owner lock; null for a reader beside the owner. */
    private readonly lock: WorkspaceLock | null,
  ) {
    super();
    this.keeper = new IndexKeeper(db, () => this.closed);
    this.jobs = new BackgroundJobs(workers.analysis, { file, nativeBinding, passphrase });
    this.vocabulary = new Vocabulary(db);
    this.undo = new UndoLog(db, {
      reindexDocuments: (ids) => this.keeper.reindex('documents', ids),
      reindexNotes: (ids) => this.keeper.reindex('notes', ids),
      corpusChanged: () => {
        this.vocabulary.invalidate();
        // A document brought back by undo lost its analysis with it; it is done again.
        if (this.backgroundAnalysis) this.analyze().catch(() => undefined);
      },
      changed: (kind) => this.emit('changed', kind),
    });
    const ctx: ServiceContext = {
      undo: this.undo,
      db,
      reindexDocuments: (ids) => this.keeper.reindex('documents', ids),
      reindexNotes: (ids) => this.keeper.reindex('notes', ids),
      unindexNotes: (ids) => this.keeper.unindex([...ids].map(noteKey)),
      unindexDocuments: (docs) => {
        this.keeper.unindex(docs.map((d) => docKey(d.id)));
        this.vocabulary.invalidate();
      },
      changed: (kind) => {
        // A document's language may have been edited.
        if (kind === 'documents') this.vocabulary.languagesChanged();
        this.emit('changed', kind);
      },
    };
    this.documents = new DocumentsService(ctx);
    this.tags = new TagsService(ctx);
    this.highlights = new HighlightsService(ctx);
    this.notes = new NotesService(ctx);
    this.savedSearches = new SavedSearchesService(ctx);
    this.exporter = new ExportService(this.documents, this.highlights, this.notes, this.tags, db);
    this.search = new SearchEngine(db, this.vocabulary, () => this.keeper.index, () => this.idle.touch());
    this.library = new LibraryExport(db, (req) => this.search.query(req));
    this.ocr = new OcrSettings(db);
    this.analysis = new AnalysisService(db, () => this.emit('changed', 'analysis'));
    this.analysisRuns = new AnalysisRuns({
      db,
      jobs: this.jobs,
      reader: () => this.reader,
      closed: () => this.closed,
      progress: (p) => this.emit('analysisProgress', p),
      changed: () => this.emit('changed', 'analysis'),
    });
    this.charts = new ChartsService(db);
    this.ready = this.loadIndex(this.keeper.readSaved());
  }

  private async loadIndex(saved: ReturnType<IndexKeeper['readSaved']>): Promise<void> {
    // Let `open` return first: parsing a saved index of 100k titles takes a moment, and the
    // first search can be answered from FTS5 meanwhile.
    await new Promise((r) => setImmediate(r));
    if (this.closed || this.indexSkipped) return;
    if (await this.keeper.load(saved, this.indexAwaited)) this.emit('indexReady');
    // Parsing the saved index leaves as much garbage again as the index itself.
    if (!this.closed) this.idle.touch();
  }

  /**
   * Opens a workspace file, or creates it with `create: true`. A new workspace imports
   * `importPaths`, or the seed corpus when none are given.
   */
  static async open(file: string, options: OpenWorkspaceOptions = {}): Promise<Workspace> {
    // A write-ahead log left with pages in it means the last session did not close cleanly.
    const unclean = existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0;
    const lock = options.reader ? null : acquireLock(file, options.nativeBinding);
    let opened: ReturnType<typeof openDatabase>;
    try {
      opened = openDatabase(file, { ...options, ...(options.reader ? { readonly: true } : {}) });
    } catch (err) {
      lock?.release();
      throw err;
    }
    const { db, created } = opened;
    // The shells answer at once and check in a worker (a second on 100k documents), unless
    // the last session crashed; the CLI and tests check before anything else.
    // A reader writes nothing and leaves checking to the owner or the next full open (a check in a
    // worker also held a reading command's exit until it ended: 1.5 s at 100,000 documents).
    const checkLater = options.waitForIndex === false && !unclean && !created && !options.reader;
    if (!created && !checkLater && !options.reader) {
      try {
        quickCheck(db, file);
      } catch (err) {
        lock?.release();
        throw err;
      }
    }
    const encrypted = options.passphrase !== undefined && !isPlainSqlite(file);
    const ws = new Workspace(file, db, options.workers ?? DEFAULT_WORKERS, options.nativeBinding, encrypted ? options.passphrase : undefined, lock);
    ws.backgroundAnalysis = options.backgroundAnalysis !== false;
    ws.indexAwaited = options.waitForIndex !== false; // read by loadIndex after the next turn
    ws.indexSkipped = options.reader === true && options.searchIndex === false; // a writer keeps its index current
    try {
      if (checkLater) ws.checkInBackground();
      if (options.waitForIndex !== false || created) await ws.ready;
      if (created) {
        const paths = options.importPaths ?? [options.seedsDir ?? defaultSeedsDir()];
        if (paths.length > 0 && paths.every((p) => existsSync(p))) await ws.importFiles(paths);
        ws.flush();
      }
    } catch (err) {
      ws.close();
      // A workspace made just now and left half-filled would open empty next time: remove it.
      if (created) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      throw err;
    }
    return ws;
  }

  /** Opened beside the owner, only to read. */
  get reader(): boolean {
    return this.lock === null;
  }

  /** Refuses a write in a reader, naming the process that owns the workspace. */
  assertWriter(): void {
    if (this.reader) throw inUseError(this.file, lockOwner(this.file, this.nativeBinding));
  }

  /** How the index came to be: loaded from the file, or rebuilt and why. Null while loading. */
  get indexOutcome(): LoadOutcome | null {
    return this.keeper.outcome;
  }

  /**
   * Brings the index up to date when another connection has changed the corpus since it
   * was last looked at (PRAGMA data_version, then the revision checksum): called before
   * each answer, it costs one pragma when nothing changed.
   */
  async syncExternal(): Promise<void> {
    if (this.closed || this.importing > 0) return;
    if (await this.keeper.syncExternal()) {
      this.vocabulary.invalidate();
      this.emit('changed', 'documents');
    }
  }

  /**
   * Imports files and folders in a worker thread; see importPaths for the guarantees.
   * REFI-QDA projects and codebooks among them are brought in here, after the rest.
   */
  async importFiles(paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
    this.assertWriter();
    this.importing++;
    try {
      // REFI-QDA projects among the paths are read by the exchange module, loaded only for an import.
      const { importWithProjects } = await import('./interchange/import-projects');
      return await importWithProjects(this, paths, options, (p, o) => this.runImport(p, o));
    } finally {
      this.importing--;
      this.keeper.settled();
    }
  }

  private async runImport(paths: string[], options: ImportOptions): Promise<ImportSummary> {
    // The CLI's --ocr-lang (or the environment) for its run, else the workspace's choice.
    const ocrLanguages = process.env[OCR_LANG_ENV] || this.ocr.chosen().join('+');
    const job = importJob(this.file, paths, options, { nativeBinding: this.nativeBinding, passphrase: this.passphrase, ocrLanguages });
    const summary = await importInWorker(this.workers, job, {
      ...options,
      onProgress: (p) => {
        options.onProgress?.(p);
        this.emit('importProgress', p);
      },
      onStored: (entries) => this.keeper.stored(entries),
    });
    if (summary.imported > 0) {
      this.vocabulary.invalidate();
      this.emit('changed', 'documents');
      // In the background: the import is done for the user; passages, entities and figures follow.
      if (this.backgroundAnalysis) this.analyze().catch(() => undefined);
    }
    return summary;
  }

  /** After a merge wrote tags, highlights and notes directly: re-reads them into the index and tells the UI. */
  afterMerge(documents: number[], notes: number[]): void {
    this.keeper.reindex('documents', documents);
    this.keeper.reindex('notes', notes);
    for (const kind of ['tags', 'highlights', 'notes'] as const) this.emit('changed', kind);
  }

  /**
   * Brings the cross-source analysis up to date for documents that do not have it, in a
   * worker thread, with progress as `analysisProgress` events (see AnalysisRuns for calls made while one runs).
   */
  analyze(): Promise<AnalysisProgress> {
    return this.analysisRuns.run();
  }

  /** How a copy of this workspace (a backup, a hand-out) is checked beside this thread: the worker, the native module. */
  get copyOptions(): CopyOptions {
    return { script: this.workers.analysis ?? null, nativeBinding: this.nativeBinding };
  }

  /**
   * Makes the daily backup in a worker, so that opening a large workspace does not wait
   * for the copy; `backupFailed` says when it could not be made.
   */
  async backupInBackground(dataDir: string): Promise<string | null> {
    if (!this.jobs.available) return null;
    const r = await this.jobs.backup(dataDir);
    if ('error' in r) {
      this.backupError = { message: r.error, at: new Date().toISOString() };
      if (!this.closed) this.emit('backupFailed', r.error);
      return null;
    }
    this.backupError = null;
    return r.file;
  }

  /**
   * Why the last daily backup could not be made, until one is made: kept here, not only
   * said as an event, so an interface that connects later still shows it.
   */
  backupError: { message: string; at: string } | null = null;

  /**
   * Stops the background workers and waits until their connections are closed: before the
   * file is re-keyed or replaced, which needs it to be the only connection.
   */
  stopWorkers(): Promise<void> {
    return this.jobs.stop();
  }

  /** Runs quick_check in a worker; emits `damaged` when it fails. */
  private checkInBackground(): void {
    if (!this.jobs.available) return;
    void this.jobs.check().then((result) => {
      if (result !== 'ok' && !this.closed) this.emit('damaged', result);
    });
  }

  /** Saves the search index when it has changed since it was loaded or saved. */
  flush(): void {
    if (!this.closed && !this.reader) this.keeper.flush();
  }

  info(): WorkspaceInfo {
    return workspaceInfo(this.db, this.file, this.passphrase !== undefined);
  }

  async check(): Promise<CheckReport> {
    await this.ready;
    this.flush();
    return checkWorkspace(this.db, this.keeper.index!);
  }

  close(): void {
    if (this.closed) return;
    // An unfinished analysis keeps its committed batches and goes on at the next open.
    void this.jobs.stop();
    this.flush();
    this.closed = true;
    this.idle.cancel();
    try {
      if (!this.reader) this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A worker may still be finishing a batch: the log is checkpointed by the next connection instead.
    } finally {
      this.db.close();
      this.lock?.release();
    }
  }
}
