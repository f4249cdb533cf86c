import { lazy, Suspense, useEffect, useState } from 'react';
import { plural } from '../../../electron/shared/text/plural';
import { api } from '../api';
import { setSetting, SIDE_TABS, useSettings, type SideTab } from '../settings';
import { useWorkbench } from '../state';
import { EntitiesPanel, FiguresPanel, PassagesPanel } from './AnalysisPanels';
import { ErrorBoundary } from './ErrorBoundary';
import { NotesPane } from './NotesPane';
import { TAB_ICONS } from './Rail';
import { TimelinePanel } from './TimelinePanel';

// The charts load uPlot; nobody pays for it until they open the tab.
const ChartsPanel = lazy(() => import('./ChartsPanel').then((m) => ({ default: m.ChartsPanel })));

/** Beside the reader: the notes, the cross-source analysis, and charts. */
export function SidePanel() {
  const tab = useSettings((s) => s.sideTab);
  const choose = (t: SideTab) => setSetting('sideTab', t);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => api.on('analysis.progress', (p) => setProgress(p.done >= p.total ? null : p)), []);
  useEffect(() => api.on('workspace.changed', ({ kind }) => kind === 'analysis' && setProgress((p) => (p && p.done >= p.total ? null : p))), []);
  // A note opened from anywhere (a search result, a new note) shows in the Notes tab.
  const noteId = useWorkbench((s) => s.noteId);
  useEffect(() => {
    if (noteId !== null) setSetting('sideTab', 'Notes');
  }, [noteId]);
  return (
    <div className="side-panel">
      <div
        className="tabs side-tabs"
        role="tablist"
        aria-label="Side panels"
        onKeyDown={(e) => {
          // One tab stop; the arrows, Home and End choose the tab, as in every tab list.
          const at = SIDE_TABS.indexOf(tab);
          const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: SIDE_TABS.length - 1 }[e.key];
          if (to === undefined) return;
          e.preventDefault();
          const next = SIDE_TABS[(to + SIDE_TABS.length) % SIDE_TABS.length]!;
          choose(next);
          const list = e.currentTarget;
          requestAnimationFrame(() => list.querySelector<HTMLElement>(`[role=tab][aria-label="${next}"]`)?.focus());
        }}
      >
        {SIDE_TABS.map((t) => (
          <button key={t} role="tab" aria-selected={tab === t} tabIndex={tab === t ? 0 : -1} aria-label={t} title={t} onClick={() => choose(t)}>
            <span className="tab-icon" aria-hidden="true">
              {TAB_ICONS[t]}
            </span>
            <span className="tab-label">{t}</span>
          </button>
        ))}
      </div>
      {progress && (
        <div className="analysis-progress" role="status" aria-label="Analysis progress" title="Finding shared passages, names, places, dates and figures">
          Analysing {progress.done.toLocaleString('en')} of {plural(progress.total, 'document')}: shared passages, names, dates…
          <progress value={progress.done} max={progress.total} />
        </div>
      )}
      <div className="side-body" role="tabpanel" aria-label={tab}>
        <ErrorBoundary label={tab.toLowerCase()}>
          {tab === 'Notes' && <NotesPane />}
          {tab === 'Passages' && <PassagesPanel />}
          {tab === 'Entities' && <EntitiesPanel />}
          {tab === 'Figures' && <FiguresPanel />}
          {tab === 'Timeline' && <TimelinePanel />}
          {tab === 'Charts' && (
            <Suspense fallback={<p className="hint">Loading the charts…</p>}>
              <ChartsPanel />
            </Suspense>
          )}
        </ErrorBoundary>
      </div>
    </div>
  );
}
