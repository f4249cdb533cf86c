import { useState } from 'react';
import type { Tag } from '../../../electron/shared/schemas';
import { plural } from '../../../electron/shared/text/plural';
import { api, errorMessage } from '../api';
import { useApiQuery } from '../query';
import { useActions, useWorkbench, useWorkbenchStore, writeFilters } from '../state';

/** "2 docs · 1 highlight": what carries the tag, in words; the button's label says it in full. */
function tagCounts(t: Tag): string {
  const parts = [t.documentCount ? plural(t.documentCount, 'doc') : '', t.highlightCount ? plural(t.highlightCount, 'highlight') : ''].filter(Boolean);
  return parts.join(' · ') || 'unused';
}

function TagTree({ tags, parent, depth }: { tags: Tag[]; parent: number | null; depth: number }) {
  const chosen = useWorkbench((s) => s.filters.tag);
  const { setFilters } = useActions();
  return (
    <>
      {tags
        .filter((t) => t.parentId === parent)
        .map((t) => {
          const on = chosen?.toLowerCase() === t.name.toLowerCase();
          return (
            <li key={t.id}>
              <button
                type="button"
                className={`tag-filter${on ? ' on' : ''}`}
                style={{ paddingLeft: `${0.5 + depth}rem`, ['--tag' as string]: t.color }}
                aria-pressed={on}
                aria-label={`Filter by tag ${t.name}: ${plural(t.documentCount, 'document')}, ${plural(t.highlightCount, 'highlight')}`}
                onClick={() => setFilters({ tag: on ? null : t.name })}
              >
                <span className="chip-dot" aria-hidden="true" />
                <span className="tag-name">{t.name}</span>
                <span className="tag-count" aria-hidden="true">
                  {tagCounts(t)}
                </span>
              </button>
              <ul>
                <TagTree tags={tags} parent={t.id} depth={depth + 1} />
              </ul>
            </li>
          );
        })}
    </>
  );
}

/** Tag tree with colours and counts, outlet and date filters, and saved searches. */
export function Filters() {
  const filters = useWorkbench((s) => s.filters);
  const wb = useActions();
  const store = useWorkbenchStore();
  const tags = useApiQuery('tags.list', {});
  const outlets = useApiQuery('documents.outlets', {});
  const saved = useApiQuery('savedSearches.list', {});
  const [message, setMessage] = useState<string | null>(null);
  const [naming, setNaming] = useState<string | null>(null);
  const any = filters.tag || filters.outlet || filters.dateFrom || filters.dateTo;

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const name = (naming ?? '').trim();
    if (!name) return;
    api.savedSearches
      .save({ name, query: writeFilters(store.getState().query, store.getState().filters) })
      .then(() => {
        setMessage(`Saved "${name}".`);
        setNaming(null);
      })
      .catch((err: unknown) => setMessage(errorMessage(err))); // the name stays in the box
  };

  return (
    <nav className="filters" aria-label="Filters">
      <div className="filter-head">
        <h2>Tags</h2>
      </div>
      {tags.error && <p role="alert" className="error">{tags.error}</p>}
      {tags.data?.length === 0 && <p className="empty">No tags yet: select text in a document to tag it.</p>}
      <ul className="tag-tree">{tags.data && <TagTree tags={tags.data} parent={null} depth={0} />}</ul>
      <h2>Outlet</h2>
      <select aria-label="Filter by outlet" value={filters.outlet ?? ''} onChange={(e) => wb.setFilters({ outlet: e.target.value || null })}>
        <option value="">All outlets</option>
        {outlets.data?.map((o) => (
          <option key={o.outlet} value={o.outlet}>
            {o.outlet} ({o.documents})
          </option>
        ))}
      </select>
      <h2>Published</h2>
      <div className="date-range">
        <input aria-label="Published from (yyyy, yyyy-mm or yyyy-mm-dd)" placeholder="from" value={filters.dateFrom} onChange={(e) => wb.setFilters({ dateFrom: e.target.value.trim() })} />
        <span aria-hidden="true">–</span>
        <input aria-label="Published until (yyyy, yyyy-mm or yyyy-mm-dd)" placeholder="until" value={filters.dateTo} onChange={(e) => wb.setFilters({ dateTo: e.target.value.trim() })} />
      </div>
      {any && (
        <button type="button" className="link-button" onClick={wb.clearFilters}>
          Clear filters
        </button>
      )}
      <div className="filter-head">
        <h2>Saved searches</h2>
        <button type="button" className="link-button" onClick={() => {
            // Read when asked, not subscribed to: the filters never re-render while someone types.
            const s = store.getState();
            // What is in the box now, even if typing has not paused yet, with the filters.
            const typed = writeFilters(s.query, s.filters);
            if (typed) setNaming(s.query.trim() || typed);
            else setMessage('Search for something first, then save it.');
          }} aria-label="Save this search">
          Save
        </button>
      </div>
      {naming !== null && (
        <form onSubmit={save} className="save-search" onKeyDown={(e) => e.key === 'Escape' && setNaming(null)}>
          <input autoFocus value={naming} onChange={(e) => setNaming(e.target.value)} aria-label="Name for this search" />
          <button type="submit">Save search</button>
        </form>
      )}
      {message && <p role="status">{message}</p>}
      <ul className="saved">
        {saved.data?.map((s) => (
          <li key={s.id}>
            <button type="button" className="link-button" title={s.query} aria-label={`Run saved search ${s.name}`} onClick={() => { wb.clearFilters(); wb.setQuery(s.query); }}>
              {s.name}
            </button>
            <button type="button" className="chip-x" aria-label={`Delete saved search ${s.name}`} onClick={() => void api.savedSearches.delete({ id: s.id })}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
