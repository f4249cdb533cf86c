import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface Filters {
  tag: string | null;
  /** An entity's name: the library shows the documents mentioning it, the reader marks it. */
  entity: string | null;
  outlet: string | null;
  dateFrom: string;
  dateTo: string;
}

export interface Pane {
  documentId: number;
  /** A passage to bring into view when the document opens. */
  focus?: { start: number; end: number; highlightId?: number } | undefined;
}

export type SortKey = 'relevance' | 'date' | 'title' | 'outlet';

export interface Workbench {
  query: string;
  setQuery: (q: string) => void;
  filters: Filters;
  setFilters: (f: Partial<Filters>) => void;
  clearFilters: () => void;
  sort: SortKey;
  setSort: (s: SortKey) => void;
  /** Leave boilerplate (donation boxes, polls, comments) out of search. */
  skipBoilerplate: boolean;
  setSkipBoilerplate: (on: boolean) => void;
  /** Keep only the documents with every word of the query (`all: true`). */
  everyWord: boolean;
  setEveryWord: (on: boolean) => void;
  /** The query with the filters written into it, as the engine reads it. */
  effectiveQuery: string;
  panes: [Pane | null, Pane | null];
  active: 0 | 1;
  setActive: (i: 0 | 1) => void;
  open: (documentId: number, options?: { side?: boolean; focus?: Pane['focus'] }) => void;
  swap: () => void;
  close: (i: 0 | 1) => void;
  dialog: 'palette' | 'export' | 'export-results' | 'batch' | 'workspaces' | 'adopt' | 'handout' | 'merge' | 'backups' | 'encrypt' | null;
  setDialog: (d: Workbench['dialog']) => void;
  /** The shared passage both readers bring into view, and a counter so the same one can be asked for again. */
  sharedFocus: { id: number; seq: number } | null;
  focusShared: (id: number) => void;
  /** The note being edited in the notes pane. */
  noteId: number | null;
  setNoteId: (id: number | null) => void;
}

const Ctx = createContext<Workbench | null>(null);

const quote = (v: string) => (/[\s"]/.test(v) ? `"${v.replace(/"/g, '')}"` : v);

export function writeFilters(query: string, f: Filters): string {
  const parts = [query.trim()];
  if (f.tag) parts.push(`tag:${quote(f.tag)}`);
  if (f.outlet) parts.push(`outlet:${quote(f.outlet)}`);
  if (f.entity) parts.push(`entity:${quote(f.entity)}`);
  if (f.dateFrom || f.dateTo) parts.push(`date:${f.dateFrom}..${f.dateTo}`);
  return parts.filter(Boolean).join(' ');
}

const NO_FILTERS: Filters = { tag: null, entity: null, outlet: null, dateFrom: '', dateTo: '' };

/** The state of one open workspace's window; keyed by the workspace, so switching starts afresh. */
export function WorkbenchProvider({ children, workspace = '' }: { children: ReactNode; workspace?: string }) {
  const panesKey = `workbench.panes:${workspace}`;
  const [query, setQuery] = useState('');
  const [filters, setFilterState] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<SortKey>('relevance');
  const [skipBoilerplate, setSkip] = useState(() => localStorage.getItem('workbench.skipBoilerplate') === '1');
  const setSkipBoilerplate = useCallback((on: boolean) => {
    localStorage.setItem('workbench.skipBoilerplate', on ? '1' : '0');
    setSkip(on);
  }, []);
  const [everyWord, setEvery] = useState(() => localStorage.getItem('workbench.everyWord') === '1');
  const setEveryWord = useCallback((on: boolean) => {
    localStorage.setItem('workbench.everyWord', on ? '1' : '0');
    setEvery(on);
  }, []);
  const [panes, setPanes] = useState<[Pane | null, Pane | null]>(() => {
    try {
      return JSON.parse(localStorage.getItem(panesKey) ?? 'null') ?? [null, null];
    } catch {
      return [null, null];
    }
  });
  const [active, setActive] = useState<0 | 1>(0);
  const [dialog, setDialog] = useState<Workbench['dialog']>(null);
  const [noteId, setNoteId] = useState<number | null>(null);
  const [sharedFocus, setSharedFocus] = useState<Workbench['sharedFocus']>(null);

  const savePanes = useCallback((next: [Pane | null, Pane | null]) => {
    localStorage.setItem(panesKey, JSON.stringify(next.map((p) => (p ? { documentId: p.documentId } : null))));
    setPanes(next);
  }, [panesKey]);

  const open = useCallback<Workbench['open']>(
    (documentId, options = {}) => {
      const pane: Pane = { documentId, focus: options.focus };
      let target: 0 | 1 = active;
      if (options.side) target = panes[0] ? 1 : 0;
      const next: [Pane | null, Pane | null] = [...panes];
      next[target] = pane;
      savePanes(next);
      setActive(target);
    },
    [active, panes, savePanes],
  );

  const value = useMemo<Workbench>(
    () => ({
      query,
      setQuery,
      filters,
      setFilters: (f) => setFilterState((old) => ({ ...old, ...f })),
      clearFilters: () => setFilterState(NO_FILTERS),
      sort,
      setSort,
      skipBoilerplate,
      setSkipBoilerplate,
      everyWord,
      setEveryWord,
      effectiveQuery: writeFilters(query, filters),
      panes,
      active,
      setActive,
      open,
      swap: () => {
        savePanes([panes[1], panes[0]]);
        setActive(active === 0 ? 1 : 0);
      },
      close: (i) => {
        const next: [Pane | null, Pane | null] = [...panes];
        next[i] = null;
        // A lone right pane moves left, so the reader is never empty beside a document.
        savePanes(next[0] ? next : [next[1], null]);
        setActive(0);
      },
      dialog,
      setDialog,
      noteId,
      setNoteId,
      sharedFocus,
      focusShared: (id) => setSharedFocus((old) => ({ id, seq: (old?.seq ?? 0) + 1 })),
    }),
    [query, filters, sort, skipBoilerplate, setSkipBoilerplate, everyWord, setEveryWord, panes, active, open, savePanes, dialog, noteId, sharedFocus],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useWorkbench(): Workbench {
  const v = useContext(Ctx);
  if (!v) throw new Error('useWorkbench outside WorkbenchProvider');
  return v;
}
