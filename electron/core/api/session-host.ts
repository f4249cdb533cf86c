/**
 * A shell's Session, hosted in a worker thread, as Signal Desktop runs its SQL in a worker:
 * every SQLite read and write, the search index and the dispatcher's validation run there,
 * so a slow query never holds up the thread that draws menus, moves windows or answers
 * other IPC. This module is plain Node and loads nothing of the engine: the desktop main
 * process and the browser shell start with it alone.
 */
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { EventName, EventPayload } from '../../shared/api/contract';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import type { ImportWorkers } from '../import/run-in-worker';
import type { DispatchResult } from './dispatcher';
import type { FromSessionWorker, SessionState, SessionWorkerData, ToSessionWorker } from './session-protocol';

export type { SessionState } from './session-protocol';

export type SessionListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** What a shell needs of a session, hosted or not: calls through the dispatcher, and its events. */
export interface SessionApi {
  dispatch(method: string, input: unknown): Promise<DispatchResult>;
  onEvent(listener: SessionListener): () => void;
}

export interface SessionHostOptions {
  /** The app's data folder: settings (recent workspaces) and backups. */
  dataDir: string;
  /** How the worker opens workspaces (see OpenWorkspaceOptions). */
  open?: { waitForIndex?: boolean; nativeBinding?: string; seedsDir?: string; workers?: ImportWorkers };
  /** The session worker script: DEFAULT_SESSION_WORKER, or a shell's compiled one. */
  worker?: URL;
  /** Told when the worker stopped unexpectedly, and whether it was started again. */
  onCrash?: (message: string, restarted: boolean) => void;
  /** Crashes in a row, with no call answered between them, after which it is not started again (3). */
  maxRestarts?: number;
}

/**
 * Beside this code: the .js file that loads the TypeScript worker through tsx when running
 * from source, or the compiled worker in out/cli. The desktop shell passes its own (out/main).
 */
export const DEFAULT_SESSION_WORKER = new URL('./session-worker.js', import.meta.url);

interface Pending {
  method: string;
  resolve: (answer: DispatchResult) => void;
}

const failure = (code: ErrorCode, message: string): DispatchResult => ({ ok: false, error: { code, message } });

/**
 * Starts the session worker and forwards calls to it, each with its own id; the answers
 * come back in whatever order the worker finishes them. Events the session raises reach
 * every subscriber. When the worker dies, each call waiting on it gets an ApiError saying
 * so, and a new worker opens the workspace that was open.
 */
export class SessionHost implements SessionApi {
  /** For calls from a page (HTTP, the window's IPC): paths confined to the folders the user chose. */
  readonly dispatch = (method: string, input: unknown): Promise<DispatchResult> => this.call(method, input, false);
  /** For the shell's own native dialogs: any path the user picked. */
  readonly trustedDispatch = (method: string, input: unknown): Promise<DispatchResult> => this.call(method, input, true);
  private worker!: Worker;
  private readonly gone = new WeakSet<Worker>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private known: SessionState = { file: null, recent: [], last: null };
  private readonly emitter = new EventEmitter();
  private isReady = false;
  private waiting: Array<() => void> = [];
  private idle: Array<() => void> = [];
  private crashes = 0;
  /** Why calls are refused: the host is closing, or the worker crashed too often. */
  private refused: string | null = null;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: SessionHostOptions) {
    this.start(null);
  }

  /** The current worker thread, for diagnostics (its threadId) and tests. */
  get thread(): Worker {
    return this.worker;
  }

  /** The open workspace, the recent ones and the last one, as of the latest switch. */
  get state(): SessionState {
    return this.known;
  }

  /** The open workspace's file, or null. */
  get current(): string | null {
    return this.known.file;
  }

  /** Resolves once the worker has started (and, after a crash, reopened the workspace). */
  ready(): Promise<void> {
    return this.isReady || this.refused ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  onEvent(listener: SessionListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /**
   * Opens a workspace and makes it the current one, as Session.openFile does; a failure is
   * thrown as a WorkbenchError (with nothing open, the reason also goes to workspaces.status).
   */
  async openFile(file: string, options: { create?: boolean; passphrase?: string } = {}): Promise<void> {
    const message: ToSessionWorker = { type: 'open', id: 0, file, create: Boolean(options.create), ...(options.passphrase ? { passphrase: options.passphrase } : {}) };
    const answer = await this.send('workspaces.open', message);
    if (!answer.ok) throw new WorkbenchError(answer.error.code as ErrorCode, answer.error.message, answer.error.details);
  }

  /**
   * Stops taking calls, lets those under way finish (an import is told to stop after its
   * current batch, keeping what it stored), then closes the workspace and ends the worker.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const importing = [...this.pending.values()].some((p) => p.method === 'import.paths' || p.method === 'import.upload');
    // Sent before calls are refused; the drain below waits for its answer with the others.
    if (importing) void this.trustedDispatch('import.cancel', {});
    this.refused ??= 'The workbench is closing; the call was not made.';
    if (this.pending.size) await new Promise<void>((resolve) => this.idle.push(resolve));
    const worker = this.worker;
    if (this.gone.has(worker)) return;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage({ type: 'close' } satisfies ToSessionWorker);
    });
  }

  private start(reopen: string | null): void {
    const { workers, ...open } = this.options.open ?? {};
    const workerData: SessionWorkerData = {
      dataDir: this.options.dataDir,
      open: { ...open, ...(workers ? { workers: { import: workers.import.href, parse: workers.parse?.href ?? null, ...(workers.analysis ? { analysis: workers.analysis.href } : {}) } } : {}) },
      reopen,
    };
    const worker = new Worker(this.options.worker ?? DEFAULT_SESSION_WORKER, { workerData });
    this.worker = worker;
    this.isReady = false;
    worker.on('message', (message: FromSessionWorker) => this.receive(worker, message, reopen !== null));
    worker.on('error', (err) => this.stopped(worker, err.message));
    worker.on('exit', (code) => this.stopped(worker, `exit code ${code}`));
  }

  private receive(worker: Worker, message: FromSessionWorker, restarted: boolean): void {
    switch (message.type) {
      case 'ready':
        this.known = message.state;
        this.isReady = true;
        for (const resolve of this.waiting.splice(0)) resolve();
        // The window asks again what is open: the same workspace, or why it could not be reopened.
        if (restarted) this.emitter.emit('event', 'workspace.changed', { kind: 'workspace' });
        break;
      case 'state':
        this.known = message.state;
        break;
      case 'event':
        this.emitter.emit('event', message.name, message.payload);
        break;
      case 'answer': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        this.crashes = 0;
        pending?.resolve(message.answer);
        this.settle();
        break;
      }
      case 'closed':
        this.gone.add(worker);
        void worker.terminate();
        break;
    }
  }

  /** The worker ended: expected after `closed`, otherwise a crash that fails every call waiting on it. */
  private stopped(worker: Worker, reason: string): void {
    if (worker !== this.worker || this.gone.has(worker)) return;
    this.gone.add(worker);
    this.crashes++;
    const restart = !this.closing && this.crashes <= (this.options.maxRestarts ?? 3);
    const what = `The workbench engine stopped unexpectedly (${reason}).`;
    const next = restart
      ? 'It has been started again and the workspace reopened; what it had saved is kept. Check before repeating a change.'
      : this.closing
        ? 'The workbench was closing.'
        : `It stopped ${this.crashes} times in a row and was not started again: restart the workbench.`;
    for (const pending of this.pending.values()) pending.resolve(failure(ErrorCode.Internal, `${what} ${pending.method} was not answered. ${next}`));
    this.pending.clear();
    this.settle();
    if (restart) this.start(this.known.file);
    else {
      this.refused ??= `${what} ${next}`;
      for (const resolve of this.waiting.splice(0)) resolve();
    }
    this.options.onCrash?.(`${what} ${next}`, restart);
  }

  private settle(): void {
    if (this.pending.size === 0) for (const resolve of this.idle.splice(0)) resolve();
  }

  private call(method: string, input: unknown, trusted: boolean): Promise<DispatchResult> {
    return this.send(String(method), { type: 'call', id: 0, method: String(method), input, trusted });
  }

  private send(method: string, message: ToSessionWorker & { id: number }): Promise<DispatchResult> {
    if (this.refused) return Promise.resolve(failure(ErrorCode.Internal, this.refused));
    const id = this.nextId++;
    return new Promise((resolve) => {
      try {
        this.worker.postMessage({ ...message, id });
      } catch (err) {
        // Only data crosses to the worker (what JSON or IPC can carry): a function or a socket cannot.
        resolve(failure(ErrorCode.InvalidInput, `${method}: the input cannot be passed to the workspace (${(err as Error).message}).`));
        return;
      }
      this.pending.set(id, { method, resolve });
    });
  }
}
