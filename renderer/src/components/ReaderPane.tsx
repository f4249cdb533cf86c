import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Highlight } from '../../../electron/shared/schemas';
import { findBoilerplate } from '../../../electron/shared/text/boilerplate';
import { looksLikeMarkdown } from '../../../electron/shared/text/markdown-runs';
import { passageQuery } from '../../../electron/shared/text/passage-query';
import { api, errorMessage } from '../api';
import { useFind } from '../hooks/use-find';
import { useHitNavigation, useSharedNavigation } from '../hooks/use-reader-navigation';
import { requestNote } from '../note-requests';
import { useApiQuery } from '../query';
import { setSetting, useSettings } from '../settings';
import { useActions, useWorkbench, type Pane } from '../state';
import { DocumentText, selectionRange, type Range } from './DocumentText';
import { useAnalysisMarks } from '../hooks/use-analysis-marks';
import { useAnchoredPosition } from '../hooks/use-anchored-position';
import { MetadataHeader } from './MetadataHeader';
import { OriginalView } from './OriginalView';
import { ReaderTools } from './ReaderTools';
import { HighlightChooser, HighlightPopover, SelectionToolbar } from './SelectionToolbar';

/** About the selection toolbar's width: it is kept inside the reader. */
const TOOLBAR_WIDTH = 430;

/**
 * One reading pane: the document, its highlights and notes, the search's hits and Find, and
 * the marks of the cross-source analysis. Its state lives in hooks (find, hits, shared
 * passages); it reads from the window's store only what it shows.
 */
export function ReaderPane({ index, pane }: { index: 0 | 1; pane: Pane }) {
  const wb = useActions();
  const active = useWorkbench((s) => s.active === index);
  const otherId = useWorkbench((s) => s.panes[index === 0 ? 1 : 0]?.documentId ?? null);
  const bothOpen = useWorkbench((s) => Boolean(s.panes[0] && s.panes[1]));
  const entity = useWorkbench((s) => s.filters.entity);
  const clean = useSettings((s) => s.readerClean);
  const toggleClean = (on: boolean) => setSetting('readerClean', on);
  const id = pane.documentId;
  const doc = useApiQuery('documents.get', { id });
  const highlights = useApiQuery('highlights.list', { documentId: id });
  const notes = useApiQuery('notes.forDocument', { documentId: id });
  const tags = useApiQuery('tags.list', {});
  const analysis = useAnalysisMarks(id, otherId, entity);
  // A place opened from a figure or a passage is marked, and gives the reader a spot to scroll to.
  const marks = useMemo(
    () => (pane.focus && !pane.focus.highlightId ? [...analysis.marks, { start: pane.focus.start, end: pane.focus.end, kind: 'focus' as const }] : analysis.marks),
    [analysis.marks, pane.focus],
  );
  const [toolbar, setToolbar] = useState<{ range: Range } | null>(null);
  const [popover, setPopover] = useState<{ at: { top: number; left: number }; highlight: Highlight } | null>(null);
  const [chooser, setChooser] = useState<{ at: { top: number; left: number }; highlights: Highlight[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showOriginal, setShowOriginal] = useState(false);
  const textRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const body = doc.data?.body ?? '';
  const format = doc.data?.format;
  const markdown = useMemo(() => format === 'markdown' || (format === 'text' && looksLikeMarkdown(body)), [body, format]);
  const folds = useMemo(() => (clean ? findBoilerplate(body) : []), [body, clean]);
  const scrollTo = useCallback((selector: string) => {
    textRef.current?.querySelector<HTMLElement>(selector)?.scrollIntoView({ block: 'center' });
  }, []);
  const find = useFind(body, scrollTo, scrollRef);
  // The toolbar stands below the passage it is for, wherever a reflow moves the passage.
  const toolbarAt = useAnchoredPosition(scrollRef, toolbar ? '.doc-text .pending' : null, TOOLBAR_WIDTH);
  const hits = useHitNavigation(id, pane, Boolean(doc.data), scrollTo);
  const shared = useSharedNavigation(analysis.shared, scrollTo);

  // Choosing an entity brings its first mention here into view.
  const hasEntityMarks = analysis.marks.some((m) => m.kind === 'entity');
  useEffect(() => {
    if (hasEntityMarks) requestAnimationFrame(() => textRef.current?.querySelector('.entity')?.scrollIntoView({ block: 'center' }));
  }, [hasEntityMarks, entity]);
  useEffect(() => {
    if (!pane.focus || !doc.data) return;
    const h = pane.focus.highlightId;
    requestAnimationFrame(() => scrollTo(h ? `[data-highlight="${h}"]` : `[data-start="${pane.focus!.start}"]`));
  }, [pane.focus, doc.data, highlights.data, scrollTo]);

  const step = (delta: number) => (find.open && find.finds.length ? find.step(delta) : hits.step(delta));

  const onKeyDown = (e: React.KeyboardEvent) => {
    const typing = (e.target as HTMLElement).closest('input, textarea, select, [role=dialog]');
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
      e.preventDefault();
      find.show();
    } else if (e.key === 'F3' || (e.key === 'Enter' && (!typing || (e.target as HTMLElement) === find.input.current))) {
      e.preventDefault();
      step(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape' && find.open) {
      e.preventDefault();
      find.close();
    }
  };

  const onMouseUp = () => {
    if (!textRef.current || !scrollRef.current) return;
    const range = selectionRange(textRef.current);
    if (!range) return;
    setPopover(null);
    setToolbar({ range });
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

  const total = find.open ? find.finds.length : hits.hits.length;
  const current = find.open ? find.current : hits.current;
  return (
    <section className={`reader${active ? ' active' : ''}`} aria-label={`Reader ${index + 1}${doc.data ? `: ${doc.data.title}` : ''}`} onFocus={() => wb.setActive(index)} onMouseDown={() => wb.setActive(index)} onKeyDown={onKeyDown}>
      <div className="reader-bar">
        <span className="hit-count" role="status" aria-live="polite">
          {total ? `${find.open ? 'Match' : 'Hit'} ${current + 1} of ${total}` : hits.query.trim() && !find.open ? 'No hits here' : ''}
        </span>
        <button type="button" aria-label="Previous hit" disabled={!total} onClick={() => step(-1)}>
          ↑
        </button>
        <button type="button" aria-label="Next hit" disabled={!total} onClick={() => step(1)}>
          ↓
        </button>
        <ReaderTools
          find={find.toggle}
          clean={clean}
          toggleClean={() => toggleClean(!clean)}
          original={doc.data && (doc.data.format === 'html' || doc.data.format === 'email') ? { on: showOriginal, toggle: () => setShowOriginal((o) => !o) } : null}
        />
        {analysis.shared.length > 0 && (
          <span className="shared-nav" role="group" aria-label="Passages shared with the other pane">
            <span aria-live="polite">
              {shared.current >= 0 ? `Shared ${shared.current + 1} of ${analysis.shared.length}` : `${analysis.shared.length} shared with the other pane`}
            </span>
            <button type="button" aria-label="Previous shared passage" onClick={() => shared.step(-1)}>
              ‹
            </button>
            <button type="button" aria-label="Next shared passage" onClick={() => shared.step(1)}>
              ›
            </button>
          </span>
        )}
        <span className="spacer" />
        <button type="button" aria-label="Swap panes" onClick={wb.swap} disabled={!bothOpen}>
          ⇄
        </button>
        <button type="button" aria-label="Close pane" onClick={() => wb.close(index)}>
          ×
        </button>
      </div>
      {find.open && (
        <div className="find-bar">
          <input ref={find.input} autoFocus value={find.text} onChange={(e) => find.setText(e.target.value)} placeholder="Find in document" aria-label="Find in document" />
          <button type="button" aria-label="Close find" onClick={find.close}>
            ×
          </button>
        </div>
      )}
      <div className="reader-scroll" ref={scrollRef} tabIndex={0} aria-label="Document" onMouseUp={onMouseUp} onKeyUp={(e) => e.key === 'Shift' && onMouseUp()}>
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
              hits={hits.hits}
              currentHit={hits.current}
              finds={find.finds}
              currentFind={find.current}
              pending={toolbar?.range ?? null}
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
        {toolbar && toolbarAt && (
          <SelectionToolbar
            at={toolbarAt}
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
