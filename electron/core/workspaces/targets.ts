import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import { APPLICATION_ID } from '../db/migrations';
import { isPlainSqlite } from '../db/open';
import { openCopy } from './files';

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Whether a file is one the workbench wrote (a workspace, a hand-out or a backup): SQLite
 * with the workbench's application_id. An encrypted one is only recognised with its key.
 */
export function isWorkbenchFile(file: string, passphrase?: string): boolean {
  try {
    if (!statSync(file).isFile() || statSync(file).size < 100) return false;
    const plain = isPlainSqlite(file);
    if (!plain && !passphrase) return false;
    const db = openCopy(file, plain ? undefined : passphrase, { readonly: true });
    try {
      return db.pragma('application_id', { simple: true }) === APPLICATION_ID;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/**
 * Refuses a file the workbench is about to write over (a hand-out's target) unless it is
 * new or one the workbench wrote: never a user's other file, a folder, the open workspace,
 * nor the write-ahead log, shared memory or journal of any workspace, which would corrupt it.
 */
export function assertReplaceable(target: string, field: string, open: string[], passphrase?: string): string {
  const full = resolve(target);
  for (const file of open.map((f) => resolve(f))) {
    if (full === file) throw new WorkbenchError(ErrorCode.InvalidInput, `${field}: ${full} is the open workspace; choose a new file.`, { field, file: full });
    if (SIDE_FILES.some((s) => full === file + s)) {
      throw new WorkbenchError(ErrorCode.InvalidInput, `${field}: ${full} belongs to the open workspace ${file}; writing there would damage it.`, { field, file: full });
    }
  }
  const side = SIDE_FILES.find((s) => full.endsWith(s) && existsSync(full.slice(0, -s.length)));
  if (side) throw new WorkbenchError(ErrorCode.InvalidInput, `${field}: ${full} belongs to the database ${full.slice(0, -side.length)}; choose a new file.`, { field, file: full });
  if (!existsSync(full)) return full;
  if (!statSync(full).isFile()) throw new WorkbenchError(ErrorCode.InvalidInput, `${field}: ${full} is a folder, not a file; name a file in it.`, { field, file: full });
  if (!isWorkbenchFile(full, passphrase)) {
    throw new WorkbenchError(ErrorCode.Conflict, `${field}: ${full} exists and is not a workspace or hand-out; it was left unchanged. Choose a new file.`, { field, file: full });
  }
  return full;
}
