import { invalid, notFound } from '../../shared/errors';
import type { Highlight } from '../../shared/schemas';
import { describeRange, locate } from '../../shared/text/anchor';
import { withQuote } from '../../shared/text/note-quote';
import { sha256 } from '../import/hash';
import { nowIso, type ServiceContext } from './context';
import { tagRefs } from './tag-refs';

interface Row {
  id: number;
  documentId: number;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `id, document_id AS documentId, start_offset AS start, end_offset AS "end", quote, prefix, suffix,
  created_at AS createdAt, updated_at AS updatedAt`;

export interface CreateHighlight {
  documentId: number;
  start: number;
  end: number;
  tagIds?: number[];
}

export class HighlightsService {
  constructor(private readonly ctx: ServiceContext) {}

  private body(documentId: number): string {
    const body = this.ctx.db.prepare('SELECT body FROM documents WHERE id = ?').pluck().get(documentId) as string | undefined;
    if (body === undefined) throw notFound('document', documentId);
    return body;
  }

  /** Resolves where each highlight is in the current text, by offsets and then by quote. */
  private present(rows: Row[], bodies: Map<number, string>): Highlight[] {
    const tags = tagRefs(this.ctx.db, 'highlight', rows.map((r) => r.id));
    const pages = this.pageStarts([...bodies.keys()]);
    return rows.map((r) => {
      const at = locate(bodies.get(r.documentId) ?? '', r);
      const start = at?.start ?? r.start;
      const starts = pages.get(r.documentId);
      const page = starts ? starts.filter((s) => s <= start).length || 1 : null;
      return { ...r, start, end: at?.end ?? r.end, anchored: at !== null, page, tags: tags.get(r.id) ?? [] };
    });
  }

  /** Where each page starts, for the documents that have pages. */
  private pageStarts(documentIds: number[]): Map<number, number[]> {
    const rows = this.ctx.db
      .prepare('SELECT document_id AS d, start_offset AS s FROM document_pages WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id, page')
      .all(JSON.stringify(documentIds)) as Array<{ d: number; s: number }>;
    const out = new Map<number, number[]>();
    for (const r of rows) (out.get(r.d) ?? out.set(r.d, []).get(r.d)!).push(r.s);
    return out;
  }

  get(id: number): Highlight {
    const row = this.ctx.db.prepare(`SELECT ${COLUMNS} FROM highlights WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw notFound('highlight', id);
    return this.present([row], new Map([[row.documentId, this.body(row.documentId)]]))[0]!;
  }

  /** A document's highlights in reading order. */
  listForDocument(documentId: number): Highlight[] {
    const body = this.body(documentId);
    const rows = this.ctx.db.prepare(`SELECT ${COLUMNS} FROM highlights WHERE document_id = ? ORDER BY start_offset, id`).all(documentId) as Row[];
    return this.present(rows, new Map([[documentId, body]]));
  }

  /** Every highlight in the workspace, grouped by document. */
  listAll(): Highlight[] {
    const rows = this.ctx.db.prepare(`SELECT ${COLUMNS} FROM highlights ORDER BY document_id, start_offset, id`).all() as Row[];
    const docIds = [...new Set(rows.map((r) => r.documentId))];
    const bodies = new Map(
      (this.ctx.db.prepare('SELECT id, body FROM documents WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(docIds)) as Array<{ id: number; body: string }>).map(
        (d) => [d.id, d.body],
      ),
    );
    return this.present(rows, bodies);
  }

  private checkRange(body: string, start: number, end: number): void {
    if (!Number.isInteger(start) || start < 0) throw invalid('start', 'must be a whole number from 0');
    if (!Number.isInteger(end) || end <= start) throw invalid('end', 'must be after start');
    if (end > body.length) throw invalid('end', `must be at most ${body.length}, the length of the text`);
    if (!body.slice(start, end).trim()) throw invalid('start', 'the passage holds only white space');
  }

  create(input: CreateHighlight): Highlight {
    const body = this.body(input.documentId);
    this.checkRange(body, input.start, input.end);
    const a = describeRange(body, input.start, input.end);
    const now = nowIso();
    const db = this.ctx.db;
    const id = db.transaction(() => {
      const newId = Number(
        db
          .prepare(
            `INSERT INTO highlights (document_id, start_offset, end_offset, quote, prefix, suffix, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(input.documentId, a.start, a.end, a.quote, a.prefix, a.suffix, now, now).lastInsertRowid,
      );
      for (const tagId of input.tagIds ?? []) {
        if (db.prepare('SELECT 1 FROM tags WHERE id = ?').pluck().get(tagId) !== 1) throw notFound('tag', tagId);
        db.prepare('INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id, created_at) VALUES (?, ?, ?)').run(newId, tagId, now);
      }
      return newId;
    })();
    this.ctx.reindexDocuments([input.documentId]);
    this.ctx.changed('highlights');
    return this.get(id);
  }

  /**
   * Highlights the n-th occurrence (from 1) of an exact quote: how the CLI and scripts
   * point at a passage without counting characters.
   */
  createFromQuote(documentId: number, quote: string, occurrence = 1, tagIds: number[] = []): Highlight {
    const body = this.body(documentId);
    let at = -1;
    for (let n = 0; n < occurrence; n++) {
      at = body.indexOf(quote, at + 1);
      if (at < 0) break;
    }
    if (!quote || at < 0) throw invalid('quote', `"${quote.slice(0, 60)}" does not occur ${occurrence > 1 ? `${occurrence} times ` : ''}in document ${documentId}`);
    return this.create({ documentId, start: at, end: at + quote.length, tagIds });
  }

  /** Moves a highlight to a new range of the same document. */
  update(id: number, range: { start: number; end: number }): Highlight {
    const current = this.get(id);
    const body = this.body(current.documentId);
    this.checkRange(body, range.start, range.end);
    const a = describeRange(body, range.start, range.end);
    this.ctx.db
      .prepare('UPDATE highlights SET start_offset = ?, end_offset = ?, quote = ?, prefix = ?, suffix = ?, updated_at = ? WHERE id = ?')
      .run(a.start, a.end, a.quote, a.prefix, a.suffix, nowIso(), id);
    this.ctx.reindexDocuments([current.documentId]);
    this.ctx.changed('highlights');
    return this.get(id);
  }

  /** Deletes a highlight; a note on it stays, attached to the document. */
  delete(id: number): void {
    const current = this.get(id);
    const notes = this.ctx.db.prepare('SELECT id FROM notes WHERE highlight_id = ?').pluck().all(id) as number[];
    this.ctx.db.transaction(() => {
      this.ctx.undo.record(`Delete highlight “${clip(current.quote)}”`, [
        { table: 'highlights', where: 'id = ?', params: [id] },
        { table: 'highlight_tags', where: 'highlight_id = ?', params: [id] },
        { table: 'note_links', where: 'highlight_id = ?', params: [id] },
        { table: 'notes', where: 'highlight_id = ?', params: [id], restoreColumns: ['highlight_id', 'body', 'sha256'] },
      ]);
      // A note on the passage shows its quote apart, above its text: the quote goes into the text
      // so that the note keeps the words it was about.
      const keep = this.ctx.db.prepare('UPDATE notes SET body = ?, sha256 = ? WHERE id = ?');
      const onIt = this.ctx.db.prepare('SELECT id, body FROM notes WHERE highlight_id = ? AND readonly = 0').all(id) as Array<{ id: number; body: string }>;
      for (const n of onIt) {
        const body = withQuote(n.body, current.quote);
        if (body !== n.body) keep.run(body, sha256(body), n.id);
      }
      this.ctx.db.prepare('DELETE FROM highlights WHERE id = ?').run(id);
    })();
    this.ctx.reindexDocuments([current.documentId]);
    this.ctx.reindexNotes(notes);
    this.ctx.changed('highlights');
  }
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}
