import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import type { Db } from '../db/open';

/**
 * One owner per workspace. The owner holds a write transaction open on a small SQLite
 * file beside the workspace (`<file>.lock`, holding only the owner's pid): SQLite takes
 * that lock with the operating system's own file locks (fcntl on Linux and macOS,
 * LockFileEx on Windows), which the OS drops when the process dies, kill -9 included.
 * Plain Node has no flock, and a pid file alone cannot tell a live owner from a dead one;
 * the workspace file itself cannot carry the lock, since its own connections must write.
 * Readers take only a shared lock, so they see the owner's pid while it runs. The file is
 * never deleted: removing a lock file while another process opens it lets two owners in.
 */
export interface WorkspaceLock {
  readonly file: string;
  release(): void;
}

interface Held {
  db: Db;
  count: number;
}

// Within one process the lock is shared: switching back to the same file, or re-keying the
// open workspace, must not lock the process out of its own workspace.
const held = new Map<string, Held>();
// The desktop app's addon (built for Electron's ABI), remembered from the first open that names
// it, for the locks taken later without a workspace at hand (restore, re-key, merge).
let binding: string | undefined;
const bindingOf = (given: string | undefined) => (given ? (binding = given) : binding);

export function lockFileOf(file: string): string {
  return `${resolve(file)}.lock`;
}

/** The pid of the process holding the workspace, or null when none does (or it cannot be read). */
export function lockOwner(file: string, nativeBinding?: string): number | null {
  const lock = lockFileOf(file);
  if (!existsSync(lock)) return null;
  let db: Db | null = null;
  try {
    const native = bindingOf(nativeBinding);
    db = new Database(lock, { timeout: 0, fileMustExist: true, ...(native ? { nativeBinding: native } : {}) });
    try {
      db.exec('BEGIN IMMEDIATE');
      db.exec('ROLLBACK');
      return null;
    } catch {
      return (db.prepare('SELECT pid FROM owner WHERE id = 1').pluck().get() as number | undefined) ?? null;
    }
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

export function inUseError(file: string, pid: number | null): WorkbenchError {
  const who = pid && pid !== process.pid ? `pid ${pid}` : 'another process';
  return new WorkbenchError(ErrorCode.InUse, `${resolve(file)} is open in the workbench (${who}); close it or run this command there.`, {
    file: resolve(file),
    pid,
  });
}

/**
 * Takes the workspace for writing, or fails at once naming the owner. Throws IN_USE when
 * another process holds it; the same process may take it again (it is counted).
 */
export function acquireLock(file: string, nativeBinding?: string): WorkspaceLock {
  const key = resolve(file);
  const mine = held.get(key);
  if (mine) {
    mine.count++;
    return handle(key);
  }
  if (!existsSync(dirname(key))) throw new WorkbenchError(ErrorCode.CannotOpen, `The folder ${dirname(key)} does not exist.`, { file: key });
  const native = bindingOf(nativeBinding);
  const db = new Database(lockFileOf(key), { timeout: 0, ...(native ? { nativeBinding: native } : {}) });
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, since TEXT NOT NULL)');
    db.prepare('INSERT OR REPLACE INTO owner (id, pid, since) VALUES (1, ?, ?)').run(process.pid, new Date().toISOString());
    db.exec('COMMIT');
    // Held from here to release: no write follows, so readers still see the row above.
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw inUseError(key, lockOwner(key, nativeBinding));
    throw new WorkbenchError(ErrorCode.CannotOpen, `${key}: could not take the workspace's lock (${(err as Error).message}).`, { file: key });
  }
  held.set(key, { db, count: 1 });
  return handle(key);
}

function handle(key: string): WorkspaceLock {
  let released = false;
  return {
    file: key,
    release() {
      if (released) return;
      released = true;
      const h = held.get(key);
      if (!h || --h.count > 0) return;
      held.delete(key);
      try {
        h.db.exec('ROLLBACK');
      } finally {
        h.db.close();
      }
    },
  };
}

/** Runs `fn` holding the workspace's lock: restore, merge, encrypt and decrypt replace or rewrite the file. */
export function withLock<T>(file: string, fn: () => T): T {
  const lock = acquireLock(file);
  try {
    return fn();
  } finally {
    lock.release();
  }
}
