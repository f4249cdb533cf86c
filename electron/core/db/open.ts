import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import { APPLICATION_ID, LATEST_VERSION, migrate, userVersion } from './migrations';

export type Db = Database.Database;

const SQLITE_MAGIC = 'SQLite format 3\0';

function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function refuse(file: string, reason: string, code: WorkbenchError['code'] = ErrorCode.NotAWorkspace): WorkbenchError {
  return new WorkbenchError(code, `${file} is not a workspace this version can open: ${reason}. The file was left unchanged.`, { file });
}

function checkIdentity(file: string, appId: number, version: number): void {
  if (appId !== APPLICATION_ID) {
    const whose = appId === 0 ? 'a SQLite database that is not a workspace' : `a SQLite database of another application (application_id 0x${appId.toString(16)})`;
    throw refuse(file, `it is ${whose}`);
  }
  if (version > LATEST_VERSION) {
    throw refuse(file, `it was written by a newer version (schema ${version}, this version knows up to ${LATEST_VERSION})`, ErrorCode.SchemaTooNew);
  }
}

/**
 * Checks a file from its 100-byte header without letting SQLite touch it, so that a
 * refused file stays byte-for-byte as it was. SQLite would happily turn an empty file
 * into a new database.
 */
export function inspectWorkspaceFile(file: string): void {
  const stat = statSync(file);
  if (!stat.isFile()) throw refuse(file, 'it is not a regular file');
  // A crash can leave the newest pages, header included, in the write-ahead log only.
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return;
  if (stat.size === 0) throw refuse(file, 'it is empty (0 bytes)');
  const header = readHeader(file);
  if (header.length < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    if (looksEncrypted(header, stat.size)) {
      throw new WorkbenchError(ErrorCode.NeedsPassphrase, `${file} is encrypted (or is not a workspace): give its passphrase to open it.`, { file });
    }
    throw refuse(file, 'it is not a SQLite database');
  }
  checkIdentity(file, header.readUInt32BE(68), header.readUInt32BE(60));
}

/** Whether a file without SQLite's header could be an encrypted database: whole pages of bytes that look random. */
export function isPlainSqlite(file: string): boolean {
  const header = readHeader(file);
  return header.toString('latin1', 0, 16) === SQLITE_MAGIC;
}

function looksEncrypted(header: Buffer, size: number): boolean {
  if (size < 4096 || size % 512 !== 0 || header.length < 100) return false;
  // Text, or a format with a magic number, repeats bytes; a cipher's output almost never does in 100 bytes.
  return new Set(header).size > 60;
}

/**
 * The key for SQLite3MultipleCiphers. An empty passphrase would mean "no encryption",
 * so it is refused where one is set.
 */
export function keyOf(passphrase: string): Buffer {
  return Buffer.from(passphrase, 'utf8');
}

function applyPragmas(db: Db, file: string): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (String(mode).toLowerCase() !== 'wal') {
    throw new WorkbenchError(ErrorCode.CannotOpen, `${file}: could not switch to write-ahead logging (journal_mode is ${mode}).`, { file });
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('trusted_schema = OFF');
  db.pragma('cache_size = -32768'); // 32 MB: bulk imports touch many index pages
  // Sorts and VACUUM stay in memory: a temporary file would hold text in plaintext even
  // when the workspace is encrypted.
  db.pragma('temp_store = MEMORY');
}

export interface OpenOptions {
  /** Create the file when it does not exist. */
  create?: boolean;
  readonly?: boolean;
  /**
   * better-sqlite3's compiled addon to load instead of the one npm built for Node: the
   * desktop app passes the one built for Electron's ABI.
   */
  nativeBinding?: string;
  /** The passphrase of an encrypted workspace, or for a new one to be encrypted. */
  passphrase?: string;
  /** Runs before each pending migration of an existing file, outside its transaction (the backup). */
  beforeMigration?: (db: Db, toVersion: number) => void;
}

/** Opens (or creates) a workspace file, refusing anything that is not one, and migrates it. */
export function openDatabase(file: string, options: OpenOptions = {}): { db: Db; created: boolean } {
  const exists = existsSync(file);
  if (!exists && !options.create) {
    throw new WorkbenchError(ErrorCode.CannotOpen, `${file} does not exist. Create it with \`workbench init -w ${file}\`.`, { file });
  }
  const encrypted = options.passphrase !== undefined && (!exists || !isPlainSqlite(file));
  if (exists && !encrypted) inspectWorkspaceFile(file);
  if (exists && encrypted && statSync(file).size === 0) throw refuse(file, 'it is empty (0 bytes)');
  if (encrypted && options.passphrase === '') throw new WorkbenchError(ErrorCode.InvalidInput, 'passphrase: it must not be empty.', { field: 'passphrase' });
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: exists, readonly: options.readonly ?? false, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (err) {
    throw new WorkbenchError(ErrorCode.CannotOpen, `${file} could not be opened: ${(err as Error).message}`, { file });
  }
  try {
    if (encrypted) unlock(db, file, options.passphrase!, exists);
    if (exists) {
      // Reached with a pending write-ahead log or an encrypted file; check what SQLite sees before writing anything.
      checkIdentity(file, db.pragma('application_id', { simple: true }) as number, userVersion(db));
    }
    if (!options.readonly) {
      applyPragmas(db, file);
      const before = options.beforeMigration;
      migrate(db, exists && before && userVersion(db) > 0 ? { beforeEach: (m) => before(db, m.version) } : {});
      // A new file's schema, read at every open, is laid out again at its start: a later
      // migration's table left a schema page wherever the file ended then (cheap while empty).
      if (!exists) db.exec('VACUUM');
    } else {
      db.pragma('trusted_schema = OFF');
      db.pragma('temp_store = MEMORY');
    }
    return { db, created: !exists };
  } catch (err) {
    db.close();
    if (err instanceof WorkbenchError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new WorkbenchError(ErrorCode.Damaged, `${file} is damaged: SQLite reports ${code}.`, { file, reason: code });
    }
    throw err;
  }
}

/** Gives SQLite3MultipleCiphers the key, and proves it right by reading the schema before anything is written. */
function unlock(db: Db, file: string, passphrase: string, exists: boolean): void {
  db.key(keyOf(passphrase));
  if (!exists) return;
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new WorkbenchError(ErrorCode.WrongPassphrase, `Wrong passphrase, or ${file} is not a workspace. Nothing was changed.`, { file });
    }
    throw err;
  }
}
