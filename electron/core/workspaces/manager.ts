import { existsSync, rmSync, statSync } from 'node:fs';
import { ErrorCode, WorkbenchError, isWorkbenchError } from '../../shared/errors';
import type { BackupInfo, MergeSummary } from '../../shared/schemas';
import { openDatabase } from '../db/open';
import { LATEST_VERSION } from '../db/migrations';
import { Workspace, type OpenWorkspaceOptions } from '../workspace';
import { backupDue, listBackups, makeBackup, moveAside, restoreBackup } from './backups';
import { handoutError, readHandoutMark } from './handout';
import { mergeWorkspace } from './merge';
import { lockFileOf, lockOwner, withLock } from './lock';
import { pendingRekey, recoverOnOpen } from './rekey';

export interface ManagedOptions extends OpenWorkspaceOptions {
  /** The app's data folder, where backups are kept. */
  dataDir: string;
}

/**
 * Opens a workspace the way both shells and the CLI do, with the rules that keep work
 * safe: a hand-out is refused (it is adopted, never written); a backup is made before any
 * migration and when the newest is over a day old; a damaged file is moved aside, never
 * deleted, and the error names the latest backup to restore.
 */
export async function openManaged(file: string, options: ManagedOptions): Promise<Workspace> {
  const { dataDir, ...rest } = options;
  if (existsSync(file)) {
    const mark = readHandoutMark(file, options.passphrase);
    if (mark) throw handoutError(file, mark);
  }
  const existed = existsSync(file);
  let ws: Workspace;
  try {
    ws = await Workspace.open(file, {
      ...rest,
      beforeMigration: (db, version) => {
        const copy = { nativeBinding: options.nativeBinding, ...(options.workers ? { script: options.workers.analysis ?? null } : {}) };
        return makeBackup(db, dataDir, file, `before-migration-${version}`, options.passphrase, copy);
      },
    });
  } catch (err) {
    if (isWorkbenchError(err) && err.code === ErrorCode.Damaged && existed && existsSync(file)) throw damaged(file, dataDir, err.message);
    throw err;
  }
  if (ws.reader) return ws;
  try {
    recoverOnOpen(file, dataDir, ws.passphrase);
  } catch (err) {
    ws.close();
    throw err;
  }
  if (existed && backupDue(dataDir, file) && options.waitForIndex === false) {
    // The shells: in the background, so opening a large workspace does not wait for the copy.
    void ws.backupInBackground(dataDir);
  } else if (existed && backupDue(dataDir, file)) {
    try {
      makeBackup(ws.db, dataDir, file, 'open', ws.passphrase, ws.copyOptions);
    } catch (err) {
      ws.close();
      throw new WorkbenchError(ErrorCode.Internal, `The daily backup of ${file} failed, so it was not opened: ${(err as Error).message}`, { file });
    }
  }
  return ws;
}

/**
 * Opens a workspace only to read it (search, show, info…): no lock, no backup, no
 * quick_check, nothing written, so a reading command answers at once. Returns null when
 * reading alone would not be safe and the full open (openManaged) must run first: the file
 * is missing or is a hand-out, its schema needs migrating, a re-key or a rollback journal is
 * pending, or the last session stopped with pages in its log and nobody holds the workspace
 * (the full open checks it). Beside a running owner, the reader sees what it has committed.
 */
export async function openToRead(file: string, options: ManagedOptions): Promise<Workspace | null> {
  if (!existsSync(file) || existsSync(`${file}-journal`) || pendingRekey(file)) return null;
  const logged = existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0;
  if (logged && lockOwner(file, options.nativeBinding) === null) return null;
  if (readHandoutMark(file, options.passphrase)) return null;
  const { dataDir: _dataDir, create: _create, importPaths: _paths, ...rest } = options;
  let ws: Workspace;
  try {
    ws = await Workspace.open(file, { ...rest, reader: true });
  } catch (err) {
    // Damage is the full open's to handle (it moves the file aside and names the backup).
    if (isWorkbenchError(err) && err.code === ErrorCode.Damaged) return null;
    throw err;
  }
  if (ws.db.pragma('user_version', { simple: true }) !== LATEST_VERSION) {
    ws.close();
    return null;
  }
  return ws;
}

/** Moves a damaged file aside and says so, naming the latest backup. */
export function damaged(file: string, dataDir: string, why: string): WorkbenchError {
  const movedTo = moveAside(file);
  const latest = listBackups(dataDir, file)[0] ?? null;
  const offer = latest
    ? `The latest backup is from ${latest.createdAt}: restore it with Restore Backup…, or workbench restore -w ${file} ${latest.file}.`
    : 'There is no backup of it.';
  return new WorkbenchError(ErrorCode.Damaged, `${why} It was moved aside to ${movedTo} (nothing was deleted). ${offer}`, {
    file,
    movedTo,
    latestBackup: latest?.file ?? null,
  });
}

/** A backup made on request. */
export function backupNow(ws: Workspace, dataDir: string, reason = 'manual'): BackupInfo {
  ws.flush();
  return makeBackup(ws.db, dataDir, ws.file, reason, ws.passphrase, ws.copyOptions);
}

/** Merges another workspace in, after a verified backup of this one. */
export function mergeWithBackup(ws: Workspace, dataDir: string, other: string, otherPassphrase?: string): MergeSummary {
  ws.assertWriter();
  const backup = backupNow(ws, dataDir, 'before-merge');
  return { ...mergeWorkspace(ws, other, otherPassphrase ?? ws.passphrase), backup: backup.file };
}

/**
 * Puts a backup in place of a closed workspace. What is there now is backed up first when
 * it opens; when it does not (damaged, or already moved aside), it is moved aside.
 */
export function restoreManaged(file: string, backup: string, dataDir: string, passphrase?: string): BackupInfo | null {
  const lockExisted = existsSync(lockFileOf(file));
  try {
    return withLock(file, () => restoreLocked(file, backup, dataDir, passphrase));
  } catch (err) {
    // Refused over a file that is not a workspace: leave its folder exactly as it was, without our lock file.
    if (!lockExisted && isWorkbenchError(err) && err.message.startsWith('Nothing was restored over')) rmSync(lockFileOf(file), { force: true });
    throw err;
  }
}

function restoreLocked(file: string, backup: string, dataDir: string, passphrase?: string): BackupInfo | null {
  let saved: BackupInfo | null = null;
  if (existsSync(file)) {
    try {
      const { db } = openDatabase(file, passphrase ? { passphrase } : {});
      try {
        saved = makeBackup(db, dataDir, file, 'before-restore', passphrase);
      } finally {
        db.close();
      }
    } catch (err) {
      // Only a damaged workspace is moved aside; any other file (not a workspace, locked, a
      // newer schema, the wrong key) is left exactly as it is, and nothing is restored over it.
      if (!(isWorkbenchError(err) && err.code === ErrorCode.Damaged)) throw restoreRefused(file, err);
      moveAside(file);
    }
  }
  restoreBackup(backup, file, passphrase);
  return saved;
}

function restoreRefused(file: string, err: unknown): WorkbenchError {
  if (isWorkbenchError(err) && (err.code === ErrorCode.WrongPassphrase || err.code === ErrorCode.NeedsPassphrase)) return err;
  const why = err instanceof Error ? err.message : String(err);
  return new WorkbenchError(isWorkbenchError(err) ? err.code : ErrorCode.CannotOpen, `Nothing was restored over ${file}: ${why}`, { file });
}
