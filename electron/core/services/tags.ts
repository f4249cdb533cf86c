import { ErrorCode, WorkbenchError, invalid, notFound } from '../../shared/errors';
import { Color, type Tag } from '../../shared/schemas';
import { nowIso, type ServiceContext } from './context';

/** Distinct, readable on light and dark backgrounds; new tags take the next one. */
export const TAG_PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990', '#808000'];

const LIST_SQL = `
  WITH RECURSIVE anc(tag_id, ancestor_id) AS (
    SELECT id, id FROM tags
    UNION ALL
    SELECT anc.tag_id, t.parent_id FROM anc JOIN tags t ON t.id = anc.ancestor_id WHERE t.parent_id IS NOT NULL
  )
  SELECT t.id, t.name, t.color, t.parent_id AS parentId, t.description,
    (SELECT count(DISTINCT dt.document_id) FROM document_tags dt JOIN anc ON anc.tag_id = dt.tag_id WHERE anc.ancestor_id = t.id) AS documentCount,
    (SELECT count(DISTINCT ht.highlight_id) FROM highlight_tags ht JOIN anc ON anc.tag_id = ht.tag_id WHERE anc.ancestor_id = t.id) AS highlightCount
  FROM tags t`;

export interface CreateTag {
  name: string;
  color?: string;
  parentId?: number | null;
  description?: string | null;
}

export class TagsService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Every tag with its counts, its own and those of the tags below it. */
  list(): Tag[] {
    return this.ctx.db.prepare(`${LIST_SQL} ORDER BY t.name COLLATE NOCASE`).all() as Tag[];
  }

  get(id: number): Tag {
    const tag = this.ctx.db.prepare(`${LIST_SQL} WHERE t.id = ?`).get(id) as Tag | undefined;
    if (!tag) throw notFound('tag', id);
    return tag;
  }

  findByName(name: string): Tag | null {
    const id = this.ctx.db.prepare('SELECT id FROM tags WHERE name = ? COLLATE NOCASE').pluck().get(name.trim()) as number | undefined;
    return id === undefined ? null : this.get(id);
  }

  private checkName(name: string, exceptId?: number): string {
    const clean = name.replace(/\s+/g, ' ').trim();
    if (!clean) throw invalid('name', 'a tag needs a name');
    if (clean.length > 100) throw invalid('name', 'a tag name can be at most 100 characters');
    const taken = this.ctx.db.prepare('SELECT id FROM tags WHERE name = ? COLLATE NOCASE').pluck().get(clean) as number | undefined;
    if (taken !== undefined && taken !== exceptId) {
      throw new WorkbenchError(ErrorCode.Conflict, `A tag named "${clean}" already exists (id ${taken}).`, { field: 'name', id: taken });
    }
    return clean;
  }

  private checkColor(color: string): string {
    if (!Color.safeParse(color).success) throw invalid('color', `"${color}" is not a colour; use #rrggbb`);
    return color.toLowerCase();
  }

  /** The ids of a tag and all tags below it. */
  private subtree(id: number): number[] {
    return this.ctx.db
      .prepare('WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT t.id FROM tags t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub')
      .pluck()
      .all(id) as number[];
  }

  private checkParent(id: number | null, parentId: number | null | undefined): number | null {
    if (parentId === null || parentId === undefined) return null;
    if (!this.exists(parentId)) throw notFound('parent tag', parentId);
    if (id !== null && this.subtree(id).includes(parentId)) {
      throw invalid('parentId', 'a tag cannot be moved under itself or under one of its own sub-tags');
    }
    return parentId;
  }

  exists(id: number): boolean {
    return this.ctx.db.prepare('SELECT 1 FROM tags WHERE id = ?').pluck().get(id) === 1;
  }

  /**
   * A new tag. A name with slashes (`flights/russia`) at the top level is a path: the tags
   * along it are found by name or created, each under the one before; typed again, the path
   * gives the tag it made.
   */
  create(input: CreateTag): Tag {
    const segments = input.name.split('/').map((p) => p.replace(/\s+/g, ' ').trim());
    if (segments.length > 1 && input.parentId == null && !this.findByName(input.name)) {
      if (segments.some((p) => !p)) throw invalid('name', `"${input.name}" has an empty level; write a path as flights/russia`);
      return this.ctx.db.transaction(() => this.createPath(segments, input))();
    }
    const name = this.checkName(input.name);
    const count = this.ctx.db.prepare('SELECT count(*) FROM tags').pluck().get() as number;
    const color = this.checkColor(input.color ?? TAG_PALETTE[count % TAG_PALETTE.length]!);
    const parentId = this.checkParent(null, input.parentId);
    const id = Number(
      this.ctx.db
        .prepare('INSERT INTO tags (name, color, parent_id, description, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(name, color, parentId, input.description?.trim() || null, nowIso()).lastInsertRowid,
    );
    this.ctx.changed('tags');
    return this.get(id);
  }

  private createPath(segments: string[], input: CreateTag): Tag {
    let parent = null as Tag | null;
    for (const [i, segment] of segments.entries()) {
      const last = i === segments.length - 1;
      const found = this.findByName(segment);
      if (found && last && found.parentId !== (parent?.id ?? null)) {
        const where = found.parentId === null ? 'at the top level' : `under “${this.get(found.parentId).name}”`;
        throw new WorkbenchError(ErrorCode.Conflict, `A tag named "${found.name}" already exists ${where} (id ${found.id}); tag names are unique.`, {
          field: 'name',
          id: found.id,
        });
      }
      const parentId: number | null = parent ? parent.id : null;
      const extra = last ? { ...(input.color && { color: input.color }), ...(input.description && { description: input.description }) } : {};
      parent = found ?? this.create({ name: segment, parentId, ...extra });
    }
    return parent!;
  }

  /** The tag with this name, created when there is none. */
  ensure(name: string, color?: string): Tag {
    return this.findByName(name) ?? this.create(color ? { name, color } : { name });
  }

  private taggedDocuments(tagIds: number[]): number[] {
    return this.ctx.db
      .prepare(
        `SELECT document_id FROM document_tags WHERE tag_id IN (SELECT value FROM json_each(?))
         UNION SELECT h.document_id FROM highlight_tags ht JOIN highlights h ON h.id = ht.highlight_id
         WHERE ht.tag_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(JSON.stringify(tagIds), JSON.stringify(tagIds)) as number[];
  }

  rename(id: number, name: string): Tag {
    this.get(id);
    const clean = this.checkName(name, id);
    this.ctx.db.prepare('UPDATE tags SET name = ? WHERE id = ?').run(clean, id);
    this.ctx.reindexDocuments(this.taggedDocuments([id]));
    this.ctx.changed('tags');
    return this.get(id);
  }

  recolor(id: number, color: string): Tag {
    this.get(id);
    this.ctx.db.prepare('UPDATE tags SET color = ? WHERE id = ?').run(this.checkColor(color), id);
    this.ctx.changed('tags');
    return this.get(id);
  }

  /** Moves a tag under another, or to the top level with null. */
  move(id: number, parentId: number | null): Tag {
    this.get(id);
    this.ctx.db.prepare('UPDATE tags SET parent_id = ? WHERE id = ?').run(this.checkParent(id, parentId), id);
    this.ctx.changed('tags');
    return this.get(id);
  }

  /** Moves every use of `sourceId` onto `targetId`, then deletes the source. */
  merge(sourceId: number, targetId: number): Tag {
    if (sourceId === targetId) throw invalid('targetId', 'a tag cannot be merged into itself');
    const source = this.get(sourceId);
    const target = this.get(targetId);
    if (this.subtree(sourceId).includes(targetId)) throw invalid('targetId', 'a tag cannot be merged into one of its own sub-tags');
    const affected = this.taggedDocuments([sourceId]);
    const db = this.ctx.db;
    db.transaction(() => {
      // What the merge adds to the target, so that undo can take exactly that away again.
      const newDocs = db
        .prepare('SELECT document_id, ? AS tag_id FROM document_tags WHERE tag_id = ? AND document_id NOT IN (SELECT document_id FROM document_tags WHERE tag_id = ?)')
        .all(targetId, sourceId, targetId) as Array<Record<string, unknown>>;
      const newHighlights = db
        .prepare('SELECT highlight_id, ? AS tag_id FROM highlight_tags WHERE tag_id = ? AND highlight_id NOT IN (SELECT highlight_id FROM highlight_tags WHERE tag_id = ?)')
        .all(targetId, sourceId, targetId) as Array<Record<string, unknown>>;
      this.ctx.undo.record(
        `Merge tag “${source.name}” into “${target.name}”`,
        this.captures(sourceId),
        [
          { table: 'document_tags', rows: newDocs },
          { table: 'highlight_tags', rows: newHighlights },
        ],
      );
      db.prepare('INSERT OR IGNORE INTO document_tags (document_id, tag_id, created_at) SELECT document_id, ?, created_at FROM document_tags WHERE tag_id = ?').run(targetId, sourceId);
      db.prepare('INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id, created_at) SELECT highlight_id, ?, created_at FROM highlight_tags WHERE tag_id = ?').run(targetId, sourceId);
      db.prepare('UPDATE tags SET parent_id = ? WHERE parent_id = ?').run(targetId, sourceId);
      db.prepare('DELETE FROM tags WHERE id = ?').run(sourceId);
    })();
    this.ctx.reindexDocuments(affected);
    this.ctx.changed('tags');
    return this.get(targetId);
  }

  /** The rows deleting or merging away a tag removes or changes. */
  private captures(id: number) {
    return [
      { table: 'tags', where: 'id = ?', params: [id] },
      { table: 'tags', where: 'parent_id = ?', params: [id], restoreColumns: ['parent_id'] },
      { table: 'document_tags', where: 'tag_id = ?', params: [id] },
      { table: 'highlight_tags', where: 'tag_id = ?', params: [id] },
    ];
  }

  /** Deletes a tag. Documents, highlights and notes stay; sub-tags move up a level. */
  delete(id: number): void {
    const tag = this.get(id);
    const affected = this.taggedDocuments([id]);
    const db = this.ctx.db;
    db.transaction(() => {
      this.ctx.undo.record(`Delete tag “${tag.name}”`, this.captures(id));
      db.prepare('UPDATE tags SET parent_id = ? WHERE parent_id = ?').run(tag.parentId, id);
      db.prepare('DELETE FROM tags WHERE id = ?').run(id);
    })();
    this.ctx.reindexDocuments(affected);
    this.ctx.changed('tags');
  }

  applyToDocuments(tagId: number, documentIds: number[]): number {
    return this.setOnDocuments(tagId, documentIds, true);
  }

  removeFromDocuments(tagId: number, documentIds: number[]): number {
    return this.setOnDocuments(tagId, documentIds, false);
  }

  private setOnDocuments(tagId: number, documentIds: number[], on: boolean): number {
    this.get(tagId);
    const missing = documentIds.filter((id) => this.ctx.db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck().get(id) !== 1);
    if (missing.length) throw notFound('document', missing.join(', '));
    const stmt = on
      ? this.ctx.db.prepare('INSERT OR IGNORE INTO document_tags (document_id, tag_id, created_at) VALUES (?, ?, ?)')
      : this.ctx.db.prepare('DELETE FROM document_tags WHERE document_id = ? AND tag_id = ?');
    let changed = 0;
    this.ctx.db.transaction(() => {
      for (const id of documentIds) changed += (on ? stmt.run(id, tagId, nowIso()) : stmt.run(id, tagId)).changes;
    })();
    this.ctx.reindexDocuments(documentIds);
    this.ctx.changed('tags');
    return changed;
  }

  applyToHighlights(tagId: number, highlightIds: number[]): number {
    return this.setOnHighlights(tagId, highlightIds, true);
  }

  removeFromHighlights(tagId: number, highlightIds: number[]): number {
    return this.setOnHighlights(tagId, highlightIds, false);
  }

  private setOnHighlights(tagId: number, highlightIds: number[], on: boolean): number {
    this.get(tagId);
    const docs = new Set<number>();
    for (const id of highlightIds) {
      const doc = this.ctx.db.prepare('SELECT document_id FROM highlights WHERE id = ?').pluck().get(id) as number | undefined;
      if (doc === undefined) throw notFound('highlight', id);
      docs.add(doc);
    }
    const stmt = on
      ? this.ctx.db.prepare('INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id, created_at) VALUES (?, ?, ?)')
      : this.ctx.db.prepare('DELETE FROM highlight_tags WHERE highlight_id = ? AND tag_id = ?');
    let changed = 0;
    this.ctx.db.transaction(() => {
      for (const id of highlightIds) changed += (on ? stmt.run(id, tagId, nowIso()) : stmt.run(id, tagId)).changes;
    })();
    this.ctx.reindexDocuments(docs);
    this.ctx.changed('tags');
    return changed;
  }
}
