import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { EventName, EventPayload, WorkspaceInfo, WorkspaceProblem, WorkspaceStatus } from '../../shared/api/contract';
import { ErrorCode, WorkbenchError, isWorkbenchError } from '../../shared/errors';
import type { ImportSummary } from '../../shared/schemas';
import type { OpenWorkspaceOptions, Workspace } from '../workspace';
import { userDataDir } from '../paths';
import { verifyWorkspaceCopy } from '../workspaces/backups';
import { damaged, openManaged, restoreManaged } from '../workspaces/manager';
import { rekeyWorkspace } from '../workspaces/rekey';
import { acquireLock, type WorkspaceLock } from '../workspaces/lock';
import { SettingsStore } from '../workspaces/settings';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createHandlers } from './handlers';
import { confinedPaths, trustedPaths } from './path-guard';
import { createWorkspaceHandlers } from './workspace-handlers';

type Listener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface SessionOptions {
  /** The app's data folder: settings (recent workspaces) and backups. */
  dataDir: string;
  /** How workspaces are opened in this shell (workers, native addon, index loading). */
  open?: Omit<OpenWorkspaceOptions, 'create' | 'passphrase' | 'importPaths'>;
}

/**
 * What a shell serves: the open workspace (or the reason none is open) behind one
 * dispatcher, and the events it raises. Both the Electron main process and the HTTP
 * server hold one of these; opening, switching, restoring and re-keying go through it.
 */
export class Session {
  /** For calls from a page (HTTP, the window's IPC): paths confined to the folders the user chose. */
  readonly dispatch: Dispatch;
  /** For the CLI and the desktop shell's native dialogs: any path the user picked. */
  readonly trustedDispatch: Dispatch;
  readonly settings: SettingsStore;
  private ws: Workspace | null = null;
  private problem: WorkspaceProblem | null = null;
  private readonly emitter = new EventEmitter();
  private readonly imports = { controller: null as AbortController | null, done: (summary: ImportSummary) => this.emit('import.done', summary) };

  constructor(readonly options: SessionOptions) {
    this.settings = new SettingsStore(options.dataDir);
    const confined = confinedPaths(options.dataDir, () => this.chosenFiles());
    const page = createDispatcher({ ...createHandlers(() => this.workspace, this.imports, confined, (event, payload) => this.emit(event, payload)), ...createWorkspaceHandlers(this, confined) });
    const trusted = createDispatcher({ ...createHandlers(() => this.workspace, this.imports, trustedPaths, (event, payload) => this.emit(event, payload)), ...createWorkspaceHandlers(this, trustedPaths) });
    // Before each answer, the index catches up with what another connection changed.
    const synced = (dispatch: Dispatch): Dispatch => async (method, input) => {
      await this.ws?.syncExternal().catch(() => undefined);
      return dispatch(method, input);
    };
    this.dispatch = synced(page);
    this.trustedDispatch = synced(trusted);
  }

  /** A session serving a workspace that is already open (tests, embedding). */
  static of(ws: Workspace, options: Partial<SessionOptions> = {}): Session {
    const session = new Session({ dataDir: options.dataDir ?? userDataDir(), ...(options.open ? { open: options.open } : {}) });
    session.switchTo(ws);
    return session;
  }

  /** The open workspace; NO_WORKSPACE when there is none (locked, damaged, not chosen). */
  get workspace(): Workspace {
    if (!this.ws) {
      throw new WorkbenchError(ErrorCode.NoWorkspace, this.problem ? `No workspace is open: ${this.problem.message}` : 'No workspace is open: open or create one.');
    }
    return this.ws;
  }

  get current(): Workspace | null {
    return this.ws;
  }

  /** The workspaces the user chose: their folders are the ones a page may name files in. */
  private chosenFiles(): string[] {
    return [...this.settings.recentExisting(), ...(this.ws ? [this.ws.file] : []), ...(this.problem ? [this.problem.file] : []), ...this.picked];
  }

  /** Files the user picked in the desktop shell's native dialogs, for as long as the app runs. */
  private readonly picked: string[] = [];

  /** A file the user picked in a native dialog: the window may name it, and files beside it, from now on. */
  pick(file: string): string {
    const full = resolve(file);
    if (!this.picked.includes(full)) this.picked.push(full);
    return full;
  }

  private wire(ws: Workspace): void {
    ws.on('changed', (kind) => this.emit('workspace.changed', { kind }));
    ws.on('importProgress', (p) => this.emit('import.progress', p));
    ws.on('indexReady', () => this.emit('index.ready', {}));
    ws.on('analysisProgress', (p) => this.emit('analysis.progress', p));
    ws.on('damaged', (reason) => this.onDamaged(ws, reason));
    ws.on('backupFailed', (message) => {
      process.stderr.write(`workbench: the daily backup of ${ws.file} failed: ${message}\n`);
      if (ws.backupError) this.emit('backup.failed', { file: ws.file, ...ws.backupError });
    });
  }

  private emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', event, payload);
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: Listener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /**
   * Opens a workspace and makes it the current one. When it cannot be opened, the one
   * open stays open and the error is thrown; with none open, the reason is kept for
   * `workspaces.status` (the start screen shows it: unlock, restore a backup…).
   */
  async openFile(file: string, options: { create?: boolean; passphrase?: string; importPaths?: string[] } = {}): Promise<Workspace> {
    const path = resolve(file);
    if (options.create) {
      if (existsSync(path)) throw new WorkbenchError(ErrorCode.Conflict, `${path} already exists; open it, or choose another name.`, { file: path });
      if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true });
    } else if (!existsSync(path)) {
      throw new WorkbenchError(ErrorCode.CannotOpen, `${path} does not exist.`, { file: path });
    }
    let next: Workspace;
    try {
      next = await openManaged(path, {
        ...this.options.open,
        dataDir: this.options.dataDir,
        create: Boolean(options.create),
        ...(options.passphrase ? { passphrase: options.passphrase } : {}),
        ...(options.importPaths ? { importPaths: options.importPaths } : {}),
      });
    } catch (err) {
      if (!this.ws) this.problem = problemOf(path, err);
      throw err;
    }
    this.switchTo(next);
    return next;
  }

  private switchTo(next: Workspace): void {
    this.imports.controller?.abort();
    if (this.ws) {
      this.ws.removeAllListeners();
      this.ws.close();
    }
    this.ws = next;
    this.problem = null;
    this.settings.opened(next.file);
    this.wire(next);
    this.emit('workspace.changed', { kind: 'workspace' });
    // Documents imported before the analysis existed, or while a run was cut short.
    next.analyze().catch(() => undefined);
  }

  /** The background quick_check failed: close the workspace, move it aside, and say so. */
  private onDamaged(ws: Workspace, reason: string): void {
    if (this.ws !== ws) return;
    ws.removeAllListeners();
    ws.close();
    this.ws = null;
    this.problem = problemOf(ws.file, damaged(ws.file, this.options.dataDir, `${ws.file} is damaged: SQLite's quick_check reports ${reason}.`));
    this.emit('workspace.changed', { kind: 'workspace' });
  }

  /** Closes the open workspace for an operation on its file; `reopen` follows. */
  private async release(): Promise<{ file: string; passphrase: string | undefined; lock: WorkspaceLock }> {
    const ws = this.workspace;
    if (this.imports.controller) throw new WorkbenchError(ErrorCode.Conflict, 'An import is running; wait for it or cancel it first.');
    // The lock is kept while the file is closed, so no other program takes it meanwhile.
    const held = { file: ws.file, passphrase: ws.passphrase, lock: acquireLock(ws.file) };
    // Re-keying and restoring need the only connection to the file.
    await ws.stopWorkers();
    ws.removeAllListeners();
    ws.close();
    this.ws = null;
    return held;
  }

  /** Encrypts, re-keys or (next undefined) decrypts the open workspace and its backups, and reopens it. */
  async rekey(current: string | undefined, next: string | undefined): Promise<Workspace> {
    if (current !== undefined && this.workspace.passphrase !== current) {
      throw new WorkbenchError(ErrorCode.WrongPassphrase, 'That is not the passphrase of this workspace. Nothing was changed.');
    }
    const held = await this.release();
    let key = held.passphrase;
    try {
      rekeyWorkspace(held.file, this.options.dataDir, held.passphrase, next);
      key = next;
    } finally {
      // With whichever key the file has now: the new one, or the old if re-keying failed.
      await this.openFile(held.file, key ? { passphrase: key } : {}).finally(() => held.lock.release());
    }
    return this.workspace;
  }

  /**
   * Restores a backup over the open workspace, or over `file` (a damaged one moved aside),
   * and opens it. The backup is verified before anything is closed, and when restoring
   * fails the workspace that was open is opened again.
   */
  async restore(backup: string, file?: string, passphrase?: string): Promise<Workspace> {
    const target = file ? resolve(file) : this.workspace.file;
    let key = passphrase;
    if (!this.ws || resolve(this.ws.file) !== target) {
      restoreManaged(target, backup, this.options.dataDir, key);
      return this.openFile(target, key ? { passphrase: key } : {});
    }
    key = key ?? this.ws.passphrase;
    verifyWorkspaceCopy(backup, key);
    const held = await this.release();
    try {
      try {
        restoreManaged(target, backup, this.options.dataDir, key);
      } catch (err) {
        await this.openFile(held.file, held.passphrase ? { passphrase: held.passphrase } : {}).catch(() => undefined);
        throw err;
      }
      return await this.openFile(target, key ? { passphrase: key } : {});
    } finally {
      held.lock.release();
    }
  }

  status(info: (ws: Workspace) => WorkspaceInfo): WorkspaceStatus {
    return {
      open: this.ws ? info(this.ws) : null,
      problem: this.problem,
      backupFailure: this.ws?.backupError ? { file: this.ws.file, ...this.ws.backupError } : null,
      recent: this.settings.recentExisting().map((f) => ({ file: f, name: basename(f) })),
      defaultFolder: this.options.dataDir,
    };
  }

  close(): void {
    this.imports.controller?.abort();
    this.ws?.close();
    this.ws = null;
  }
}

function problemOf(file: string, err: unknown): WorkspaceProblem {
  const details = (isWorkbenchError(err) ? err.details : undefined) ?? {};
  return {
    code: isWorkbenchError(err) ? err.code : ErrorCode.CannotOpen,
    message: err instanceof Error ? err.message : String(err),
    file,
    movedTo: typeof details.movedTo === 'string' ? details.movedTo : null,
    latestBackup: typeof details.latestBackup === 'string' ? details.latestBackup : null,
  };
}
