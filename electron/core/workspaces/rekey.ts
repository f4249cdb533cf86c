import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import { isPlainSqlite, keyOf, openDatabase, type Db } from '../db/open';
import { backupFolder, listBackups } from './backups';
import { forgetPartial, fsyncFile, openCopy, partialName, removeDatabaseFiles, sweepPartials } from './files';
import { withLock } from './lock';

/**
 * Re-keying is journaled. `<file>.rekey` records the intent (whether the workspace is to
 * end encrypted or plain; never a passphrase) before anything is touched, and is removed
 * only when the workspace and every backup have the same key. A kill at any moment leaves
 * it behind; the next open with the workspace's passphrase re-keys the plaintext backups
 * left over, and running `encrypt` (or `decrypt`) again finishes the rest.
 */
export interface RekeyIntent {
  to: 'encrypted' | 'plain';
  started: string;
}

export const journalOf = (file: string) => `${resolve(file)}.rekey`;

export function pendingRekey(file: string): RekeyIntent | null {
  try {
    return JSON.parse(readFileSync(journalOf(file), 'utf8')) as RekeyIntent;
  } catch {
    return null;
  }
}

/** How a file stands with a key: in plaintext, opened by it, or on another key. */
export function keyState(file: string, key: string | undefined): 'plain' | 'opens' | 'other' {
  if (isPlainSqlite(file)) return 'plain';
  if (!key) return 'other';
  let db: Db | null = null;
  try {
    db = openCopy(file, key, { readonly: true });
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return 'opens';
  } catch {
    return 'other';
  } finally {
    db?.close();
  }
}

/**
 * Re-keys a database by way of a copy, never in place: SQLite3 Multiple Ciphers' own re-key
 * rewrites every page under a rollback journal with a new salt, and a kill in the middle can
 * leave a file that neither key opens (its maintainers say as much). Here the data go by
 * VACUUM INTO (which keeps the old key, and leaves no free page behind) to a partial file
 * beside the target; the partial is re-keyed, synced and renamed over the target. At every
 * moment the target is whole on one key; a kill leaves only a partial, which the next start
 * removes. `db` is the open source; it is closed here.
 */
function rekeyByCopy(db: Db, target: string, from: string | undefined, next: string | undefined, wal: boolean): void {
  const partial = partialName(target);
  try {
    try {
      if (wal) db.pragma('wal_checkpoint(TRUNCATE)');
      db.prepare('VACUUM INTO ?').run(partial);
    } finally {
      db.close();
    }
    const copy = openCopy(partial, from);
    try {
      copy.pragma('journal_mode = DELETE');
      copy.rekey(keyOf(next ?? ''));
      if (wal) copy.pragma('journal_mode = WAL');
      copy.prepare('SELECT count(*) FROM sqlite_schema').get();
    } finally {
      copy.close();
    }
    fsyncFile(partial);
    // A log left beside the target would be played onto the new file; the checkpoint above emptied it.
    if (existsSync(`${target}-wal`) && statSync(`${target}-wal`).size > 0) {
      throw new WorkbenchError(ErrorCode.InUse, `${target} is in use by another program; close it and run the command again.`, { file: target });
    }
    renameSync(partial, target);
    forgetPartial(partial);
  } catch (err) {
    removeDatabaseFiles(partial);
    throw err;
  }
}

/**
 * A backup killed inside SQLite's own re-key has a hot rollback journal holding its old pages
 * (in plaintext, for a backup being encrypted). Opening it for writing plays them back, so
 * the backup is whole on its old key and the journal is gone; the re-key is then done again.
 * Without a key: the journal's pages go back byte for byte, whatever key they are on.
 */
function rollBack(backup: string): void {
  let db: Db | undefined;
  try {
    db = openCopy(backup, undefined);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch {
    // An encrypted backup cannot be read without its key; the roll-back happened on opening the read.
  } finally {
    db?.close();
  }
}

const done = (state: ReturnType<typeof keyState>, next: string | undefined) => (next ? state === 'opens' : state === 'plain');

/**
 * Brings each backup to the workspace's key: a plaintext one is re-keyed with `next`, one
 * on `current` too. Returns the backups left on a key neither opens.
 */
function rekeyBackups(file: string, dataDir: string, current: string | undefined, next: string | undefined): string[] {
  const left: string[] = [];
  for (const b of listBackups(dataDir, file)) {
    if (existsSync(`${b.file}-journal`)) rollBack(b.file);
    const state = keyState(b.file, next);
    if (done(state, next)) continue;
    const from = state === 'plain' ? undefined : current;
    if (state !== 'plain' && (from === undefined || keyState(b.file, from) !== 'opens')) {
      left.push(b.file);
      continue;
    }
    rekeyByCopy(openCopy(b.file, from), b.file, from, next, false);
  }
  return left;
}

/**
 * Encrypts, re-keys or (with `next` undefined) decrypts a closed workspace and its
 * backups, holding the workspace's lock. Resumable: a workspace already on `next` (an
 * earlier run was killed) is left as it is, and its backups are finished.
 */
export function rekeyWorkspace(file: string, dataDir: string, current: string | undefined, next: string | undefined): void {
  if (next === '') throw new WorkbenchError(ErrorCode.InvalidInput, 'passphrase: it must not be empty.', { field: 'passphrase' });
  withLock(file, () => {
    sweepPartials([resolve(file, '..'), backupFolder(dataDir, file)]);
    const journal = journalOf(file);
    if (!existsSync(journal)) {
      writeFileSync(journal, JSON.stringify({ to: next ? 'encrypted' : 'plain', started: new Date().toISOString() } satisfies RekeyIntent));
      fsyncFile(journal);
    }
    if (!done(keyState(file, next), next)) {
      // openDatabase proves `current` (a wrong one changes nothing) and replays a pending log.
      rekeyByCopy(openDatabase(file, current ? { passphrase: current } : {}).db, file, current, next, true);
    }
    const left = rekeyBackups(file, dataDir, current, next);
    if (left.length) {
      throw new WorkbenchError(
        ErrorCode.WrongPassphrase,
        `${file} was re-keyed, but ${left.length} backup(s) are on a passphrase that was not given (${left.join(', ')}); run the command again with the earlier passphrase as the current one.`,
        { file },
      );
    }
    rmSync(journal, { force: true });
  });
}

/**
 * On open, with the workspace's own key: finishes an interrupted re-keying as far as that
 * key allows (a plaintext backup beside an encrypted workspace is encrypted at once), and
 * removes the partial files a killed process left.
 */
export function recoverOnOpen(file: string, dataDir: string, passphrase: string | undefined): void {
  sweepPartials([resolve(file, '..'), backupFolder(dataDir, file)]);
  const pending = pendingRekey(file);
  if (!pending) return;
  if (pending.to === 'encrypted' && passphrase && existsSync(`${file}-journal`) && !isPlainSqlite(file) && keyState(file, passphrase) !== 'opens') {
    // Killed inside SQLite's own re-key of a plaintext workspace: its rollback journal holds the plaintext
    // pages. Opening without a key plays them back; then the encryption is done again, to the end.
    withLock(file, () => {
      const db = openCopy(file, undefined);
      try {
        db.prepare('SELECT count(*) FROM sqlite_schema').get();
      } finally {
        db.close();
      }
      if (isPlainSqlite(file)) rekeyWorkspace(file, dataDir, undefined, passphrase);
    });
    return;
  }
  const key = passphrase && !isPlainSqlite(file) ? passphrase : undefined;
  withLock(file, () => {
    if (rekeyBackups(file, dataDir, undefined, key).length === 0) rmSync(journalOf(file), { force: true });
  });
}
