import type { Db } from '../db/open';
import type { NewDocument } from './parse-file';

/** What the search index needs to know of a stored document. */
export interface StoredEntry {
  id: number;
  title: string;
  outlet: string | null;
  author: string | null;
}

/** Inserts a batch of documents in one transaction and returns their ids, in order. */
export function insertDocuments(db: Db, docs: NewDocument[]): number[] {
  const insert = db.prepare(
    `INSERT INTO documents (title, body, outlet, author, published, url, file_name, format, encoding, sha256, size_bytes, imported_at, parent_id, boilerplate, lang)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const source = db.prepare('INSERT INTO document_sources (document_id, media_type, content) VALUES (?, ?, ?)');
  const page = db.prepare('INSERT INTO document_pages (document_id, page, start_offset) VALUES (?, ?, ?)');
  const clean = db.prepare('INSERT INTO documents_clean_fts (rowid, body) VALUES (?, ?)');
  const pageImage = db.prepare('INSERT INTO document_page_images (document_id, page, media_type, content) VALUES (?, ?, ?, ?)');
  const ocr = db.prepare('INSERT INTO document_ocr (document_id, engine, languages, confidence, page_confidences) VALUES (?, ?, ?, ?, ?)');
  const now = new Date().toISOString();
  return db.transaction(() => {
    const ids: number[] = [];
    for (const d of docs) {
      const ref = d.parentRef;
      const parent = ref === undefined ? null : 'id' in ref ? ref.id : (ids[ref.batchIndex] ?? null);
      const id = Number(insert.run(d.title, d.body, d.outlet, d.author, d.published, d.url, d.fileName, d.format, d.encoding, d.sha256, d.sizeBytes, now, parent, d.clean === undefined ? 0 : 1, d.lang ?? null).lastInsertRowid);
      if (d.original) source.run(id, d.original.mediaType, Buffer.from(d.original.content));
      d.pages?.forEach((start, i) => page.run(id, i + 1, start));
      if (d.clean !== undefined) clean.run(id, d.clean);
      for (const img of d.pageImages ?? []) pageImage.run(id, img.page, img.mediaType, Buffer.from(img.content.buffer, img.content.byteOffset, img.content.byteLength));
      if (d.ocr) ocr.run(id, d.ocr.engine, d.ocr.languages, d.ocr.confidence, JSON.stringify(d.ocr.pages));
      ids.push(id);
    }
    return ids;
  })();
}

export function shaLookup(db: Db): (sha: string) => number | null {
  const bySha = db.prepare('SELECT id FROM documents WHERE sha256 = ?').pluck();
  return (sha) => (bySha.get(sha) as number | undefined) ?? null;
}

/** Merges FTS5 segments a little at a time, so no single step holds the database for long. */
export async function mergeSegments(db: Db): Promise<void> {
  const merge = db.prepare("INSERT INTO documents_fts (documents_fts, rank) VALUES ('merge', ?)");
  const changes = db.prepare('SELECT total_changes()').pluck();
  for (let i = 0; i < 10_000; i++) {
    const before = changes.get() as number;
    merge.run(64);
    // FTS5's own test for "nothing left to merge": fewer than two changes.
    if ((changes.get() as number) - before < 2) break;
    await new Promise((r) => setImmediate(r));
  }
}
