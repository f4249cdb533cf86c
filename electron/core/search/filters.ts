import type MiniSearch from 'minisearch';
import type { Db } from '../db/open';
import type { ParsedQuery } from '../../shared/query';
import { docKey, keyId, type PersonalEntry } from './personal-index';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import type * as Entities from '../analysis/entity-groups';

/**
 * Entity filters group names with the analysis's language rules (compromise, seconds to
 * load), so that module loads only for a query that has one: SearchEngine.query awaits
 * loadFilterModules before searching.
 */
let entities: typeof Entities | null = null;

/** Loads what the query's filters need; a no-op for most queries. */
export async function loadFilterModules(q: ParsedQuery): Promise<void> {
  if (!entities && q.filters.some((f) => f.field === 'entity')) entities = await import('../analysis/entity-groups');
}

function documentsWithEntity(db: Db, name: string): number[] {
  if (!entities) throw new WorkbenchError(ErrorCode.Internal, 'An entity: filter was searched before its module loaded (use SearchEngine.query).');
  return entities.documentsWithEntity(db, name);
}

/**
 * The constraints of a query that are not words to rank: field filters and dates, as an
 * SQL condition on `documents d` with its parameters. Tag, title, outlet and author
 * filters become id sets; dates stay SQL, comparing the span a partial date covers.
 */
export interface FilterSql {
  where: string;
  params: unknown[];
  /** True when no filter applies, so queries can skip joining `documents`. */
  none: boolean;
}

const DOC_START = "substr(d.published || '-01-01', 1, 10)";
const DOC_END = "CASE length(d.published) WHEN 4 THEN d.published || '-12-31' WHEN 7 THEN d.published || '-31' ELSE d.published END";

/** Documents carrying the tag (by name, any case) or a tag below it, on the whole document or on a highlight. */
export function documentsWithTag(db: Db, name: string): number[] {
  return db
    .prepare(
      `WITH RECURSIVE sub(id) AS (
         SELECT id FROM tags WHERE name = ? COLLATE NOCASE
         UNION SELECT t.id FROM tags t JOIN sub ON t.parent_id = sub.id
       )
       SELECT document_id FROM document_tags WHERE tag_id IN (SELECT id FROM sub)
       UNION
       SELECT h.document_id FROM highlights h JOIN highlight_tags ht ON ht.highlight_id = h.id WHERE ht.tag_id IN (SELECT id FROM sub)`,
    )
    .pluck()
    .all(name) as number[];
}

function fieldMatches(db: Db, index: MiniSearch<PersonalEntry> | null, field: string, words: string[]): number[] {
  if (words.length === 0) return [];
  if (!index) {
    // While the index loads: a plain substring match on the column, close enough for a moment.
    const where = words.map(() => `${field} LIKE ?`).join(' AND ');
    return db.prepare(`SELECT id FROM documents WHERE ${where}`).pluck().all(...words.map((w) => `%${w}%`)) as number[];
  }
  return index
    .search({ combineWith: 'AND', queries: words }, { fields: [field], prefix: false, fuzzy: false, filter: (r) => String(r.id).startsWith('d:') })
    .map((r) => keyId(String(r.id)));
}

export function buildFilters(db: Db, index: MiniSearch<PersonalEntry> | null, q: ParsedQuery, excludedIds: Iterable<number> = []): FilterSql {
  let allowed: Set<number> | null = null;
  const excluded = new Set<number>(excludedIds);
  for (const f of q.filters) {
    const ids = f.field === 'tag'
      ? documentsWithTag(db, f.value)
      : f.field === 'entity'
        ? documentsWithEntity(db, f.value)
        : f.field === 'lang'
          ? (db.prepare('SELECT id FROM documents WHERE lang = ?').pluck().all(f.value.toLowerCase()) as number[])
          : fieldMatches(db, index, f.field, f.words);
    if (f.negated) ids.forEach((id) => excluded.add(id));
    else allowed = allowed === null ? new Set(ids) : new Set(ids.filter((id) => allowed!.has(id)));
  }
  const where: string[] = [];
  const params: unknown[] = [];
  if (allowed !== null) {
    where.push('d.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify([...allowed]));
  }
  if (excluded.size > 0) {
    where.push('d.id NOT IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify([...excluded]));
  }
  if (q.dateFrom) {
    where.push(`d.published IS NOT NULL AND ${DOC_END} >= ?`);
    params.push(q.dateFrom);
  }
  if (q.dateTo) {
    where.push(`d.published IS NOT NULL AND ${DOC_START} <= ?`);
    params.push(q.dateTo);
  }
  return { where: where.length ? where.join(' AND ') : '1', params, none: where.length === 0 };
}

export { docKey };
