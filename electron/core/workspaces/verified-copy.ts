/**
 * Verified copies of a workspace (backups, hand-outs): VACUUM INTO a partial file, an optional
 * edit, the copy's check, fsync, then the rename.
 *
 * The check of the copy is split over two threads. The tables people made (documents, tags, highlights, notes…) get SQLite's
 * integrity_check here: each b-tree read in full, rows against their indexes. What the workspace
 * derives and can make anew (the analysis, the full-text index's own tables) gets quick_check
 * in a worker thread with a connection of its own, which also syncs the file to disk meanwhile:
 * at 100,000 analysed documents the two halves take about as long as each other, and the copy
 * is checked and synced in the time the larger half takes (2.4 s + 0.6 s one after the other).
 * FTS5's own check, which tokenizes every body again to re-verify postings VACUUM copied row
 * for row, is left to `workbench check` and to a restore, which run the full check.
 *
 * The caller waits for the worker without an event loop (Atomics.wait, then
 * receiveMessageOnPort), so a backup stays one synchronous step wherever it is made: before a
 * migration, in the CLI, in a shell's worker. When the worker cannot start or cannot open the
 * copy, this thread does its share.
 */
import { existsSync, promises as fs, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import type { Db } from '../db/open';
import { ANALYSIS_TABLES } from '../analysis/pending';
import { DEFAULT_WORKERS } from '../import/run-in-worker';
import { forgetPartial, fsyncFile, openCopy, partialName, removeDatabaseFiles } from './files';

/** Where the copy's check runs beside this thread, and the native module a worker loads. */
export interface CopyOptions {
  /** The background worker (analysis-worker.js); `null` checks in this thread only. */
  script?: URL | null;
  nativeBinding?: string | undefined;
}

/**
 * VACUUM INTO writes the copy with the connection's `synchronous`: FULL synced it as it went
 * (a third of its time at 100,000 documents). The partial file is synced once, whole,
 * before it is renamed into place, so a crash still leaves no half copy under the target name.
 */
function vacuumInto(db: Db, partial: string): void {
  const sync = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  try {
    db.prepare('VACUUM INTO ?').run(partial);
  } finally {
    db.pragma(`synchronous = ${Number(sync)}`);
  }
}

/**
 * Writes a compacted copy of an open database to `target` through a partial file:
 * VACUUM INTO (which keeps the key of an encrypted workspace), `edit` on the copy,
 * the copy's check and fsync, then the rename. A crash or a kill at any point leaves no file
 * under the target name, only a `.partial-*` one beside it.
 */
export function writeVerifiedCopy(
  db: Db,
  target: string,
  passphrase: string | undefined,
  edit?: (copy: Db) => void,
  options: CopyOptions = {},
): void {
  const partial = partialName(target);
  try {
    vacuumInto(db, partial);
    if (edit) {
      const copy = openCopy(partial, passphrase, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
      try {
        copy.pragma('synchronous = OFF');
        copy.pragma('foreign_keys = ON');
        // Deleted rows are overwritten with zeros, and so is each page they free: no second
        // VACUUM is needed to leave nothing of them in the file (it cost a second full copy).
        copy.pragma('secure_delete = ON');
        edit(copy);
      } finally {
        copy.close();
      }
    }
    const script = options.script === undefined ? DEFAULT_WORKERS.analysis : (options.script ?? undefined);
    const problems = checkAndSyncCopy(partial, passphrase, { script, nativeBinding: options.nativeBinding });
    if (problems.length) {
      const some = problems.slice(0, 3).join('; ');
      throw new WorkbenchError(ErrorCode.Internal, `The copy for ${target} failed its integrity check (${some}); nothing was written there.`);
    }
    renameSync(partial, target);
    forgetPartial(partial);
  } catch (err) {
    removeDatabaseFiles(partial);
    throw err;
  }
}

export interface Check {
  table: string;
  quick: boolean;
}

/** What the worker receives (mode 'copy-check' of analysis-worker.ts). */
export interface CopyCheckJob {
  file: string;
  tables: string[];
  passphrase?: string;
  nativeBinding?: string;
  /** One Int32: 0 until the worker runs, 1 while it checks, 2 once its answer is posted. */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

type Answer = { problems: string[] } | { failed: string };

const RUNNING = 1;
const ANSWERED = 2;
/** A worker that has not started by then (a missing or broken build) is given up on. */
const START_MS = 20_000;

/** Every table of the copy, with the check it gets. */
function plan(db: Db): Check[] {
  const all = db
    .prepare("SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' AS virtual FROM sqlite_schema WHERE type = 'table'")
    .all() as Array<{ name: string; virtual: number }>;
  const virtual = all.filter((t) => t.virtual).map((t) => t.name);
  const derived = (t: string) => ANALYSIS_TABLES.includes(t) || virtual.some((v) => t.startsWith(`${v}_`));
  const tables = all.filter((t) => !t.virtual).map((t) => ({ table: t.name, quick: derived(t.name) }));
  return [{ table: 'sqlite_schema', quick: false }, ...tables];
}

/** The problems `checks` find (all of the copy's when omitted), or none; a copy SQLite cannot read says why. */
export function copyProblems(db: Db, checks?: Check[]): string[] {
  try {
    return (checks ?? plan(db)).flatMap(({ table, quick }) =>
      (db.pragma(`${quick ? 'quick_check' : 'integrity_check'}('${table.replaceAll("'", "''")}')`) as Array<Record<string, string>>)
        .map((r) => Object.values(r)[0]!)
        .filter((r) => r !== 'ok'),
    );
  } catch (err) {
    return [(err as Error).message];
  }
}

/**
 * Checks the copy at `file` (closed by its writer) and syncs it to disk; the problems found, or
 * none. `script` is the background worker (analysis-worker.js); without one, all is done here.
 */
export function checkAndSyncCopy(
  file: string,
  passphrase: string | undefined,
  options: { script?: URL | undefined; nativeBinding?: string | undefined },
): string[] {
  const copyOptions = { readonly: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) };
  let db: Db;
  try {
    db = openCopy(file, passphrase, copyOptions);
  } catch (err) {
    return [(err as Error).message];
  }
  try {
    let checks: Check[];
    try {
      checks = plan(db);
    } catch (err) {
      return [(err as Error).message];
    }
    const theirs = checks.filter((c) => c.quick);
    const job = { file, tables: theirs.map((c) => c.table), passphrase, nativeBinding: options.nativeBinding };
    const beside = theirs.length && options.script ? startBeside(options.script, job) : null;
    const problems = copyProblems(db, beside ? checks.filter((c) => !c.quick) : checks);
    const answer = beside?.wait();
    if (answer && 'problems' in answer) return [...problems, ...answer.problems];
    if (beside) problems.push(...copyProblems(db, theirs));
    fsyncFile(file);
    return problems;
  } finally {
    db.close();
  }
}

/** Starts the worker's share; `wait()` blocks until its answer, or null when it never ran. */
function startBeside(
  script: URL,
  job: { file: string; tables: string[]; passphrase: string | undefined; nativeBinding: string | undefined },
): { wait(): Answer | null } | null {
  if (script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) return null;
  const signal = new SharedArrayBuffer(4);
  const state = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const data: CopyCheckJob = { file: job.file, tables: job.tables, signal, port: port2 };
  if (job.passphrase) data.passphrase = job.passphrase;
  if (job.nativeBinding) data.nativeBinding = job.nativeBinding;
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { mode: 'copy-check', ...data }, transferList: [port2] });
  } catch {
    return null;
  }
  worker.unref();
  worker.on('error', () => undefined);
  return {
    wait() {
      const started = Date.now();
      while (Atomics.load(state, 0) === 0) {
        if (Date.now() - started > START_MS) {
          void worker.terminate();
          port1.close();
          return null;
        }
        Atomics.wait(state, 0, 0, 50);
      }
      while (Atomics.load(state, 0) === RUNNING) Atomics.wait(state, 0, RUNNING, 1000);
      const message = receiveMessageOnPort(port1)?.message as Answer | undefined;
      port1.close();
      return message ?? null;
    },
  };
}

/** The worker's side: quick_check of its tables while the file is synced; always answers. */
export async function copyCheckInWorker(job: CopyCheckJob): Promise<void> {
  const state = new Int32Array(job.signal);
  Atomics.store(state, 0, RUNNING);
  Atomics.notify(state, 0);
  let answer: Answer;
  try {
    const handle = await fs.open(job.file, 'r+');
    try {
      const synced = handle.sync();
      let db: Db;
      try {
        const native = job.nativeBinding ? { nativeBinding: job.nativeBinding } : {};
        db = openCopy(job.file, job.passphrase, { readonly: true, ...native });
      } catch (err) {
        // This thread cannot open it (a native module built for another runtime): the caller checks it.
        answer = { failed: (err as Error).message };
        await synced;
        return;
      }
      try {
        answer = { problems: copyProblems(db, job.tables.map((table) => ({ table, quick: true }))) };
      } finally {
        db.close();
      }
      await synced;
    } finally {
      await handle.close();
    }
  } catch (err) {
    answer = { failed: (err as Error).message };
  } finally {
    job.port.postMessage(answer!);
    job.port.close();
    Atomics.store(state, 0, ANSWERED);
    Atomics.notify(state, 0);
  }
}
