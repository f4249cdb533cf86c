import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { keyOf, type Db } from '../db/open';
import { userDataDir } from '../paths';

const PARTIAL = /\.partial-(\d+)-\d+$/;

// Every partial file is listed here before it is created, so that one left by a crash
// (a hand-out's, anywhere on disk) is found and removed at the next start.
const registry = () => join(userDataDir(), 'partials');
const entryOf = (partial: string) => join(registry(), `${createHash('sha256').update(partial).digest('hex').slice(0, 20)}`);

/** A name beside `target` for writing before the rename, unique to this process and moment. */
export function partialName(target: string): string {
  const partial = `${resolve(target)}.partial-${process.pid}-${Date.now()}`;
  mkdirSync(registry(), { recursive: true });
  writeFileSync(entryOf(partial), partial);
  return partial;
}

/** The partial file was renamed into place or removed: it is no longer looked for. */
export function forgetPartial(partial: string): void {
  rmSync(entryOf(resolve(partial)), { force: true });
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes the partial files a killed process left: those listed in the registry, and any
 * `.partial-<pid>-…` in `folders` (beside a workspace, its backups), whose process is gone.
 * A partial may hold plaintext of a workspace encrypted since; it is never kept.
 */
export function sweepPartials(folders: string[] = []): string[] {
  const removed: string[] = [];
  const drop = (partial: string) => {
    const m = PARTIAL.exec(partial);
    if (!m || alive(Number(m[1]))) return false;
    if (existsSync(partial)) removed.push(partial);
    removeDatabaseFiles(partial);
    return true;
  };
  if (existsSync(registry())) {
    for (const name of readdirSync(registry())) {
      const entry = join(registry(), name);
      let partial = '';
      try {
        partial = readFileSync(entry, 'utf8');
      } catch {
        continue;
      }
      if (drop(partial)) rmSync(entry, { force: true });
    }
  }
  for (const folder of folders.filter((f) => existsSync(f))) {
    for (const name of readdirSync(folder)) if (PARTIAL.test(name.replace(/-(wal|shm|journal)$/, ''))) drop(join(folder, name.replace(/-(wal|shm|journal)$/, '')));
  }
  return removed;
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
  if (PARTIAL.test(file)) forgetPartial(file);
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
