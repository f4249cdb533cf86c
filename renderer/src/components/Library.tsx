import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentHit, SearchResponse } from '../../../electron/shared/schemas';
import { api, errorMessage } from '../api';
import { useDebounced } from '../hooks/use-api-data';
import { useWorkbench, type SortKey } from '../state';
import { Snippet, TagChip } from './Snippet';

const PAGE = 100;

/**
 * The document list: search results or the whole library, virtualised so that 100,000
 * rows scroll as smoothly as ten; pages are fetched as they come into view.
 */
export function Library() {
  const wb = useWorkbench();
  const query = useDebounced(wb.effectiveQuery, 200);
  const [total, setTotal] = useState(0);
  const [partial, setPartial] = useState(false);
  const [rows, setRows] = useState<Map<number, DocumentHit>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState(0);
  const [version, setVersion] = useState(0);
  // Documents read by OCR are marked, so a reader knows a word may be misread.
  const [ocr, setOcr] = useState<Set<number>>(new Set());
  useEffect(() => {
    api.documents
      .ocr({})
      .then((ids) => setOcr(new Set(ids)))
      .catch(() => undefined);
  }, [version]);
  const pages = useRef(new Set<number>());
  // Answers to an older query or sort must not overwrite the current list.
  const generation = useRef(0);
  const parent = useRef<HTMLDivElement>(null);

  const fetchPage = useCallback(
    (offset: number, replace = false) => {
      if (!replace && pages.current.has(offset)) return;
      pages.current.add(offset);
      const asked = generation.current;
      api.search
        .query({ query, sort: wb.sort, limit: PAGE, offset, clean: wb.skipBoilerplate })
        .then((res: SearchResponse) => {
          if (asked !== generation.current) return;
          setError(null);
          setTotal(res.total);
          setPartial(res.partial);
          setRows((old) => {
            const next = replace ? new Map<number, DocumentHit>() : new Map(old);
            res.documents.forEach((d, i) => next.set(offset + i, d));
            return next;
          });
        })
        .catch((err: unknown) => {
          if (asked !== generation.current) return;
          pages.current.delete(offset);
          setError(errorMessage(err));
        })
        .finally(() => asked === generation.current && setLoading(false));
    },
    [query, wb.sort, wb.skipBoilerplate],
  );

  useEffect(() => {
    generation.current++;
    pages.current = new Set();
    setSelected(0);
    setLoading(true);
    fetchPage(0, true);
  }, [fetchPage, version]);

  useEffect(() => {
    const again = () => setVersion((v) => v + 1);
    const offs = [api.on('workspace.changed', again), api.on('index.ready', again)];
    return () => offs.forEach((off) => off());
  }, []);

  const virtual = useVirtualizer({ count: total, getScrollElement: () => parent.current, estimateSize: () => 84, overscan: 8 });
  const items = virtual.getVirtualItems();
  useEffect(() => {
    for (const item of items) {
      const offset = Math.floor(item.index / PAGE) * PAGE;
      if (!rows.has(item.index)) fetchPage(offset);
    }
  }, [items, rows, fetchPage]);

  const onKey = (e: React.KeyboardEvent) => {
    const move = (to: number) => {
      const clamped = Math.max(0, Math.min(total - 1, to));
      setSelected(clamped);
      virtual.scrollToIndex(clamped);
      e.preventDefault();
    };
    if (e.key === 'ArrowDown') move(selected + 1);
    else if (e.key === 'ArrowUp') move(selected - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(total - 1);
    else if (e.key === 'Enter') {
      const row = rows.get(selected);
      if (row) wb.open(row.id, { side: e.altKey || e.ctrlKey });
      e.preventDefault();
    }
  };

  return (
    <section className="library" aria-label="Library">
      <div className="library-bar">
        <span role="status" aria-live="polite" className="count">
          {loading ? 'Searching…' : `${total.toLocaleString()} document${total === 1 ? '' : 's'}`}
          {partial && <span title="Titles, tags and notes are still being loaded"> (texts only, index loading)</span>}
        </span>
        <label title="Leave out documents found only in donation boxes, polls or comment threads">
          <input type="checkbox" checked={wb.skipBoilerplate} onChange={(e) => wb.setSkipBoilerplate(e.target.checked)} /> Skip boilerplate
        </label>
        <label>
          Sort
          <select aria-label="Sort by" value={wb.sort} onChange={(e) => wb.setSort(e.target.value as SortKey)}>
            <option value="relevance">relevance</option>
            <option value="date">date</option>
            <option value="title">title</option>
            <option value="outlet">outlet</option>
          </select>
        </label>
        <button type="button" className="link-button export-results" onClick={() => wb.setDialog('export-results')} disabled={total === 0}>
          Export these results…
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!loading && !error && total === 0 && (
        <p className="empty">{wb.effectiveQuery ? 'Nothing matches. Try fewer words, a prefix (wag*) or a fuzzy term (peskov~).' : 'No documents yet. Drop files here or use Import.'}</p>
      )}
      <div ref={parent} className="doc-list" role="listbox" aria-label="Documents" tabIndex={0} onKeyDown={onKey} aria-activedescendant={`doc-row-${selected}`}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const d = rows.get(item.index);
            return (
              <div
                key={item.key}
                id={`doc-row-${item.index}`}
                role="option"
                aria-selected={item.index === selected}
                aria-label={d ? d.title : 'Loading'}
                className={`doc-row${item.index === selected ? ' selected' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)`, height: item.size }}
                onClick={() => {
                  setSelected(item.index);
                  if (d) wb.open(d.id);
                }}
              >
                {d ? (
                  <>
                    <div className="doc-title">{d.title}</div>
                    <div className="doc-meta">
                      {d.outlet ?? 'Unknown outlet'} · {d.published ?? 'undated'}
                      {ocr.has(d.id) && (
                        <span className="badge ocr" title="Text recognised by OCR: a word may be misread">
                          OCR
                        </span>
                      )}
                      {d.tags.map((t) => (
                        <TagChip key={t.id} name={t.name} color={t.color} />
                      ))}
                      <button
                        type="button"
                        className="link-button side"
                        aria-label={`Open ${d.title} to the side`}
                        onClick={(e) => {
                          e.stopPropagation();
                          wb.open(d.id, { side: true });
                        }}
                      >
                        Open to the side
                      </button>
                    </div>
                    <div className="doc-snippet">
                      <Snippet snippet={d.snippet} />
                    </div>
                  </>
                ) : (
                  <div className="doc-title placeholder">…</div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
