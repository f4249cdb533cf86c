import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ErrorCode, WorkbenchError, invalid } from '../../shared/errors';
import type { MergeSummary } from '../../shared/schemas';
import { locateApprox } from '../../shared/text/anchor';
import { rewriteNoteLinks } from '../../shared/text/note-links';
import { isPlainSqlite, type Db } from '../db/open';
import { LATEST_VERSION, userVersion } from '../db/migrations';
import { sha256 } from '../import/hash';
import type { Workspace } from '../workspace';
import { openCopy } from './files';
import { lockOwner } from './lock';

interface OtherHighlight {
  id: number;
  document_id: number;
  start_offset: number;
  end_offset: number;
  quote: string;
  prefix: string;
  suffix: string;
  created_at: string;
  updated_at: string;
}

interface OtherNote {
  id: number;
  body: string;
  document_id: number | null;
  highlight_id: number | null;
  created_at: string;
  updated_at: string;
  handout: number;
  origin: string | null;
  readonly: number;
}

const clip = (s: string) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
};

function openOther(file: string, passphrase: string | undefined): Db {
  if (!existsSync(file)) throw new WorkbenchError(ErrorCode.NotFound, `There is no workspace ${file} to merge from.`, { file });
  const plain = isPlainSqlite(file);
  if (!plain && !passphrase) throw new WorkbenchError(ErrorCode.NeedsPassphrase, `${file} is encrypted (or is not a workspace): give its passphrase to merge from it.`, { file });
  const db = openCopy(file, plain ? undefined : passphrase, { readonly: true });
  try {
    const version = userVersion(db);
    if (version !== LATEST_VERSION) {
      throw new WorkbenchError(ErrorCode.InvalidInput, `${file} is at schema ${version}; open it once with this version (it is upgraded, with a backup) and merge again.`, { file });
    }
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') throw new WorkbenchError(ErrorCode.WrongPassphrase, `Wrong passphrase, or ${file} is not a workspace.`, { file });
    throw err;
  }
  return db;
}

/**
 * Brings tags, highlights and notes from another workspace holding the same documents,
 * matched by the SHA-256 of their text. Nothing is duplicated: a tag is matched by name,
 * a highlight by its place (re-anchored by quote and context when the offsets differ),
 * and a note by the hash of its text with its links rewritten. The other file is only
 * read. What cannot be placed is listed with the reason.
 */
export function mergeWorkspace(ws: Workspace, otherFile: string, passphrase?: string): MergeSummary {
  if (resolve(otherFile) === resolve(ws.file)) throw invalid('other', 'a workspace cannot be merged into itself');
  // A read-only connection to a workspace in WAL mode still makes its -wal and -shm; those
  // it made are removed after, unless another program has the workspace open meanwhile.
  const made = ['-wal', '-shm'].map((x) => otherFile + x).filter((f) => !existsSync(f));
  const other = openOther(otherFile, passphrase);
  const from = basename(otherFile);
  const summary: MergeSummary = {
    from,
    documentsMatched: 0,
    added: { tags: 0, documentTags: 0, highlights: 0, highlightTags: 0, notes: 0 },
    alreadyPresent: { highlights: 0, notes: 0 },
    reanchored: 0,
    notPlaced: [],
    backup: null,
  };
  const db = ws.db;
  const touchedDocs = new Set<number>();
  const newNotes: number[] = [];
  try {
    const docs = new Map<number, number>();
    const ourBySha = db.prepare('SELECT id FROM documents WHERE sha256 = ?').pluck();
    const missingDocs = new Map<number, string>();
    for (const d of other.prepare('SELECT id, sha256, title FROM documents').all() as Array<{ id: number; sha256: string; title: string }>) {
      const ours = ourBySha.get(d.sha256) as number | undefined;
      if (ours !== undefined) docs.set(d.id, ours);
      else missingDocs.set(d.id, d.title);
    }
    summary.documentsMatched = docs.size;
    const missing = (docId: number) => `its document “${clip(missingDocs.get(docId) ?? String(docId))}” is not in this workspace`;

    db.transaction(() => {
      // Tags, parents first, matched by name.
      const tags = new Map<number, number>();
      const otherTags = other.prepare('SELECT id, name, color, parent_id AS parentId, created_at AS createdAt FROM tags').all() as Array<{ id: number; name: string; color: string; parentId: number | null; createdAt: string }>;
      const byName = db.prepare('SELECT id FROM tags WHERE name = ?').pluck();
      const addTag = db.prepare('INSERT INTO tags (name, color, parent_id, created_at) VALUES (?, ?, ?, ?)');
      const place = (t: (typeof otherTags)[number], depth = 0): number => {
        const known = tags.get(t.id);
        if (known !== undefined) return known;
        let id = byName.get(t.name) as number | undefined;
        if (id === undefined) {
          const parent = t.parentId !== null && depth < 64 ? otherTags.find((p) => p.id === t.parentId) : undefined;
          id = Number(addTag.run(t.name, t.color, parent ? place(parent, depth + 1) : null, t.createdAt).lastInsertRowid);
          summary.added.tags++;
        }
        tags.set(t.id, id);
        return id;
      };
      otherTags.forEach((t) => place(t));

      const tagDoc = db.prepare('INSERT OR IGNORE INTO document_tags (document_id, tag_id, created_at) VALUES (?, ?, ?)');
      for (const r of other.prepare('SELECT document_id AS d, tag_id AS t, created_at AS c FROM document_tags').all() as Array<{ d: number; t: number; c: string }>) {
        const doc = docs.get(r.d);
        if (doc === undefined) continue; // reported once per document below, with its highlights and notes
        const changes = tagDoc.run(doc, tags.get(r.t)!, r.c).changes;
        summary.added.documentTags += changes;
        if (changes) touchedDocs.add(doc);
      }

      // Highlights, placed by their quote and context in our copy of the text.
      const highlights = new Map<number, number>();
      const bodyOf = db.prepare('SELECT body FROM documents WHERE id = ?').pluck();
      const existing = db.prepare('SELECT id FROM highlights WHERE document_id = ? AND start_offset = ? AND end_offset = ?').pluck();
      const addHighlight = db.prepare(
        'INSERT INTO highlights (document_id, start_offset, end_offset, quote, prefix, suffix, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const h of other.prepare('SELECT * FROM highlights ORDER BY id').all() as OtherHighlight[]) {
        const doc = docs.get(h.document_id);
        if (doc === undefined) {
          summary.notPlaced.push({ kind: 'highlight', what: `“${clip(h.quote)}”`, reason: missing(h.document_id) });
          continue;
        }
        const body = bodyOf.get(doc) as string;
        const at = locateApprox(body, { start: h.start_offset, end: h.end_offset, quote: h.quote, prefix: h.prefix, suffix: h.suffix });
        if (!at) {
          summary.notPlaced.push({ kind: 'highlight', what: `“${clip(h.quote)}”`, reason: 'its quote no longer occurs in the document, even approximately' });
          continue;
        }
        if (at.start !== h.start_offset || !at.exact) summary.reanchored++;
        const same = existing.get(doc, at.start, at.end) as number | undefined;
        if (same !== undefined) {
          highlights.set(h.id, same);
          summary.alreadyPresent.highlights++;
          continue;
        }
        const quote = body.slice(at.start, at.end);
        const id = Number(
          addHighlight.run(doc, at.start, at.end, quote, body.slice(Math.max(0, at.start - 32), at.start), body.slice(at.end, at.end + 32), h.created_at, h.updated_at).lastInsertRowid,
        );
        highlights.set(h.id, id);
        touchedDocs.add(doc);
        summary.added.highlights++;
      }
      const tagHighlight = db.prepare('INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id, created_at) VALUES (?, ?, ?)');
      for (const r of other.prepare('SELECT highlight_id AS h, tag_id AS t, created_at AS c FROM highlight_tags').all() as Array<{ h: number; t: number; c: string }>) {
        const h = highlights.get(r.h);
        if (h !== undefined) summary.added.highlightTags += tagHighlight.run(h, tags.get(r.t)!, r.c).changes;
      }

      // Notes, with links rewritten to our ids, and recognised by the hash of that text.
      const sameNote = db.prepare('SELECT id FROM notes WHERE sha256 = ? AND document_id IS ? AND highlight_id IS ?').pluck();
      const addNote = db.prepare(
        'INSERT INTO notes (body, sha256, document_id, highlight_id, created_at, updated_at, handout, origin, readonly) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const n of other.prepare('SELECT id, body, document_id, highlight_id, created_at, updated_at, handout, origin, readonly FROM notes ORDER BY id').all() as OtherNote[]) {
        const body = rewriteNoteLinks(n.body, { documents: docs, highlights });
        let documentId = n.document_id === null ? null : (docs.get(n.document_id) ?? null);
        const highlightId = n.highlight_id === null ? null : (highlights.get(n.highlight_id) ?? null);
        if (highlightId !== null) documentId = db.prepare('SELECT document_id FROM highlights WHERE id = ?').pluck().get(highlightId) as number;
        const hash = sha256(body);
        if (sameNote.get(hash, documentId, highlightId) !== undefined) {
          summary.alreadyPresent.notes++;
          continue;
        }
        if (n.document_id !== null && documentId === null) {
          // Nothing is lost: the note comes in free-standing, and the summary says why.
          summary.notPlaced.push({ kind: 'note', what: `“${clip(n.body)}”`, reason: `${missing(n.document_id)}; added as a free-standing note` });
        }
        const id = Number(addNote.run(body, hash, documentId, highlightId, n.created_at, n.updated_at, n.handout, n.origin ?? `merged from ${from}`, n.readonly).lastInsertRowid);
        ws.notes.saveLinks(id, body);
        newNotes.push(id);
        if (documentId !== null) touchedDocs.add(documentId);
        summary.added.notes++;
      }
      for (const [docId, title] of missingDocs) {
        const uses = other.prepare('SELECT count(*) FROM document_tags WHERE document_id = ?').pluck().get(docId) as number;
        if (uses) summary.notPlaced.push({ kind: 'tag', what: `${uses} tag(s) on “${clip(title)}”`, reason: 'the document is not in this workspace' });
      }
    })();
  } finally {
    other.close();
    const wal = `${otherFile}-wal`;
    if (lockOwner(otherFile) === null && (!existsSync(wal) || statSync(wal).size === 0)) for (const f of made) rmSync(f, { force: true });
  }
  ws.afterMerge([...touchedDocs], newNotes);
  return summary;
}
