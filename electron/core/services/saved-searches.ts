import { ErrorCode, WorkbenchError, invalid, notFound } from '../../shared/errors';
import { parseQuery } from '../../shared/query';
import type { SavedSearch } from '../../shared/schemas';
import { nowIso, type ServiceContext } from './context';

const COLUMNS = 'id, name, query, created_at AS createdAt';

export class SavedSearchesService {
  constructor(private readonly ctx: ServiceContext) {}

  list(): SavedSearch[] {
    return this.ctx.db.prepare(`SELECT ${COLUMNS} FROM saved_searches ORDER BY name COLLATE NOCASE`).all() as SavedSearch[];
  }

  /** Saves a query under a name; saving under a taken name replaces that search's query. */
  save(name: string, query: string): SavedSearch {
    const clean = name.trim();
    if (!clean) throw invalid('name', 'a saved search needs a name');
    parseQuery(query); // refuse what cannot be run later
    this.ctx.db
      .prepare('INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET query = excluded.query')
      .run(clean, query, nowIso());
    this.ctx.changed('savedSearches');
    return this.ctx.db.prepare(`SELECT ${COLUMNS} FROM saved_searches WHERE name = ? COLLATE NOCASE`).get(clean) as SavedSearch;
  }

  rename(id: number, name: string): SavedSearch {
    const clean = name.trim();
    if (!clean) throw invalid('name', 'a saved search needs a name');
    this.get(id);
    const taken = this.ctx.db.prepare('SELECT id FROM saved_searches WHERE name = ? COLLATE NOCASE').pluck().get(clean) as number | undefined;
    if (taken !== undefined && taken !== id) throw new WorkbenchError(ErrorCode.Conflict, `A saved search named "${clean}" already exists.`, { field: 'name' });
    this.ctx.db.prepare('UPDATE saved_searches SET name = ? WHERE id = ?').run(clean, id);
    this.ctx.changed('savedSearches');
    return this.get(id);
  }

  get(id: number): SavedSearch {
    const row = this.ctx.db.prepare(`SELECT ${COLUMNS} FROM saved_searches WHERE id = ?`).get(id) as SavedSearch | undefined;
    if (!row) throw notFound('saved search', id);
    return row;
  }

  delete(id: number): void {
    this.get(id);
    this.ctx.db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id);
    this.ctx.changed('savedSearches');
  }
}
