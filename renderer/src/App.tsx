import { Profiler, useLayoutEffect, type ProfilerOnRenderCallback, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { ErrorBoundary } from './components/ErrorBoundary';
import { FiguresReaderView } from './components/FiguresPanel';
import { Dialogs } from './components/Dialogs';
import { Filters } from './components/Filters';
import { Library } from './components/Library';
import { Rail } from './components/Rail';
import { ReaderPane } from './components/ReaderPane';
import { SidePanel } from './components/SidePanel';
import { StatusBar } from './components/StatusBar';
import { SearchBox, TopBarEnd, TopBarStart } from './components/TopBar';
import { UndoToast } from './components/UndoToast';
import { useCommandBindings, useCommandHandlers } from './hooks/use-commands';
import { useRegions } from './hooks/use-layout';
import { useTheme } from './hooks/use-theme';
import { useApiQuery } from './query';
import { useWorkbench } from './state';

function Readers() {
  const panes = useWorkbench((s) => s.panes);
  const view = useWorkbench((s) => s.readerView);
  const layout = useDefaultLayout({ id: 'readers', storage: localStorage, panelIds: panes[1] ? ['left', 'right'] : ['left'] });
  const [left, right] = panes;
  if (view === 'figures') {
    return (
      <ErrorBoundary label="figures">
        <FiguresReaderView />
      </ErrorBoundary>
    );
  }
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

/** Wraps a region in React's Profiler when one is asked for (a test counting re-renders), and in nothing otherwise. */
function Region({ id, profile, children }: { id: string; profile: ProfilerOnRenderCallback | undefined; children: ReactNode }) {
  return profile ? (
    <Profiler id={id} onRender={profile}>
      {children}
    </Profiler>
  ) : (
    children
  );
}

/**
 * The window of one open workspace. Each region reads only its own slice of the state, so
 * typing in the search box re-renders the box, and the list once typing pauses, nothing else.
 */
export function App({ profile }: { profile?: ProfilerOnRenderCallback }) {
  useTheme();
  const handlers = useCommandHandlers();
  useCommandBindings(handlers);
  const info = useApiQuery('workspace.info', {}).data;
  const readers = useWorkbench((s) => (s.panes[0] ? 1 : 0) + (s.panes[1] ? 1 : 0));
  const regions = useRegions(readers);
  const ids = [regions.library && 'library', 'readers', regions.side && 'notes'].filter(Boolean) as string[];
  const layout = useDefaultLayout({ id: `main:${ids.join('+')}`, storage: localStorage, panelIds: ids });

  // Before paint, so the title never lags behind the status bar naming the same workspace.
  useLayoutEffect(() => {
    document.title = info ? `${info.name} — Research Workbench` : 'Research Workbench';
  }, [info]);

  return (
    <div className="app">
      <header className="topbar">
        <Region id="topbar-start" profile={profile}>
          <TopBarStart handlers={handlers} />
        </Region>
        <Region id="search-box" profile={profile}>
          <SearchBox />
        </Region>
        <Region id="topbar-end" profile={profile}>
          <TopBarEnd handlers={handlers} />
        </Region>
      </header>
      <main className="main">
        {!regions.library && <Rail region="library" />}
        <Group orientation="horizontal" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
          {regions.library && (
            <>
              <Panel id="library" defaultSize="28%" minSize="15%">
                <div className="column">
                  <Region id="filters" profile={profile}>
                    <ErrorBoundary label="filters">
                      <Filters />
                    </ErrorBoundary>
                  </Region>
                  <Region id="library" profile={profile}>
                    <ErrorBoundary label="library">
                      <Library />
                    </ErrorBoundary>
                  </Region>
                </div>
              </Panel>
              <Separator className="separator" aria-label="Resize the library" />
            </>
          )}
          <Panel id="readers" defaultSize="50%" minSize="25%">
            <Region id="readers" profile={profile}>
              <Readers />
            </Region>
          </Panel>
          {regions.side && (
            <>
              <Separator className="separator" aria-label="Resize the notes" />
              <Panel id="notes" defaultSize="22%" minSize="12%">
                <Region id="side" profile={profile}>
                  <SidePanel />
                </Region>
              </Panel>
            </>
          )}
        </Group>
        {!regions.side && <Rail region="side" />}
      </main>
      <Region id="status" profile={profile}>
        <StatusBar />
      </Region>
      <Dialogs handlers={handlers} encrypted={Boolean(info?.encrypted)} />
      <UndoToast />
    </div>
  );
}
