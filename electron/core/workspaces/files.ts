import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import { keyOf, type Db } from '../db/open';

/** A name beside `target` for writing before the rename, unique to this process and moment. */
export function partialName(target: string): string {
  return `${target}.partial-${process.pid}-${Date.now()}`;
}

export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function removeDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

/** Opens a copy the workbench made (a backup, a hand-out being written), with the key when there is one. */
export function openCopy(file: string, passphrase: string | undefined, options: { readonly?: boolean; nativeBinding?: string } = {}): Db {
  const db = new Database(file, { fileMustExist: true, readonly: options.readonly ?? false, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  if (passphrase) db.key(keyOf(passphrase));
  db.pragma('trusted_schema = OFF');
  db.pragma('temp_store = MEMORY');
  return db;
}

/** SQLite's full integrity check of a file; the problems it lists, or none. */
export function integrityProblems(db: Db): string[] {
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } catch (err) {
    return [(err as Error).message];
  }
}

/**
 * Writes a compacted copy of an open database to `target` through a partial file:
 * VACUUM INTO (which keeps the key of an encrypted workspace), `edit` on the copy,
 * integrity_check, fsync, then the rename. A crash or a kill at any point leaves no file
 * under the target name, only a `.partial-*` one beside it.
 */
export function writeVerifiedCopy(db: Db, target: string, passphrase: string | undefined, edit?: (copy: Db) => void): void {
  const partial = partialName(target);
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    const copy = openCopy(partial, passphrase);
    try {
      if (edit) {
        copy.pragma('foreign_keys = ON');
        // Deleted rows are overwritten, and the VACUUM afterwards leaves no free pages holding them.
        copy.pragma('secure_delete = ON');
        edit(copy);
        copy.exec('VACUUM');
      }
      const problems = integrityProblems(copy);
      if (problems.length) throw new WorkbenchError(ErrorCode.Internal, `The copy for ${target} failed its integrity check (${problems.slice(0, 3).join('; ')}); nothing was written there.`);
    } finally {
      copy.close();
    }
    fsyncFile(partial);
    renameSync(partial, target);
  } catch (err) {
    removeDatabaseFiles(partial);
    throw err;
  }
}
