import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentHit } from '../../../electron/shared/schemas';
import { plural } from '../../../electron/shared/text/plural';
import { api, errorMessage } from '../api';
import { useLibraryPages, type Counts } from '../hooks/use-library-pages';
import { useApiQuery } from '../query';
import { setSetting, useSettings } from '../settings';
import { selectEffectiveQuery, useActions, useWorkbench, useWorkbenchStore, type SortKey } from '../state';
import { ActiveFilters } from './ActiveFilters';
import { PersonalResults } from './PersonalResults';
import { Snippet, TagChip } from './Snippet';

const ROW = 84;
const ROW_WITH_LINE = 102;
// A pasted passage can lack dozens of words; the first few say enough.
const MISSING_SHOWN = 6;

function countText(c: Counts): string {
  if (c.some === 0) return plural(c.total, 'document');
  return `${plural(c.all, 'document')} with all your words · ${c.some.toLocaleString()} with some of them`;
}

/**
 * The document list: search results or the whole library, virtualised so that 100,000
 * rows scroll as smoothly as ten; pages are fetched as they come into view. Documents
 * with only some of the words follow those with all of them, below a visible boundary.
 */
export function Library() {
  const view = useWorkbench((s) => ({ query: selectEffectiveQuery(s), sort: s.sort }));
  const settings = useSettings((s) => ({ clean: s.skipBoilerplate, all: s.everyWord }));
  const wb = useActions();
  const getWorkbench = useWorkbenchStore().getState;
  const ocrIds = useApiQuery('documents.ocr', {}).data;
  // Documents read by OCR are marked, so a reader knows a word may be misread.
  const ocr = useMemo(() => new Set(ocrIds ?? []), [ocrIds]);
  const [selected, setSelected] = useState(0);
  const [visible, setVisible] = useState<number[]>([0]);
  const parent = useRef<HTMLDivElement>(null);
  const searchView = useMemo(() => ({ ...view, ...settings }), [view, settings]);
  const { counts, partial, row, personal, loading, error, typing } = useLibraryPages(searchView, visible);

  // Documents picked for an action (Ctrl+click, Shift+click, Space): deleted together, for now.
  const pickedIds = useWorkbench((s) => s.picked);
  // The documents open in the readers are marked in the list, so one can see where one is reading.
  const openIds = useWorkbench((s) => [s.panes[0]?.documentId ?? null, s.panes[1]?.documentId ?? null]);
  const picked = useMemo(() => new Set(pickedIds), [pickedIds]);
  const setPicked = (ids: Set<number>) => wb.setPicked([...ids]);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  // A new search starts at its top; a refresh of the same one keeps the selection and the scroll.
  useEffect(() => {
    // Picks stay: documents picked under several searches are deleted or exported together.
    setSelected(0);
    parent.current?.scrollTo({ top: 0 });
  }, [searchView]);

  const pickRange = (from: number, to: number) => {
    const ids = new Set(picked);
    for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
      const d = row(i);
      if (d) ids.add(d.id);
    }
    setPicked(ids);
  };
  const togglePick = (id: number) => {
    const ids = new Set(picked);
    if (!ids.delete(id)) ids.add(id);
    setPicked(ids);
  };
  // Deleted with undo: the workspace's undo log keeps them, and the undo toast offers them back.
  const deletePicked = (ids: number[]) => {
    if (ids.length === 0) return;
    setDeleteError(null);
    api.documents
      .delete({ ids })
      .then(() => {
        setPicked(new Set());
        const { panes, close } = getWorkbench();
        [1, 0].forEach((i) => panes[i] && ids.includes(panes[i]!.documentId) && close(i as 0 | 1));
      })
      .catch((err: unknown) => setDeleteError(errorMessage(err)));
  };

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
  const first = items[0] ? toDoc(items[0].index) : 0;
  const last = items.length ? toDoc(items[items.length - 1]!.index) : 0;
  useEffect(() => {
    setVisible((old) => (old[0] === first && old[1] === last ? old : [first, last]));
  }, [first, last]);

  const openHit = (d: DocumentHit, side = false) => wb.open(d.id, { side, focus: d.passage ? { start: d.passage.start, end: d.passage.end } : undefined });

  const onKey = (e: React.KeyboardEvent) => {
    const move = (to: number) => {
      const clamped = Math.max(0, Math.min(total - 1, to));
      setSelected(clamped);
      virtual.scrollToIndex(toItem(clamped));
      e.preventDefault();
    };
    if (e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      const to = Math.max(0, Math.min(total - 1, selected + (e.key === 'ArrowDown' ? 1 : -1)));
      pickRange(selected, to);
      move(to);
    } else if (e.key === 'ArrowDown') move(selected + 1);
    else if (e.key === 'ArrowUp') move(selected - 1);
    else if (e.key === ' ') {
      const d = row(selected);
      if (d) togglePick(d.id);
      e.preventDefault();
    } else if (e.key === 'Delete') {
      const d = row(selected);
      deletePicked(picked.size ? [...picked] : d ? [d.id] : []);
      e.preventDefault();
    } else if (e.key === 'Escape' && picked.size) setPicked(new Set());
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(total - 1);
    else if (e.key === 'Enter') {
      const hit = row(selected);
      if (hit) openHit(hit, e.altKey || e.ctrlKey);
      e.preventDefault();
    }
  };

  return (
    <section className="library" aria-label="Library">
      <ActiveFilters />
      <div className="library-bar">
        <span role="status" aria-live="polite" className="count">
          {loading ? 'Searching…' : error ? 'No results' : countText(counts)}
          {partial && <span title="Titles, tags and notes are still being loaded"> (texts only, index loading)</span>}
        </span>
        <span className="library-options">
          <label title="Only documents holding every word of the search, not those with some of them">
            <input type="checkbox" checked={settings.all} onChange={(e) => setSetting('everyWord', e.target.checked)} /> Every word
          </label>
          <label title="Leave out documents found only in donation boxes, polls or comment threads">
            <input type="checkbox" checked={settings.clean} onChange={(e) => setSetting('skipBoilerplate', e.target.checked)} /> Skip boilerplate
          </label>
          <label>
            Sort
            <select aria-label="Sort by" value={view.sort} onChange={(e) => wb.setSort(e.target.value as SortKey)}>
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
      {picked.size > 0 && (
        <div className="picked-bar" role="toolbar" aria-label="Picked documents">
          <span>{plural(picked.size, 'document')} picked</span>
          <button type="button" className="danger" onClick={() => deletePicked([...picked])}>
            Delete {plural(picked.size, 'document')}
          </button>
          <button type="button" className="link-button" onClick={() => setPicked(new Set())}>
            Clear
          </button>
        </div>
      )}
      {deleteError && (
        <p role="alert" className="error">
          {deleteError}
        </p>
      )}
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
        <p className="empty">{view.query ? 'Nothing matches. Try fewer words, a prefix (wag*) or a fuzzy term (peskov~).' : 'No documents yet. Drop files here or use Import.'}</p>
      )}
      {!error && (
        <div ref={parent} className="doc-list" role="listbox" aria-label="Documents" aria-multiselectable="true" tabIndex={0} onKeyDown={onKey} aria-activedescendant={`doc-row-${selected}`}>
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
              const d = row(index);
              return (
                <div
                  // Keyed by document: a refresh that reorders the list never turns one row into another under the pointer.
                  key={d ? `d${d.id}` : item.key}
                  id={`doc-row-${index}`}
                  role="option"
                  aria-selected={Boolean(d && picked.has(d.id))}
                  aria-current={index === selected ? 'true' : undefined}
                  aria-label={d ? d.title : 'Loading'}
                  className={`doc-row${index === selected ? ' selected' : ''}${d && picked.has(d.id) ? ' picked' : ''}${d && openIds.includes(d.id) ? ' open' : ''}`}
                  style={place}
                  onClick={(e) => {
                    if (d && (e.ctrlKey || e.metaKey)) togglePick(d.id);
                    else if (e.shiftKey) pickRange(selected, index);
                    else if (d) {
                      setPicked(new Set());
                      openHit(d);
                    }
                    setSelected(index);
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
                          <TagChip key={t.id} id={t.id} name={t.name} color={t.color} />
                        ))}
                        <button
                          type="button"
                          className="link-button side"
                          // The list is one tab stop; Ctrl+\\ or Alt+Enter opens the selected row to the side.
                          tabIndex={-1}
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
