import { ErrorCode, WorkbenchError } from '../../shared/errors';
import type { UndoEntry } from '../../shared/schemas';
import { cleanText, findBoilerplate } from '../../shared/text/boilerplate';
import type { Db } from '../db/open';
import { nowIso, type ChangeKind } from './context';

/** Rows to capture before a destructive action: `SELECT * FROM table WHERE where`. */
export interface Capture {
  table: string;
  where: string;
  params: unknown[];
  /** Rows the action only changes (a foreign key set to NULL): these columns are put back by id. */
  restoreColumns?: string[];
}

type Row = Record<string, unknown>;

interface Payload {
  inserts: Array<{ table: string; rows: Row[] }>;
  updates: Array<{ table: string; columns: string[]; rows: Row[] }>;
  /** Rows the action added (a tag merge's new assignments), deleted again on undo. */
  removes: Array<{ table: string; rows: Row[] }>;
}

/** How many destructive actions can be undone; older ones are forgotten. */
export const UNDO_DEPTH = 50;

// Parents before children, so rows go back in an order their references allow.
const ORDER = ['documents', 'document_sources', 'document_pages', 'document_page_images', 'document_ocr', 'tags', 'document_tags', 'highlights', 'highlight_tags', 'notes', 'note_links'];
const TABLES = new Set(ORDER);

const KIND: Record<string, ChangeKind> = {
  documents: 'documents',
  tags: 'tags',
  document_tags: 'tags',
  highlight_tags: 'tags',
  highlights: 'highlights',
  notes: 'notes',
  note_links: 'notes',
};

function encode(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Uint8Array ? { $b64: Buffer.from(v).toString('base64') } : v;
  return out;
}

function decode(value: unknown): unknown {
  if (value && typeof value === 'object' && '$b64' in value) return Buffer.from(String((value as { $b64: string }).$b64), 'base64');
  return value;
}

export interface UndoHooks {
  reindexDocuments(ids: number[]): void;
  reindexNotes(ids: number[]): void;
  corpusChanged(): void;
  changed(kind: ChangeKind): void;
}

/**
 * Undo for deleting a document, tag, highlight or note, and for merging tags. Before the
 * action, the rows it will remove (and the references it will clear) are written to the
 * workspace's undo_log in the same transaction, so an undo survives a restart. Undo
 * replays the latest entry only: older ones may depend on it.
 */
export class UndoLog {
  constructor(
    private readonly db: Db,
    private readonly hooks: UndoHooks,
  ) {}

  /** Captures rows before an action; call inside the action's transaction. */
  record(label: string, captures: Capture[], removes: Array<{ table: string; rows: Row[] }> = []): void {
    const payload: Payload = { inserts: [], updates: [], removes };
    for (const c of captures) {
      if (!TABLES.has(c.table)) throw new Error(`undo: unknown table ${c.table}`);
      // note_links has no key of its own; its rowid keeps a note's links in their order.
      const columns = c.table === 'note_links' ? 'rowid, *' : '*';
      const rows = (this.db.prepare(`SELECT ${columns} FROM ${c.table} WHERE ${c.where}`).all(...c.params) as Row[]).map(encode);
      if (rows.length === 0) continue;
      if (c.restoreColumns) payload.updates.push({ table: c.table, columns: c.restoreColumns, rows });
      else payload.inserts.push({ table: c.table, rows });
    }
    this.db.prepare('INSERT INTO undo_log (label, payload, created_at) VALUES (?, ?, ?)').run(label, JSON.stringify(payload), nowIso());
    this.db.prepare('DELETE FROM undo_log WHERE id NOT IN (SELECT id FROM undo_log ORDER BY id DESC LIMIT ?)').run(UNDO_DEPTH);
  }

  /** What can be undone, newest first. */
  list(): UndoEntry[] {
    return this.db.prepare('SELECT id, label, created_at AS createdAt FROM undo_log ORDER BY id DESC').all() as UndoEntry[];
  }

  /** Undoes the latest destructive action and returns it. */
  undoLatest(): UndoEntry {
    const entry = this.db.prepare('SELECT id, label, payload, created_at AS createdAt FROM undo_log ORDER BY id DESC LIMIT 1').get() as
      | (UndoEntry & { payload: string })
      | undefined;
    if (!entry) throw new WorkbenchError(ErrorCode.NotFound, 'There is nothing to undo.');
    const payload = JSON.parse(entry.payload) as Payload;
    const docs = new Set<number>();
    const notes = new Set<number>();
    const kinds = new Set<ChangeKind>();
    let restoredDocuments = false;
    const note = (table: string, row: Row) => {
      kinds.add(KIND[table] ?? 'documents');
      if (typeof row.document_id === 'number') docs.add(row.document_id);
      if (table === 'documents') docs.add(row.id as number);
      if (table === 'notes') notes.add(row.id as number);
      if (table === 'note_links') notes.add(row.note_id as number);
    };
    try {
      this.db.transaction(() => {
        this.db.pragma('defer_foreign_keys = ON');
        for (const r of payload.removes) {
          for (const row of r.rows) {
            const cols = Object.keys(row);
            this.db.prepare(`DELETE FROM ${this.table(r.table)} WHERE ${cols.map((c) => `${c} = ?`).join(' AND ')}`).run(...cols.map((c) => row[c]));
            note(r.table, row);
          }
        }
        const inserts = [...payload.inserts].sort((a, b) => ORDER.indexOf(a.table) - ORDER.indexOf(b.table));
        for (const group of inserts) {
          for (const row of group.rows) {
            const cols = Object.keys(row);
            this.db
              .prepare(`INSERT INTO ${this.table(group.table)} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
              .run(...cols.map((c) => decode(row[c])));
            if (group.table === 'documents') {
              restoredDocuments = true;
              if (row.boilerplate === 1) {
                const body = String(row.body);
                this.db.prepare('INSERT INTO documents_clean_fts (rowid, body) VALUES (?, ?)').run(row.id, cleanText(body, findBoilerplate(body)));
              }
            }
            note(group.table, row);
          }
        }
        for (const u of payload.updates) {
          for (const row of u.rows) {
            this.db.prepare(`UPDATE ${this.table(u.table)} SET ${u.columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...u.columns.map((c) => row[c]), row.id);
            note(u.table, row);
          }
        }
        this.db.prepare('DELETE FROM undo_log WHERE id = ?').run(entry.id);
      })();
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_CONSTRAINT')) {
        throw new WorkbenchError(ErrorCode.Conflict, `Cannot undo "${entry.label}": what it would bring back clashes with what is there now (${(err as Error).message}).`);
      }
      throw err;
    }
    // Highlights' documents, for the index of highlight text.
    for (const group of payload.inserts.filter((g) => g.table === 'highlight_tags')) {
      for (const row of group.rows) {
        const doc = this.db.prepare('SELECT document_id FROM highlights WHERE id = ?').pluck().get(row.highlight_id) as number | undefined;
        if (doc !== undefined) docs.add(doc);
      }
    }
    if (restoredDocuments) this.hooks.corpusChanged();
    this.hooks.reindexDocuments([...docs]);
    this.hooks.reindexNotes([...notes]);
    for (const k of kinds) this.hooks.changed(k);
    return { id: entry.id, label: entry.label, createdAt: entry.createdAt };
  }

  private table(name: string): string {
    if (!TABLES.has(name)) throw new WorkbenchError(ErrorCode.Internal, `The undo log names an unknown table (${name}).`);
    return name;
  }
}
