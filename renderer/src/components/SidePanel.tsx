import { useEffect, useState } from 'react';
import { plural } from '../../../electron/shared/text/plural';
import { api } from '../api';
import { useWorkbench } from '../state';
import { EntitiesPanel, FiguresPanel, PassagesPanel } from './AnalysisPanels';
import { ErrorBoundary } from './ErrorBoundary';
import { NotesPane } from './NotesPane';
import { TimelinePanel } from './TimelinePanel';

const TABS = ['Notes', 'Passages', 'Entities', 'Figures', 'Timeline'] as const;
type Tab = (typeof TABS)[number];

/** Beside the reader: the notes, and the cross-source analysis in four panels. */
export function SidePanel() {
  const [tab, setTab] = useState<Tab>(() => (TABS as readonly string[]).includes(localStorage.getItem('workbench.sideTab') ?? '') ? (localStorage.getItem('workbench.sideTab') as Tab) : 'Notes');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => api.on('analysis.progress', (p) => setProgress(p.done >= p.total ? null : p)), []);
  useEffect(() => api.on('workspace.changed', ({ kind }) => kind === 'analysis' && setProgress((p) => (p && p.done >= p.total ? null : p))), []);
  const choose = (t: Tab) => {
    localStorage.setItem('workbench.sideTab', t);
    setTab(t);
  };
  // A note opened from anywhere (a search result, a new note) shows in the Notes tab.
  const noteId = useWorkbench().noteId;
  useEffect(() => {
    if (noteId !== null) setTab('Notes');
  }, [noteId]);
  return (
    <div className="side-panel">
      <div className="tabs side-tabs" role="tablist" aria-label="Side panels">
        {TABS.map((t) => (
          <button key={t} role="tab" aria-selected={tab === t} onClick={() => choose(t)}>
            {t}
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
        </ErrorBoundary>
      </div>
    </div>
  );
}
