import type { TagRef } from '../../shared/schemas';
import type { Db } from '../db/open';

const SQL = {
  document: `SELECT dt.document_id AS owner, t.id, t.name, t.color FROM document_tags dt JOIN tags t ON t.id = dt.tag_id
             WHERE dt.document_id IN (SELECT value FROM json_each(?)) ORDER BY t.name COLLATE NOCASE`,
  highlight: `SELECT ht.highlight_id AS owner, t.id, t.name, t.color FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id
              WHERE ht.highlight_id IN (SELECT value FROM json_each(?)) ORDER BY t.name COLLATE NOCASE`,
} as const;

/** The tags on each of some documents or highlights, by name. */
export function tagRefs(db: Db, of: keyof typeof SQL, ids: number[]): Map<number, TagRef[]> {
  const out = new Map<number, TagRef[]>();
  if (ids.length === 0) return out;
  for (const { owner, ...tag } of db.prepare(SQL[of]).all(JSON.stringify(ids)) as Array<TagRef & { owner: number }>) {
    (out.get(owner) ?? out.set(owner, []).get(owner)!).push(tag);
  }
  return out;
}
