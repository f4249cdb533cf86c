import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import type { BackupInfo } from '../../shared/schemas';
import { APPLICATION_ID } from '../db/migrations';
import { isPlainSqlite, type Db } from '../db/open';
import { forgetPartial, fsyncFile, integrityProblems, openCopy, partialName, removeDatabaseFiles } from './files';
import { writeVerifiedCopy, type CopyOptions } from './verified-copy';

/** How many backups are kept for each workspace; the oldest go first. */
export const KEEP_BACKUPS = 10;
/** An automatic backup is made on open when the newest is older than this. */
export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;

const NAME = /^(\d{8}T\d{6}\d{3}Z)-([a-z0-9-]+)\.workspace$/;

/**
 * Where a workspace's backups live: a folder in the app's data folder per workspace,
 * named after the file and a hash of its full path, so two "Research.workspace" files in
 * different folders keep apart.
 */
export function backupFolder(dataDir: string, workspaceFile: string): string {
  const full = resolve(workspaceFile);
  const stem = basename(full).replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 60) || 'workspace';
  return join(dataDir, 'backups', `${stem}-${createHash('sha256').update(full).digest('hex').slice(0, 10)}`);
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function parseStamp(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}

/** The backups of a workspace, newest first. */
export function listBackups(dataDir: string, workspaceFile: string): BackupInfo[] {
  const dir = backupFolder(dataDir, workspaceFile);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => {
      const file = join(dir, name);
      return { file, name, createdAt: parseStamp(m[1]!), reason: m[2]!, bytes: statSync(file).size };
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Makes a verified backup of an open workspace: a compacted copy (VACUUM INTO, so an
 * encrypted workspace's backup is encrypted with the same key), integrity-checked, then
 * renamed into the backup folder. Keeps the newest KEEP_BACKUPS.
 */
export function makeBackup(db: Db, dataDir: string, workspaceFile: string, reason: string, passphrase?: string, options: CopyOptions = {}): BackupInfo {
  const dir = backupFolder(dataDir, workspaceFile);
  mkdirSync(dir, { recursive: true });
  let now = new Date();
  // Two backups in one millisecond (a merge right after opening) must not share a name.
  const taken = new Set(readdirSync(dir).map((n) => n.slice(0, 19)));
  while (taken.has(stamp(now))) now = new Date(now.getTime() + 1);
  const name = `${stamp(now)}-${reason.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.workspace`;
  writeVerifiedCopy(db, join(dir, name), passphrase, undefined, options);
  for (const old of listBackups(dataDir, workspaceFile).slice(KEEP_BACKUPS)) rmSync(old.file, { force: true });
  return listBackups(dataDir, workspaceFile).find((b) => b.name === name)!;
}

/** Whether the newest backup is missing or older than BACKUP_EVERY_MS. */
export function backupDue(dataDir: string, workspaceFile: string, now = Date.now()): boolean {
  const newest = listBackups(dataDir, workspaceFile)[0];
  return !newest || now - Date.parse(newest.createdAt) > BACKUP_EVERY_MS;
}

/** Checks that a file is a sound workspace (the key opens it, integrity_check passes); throws saying why not. */
export function verifyWorkspaceCopy(file: string, passphrase?: string): void {
  if (!existsSync(file)) throw new WorkbenchError(ErrorCode.NotFound, `There is no backup ${file}.`, { file });
  const plain = isPlainSqlite(file);
  let db: Db;
  try {
    db = openCopy(file, plain ? undefined : passphrase, { readonly: true });
  } catch (err) {
    throw new WorkbenchError(ErrorCode.CannotOpen, `${file} could not be opened: ${(err as Error).message}`, { file });
  }
  try {
    let appId: number;
    try {
      appId = db.pragma('application_id', { simple: true }) as number;
    } catch (err) {
      if (!plain && (err as { code?: string }).code === 'SQLITE_NOTADB') {
        throw new WorkbenchError(passphrase ? ErrorCode.WrongPassphrase : ErrorCode.NeedsPassphrase, `${file} is encrypted: ${passphrase ? 'wrong passphrase' : 'give its passphrase'}.`, { file });
      }
      throw err;
    }
    if (appId !== APPLICATION_ID) throw new WorkbenchError(ErrorCode.NotAWorkspace, `${file} is not a workspace.`, { file });
    const problems = integrityProblems(db);
    if (problems.length) throw new WorkbenchError(ErrorCode.Damaged, `${file} fails SQLite's integrity check: ${problems.slice(0, 3).join('; ')}.`, { file });
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in the place of a workspace (which must be closed): the backup is
 * verified, copied beside the workspace, synced, and renamed over it. What was there is
 * kept: the caller backs it up first when it can be opened, and a damaged one has
 * already been moved aside.
 */
export function restoreBackup(backup: string, workspaceFile: string, passphrase?: string): void {
  verifyWorkspaceCopy(backup, passphrase);
  const partial = partialName(workspaceFile);
  try {
    copyFileSync(backup, partial);
    fsyncFile(partial);
    for (const f of [`${workspaceFile}-wal`, `${workspaceFile}-shm`]) rmSync(f, { force: true });
    renameSync(partial, workspaceFile);
    forgetPartial(partial);
  } catch (err) {
    removeDatabaseFiles(partial);
    throw err;
  }
}

/**
 * Moves a damaged workspace aside, never deleting or overwriting it: the file and its
 * write-ahead log get a `.damaged-<time>` name beside it. Returns the new name.
 */
export function moveAside(file: string, now = new Date()): string {
  let aside = `${file}.damaged-${stamp(now)}`;
  for (let i = 2; existsSync(aside); i++) aside = `${file}.damaged-${stamp(now)}-${i}`;
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  renameSync(file, aside);
  return aside;
}
