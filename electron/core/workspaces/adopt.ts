import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ErrorCode, WorkbenchError, invalid } from '../../shared/errors';
import type { HandoutMark } from '../../shared/schemas';
import { isPlainSqlite, openDatabase } from '../db/open';
import { forgetPartial, fsyncFile, partialName, removeDatabaseFiles } from './files';
import { HANDOUT_META, readHandoutMark } from './handout';

function notAHandout(file: string): WorkbenchError {
  return new WorkbenchError(ErrorCode.InvalidInput, `${file} is a workspace, not a hand-out: open it instead.`, { file });
}

/**
 * Makes the recipient's own workspace from a hand-out. The hand-out is only ever read, as
 * bytes, by a file copy: SQLite never opens it for writing, so it stays byte-for-byte as
 * the trainer made it. The copy is migrated, switched to write-ahead logging, marked with
 * where it came from, and renamed into place.
 */
export function adoptHandout(handout: string, target: string, passphrase?: string): HandoutMark {
  if (!existsSync(handout)) throw new WorkbenchError(ErrorCode.NotFound, `There is no hand-out ${handout}.`, { file: handout });
  if (existsSync(target)) throw new WorkbenchError(ErrorCode.Conflict, `${target} already exists; choose a new file for your own workspace.`, { file: target });
  if (resolve(handout) === resolve(target)) throw invalid('file', 'your workspace must be a new file beside the hand-out, not the hand-out itself');
  if (!existsSync(dirname(resolve(target)))) throw invalid('file', `the folder ${dirname(resolve(target))} does not exist`);
  // A workspace (write-ahead log) is never copied by bytes: its latest pages may be in the log.
  if (isPlainSqlite(handout) && readHandoutMark(handout) === null) throw notAHandout(handout);
  const partial = partialName(target);
  try {
    copyFileSync(handout, partial);
    const { db } = openDatabase(partial, passphrase ? { passphrase } : {});
    let mark: HandoutMark;
    try {
      const raw = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(HANDOUT_META.MARK) as string | undefined;
      if (!raw) throw notAHandout(handout);
      mark = JSON.parse(raw) as HandoutMark;
      const adopted = { ...mark, from: basename(handout) };
      db.transaction(() => {
        db.prepare('DELETE FROM meta WHERE key = ?').run(HANDOUT_META.MARK);
        db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(HANDOUT_META.ADOPTED, JSON.stringify(adopted));
      })();
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    fsyncFile(partial);
    renameSync(partial, target);
    forgetPartial(partial);
    return mark;
  } catch (err) {
    removeDatabaseFiles(partial);
    // The copy is an internal detail: the error names the hand-out the user chose.
    if (err instanceof WorkbenchError && err.message.includes(partial)) {
      throw new WorkbenchError(err.code, err.message.split(partial).join(handout), { ...err.details, file: handout });
    }
    throw err;
  }
}

