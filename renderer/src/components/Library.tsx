import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentHit, HighlightHit, NoteHit, SearchResponse } from '../../../electron/shared/schemas';
import { ApiCallError } from '../../../electron/shared/api/client';
import { api, errorMessage } from '../api';
import { useDebounced } from '../hooks/use-api-data';
import { useWorkbench, type SortKey } from '../state';
import { PersonalResults } from './PersonalResults';
import { Snippet, TagChip } from './Snippet';

const PAGE = 100;
const ROW = 84;
const ROW_WITH_LINE = 102;
// A pasted passage can lack dozens of words; the first few say enough.
const MISSING_SHOWN = 6;

interface Counts {
  total: number;
  all: number;
  some: number;
}

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

function countText(c: Counts): string {
  if (c.some === 0) return plural(c.total, 'document');
  return `${plural(c.all, 'document')} with all your words · ${c.some.toLocaleString()} with some of them`;
}

/** An unfinished query (an open quote, a lone -) is not an error yet: it is being typed. */
function isIncomplete(err: unknown): boolean {
  return err instanceof ApiCallError && err.code === 'BAD_QUERY' && err.details.incomplete === true;
}

/**
 * The document list: search results or the whole library, virtualised so that 100,000
 * rows scroll as smoothly as ten; pages are fetched as they come into view. Documents
 * with only some of the words follow those with all of them, below a visible boundary.
 */
export function Library() {
  const wb = useWorkbench();
  const query = useDebounced(wb.effectiveQuery, 200);
  const [counts, setCounts] = useState<Counts>({ total: 0, all: 0, some: 0 });
  const [partial, setPartial] = useState(false);
  const [rows, setRows] = useState<Map<number, DocumentHit>>(new Map());
  const [personal, setPersonal] = useState<{ notes: NoteHit[]; highlights: HighlightHit[] }>({ notes: [], highlights: [] });
  const [error, setError] = useState<string | null>(null);
  const [typing, setTyping] = useState<string | null>(null);
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
        .query({ query, sort: wb.sort, limit: PAGE, offset, clean: wb.skipBoilerplate, all: wb.everyWord })
        .then((res: SearchResponse) => {
          if (asked !== generation.current) return;
          setError(null);
          setTyping(null);
          setCounts({ total: res.total, all: res.totalAll, some: res.totalSome });
          setPartial(res.partial);
          if (offset === 0) setPersonal({ notes: res.notes, highlights: res.highlights });
          setRows((old) => {
            const next = replace ? new Map<number, DocumentHit>() : new Map(old);
            res.documents.forEach((d, i) => next.set(offset + i, d));
            return next;
          });
        })
        .catch((err: unknown) => {
          if (asked !== generation.current) return;
          pages.current.delete(offset);
          if (isIncomplete(err)) {
            // Keep the last good results; say quietly what the query still needs.
            setTyping(errorMessage(err));
            return;
          }
          setError(errorMessage(err));
          setCounts({ total: 0, all: 0, some: 0 });
          setRows(new Map());
          setPersonal({ notes: [], highlights: [] });
        })
        .finally(() => asked === generation.current && setLoading(false));
    },
    [query, wb.sort, wb.skipBoilerplate, wb.everyWord],
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

  const total = counts.total;
  // With both groups listed, one extra row marks where "some of your words" begins.
  const boundary = counts.some > 0 && counts.all > 0 ? counts.all : -1;
  const toItem = (doc: number) => (boundary >= 0 && doc >= boundary ? doc + 1 : doc);
  const toDoc = (item: number) => (boundary >= 0 && item > boundary ? item - 1 : item);
  const virtual = useVirtualizer({
    count: total + (boundary >= 0 ? 1 : 0),
    getScrollElement: () => parent.current,
    estimateSize: (i) => (i === boundary ? 30 : toDoc(i) >= counts.all && counts.some > 0 ? ROW_WITH_LINE : ROW),
    overscan: 8,
  });
  useEffect(() => virtual.measure(), [virtual, counts.all, counts.some]);
  const items = virtual.getVirtualItems();
  useEffect(() => {
    for (const item of items) {
      if (item.index === boundary) continue;
      const doc = toDoc(item.index);
      if (!rows.has(doc)) fetchPage(Math.floor(doc / PAGE) * PAGE);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, rows, fetchPage]);

  const openHit = (d: DocumentHit, side = false) => wb.open(d.id, { side, focus: d.passage ? { start: d.passage.start, end: d.passage.end } : undefined });

  const onKey = (e: React.KeyboardEvent) => {
    const move = (to: number) => {
      const clamped = Math.max(0, Math.min(total - 1, to));
      setSelected(clamped);
      virtual.scrollToIndex(toItem(clamped));
      e.preventDefault();
    };
    if (e.key === 'ArrowDown') move(selected + 1);
    else if (e.key === 'ArrowUp') move(selected - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(total - 1);
    else if (e.key === 'Enter') {
      const row = rows.get(selected);
      if (row) openHit(row, e.altKey || e.ctrlKey);
      e.preventDefault();
    }
  };

  return (
    <section className="library" aria-label="Library">
      <div className="library-bar">
        <span role="status" aria-live="polite" className="count">
          {loading ? 'Searching…' : error ? 'No results' : countText(counts)}
          {partial && <span title="Titles, tags and notes are still being loaded"> (texts only, index loading)</span>}
        </span>
        <span className="library-options">
          <label title="Only documents holding every word of the search, not those with some of them">
            <input type="checkbox" checked={wb.everyWord} onChange={(e) => wb.setEveryWord(e.target.checked)} /> Every word
          </label>
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
        </span>
      </div>
      {typing && (
        <p className="query-hint" aria-live="polite">
          {typing}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!error && <PersonalResults notes={personal.notes} highlights={personal.highlights} />}
      {!loading && !error && total === 0 && personal.notes.length + personal.highlights.length === 0 && (
        <p className="empty">{wb.effectiveQuery ? 'Nothing matches. Try fewer words, a prefix (wag*) or a fuzzy term (peskov~).' : 'No documents yet. Drop files here or use Import.'}</p>
      )}
      {!error && (
        <div ref={parent} className="doc-list" role="listbox" aria-label="Documents" tabIndex={0} onKeyDown={onKey} aria-activedescendant={`doc-row-${selected}`}>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const place = { position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)`, height: item.size } as const;
              if (item.index === boundary) {
                return (
                  <div key={item.key} className="group-boundary" role="separator" aria-label="Documents with some of your words follow" style={place}>
                    With some of your words
                  </div>
                );
              }
              const index = toDoc(item.index);
              const d = rows.get(index);
              return (
                <div
                  // Keyed by document: a refresh that reorders the list never turns one row into another under the pointer.
                  key={d ? `d${d.id}` : item.key}
                  id={`doc-row-${index}`}
                  role="option"
                  aria-selected={index === selected}
                  aria-label={d ? d.title : 'Loading'}
                  className={`doc-row${index === selected ? ' selected' : ''}`}
                  style={place}
                  onClick={() => {
                    setSelected(index);
                    if (d) openHit(d);
                  }}
                >
                  {d ? (
                    <>
                      <div className="doc-title">{d.title}</div>
                      <div className="doc-meta">
                        {d.passage && (
                          <span className="badge passage" title="Holds the passage searched for (100%: word for word)">
                            passage {Math.round(d.passage.score * 100)}%
                          </span>
                        )}
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
                            openHit(d, true);
                          }}
                        >
                          Open to the side
                        </button>
                      </div>
                      <div className="doc-snippet">
                        <Snippet snippet={d.snippet} />
                      </div>
                      {d.missing.length > 0 && (
                        <div className="missing">
                          Missing: <s>{d.missing.slice(0, MISSING_SHOWN).join(' ')}</s>
                          {d.missing.length > MISSING_SHOWN && ` and ${d.missing.length - MISSING_SHOWN} more`}
                        </div>
                      )}
                    </>
                  ) : (
                    <div className="doc-title placeholder">…</div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
