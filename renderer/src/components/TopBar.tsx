import { OverflowMenu } from './OverflowMenu';
import { useRef } from 'react';
import { keyLabel } from '../../../electron/shared/commands';
import type { Handlers } from '../hooks/use-commands';
import { useTheme } from '../hooks/use-theme';
import { useApiQuery } from '../query';
import { useActions, useWorkbench } from '../state';
import { ImportControl } from './ImportControl';
import { WorkspaceMenu } from './WorkspaceMenu';

/**
 * The search box: the only part of the window that re-renders on every keystroke. ArrowDown
 * moves into the results; Enter searches at once instead of waiting for typing to pause.
 */
export function SearchBox() {
  const query = useWorkbench((s) => s.query);
  const { type, setQuery } = useActions();
  const box = useRef<HTMLInputElement>(null);
  return (
    <input
      ref={box}
      type="search"
      className="search"
      value={query}
      onChange={(e) => type(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          document.querySelector<HTMLElement>('[role=listbox][aria-label=Documents]')?.focus();
        } else if (e.key === 'Enter') setQuery(query);
      }}
      placeholder='Search: words, "a phrase", wag*, peskov~, -exclude, title:, tag:, date:2019'
      aria-label="Search"
    />
  );
}

/** The start of the toolbar: the workspace's name and its menu. */
export function TopBarStart({ handlers }: { handlers: Handlers }) {
  const info = useApiQuery('workspace.info', {}).data;
  return (
    <>
      <span className="brand" title={info?.file}>
        {info?.encrypted && <span aria-label="Encrypted">🔒 </span>}
        {info?.name ?? 'Research Workbench'}
      </span>
      <WorkspaceMenu handlers={handlers} />
    </>
  );
}

/** The end of the toolbar. On a narrow window the less used buttons move into the "More" menu. */
export function TopBarEnd({ handlers }: { handlers: Handlers }) {
  const dark = useTheme() === 'dark';
  const themeLabel = `Switch to ${dark ? 'light' : 'dark'} theme`;
  const toggleTheme = dark ? handlers['theme-light'] : handlers['theme-dark'];
  return (
    <>
      <ImportControl />
      <span className="wide-only">
        <button type="button" onClick={handlers.batch} title="Run a list of queries, one a line, and export the table">
          Batch search…
        </button>
        <button type="button" onClick={handlers.export}>
          Export…
        </button>
        <button type="button" onClick={toggleTheme} aria-label={themeLabel}>
          {dark ? '☀' : '☾'}
        </button>
      </span>
      <OverflowMenu
        label="More actions"
        className="narrow-only"
        align="end"
        items={[
          { key: 'batch', label: 'Batch search…', onSelect: handlers.batch },
          { key: 'export', label: 'Export…', onSelect: handlers.export },
          { key: 'theme', label: themeLabel, onSelect: toggleTheme },
        ]}
      />
      <button type="button" onClick={handlers.palette} aria-label="Command palette">
        {keyLabel('Mod+K')}
      </button>
    </>
  );
}
