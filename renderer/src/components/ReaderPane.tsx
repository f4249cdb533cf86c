import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Highlight } from '../../../electron/shared/schemas';
import { findBoilerplate } from '../../../electron/shared/text/boilerplate';
import { looksLikeMarkdown } from '../../../electron/shared/text/markdown-runs';
import { fold } from '../../../electron/shared/text/normalize';
import { passageQuery } from '../../../electron/shared/text/passage-query';
import { api, errorMessage } from '../api';
import { useApiData, useDebounced } from '../hooks/use-api-data';
import { requestNote } from '../note-requests';
import { useWorkbench, type Pane } from '../state';
import { DocumentText, selectionRange, type Range } from './DocumentText';
import { useAnalysisMarks } from '../hooks/use-analysis-marks';
import { MetadataHeader } from './MetadataHeader';
import { OriginalView } from './OriginalView';
import { HighlightChooser, HighlightPopover, SelectionToolbar } from './SelectionToolbar';

/** Case- and accent-insensitive matches of `needle` in `body`, as offsets into body. */
function findAll(body: string, needle: string): Range[] {
  const n = fold(needle.trim());
  if (!n) return [];
  // Fold one character at a time so offsets in the folded text map back to the body.
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const f = fold(body[i]!);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
  }
  map.push(body.length);
  const out: Range[] = [];
  for (let at = folded.indexOf(n); at >= 0 && out.length < 5000; at = folded.indexOf(n, at + n.length)) {
    out.push({ start: map[at]!, end: map[at + n.length - 1]! + 1 });
  }
  return out;
}

export function ReaderPane({ index, pane }: { index: 0 | 1; pane: Pane }) {
  const wb = useWorkbench();
  const id = pane.documentId;
  const doc = useApiData(() => api.documents.get({ id }), [id], ['documents', 'tags']);
  const highlights = useApiData(() => api.highlights.list({ documentId: id }), [id], ['highlights', 'tags']);
  const notes = useApiData(() => api.notes.forDocument({ documentId: id }), [id], ['notes', 'highlights']);
  const tags = useApiData(() => api.tags.list(), [], ['tags']);
  const query = useDebounced(wb.query, 200);
  const hits = useApiData(() => (query.trim() ? api.search.hits({ documentId: id, query }) : Promise.resolve({ hits: [], terms: [] })), [id, query], ['documents']);
  const otherPane = wb.panes[index === 0 ? 1 : 0];
  const analysis = useAnalysisMarks(id, otherPane?.documentId ?? null, wb.filters.entity);
  const [currentShared, setCurrentShared] = useState(-1);
  // A place opened from a figure or a passage is marked, and gives the reader a spot to scroll to.
  const marks = useMemo(
    () => (pane.focus && !pane.focus.highlightId ? [...analysis.marks, { start: pane.focus.start, end: pane.focus.end, kind: 'focus' as const }] : analysis.marks),
    [analysis.marks, pane.focus],
  );
  const [currentHit, setCurrentHit] = useState(0);
  const [findOpen, setFindOpen] = useState(false);
  const [findText, setFindText] = useState('');
  const [currentFind, setCurrentFind] = useState(0);
  const [toolbar, setToolbar] = useState<{ at: { top: number; left: number }; range: Range } | null>(null);
  const [popover, setPopover] = useState<{ at: { top: number; left: number }; highlight: Highlight } | null>(null);
  const [chooser, setChooser] = useState<{ at: { top: number; left: number }; highlights: Highlight[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showOriginal, setShowOriginal] = useState(false);
  const [clean, setClean] = useState(() => localStorage.getItem('workbench.clean') === '1');
  const textRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const findInput = useRef<HTMLInputElement>(null);

  const body = doc.data?.body ?? '';
  const format = doc.data?.format;
  const markdown = useMemo(() => format === 'markdown' || (format === 'text' && looksLikeMarkdown(body)), [body, format]);
  const folds = useMemo(() => (clean ? findBoilerplate(body) : []), [body, clean]);
  const toggleClean = (on: boolean) => {
    localStorage.setItem('workbench.clean', on ? '1' : '0');
    setClean(on);
  };
  const finds = useMemo(() => (findOpen ? findAll(body, findText) : []), [body, findOpen, findText]);
  const hitList = useMemo(() => hits.data?.hits ?? [], [hits.data]);

  useEffect(() => setCurrentHit(0), [id, query]);
  useEffect(() => setCurrentFind(0), [findText]);

  const scrollTo = useCallback((selector: string) => {
    const el = textRef.current?.querySelector<HTMLElement>(selector);
    el?.scrollIntoView({ block: 'center' });
  }, []);
  // Opened at a passage (a highlight, a passage found elsewhere), the reader stays there
  // until the reader steps through the hits or the query changes.
  const heldAt = useRef<{ query: string } | null>(pane.focus ? { query } : null);
  useEffect(() => {
    if (pane.focus) heldAt.current = { query };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pane.focus]);
  useEffect(() => {
    if (heldAt.current && heldAt.current.query === query) return;
    heldAt.current = null;
    if (hitList.length && doc.data) requestAnimationFrame(() => scrollTo(`[data-hit="${currentHit}"]`));
  }, [currentHit, hitList, doc.data, scrollTo, query]);
  useEffect(() => {
    if (finds.length) scrollTo(`[data-find="${currentFind}"]`);
  }, [currentFind, finds, scrollTo]);
  // Either reader can step through the shared passages; both bring their side into view.
  useEffect(() => {
    if (!wb.sharedFocus) return;
    const at = analysis.shared.findIndex((p) => p.id === wb.sharedFocus!.id);
    if (at < 0) return;
    setCurrentShared(at);
    requestAnimationFrame(() => scrollTo(`[data-shared="${wb.sharedFocus!.id}"]`));
  }, [wb.sharedFocus, analysis.shared, scrollTo]);
  // Choosing an entity brings its first mention here into view.
  const hasEntityMarks = analysis.marks.some((m) => m.kind === 'entity');
  useEffect(() => {
    if (hasEntityMarks) requestAnimationFrame(() => textRef.current?.querySelector('.entity')?.scrollIntoView({ block: 'center' }));
  }, [hasEntityMarks, wb.filters.entity]);
  const stepShared = (delta: number) => {
    const n = analysis.shared.length;
    if (!n) return;
    const next = (((currentShared < 0 && delta < 0 ? 0 : currentShared) + delta) % n + n) % n;
    wb.focusShared(analysis.shared[next]!.id);
  };
  useEffect(() => {
    if (!pane.focus || !doc.data) return;
    const h = pane.focus.highlightId;
    requestAnimationFrame(() => scrollTo(h ? `[data-highlight="${h}"]` : `[data-start="${pane.focus!.start}"]`));
  }, [pane.focus, doc.data, highlights.data, scrollTo]);

  const step = (delta: number) => {
    heldAt.current = null;
    if (findOpen && finds.length) setCurrentFind((c) => (c + delta + finds.length) % finds.length);
    else if (hitList.length) setCurrentHit((c) => (c + delta + hitList.length) % hitList.length);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const typing = (e.target as HTMLElement).closest('input, textarea, select, [role=dialog]');
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
      e.preventDefault();
      setFindOpen(true);
      requestAnimationFrame(() => findInput.current?.select());
    } else if (e.key === 'F3' || (e.key === 'Enter' && (!typing || (e.target as HTMLElement) === findInput.current))) {
      e.preventDefault();
      step(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape' && findOpen) {
      setFindOpen(false);
    }
  };

  const onMouseUp = () => {
    if (!textRef.current || !scrollRef.current) return;
    const range = selectionRange(textRef.current);
    if (!range) return;
    const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    const box = scrollRef.current.getBoundingClientRect();
    setPopover(null);
    setToolbar({ range, at: { top: rect.bottom - box.top + scrollRef.current.scrollTop + 6, left: Math.max(0, rect.left - box.left) } });
  };

  const startNote = async (h: Highlight) => {
    if (requestNote({ documentId: id, highlightId: h.id, quote: h.quote })) return;
    try {
      // The quote stands above the note's text in the editor, never in it.
      const n = await api.notes.create({ body: '', highlightId: h.id });
      wb.setNoteId(n.id);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const total = findOpen ? finds.length : hitList.length;
  const current = findOpen ? currentFind : currentHit;
  return (
    <section className={`reader${wb.active === index ? ' active' : ''}`} aria-label={`Reader ${index + 1}${doc.data ? `: ${doc.data.title}` : ''}`} onFocus={() => wb.setActive(index)} onMouseDown={() => wb.setActive(index)} onKeyDown={onKeyDown}>
      <div className="reader-bar">
        <span className="hit-count" role="status" aria-live="polite">
          {total ? `${findOpen ? 'Match' : 'Hit'} ${current + 1} of ${total}` : query.trim() && !findOpen ? 'No hits here' : ''}
        </span>
        <button type="button" aria-label="Previous hit" disabled={!total} onClick={() => step(-1)}>
          ↑
        </button>
        <button type="button" aria-label="Next hit" disabled={!total} onClick={() => step(1)}>
          ↓
        </button>
        <button type="button" aria-label="Find in document" onClick={() => setFindOpen((o) => !o)}>
          Find
        </button>
        <button type="button" aria-pressed={clean} onClick={() => toggleClean(!clean)} title="Fold away navigation, donation boxes, polls and comment threads, without deleting any text">
          Clean view
        </button>
        {doc.data && (doc.data.format === 'html' || doc.data.format === 'email') && (
          <button type="button" aria-pressed={showOriginal} onClick={() => setShowOriginal((o) => !o)} title="Switch between the extracted text and the original file">
            {showOriginal ? 'Text' : 'Original'}
          </button>
        )}
        {analysis.shared.length > 0 && (
          <span className="shared-nav" role="group" aria-label="Passages shared with the other pane">
            <span aria-live="polite">
              {currentShared >= 0 ? `Shared ${currentShared + 1} of ${analysis.shared.length}` : `${analysis.shared.length} shared with the other pane`}
            </span>
            <button type="button" aria-label="Previous shared passage" onClick={() => stepShared(-1)}>
              ‹
            </button>
            <button type="button" aria-label="Next shared passage" onClick={() => stepShared(1)}>
              ›
            </button>
          </span>
        )}
        <span className="spacer" />
        <button type="button" aria-label="Swap panes" onClick={wb.swap} disabled={!wb.panes[0] || !wb.panes[1]}>
          ⇄
        </button>
        <button type="button" aria-label="Close pane" onClick={() => wb.close(index)}>
          ×
        </button>
      </div>
      {findOpen && (
        <div className="find-bar">
          <input ref={findInput} autoFocus value={findText} onChange={(e) => setFindText(e.target.value)} placeholder="Find in document" aria-label="Find in document" />
          <button type="button" aria-label="Close find" onClick={() => setFindOpen(false)}>
            ×
          </button>
        </div>
      )}
      <div className="reader-scroll" ref={scrollRef} tabIndex={0} aria-label="Document" onMouseUp={onMouseUp} onKeyUp={(e) => e.shiftKey && onMouseUp()}>
        {(error || doc.error) && (
          <p role="alert" className="error">
            {error ?? doc.error}
          </p>
        )}
        {!doc.data && doc.loading && <p className="empty">Loading…</p>}
        {doc.data && (
          <>
            <MetadataHeader doc={doc.data} tags={tags.data ?? []} onError={setError} onOpen={(parent) => wb.open(parent)} />
            {showOriginal ? (
              <OriginalView id={id} />
            ) : (
            <DocumentText
              ref={textRef}
              body={body}
              markdown={markdown}
              marks={marks}
              highlights={highlights.data ?? []}
              hits={hitList}
              currentHit={currentHit}
              finds={finds}
              currentFind={currentFind}
              folds={folds}
              onUnfold={() => toggleClean(false)}
              onHighlightClick={(hs, el) => {
                if (!window.getSelection()?.isCollapsed) return;
                const r = el.getBoundingClientRect();
                const box = scrollRef.current!.getBoundingClientRect();
                // Kept inside a narrow reader: the chooser and the popover are about 18rem wide.
                const at = { top: r.bottom - box.top + scrollRef.current!.scrollTop + 6, left: Math.max(0, Math.min(r.left - box.left, box.width - 300)) };
                setToolbar(null);
                // Where highlights overlap, the reader picks which one; a single one opens at once.
                if (hs.length > 1) {
                  setPopover(null);
                  setChooser({ at, highlights: hs });
                } else {
                  setChooser(null);
                  setPopover({ highlight: hs[0]!, at });
                }
              }}
            />
            )}
          </>
        )}
        {toolbar && (
          <SelectionToolbar
            at={toolbar.at}
            documentId={id}
            range={toolbar.range}
            tags={tags.data ?? []}
            onDone={(h, withNote) => {
              setToolbar(null);
              window.getSelection()?.removeAllRanges();
              if (h && withNote) void startNote(h);
            }}
            onFindElsewhere={() => {
              wb.setQuery(passageQuery(body.slice(toolbar.range.start, toolbar.range.end)));
              setToolbar(null);
              window.getSelection()?.removeAllRanges();
            }}
          />
        )}
        {chooser && (
          <HighlightChooser
            at={chooser.at}
            highlights={chooser.highlights}
            onClose={() => setChooser(null)}
            onChoose={(h) => {
              setChooser(null);
              setPopover({ highlight: h, at: chooser.at });
            }}
          />
        )}
        {popover && (
          <HighlightPopover
            at={popover.at}
            highlight={(highlights.data ?? []).find((h) => h.id === popover.highlight.id) ?? popover.highlight}
            notes={(notes.data ?? []).filter((n) => n.highlightId === popover.highlight.id)}
            tags={tags.data ?? []}
            onClose={() => setPopover(null)}
            onNote={() => {
              void startNote(popover.highlight);
              setPopover(null);
            }}
          />
        )}
      </div>
    </section>
  );
}
