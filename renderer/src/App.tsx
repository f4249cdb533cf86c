import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { api } from './api';
import { CommandPalette, type Action } from './components/CommandPalette';
import { ErrorBoundary } from './components/ErrorBoundary';
import { BackupsDialog, PassphraseDialog } from './components/BackupsDialog';
import { BatchSearchDialog } from './components/BatchSearchDialog';
import { ExportDialog } from './components/ExportDialog';
import { HandoutDialog, MergeDialog } from './components/HandoutDialog';
import { UndoToast } from './components/UndoToast';
import { WorkspaceMenu } from './components/WorkspaceMenu';
import { AdoptDialog, WorkspacesDialog } from './components/WorkspacesDialog';
import { Filters } from './components/Filters';
import { ImportControl } from './components/ImportControl';
import { Library } from './components/Library';
import { SidePanel } from './components/SidePanel';
import { ReaderPane } from './components/ReaderPane';
import { useApiData } from './hooks/use-api-data';
import { useTheme } from './hooks/use-theme';
import { useWorkbench } from './state';

function Readers() {
  const wb = useWorkbench();
  const layout = useDefaultLayout({ id: 'readers', storage: localStorage, panelIds: wb.panes[1] ? ['left', 'right'] : ['left'] });
  const [left, right] = wb.panes;
  if (!left && !right) {
    return (
      <section className="reader empty-reader" aria-label="Reader">
        <p className="empty">Choose a document in the library. Ctrl+\ or “Open to the side” reads two side by side.</p>
      </section>
    );
  }
  return (
    <Group orientation="horizontal" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
      <Panel id="left" minSize="20%">
        <ErrorBoundary label="left reader">{left && <ReaderPane key={`l${left.documentId}`} index={0} pane={left} />}</ErrorBoundary>
      </Panel>
      {right && (
        <>
          <Separator className="separator" aria-label="Resize the readers" />
          <Panel id="right" minSize="20%">
            <ErrorBoundary label="right reader">
              <ReaderPane key={`r${right.documentId}`} index={1} pane={right} />
            </ErrorBoundary>
          </Panel>
        </>
      )}
    </Group>
  );
}

export function App() {
  const wb = useWorkbench();
  const theme = useTheme();
  const info = useApiData(() => api.workspace.info(), [], ['documents', 'tags', 'highlights', 'notes']);
  const searchBox = useRef<HTMLInputElement>(null);
  const layout = useDefaultLayout({ id: 'main', storage: localStorage });

  // Before paint, so the title never lags behind the status bar naming the same workspace.
  useLayoutEffect(() => {
    document.title = info.data ? `${info.data.name} — Research Workbench` : 'Research Workbench';
  }, [info.data]);

  const focus = (selector: string) => document.querySelector<HTMLElement>(selector)?.focus();
  const actions: Action[] = useMemo(
    () => [
      { id: 'search', label: 'Search', shortcut: 'Ctrl+L', run: () => searchBox.current?.focus() },
      { id: 'side', label: 'Open the selected document to the side', shortcut: 'Ctrl+\\', run: () => openSide() },
      { id: 'swap', label: 'Swap reading panes', run: wb.swap },
      { id: 'close-right', label: 'Close the right pane', run: () => wb.close(1) },
      { id: 'import', label: 'Import files…', run: () => document.querySelector<HTMLButtonElement>('[aria-label="Import files"]')?.click() },
      { id: 'import-folder', label: 'Import a folder…', run: () => document.querySelector<HTMLButtonElement>('[aria-label="Import a folder"]')?.click() },
      { id: 'batch', label: 'Batch search…', run: () => wb.setDialog('batch') },
      { id: 'export', label: 'Export highlights and notes…', run: () => wb.setDialog('export') },
      { id: 'export-results', label: 'Export these results: citations or library CSV…', run: () => wb.setDialog('export-results') },
      { id: 'theme', label: `Switch to ${theme.effective === 'dark' ? 'light' : 'dark'} theme`, run: theme.toggle },
      { id: 'theme-system', label: 'Follow the system theme', run: () => theme.setChoice('system') },
      { id: 'new-note', label: 'New free note', run: () => void api.notes.create({ body: '' }).then((n) => wb.setNoteId(n.id)) },
      { id: 'clear', label: 'Clear search and filters', run: () => { wb.setQuery(''); wb.clearFilters(); } },
      { id: 'library', label: 'Go to the library', run: () => focus('[role=listbox][aria-label=Documents]') },
      { id: 'reader', label: 'Go to the reader', run: () => focus('.reader.active .reader-scroll, .reader .reader-scroll') },
      { id: 'notes', label: 'Go to the notes', run: () => focus('.notes button') },
      { id: 'workspaces', label: 'Switch or create a workspace…', shortcut: 'Ctrl+Shift+O', run: () => wb.setDialog('workspaces') },
      { id: 'adopt', label: 'Open a hand-out…', run: () => wb.setDialog('adopt') },
      { id: 'handout', label: 'Export a hand-out…', run: () => wb.setDialog('handout') },
      { id: 'merge', label: 'Merge from another workspace…', run: () => wb.setDialog('merge') },
      { id: 'backups', label: 'Backups…', run: () => wb.setDialog('backups') },
      { id: 'encrypt', label: 'Passphrase…', run: () => wb.setDialog('encrypt') },
      { id: 'undo', label: 'Undo last deletion', shortcut: 'Ctrl+Alt+Z', run: () => void api.undo.run().catch(() => undefined) },
    ],
    [wb, theme],
  );

  function openSide() {
    const row = document.querySelector<HTMLElement>('.doc-row.selected [aria-label$="to the side"]');
    row?.click();
  }

  useEffect(
    () =>
      api.on('ui.command', ({ command }) => {
        if (command === 'export') wb.setDialog('export');
        else if (command === 'openToSide') openSide();
        else if (command === 'undo') return; // the undo toast handles it
        else if (command.startsWith('theme-')) theme.setChoice(command.replace('theme-', '') as 'light' | 'dark' | 'system');
        else wb.setDialog(command as 'workspaces' | 'adopt' | 'handout' | 'merge' | 'backups' | 'encrypt');
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [wb],
  );

  // Bound before paint: once the workbench is on screen, its shortcuts work (right after a switch too).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        wb.setDialog(wb.dialog === 'palette' ? null : 'palette');
      } else if (mod && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        searchBox.current?.focus();
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        wb.setDialog('workspaces');
      } else if (mod && e.key === '\\') {
        e.preventDefault();
        openSide();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [wb]);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand" title={info.data?.file}>
          {info.data?.encrypted && <span aria-label="Encrypted">🔒 </span>}
          {info.data?.name ?? 'Research Workbench'}
        </span>
        <WorkspaceMenu />
        <input
          ref={searchBox}
          type="search"
          className="search"
          value={wb.query}
          onChange={(e) => wb.setQuery(e.target.value)}
          placeholder='Search: words, "a phrase", wag*, peskov~, -exclude, title:, tag:, date:2019'
          aria-label="Search"
        />
        <ImportControl />
        <button type="button" onClick={() => wb.setDialog('batch')} title="Run a list of queries, one a line, and export the table">
          Batch search…
        </button>
        <button type="button" onClick={() => wb.setDialog('export')}>
          Export…
        </button>
        <button type="button" onClick={theme.toggle} aria-label={`Switch to ${theme.effective === 'dark' ? 'light' : 'dark'} theme`}>
          {theme.effective === 'dark' ? '☀' : '☾'}
        </button>
        <button type="button" onClick={() => wb.setDialog('palette')} aria-label="Command palette">
          Ctrl+K
        </button>
      </header>
      <main className="main">
        <Group orientation="horizontal" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
          <Panel id="library" defaultSize="28%" minSize="15%">
            <div className="column">
              <ErrorBoundary label="filters">
                <Filters />
              </ErrorBoundary>
              <ErrorBoundary label="library">
                <Library />
              </ErrorBoundary>
            </div>
          </Panel>
          <Separator className="separator" aria-label="Resize the library" />
          <Panel id="readers" defaultSize="50%" minSize="25%">
            <Readers />
          </Panel>
          <Separator className="separator" aria-label="Resize the notes" />
          <Panel id="notes" defaultSize="22%" minSize="12%">
            <SidePanel />
          </Panel>
        </Group>
      </main>
      <footer className="statusbar" aria-label="Status">
        <span>
          <span className="ws-name">{info.data?.name}</span> <span className="hint">{info.data?.file ?? ''}</span>
          {info.data?.encrypted && <span className="badge">encrypted</span>}
          {info.data?.adoptedFrom && <span className="badge">from hand-out “{info.data.adoptedFrom.title}”</span>}
        </span>
        {info.data && (
          <span>
            {info.data.documents} documents · {info.data.tags} tags · {info.data.highlights} highlights · {info.data.notes} notes
            {!info.data.indexReady && ' · loading index…'}
          </span>
        )}
        {info.error && <span role="alert">{info.error}</span>}
      </footer>
      {wb.dialog === 'palette' && <CommandPalette actions={actions} onClose={() => wb.setDialog(null)} />}
      {wb.dialog === 'export' && <ExportDialog onClose={() => wb.setDialog(null)} />}
      {wb.dialog === 'export-results' && <ExportDialog results onClose={() => wb.setDialog(null)} />}
      {wb.dialog === 'batch' && <BatchSearchDialog onClose={() => wb.setDialog(null)} />}
      {wb.dialog === 'workspaces' && <WorkspacesDialog onClose={() => wb.setDialog(null)} />}
      {wb.dialog === 'adopt' && <AdoptDialog onClose={() => wb.setDialog(null)} />}
      {wb.dialog === 'handout' && <HandoutDialog onClose={() => wb.setDialog(null)} />}
      {wb.dialog === 'merge' && <MergeDialog onClose={() => wb.setDialog(null)} />}
      {wb.dialog === 'backups' && <BackupsDialog onClose={() => wb.setDialog(null)} />}
      {wb.dialog === 'encrypt' && <PassphraseDialog encrypted={Boolean(info.data?.encrypted)} onClose={() => wb.setDialog(null)} />}
      <UndoToast />
    </div>
  );
}
