/**
 * The thread that owns the workspace for a shell (see session-host.ts): the Session, its
 * SQLite connections and search index, and the dispatcher that validates every call in
 * and out. A slow query blocks this thread only, never the window's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ErrorCode } from '../../shared/errors';
import type { ImportWorkers } from '../import/run-in-worker';
import { apiErrorOf, type DispatchResult } from './dispatcher';
import { Session } from './session';
import type { FromSessionWorker, SessionState, SessionWorkerData, ToSessionWorker, WorkerOpenOptions } from './session-protocol';

if (!parentPort) throw new Error('session-worker runs in a worker thread: start it with SessionHost.');
const port = parentPort;
const data = workerData as SessionWorkerData;

function workerUrls(w: NonNullable<WorkerOpenOptions['workers']>): ImportWorkers {
  return { import: new URL(w.import), parse: w.parse ? new URL(w.parse) : null, ...(w.analysis ? { analysis: new URL(w.analysis) } : {}) };
}

const { workers, ...open } = data.open;
const session = new Session({ dataDir: data.dataDir, open: { ...open, ...(workers ? { workers: workerUrls(workers) } : {}) } });

function state(): SessionState {
  return { file: session.current?.file ?? null, recent: session.settings.recentExisting(), last: session.settings.read().last };
}

function post(message: FromSessionWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

/** Whole buffers in a result move to the shell's thread instead of being copied; slices of a shared one are copied. */
function transferables(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
    if (whole && value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const item of value) transferables(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) transferables(item, found);
  }
  return [...found];
}

function answer(id: number, result: DispatchResult): void {
  try {
    post({ type: 'answer', id, answer: result }, result.ok ? transferables(result.result) : []);
  } catch (err) {
    const message = `The answer could not be passed to the window: ${err instanceof Error ? err.message : String(err)}`;
    post({ type: 'answer', id, answer: { ok: false, error: { code: ErrorCode.Internal, message } } });
  }
}

session.onEvent((name, payload) => {
  try {
    if (name === 'workspace.changed' && (payload as { kind: string }).kind === 'workspace') post({ type: 'state', state: state() });
    post({ type: 'event', name, payload });
  } catch (err) {
    // An event the window cannot receive must not break the operation that raised it.
    process.stderr.write(`workbench: the event ${name} could not be passed to the window: ${(err as Error).message}\n`);
  }
});

// A call sent after the shell asked to open a workspace is answered by that workspace: the
// window may ask for its status before the seeds of a new one are in.
let opening: Promise<unknown> = Promise.resolve();

async function handle(message: ToSessionWorker): Promise<void> {
  if (message.type === 'call') {
    await opening;
    answer(message.id, await (message.trusted ? session.trustedDispatch : session.dispatch)(message.method, message.input));
  } else if (message.type === 'open') {
    const open = session.openFile(message.file, { create: message.create, ...(message.passphrase ? { passphrase: message.passphrase } : {}) });
    opening = open.catch(() => undefined);
    try {
      await open;
      answer(message.id, { ok: true, result: null });
    } catch (err) {
      answer(message.id, { ok: false, error: apiErrorOf(err) });
    }
  } else {
    // The host sends this once every call is answered: background jobs end, the index is saved, the lock released.
    await session.current?.stopWorkers().catch(() => undefined);
    session.close();
    post({ type: 'closed' });
  }
}

// After a crash the workspace that was open is opened again; a failure is kept for workspaces.status.
if (data.reopen) await session.openFile(data.reopen).catch(() => undefined);
// Calls sent meanwhile wait in the port until this listener starts it.
port.on('message', (message: ToSessionWorker) => void handle(message));
post({ type: 'ready', state: state() });
