import { closeSync, existsSync, openSync, readSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ErrorCode, WorkbenchError, invalid } from '../../shared/errors';
import type { HandoutMark, HandoutSummary } from '../../shared/schemas';
import { isPlainSqlite, type Db } from '../db/open';
import type { Workspace } from '../workspace';
import { openCopy } from './files';
import { writeVerifiedCopy } from './verified-copy';
import { assertReplaceable } from './targets';

export interface HandoutOptions {
  /** Tags on documents and passages. */
  tags: boolean;
  /** Highlighted passages. */
  highlights: boolean;
  /** Notes marked "for hand-out"; private notes never travel. */
  notes: boolean;
  /** What the class sees as the hand-out's name; the file's name by default. */
  title?: string;
}

const MARK = 'handout';
const ADOPTED = 'adopted_from';

/**
 * Writes a hand-out: a compacted copy of the workspace with the documents and, as chosen,
 * its tags, highlights and the notes marked for hand-out, which arrive read-only. Private
 * notes, saved searches, the undo log (it holds what was deleted) and the saved search
 * index (it holds note text) are taken out of the copy before it is renamed into place.
 */
export function exportHandout(ws: Workspace, out: string, options: HandoutOptions): HandoutSummary {
  if (resolve(out) === resolve(ws.file)) throw invalid('out', 'a hand-out cannot replace the workspace it is made from');
  if (!existsSync(dirname(resolve(out)))) throw invalid('out', `the folder ${dirname(resolve(out))} does not exist`);
  assertReplaceable(out, 'out', [ws.file], ws.passphrase);
  ws.flush();
  const title = options.title?.trim() || basename(out).replace(/\.[^.]+$/, '');
  const privateNotes = ws.db.prepare('SELECT count(*) FROM notes WHERE handout = 0').pluck().get() as number;
  // A kill during an earlier export to this name leaves a partial file; it is never the hand-out.
  for (const f of readdirSync(dirname(resolve(out)))) {
    if (f.startsWith(`${basename(out)}.partial-`)) rmSync(resolve(dirname(resolve(out)), f), { force: true });
  }
  writeVerifiedCopy(ws.db, out, ws.passphrase, (copy) => {
    copy.pragma('journal_mode = DELETE');
    copy.transaction(() => {
      if (!options.tags) copy.exec('DELETE FROM tags');
      if (!options.highlights) copy.exec('DELETE FROM highlights');
      copy.exec(options.notes ? 'DELETE FROM notes WHERE handout = 0' : 'DELETE FROM notes');
      copy.prepare('UPDATE notes SET readonly = 1, origin = coalesce(origin, ?)').run(`hand-out “${title}”`);
      copy.exec("DELETE FROM undo_log; DELETE FROM saved_searches; DELETE FROM meta WHERE key LIKE 'search.%'");
      const mark: HandoutMark = { title, createdAt: new Date().toISOString(), from: basename(ws.file) };
      copy.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(MARK, JSON.stringify(mark));
      copy.prepare('DELETE FROM meta WHERE key = ?').run(ADOPTED);
    })();
  }, ws.copyOptions);
  const count = (db: Db, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const check = openCopy(out, ws.passphrase, { readonly: true });
  try {
    return {
      file: resolve(out),
      title,
      bytes: statSync(out).size,
      documents: count(check, 'documents'),
      tags: count(check, 'tags'),
      highlights: count(check, 'highlights'),
      notes: count(check, 'notes'),
      privateNotesLeftOut: privateNotes,
      encrypted: ws.passphrase !== undefined,
    };
  } finally {
    check.close();
  }
}

/**
 * The hand-out mark of a file, or null for an ordinary workspace. Read without writing
 * anything: hand-outs are written in rollback-journal mode, which a read-only connection
 * leaves untouched, and workspaces (write-ahead log) are not opened here at all.
 */
export function readHandoutMark(file: string, passphrase?: string): HandoutMark | null {
  if (!existsSync(file) || !statSync(file).isFile() || statSync(file).size < 100) return null;
  const plain = isPlainSqlite(file);
  if (plain) {
    const header = Buffer.alloc(20);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, header, 0, 20, 0);
    } finally {
      closeSync(fd);
    }
    if (header[18] === 2) return null; // write-ahead log: a workspace, not a hand-out
  } else if (!passphrase) return null;
  let db: Db | null = null;
  try {
    db = openCopy(file, plain ? undefined : passphrase, { readonly: true });
    const raw = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(MARK) as string | undefined;
    return raw ? (JSON.parse(raw) as HandoutMark) : null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

export function handoutError(file: string, mark: HandoutMark): WorkbenchError {
  return new WorkbenchError(
    ErrorCode.IsHandout,
    `${file} is the hand-out “${mark.title}”: it is never changed. Make your own workspace from it (Open Hand-out…, or workbench adopt ${file} -w <new file>).`,
    { file, title: mark.title },
  );
}

export const HANDOUT_META = { MARK, ADOPTED };
