import { invalid, notFound } from '../../shared/errors';
import type { Note, NoteLink } from '../../shared/schemas';
import { parseNoteLinks } from '../../shared/text/note-links';
import { untouchedNote } from '../../shared/text/note-quote';
import { sha256 } from '../import/hash';
import { nowIso, type ServiceContext } from './context';
import { ErrorCode, WorkbenchError } from '../../shared/errors';

interface Row {
  id: number;
  body: string;
  documentId: number | null;
  highlightId: number | null;
  createdAt: string;
  updatedAt: string;
  handout: number;
  origin: string | null;
  readonly: number;
}

/**
 * The largest note: 1 MB of Markdown is some 150,000 words. A note is indexed and saved
 * with the search index on every change, so a 90 MB paste would stall the workbench.
 */
export const MAX_NOTE_BYTES = 1024 * 1024;

function checkNoteSize(body: string): void {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_NOTE_BYTES) {
    throw invalid('body', `the note is ${(bytes / 1048576).toFixed(1)} MB; a note may hold at most ${MAX_NOTE_BYTES / 1048576} MB. Import long texts as documents instead.`);
  }
}

const COLUMNS = `id, body, document_id AS documentId, highlight_id AS highlightId, created_at AS createdAt, updated_at AS updatedAt,
  handout, origin, readonly`;

export interface CreateNote {
  body: string;
  documentId?: number | null;
  highlightId?: number | null;
}

export interface Backlink {
  note: Note;
  /** What the note links to: the document itself, or one of its highlights. */
  via: NoteLink;
}

export class NotesService {
  constructor(private readonly ctx: ServiceContext) {}

  private links(noteIds: number[]): Map<number, NoteLink[]> {
    const rows = this.ctx.db
      .prepare(
        `SELECT note_id AS noteId, document_id AS documentId, highlight_id AS highlightId FROM note_links
         WHERE note_id IN (SELECT value FROM json_each(?)) ORDER BY rowid`,
      )
      .all(JSON.stringify(noteIds)) as Array<{ noteId: number; documentId: number | null; highlightId: number | null }>;
    const out = new Map<number, NoteLink[]>();
    for (const r of rows) {
      const link: NoteLink = r.documentId !== null ? { kind: 'document', id: r.documentId } : { kind: 'highlight', id: r.highlightId! };
      (out.get(r.noteId) ?? out.set(r.noteId, []).get(r.noteId)!).push(link);
    }
    return out;
  }

  private present(rows: Row[]): Note[] {
    const links = this.links(rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, handout: r.handout === 1, readonly: r.readonly === 1, links: links.get(r.id) ?? [] }));
  }

  get(id: number): Note {
    const row = this.ctx.db.prepare(`SELECT ${COLUMNS} FROM notes WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw notFound('note', id);
    return this.present([row])[0]!;
  }

  /** Notes on a document and on its highlights, oldest first. */
  listForDocument(documentId: number): Note[] {
    const rows = this.ctx.db
      .prepare(
        `SELECT ${COLUMNS} FROM notes WHERE document_id = ?
           OR highlight_id IN (SELECT id FROM highlights WHERE document_id = ?) ORDER BY created_at, id`,
      )
      .all(documentId, documentId) as Row[];
    return this.present(rows);
  }

  /** Notes attached to nothing, newest first. */
  listFree(): Note[] {
    return this.present(
      this.ctx.db.prepare(`SELECT ${COLUMNS} FROM notes WHERE document_id IS NULL AND highlight_id IS NULL ORDER BY updated_at DESC, id DESC`).all() as Row[],
    );
  }

  listAll(): Note[] {
    return this.present(this.ctx.db.prepare(`SELECT ${COLUMNS} FROM notes ORDER BY created_at, id`).all() as Row[]);
  }

  /** Notes that link to this document (directly or to one of its passages), or to this highlight. */
  backlinks(target: NoteLink): Backlink[] {
    const rows =
      target.kind === 'document'
        ? (this.ctx.db
            .prepare(
              `SELECT DISTINCT l.note_id AS noteId, l.document_id AS documentId, l.highlight_id AS highlightId FROM note_links l
               WHERE l.document_id = ? OR l.highlight_id IN (SELECT id FROM highlights WHERE document_id = ?)`,
            )
            .all(target.id, target.id) as Array<{ noteId: number; documentId: number | null; highlightId: number | null }>)
        : (this.ctx.db
            .prepare('SELECT DISTINCT note_id AS noteId, document_id AS documentId, highlight_id AS highlightId FROM note_links WHERE highlight_id = ?')
            .all(target.id) as Array<{ noteId: number; documentId: number | null; highlightId: number | null }>);
    return rows.map((r) => ({
      note: this.get(r.noteId),
      via: r.documentId !== null ? { kind: 'document' as const, id: r.documentId } : { kind: 'highlight' as const, id: r.highlightId! },
    }));
  }

  private resolveAttachment(input: { documentId?: number | null; highlightId?: number | null }): { documentId: number | null; highlightId: number | null } {
    const highlightId = input.highlightId ?? null;
    let documentId = input.documentId ?? null;
    if (highlightId !== null) {
      const doc = this.ctx.db.prepare('SELECT document_id FROM highlights WHERE id = ?').pluck().get(highlightId) as number | undefined;
      if (doc === undefined) throw notFound('highlight', highlightId);
      if (documentId !== null && documentId !== doc) throw invalid('documentId', `highlight ${highlightId} belongs to document ${doc}, not ${documentId}`);
      documentId = doc; // so the note stays with its document if the highlight goes
    } else if (documentId !== null && this.ctx.db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck().get(documentId) !== 1) {
      throw notFound('document', documentId);
    }
    return { documentId, highlightId };
  }

  /** Stores the links the Markdown makes; links to things that do not exist are left in the text only. */
  saveLinks(noteId: number, body: string): void {
    const db = this.ctx.db;
    db.prepare('DELETE FROM note_links WHERE note_id = ?').run(noteId);
    const insert = db.prepare('INSERT INTO note_links (note_id, document_id, highlight_id) VALUES (?, ?, ?)');
    for (const link of parseNoteLinks(body)) {
      const table = link.kind === 'document' ? 'documents' : 'highlights';
      if (db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).pluck().get(link.id) !== 1) continue;
      insert.run(noteId, link.kind === 'document' ? link.id : null, link.kind === 'highlight' ? link.id : null);
    }
  }

  private affectedDocuments(noteIds: number[]): number[] {
    return this.ctx.db
      .prepare(
        `SELECT document_id FROM notes WHERE id IN (SELECT value FROM json_each(?)) AND document_id IS NOT NULL
         UNION SELECT h.document_id FROM notes n JOIN highlights h ON h.id = n.highlight_id WHERE n.id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(JSON.stringify(noteIds), JSON.stringify(noteIds)) as number[];
  }

  create(input: CreateNote): Note {
    checkNoteSize(input.body);
    const { documentId, highlightId } = this.resolveAttachment(input);
    const now = nowIso();
    const db = this.ctx.db;
    const id = db.transaction(() => {
      const newId = Number(
        db
          .prepare('INSERT INTO notes (body, sha256, document_id, highlight_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(input.body, sha256(input.body), documentId, highlightId, now, now).lastInsertRowid,
      );
      this.saveLinks(newId, input.body);
      return newId;
    })();
    this.ctx.reindexNotes([id]);
    this.ctx.reindexDocuments(this.affectedDocuments([id]));
    this.ctx.changed('notes');
    return this.get(id);
  }

  /** Replaces a note's Markdown (and so its links). */
  update(id: number, body: string): Note {
    checkNoteSize(body);
    const before = this.writable(id);
    if (before.body === body) return before;
    const db = this.ctx.db;
    db.transaction(() => {
      db.prepare('UPDATE notes SET body = ?, sha256 = ?, updated_at = ? WHERE id = ?').run(body, sha256(body), nowIso(), id);
      this.saveLinks(id, body);
    })();
    this.ctx.reindexNotes([id]);
    this.ctx.reindexDocuments(this.affectedDocuments([id]));
    this.ctx.changed('notes');
    return this.get(id);
  }

  /** Attaches a note to a document or highlight, or (with nulls) makes it free-standing. */
  attach(id: number, target: { documentId?: number | null; highlightId?: number | null }): Note {
    this.writable(id);
    const before = this.affectedDocuments([id]);
    const { documentId, highlightId } = this.resolveAttachment(target);
    this.ctx.db.prepare('UPDATE notes SET document_id = ?, highlight_id = ?, updated_at = ? WHERE id = ?').run(documentId, highlightId, nowIso(), id);
    this.ctx.reindexDocuments([...before, ...this.affectedDocuments([id])]);
    this.ctx.changed('notes');
    return this.get(id);
  }

  /** Marks a note to travel in hand-outs, or keeps it private (the default). */
  setHandout(id: number, handout: boolean): Note {
    this.writable(id);
    this.ctx.db.prepare('UPDATE notes SET handout = ? WHERE id = ?').run(handout ? 1 : 0, id);
    this.ctx.changed('notes');
    return this.get(id);
  }

  private writable(id: number): Note {
    const note = this.get(id);
    if (note.readonly) {
      throw new WorkbenchError(ErrorCode.ReadOnly, `Note ${id} came with the ${note.origin ?? 'hand-out'} and cannot be changed; write your own note beside it.`, { id });
    }
    return note;
  }

  delete(id: number): void {
    this.writable(id);
    const affected = this.affectedDocuments([id]);
    this.ctx.db.transaction(() => {
      this.ctx.undo.record(`Delete note ${id}`, [
        { table: 'notes', where: 'id = ?', params: [id] },
        { table: 'note_links', where: 'note_id = ?', params: [id] },
      ]);
      this.ctx.db.prepare('DELETE FROM notes WHERE id = ?').run(id);
    })();
    this.ctx.unindexNotes([id]);
    this.ctx.reindexDocuments(affected);
    this.ctx.changed('notes');
  }

  /**
   * A note opened and closed without a word typed is no note: it goes without an undo
   * entry, so nothing offers to bring back an empty note. A note with text stays.
   */
  discard(id: number): boolean {
    const note = this.writable(id);
    if (!untouchedNote(note.body, note.highlightId ? this.quoteOf(note.highlightId) : null)) return false;
    const affected = this.affectedDocuments([id]);
    this.ctx.db.transaction(() => {
      this.ctx.db.prepare('DELETE FROM note_links WHERE note_id = ?').run(id);
      this.ctx.db.prepare('DELETE FROM notes WHERE id = ?').run(id);
    })();
    this.ctx.unindexNotes([id]);
    this.ctx.reindexDocuments(affected);
    this.ctx.changed('notes');
    return true;
  }

  private quoteOf(highlightId: number): string | null {
    return (this.ctx.db.prepare('SELECT quote FROM highlights WHERE id = ?').pluck().get(highlightId) as string | undefined) ?? null;
  }
}
