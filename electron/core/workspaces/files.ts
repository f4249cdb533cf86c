import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import { keyOf, type Db } from '../db/open';
import { userDataDir } from '../paths';
import { ANALYSIS_TABLES } from '../analysis/pending';

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

/**
 * Checks a copy that VACUUM INTO just wrote. The tables people made (documents, tags,
 * highlights, notes…) get SQLite's integrity_check: each b-tree read in full, rows against
 * their indexes. What the workspace derives and can make anew (the analysis, the full-text
 * index's own tables) gets quick_check: each b-tree read in full, without matching its indexes
 * row by row (2.2 s of 4.1 s at 100,000 analysed documents). FTS5's own check, which tokenizes
 * every body again to re-verify postings VACUUM copied row for row, is left to `workbench check`
 * and to a restore, which run the full check.
 */
export function copyProblems(db: Db): string[] {
  try {
    const all = db.prepare("SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' AS virtual FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string; virtual: number }>;
    const virtual = all.filter((t) => t.virtual).map((t) => t.name);
    const tables = all.filter((t) => !t.virtual).map((t) => t.name);
    const derived = (t: string) => ANALYSIS_TABLES.includes(t) || virtual.some((v) => t.startsWith(`${v}_`));
    return ['sqlite_schema', ...tables].flatMap((t) =>
      (db.pragma(`${derived(t) ? 'quick_check' : 'integrity_check'}('${t.replaceAll("'", "''")}')`) as Array<Record<string, string>>)
        .map((r) => Object.values(r)[0]!)
        .filter((r) => r !== 'ok'),
    );
  } catch (err) {
    return [(err as Error).message];
  }
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
 * the copy's check, fsync, then the rename. A crash or a kill at any point leaves no file
 * under the target name, only a `.partial-*` one beside it.
 */
export function writeVerifiedCopy(db: Db, target: string, passphrase: string | undefined, edit?: (copy: Db) => void): void {
  const partial = partialName(target);
  try {
    vacuumInto(db, partial);
    const copy = openCopy(partial, passphrase);
    try {
      copy.pragma('synchronous = OFF');
      if (edit) {
        copy.pragma('foreign_keys = ON');
        // Deleted rows are overwritten with zeros, and so is each page they free: no second
        // VACUUM is needed to leave nothing of them in the file (it cost a second full copy).
        copy.pragma('secure_delete = ON');
        edit(copy);
      }
      const problems = copyProblems(copy);
      if (problems.length) throw new WorkbenchError(ErrorCode.Internal, `The copy for ${target} failed its integrity check (${problems.slice(0, 3).join('; ')}); nothing was written there.`);
    } finally {
      copy.close();
    }
    fsyncFile(partial);
    renameSync(partial, target);
    forgetPartial(partial);
  } catch (err) {
    removeDatabaseFiles(partial);
    throw err;
  }
}
