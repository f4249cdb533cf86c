import { ErrorCode, WorkbenchError, invalid, notFound } from '../../shared/errors';
import { MetadataPatch, type DocumentFull, type DocumentMeta } from '../../shared/schemas';
import type { ServiceContext } from './context';
import { tagRefs } from './tag-refs';
import { decodeStored } from '../import/decode-stored';

const META_COLUMNS = `id, title, outlet, author, published, url, file_name AS fileName, format, encoding, sha256,
  size_bytes AS sizeBytes, imported_at AS importedAt, parent_id AS parentId, lang`;

type MetaRow = Omit<DocumentMeta, 'tags' | 'ocr'>;

export class DocumentsService {
  constructor(private readonly ctx: ServiceContext) {}

  /** One document's metadata and tags, without its text. */
  meta(id: number): DocumentMeta {
    const row = this.ctx.db.prepare(`SELECT ${META_COLUMNS} FROM documents WHERE id = ?`).get(id) as MetaRow | undefined;
    if (!row) throw notFound('document', id);
    const ocr = (this.ctx.db.prepare('SELECT engine, languages, confidence FROM document_ocr WHERE document_id = ?').get(id) as DocumentMeta['ocr'] | undefined) ?? null;
    return { ...row, tags: tagRefs(this.ctx.db, 'document', [id]).get(id) ?? [], ocr };
  }

  /** One document with its full text. */
  get(id: number): DocumentFull {
    const meta = this.meta(id);
    const body = this.ctx.db.prepare('SELECT body FROM documents WHERE id = ?').pluck().get(id) as string;
    return { ...meta, body };
  }

  /**
   * The original file as text, for documents extracted from a text format (a web page, an
   * e-mail); null for plain text and for binary originals (PDF, DOCX), which are kept
   * but have nothing to read as text.
   */
  source(id: number): { mediaType: string; text: string } | null {
    this.meta(id);
    const row = this.ctx.db.prepare('SELECT media_type AS mediaType, content FROM document_sources WHERE document_id = ?').get(id) as { mediaType: string; content: Buffer } | undefined;
    if (!row || !/^(text\/|message\/)/.test(row.mediaType)) return null;
    const encoding = this.ctx.db.prepare('SELECT encoding FROM documents WHERE id = ?').pluck().get(id) as string | null;
    return { mediaType: row.mediaType, text: decodeStored(row.content, encoding) };
  }

  /** The image a document's text was recognised from (its original), base64-encoded; null for others. */
  image(id: number, page?: number): { mediaType: string; base64: string; page: number; pages: number[] } | null {
    this.meta(id);
    const row = this.ctx.db.prepare('SELECT media_type AS mediaType, content FROM document_sources WHERE document_id = ?').get(id) as { mediaType: string; content: Buffer } | undefined;
    if (row && row.mediaType.startsWith('image/')) return { mediaType: row.mediaType, base64: row.content.toString('base64'), page: 1, pages: [1] };
    // A scanned PDF: the pages read by OCR, each kept as the image it was read from.
    const pages = this.ctx.db.prepare('SELECT page FROM document_page_images WHERE document_id = ? ORDER BY page').pluck().all(id) as number[];
    if (!pages.length) return null;
    const wanted = page ?? pages[0]!;
    if (!pages.includes(wanted)) throw invalid('page', `document ${id} has no image of page ${wanted}; it has ${pages.join(', ')}`);
    const img = this.ctx.db.prepare('SELECT media_type AS mediaType, content FROM document_page_images WHERE document_id = ? AND page = ?').get(id, wanted) as { mediaType: string; content: Buffer };
    return { mediaType: img.mediaType, base64: img.content.toString('base64'), page: wanted, pages };
  }

  /** The documents whose text was recognised by OCR, for the library to mark. */
  ocrIds(): number[] {
    return this.ctx.db.prepare('SELECT document_id FROM document_ocr ORDER BY document_id').pluck().all() as number[];
  }

  exists(id: number): boolean {
    return this.ctx.db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck().get(id) === 1;
  }

  count(): number {
    return this.ctx.db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  }

  /** Edits title, outlet, author, date or URL. Fields left out stay as they are. */
  updateMetadata(id: number, patch: MetadataPatch): DocumentMeta {
    const parsed = MetadataPatch.safeParse(patch);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new WorkbenchError(ErrorCode.InvalidInput, `${issue.path.join('.') || 'metadata'}: ${issue.message}`, { field: issue.path.join('.') });
    }
    this.meta(id);
    const columns: Record<string, string> = { title: 'title', outlet: 'outlet', author: 'author', published: 'published', url: 'url', lang: 'lang' };
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, value] of Object.entries(parsed.data)) {
      if (value === undefined) continue;
      sets.push(`${columns[key]} = ?`);
      values.push(value === '' ? null : value);
    }
    if (sets.length) {
      this.ctx.db.prepare(`UPDATE documents SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
      this.ctx.reindexDocuments([id]);
      this.ctx.changed('documents');
    }
    return this.meta(id);
  }

  /** Deletes documents with their highlights; notes on them stay, as free notes. */
  delete(ids: number[]): number {
    const rows = this.ctx.db
      .prepare('SELECT id, body FROM documents WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ids)) as Array<{ id: number; body: string }>;
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new WorkbenchError(ErrorCode.NotFound, `No document with id ${missing.join(', ')}; nothing was deleted.`, { id: missing[0] });
    const affectedNotes = this.ctx.db
      .prepare(
        `SELECT id FROM notes WHERE document_id IN (SELECT value FROM json_each(?))
           OR highlight_id IN (SELECT id FROM highlights WHERE document_id IN (SELECT value FROM json_each(?)))`,
      )
      .pluck()
      .all(JSON.stringify(ids), JSON.stringify(ids)) as number[];
    const json = JSON.stringify(ids);
    const inDocs = '(SELECT value FROM json_each(?))';
    const inHighlights = `(SELECT id FROM highlights WHERE document_id IN ${inDocs})`;
    this.ctx.db.transaction(() => {
      this.ctx.undo.record(rows.length === 1 ? `Delete document “${this.meta(rows[0]!.id).title}”` : `Delete ${rows.length} documents`, [
        { table: 'documents', where: `id IN ${inDocs}`, params: [json] },
        { table: 'documents', where: `parent_id IN ${inDocs}`, params: [json], restoreColumns: ['parent_id'] },
        { table: 'document_sources', where: `document_id IN ${inDocs}`, params: [json] },
        { table: 'document_pages', where: `document_id IN ${inDocs}`, params: [json] },
        { table: 'document_page_images', where: `document_id IN ${inDocs}`, params: [json] },
        { table: 'document_ocr', where: `document_id IN ${inDocs}`, params: [json] },
        { table: 'document_tags', where: `document_id IN ${inDocs}`, params: [json] },
        { table: 'highlights', where: `document_id IN ${inDocs}`, params: [json] },
        { table: 'highlight_tags', where: `highlight_id IN ${inHighlights}`, params: [json] },
        { table: 'note_links', where: `document_id IN ${inDocs} OR highlight_id IN ${inHighlights}`, params: [json, json] },
        { table: 'notes', where: `document_id IN ${inDocs} OR highlight_id IN ${inHighlights}`, params: [json, json], restoreColumns: ['document_id', 'highlight_id'] },
      ]);
      this.ctx.db.prepare(`DELETE FROM documents WHERE id IN ${inDocs}`).run(json);
    })();
    this.ctx.unindexDocuments(rows);
    this.ctx.reindexNotes(affectedNotes);
    this.ctx.changed('documents');
    return rows.length;
  }

  /** Outlets with how many documents each has, most first. */
  outlets(): Array<{ outlet: string; documents: number }> {
    return this.ctx.db
      .prepare(
        `SELECT outlet, count(*) AS documents FROM documents WHERE outlet IS NOT NULL
         GROUP BY outlet COLLATE NOCASE ORDER BY documents DESC, outlet COLLATE NOCASE`,
      )
      .all() as Array<{ outlet: string; documents: number }>;
  }
}
