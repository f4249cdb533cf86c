import { createContext, useContext, useState, type ReactNode } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { useShallow } from 'zustand/react/shallow';

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

export type DialogName =
  | 'palette'
  | 'export'
  | 'export-results'
  | 'batch'
  | 'workspaces'
  | 'adopt'
  | 'handout'
  | 'merge'
  | 'backups'
  | 'encrypt'
  | 'tags'
  | 'ocr'
  | null;

export interface Workbench {
  /** What is in the search box, keystroke by keystroke: only the box reads it. */
  query: string;
  /** The query as searched: the box's text once typing pauses (or at once when set from elsewhere). */
  searched: string;
  /** Typing: the box shows it at once, the rest of the window follows when typing pauses. */
  type: (q: string) => void;
  /** Search for this now (a saved search, a pasted passage, Enter in the box). */
  setQuery: (q: string) => void;
  filters: Filters;
  setFilters: (f: Partial<Filters>) => void;
  clearFilters: () => void;
  sort: SortKey;
  setSort: (s: SortKey) => void;
  panes: [Pane | null, Pane | null];
  active: 0 | 1;
  setActive: (i: 0 | 1) => void;
  open: (documentId: number, options?: { side?: boolean; focus?: Pane['focus'] }) => void;
  swap: () => void;
  close: (i: 0 | 1) => void;
  dialog: DialogName;
  setDialog: (d: DialogName) => void;
  /** A view that takes the reader area in place of the documents (the figures table, wide); null shows the readers. */
  readerView: 'figures' | null;
  setReaderView: (v: 'figures' | null) => void;
  /** The shared passage both readers bring into view, and a counter so the same one can be asked for again. */
  sharedFocus: { id: number; seq: number } | null;
  focusShared: (id: number) => void;
  /** Documents picked in the library (Ctrl+click, Shift+click, Space): deleted or exported together. */
  picked: number[];
  setPicked: (ids: number[]) => void;
  /** The note being edited in the notes pane. */
  noteId: number | null;
  setNoteId: (id: number | null) => void;
}

/** How long typing may pause before the library searches: long enough not to search every letter. */
export const TYPING_PAUSE_MS = 200;

const quote = (v: string) => (/[\s"]/.test(v) ? `"${v.replace(/"/g, '')}"` : v);

export function writeFilters(query: string, f: Filters): string {
  const parts = [query.trim()];
  if (f.tag) parts.push(`tag:${quote(f.tag)}`);
  if (f.outlet) parts.push(`outlet:${quote(f.outlet)}`);
  if (f.entity) parts.push(`entity:${quote(f.entity)}`);
  if (f.dateFrom || f.dateTo) parts.push(`date:${f.dateFrom}..${f.dateTo}`);
  return parts.filter(Boolean).join(' ');
}

export const NO_FILTERS: Filters = { tag: null, entity: null, outlet: null, dateFrom: '', dateTo: '' };

/** The query with the filters written into it, as the engine reads it. */
export const selectEffectiveQuery = (s: Workbench): string => writeFilters(s.searched, s.filters);

/** Before the store, the panes were saved as a bare array; read that as the store's format, so nothing open is lost. */
const legacyPanes: StateStorage = {
  getItem: (key) => {
    const raw = localStorage.getItem(key);
    if (!raw?.startsWith('[')) return raw;
    return JSON.stringify({ state: { panes: JSON.parse(raw) as unknown }, version: 1 });
  },
  setItem: (key, value) => localStorage.setItem(key, value),
  removeItem: (key) => localStorage.removeItem(key),
};

export function createWorkbenchStore(workspace: string): StoreApi<Workbench> {
  let typing: ReturnType<typeof setTimeout> | undefined;
  return createStore<Workbench>()(
    persist(
      (set, get) => ({
        query: '',
        searched: '',
        type: (q) => {
          set({ query: q });
          clearTimeout(typing);
          typing = setTimeout(() => set({ searched: get().query }), TYPING_PAUSE_MS);
        },
        setQuery: (q) => {
          clearTimeout(typing);
          set({ query: q, searched: q });
        },
        filters: NO_FILTERS,
        setFilters: (f) => set((s) => ({ filters: { ...s.filters, ...f } })),
        clearFilters: () => set({ filters: NO_FILTERS }),
        sort: 'relevance',
        setSort: (sort) => set({ sort }),
        panes: [null, null],
        active: 0,
        setActive: (active) => set({ active }),
        open: (documentId, options = {}) => {
          const { panes, active } = get();
          // Opened to the side while already open: its pane comes forward instead of a second copy beside it.
          const at = panes.findIndex((p) => p?.documentId === documentId);
          if (at >= 0 && options.side) {
            const next: [Pane | null, Pane | null] = [...panes];
            next[at] = { documentId, focus: options.focus ?? panes[at]!.focus };
            set({ panes: next, active: at as 0 | 1, readerView: null });
            return;
          }
          const target: 0 | 1 = options.side ? (panes[0] ? 1 : 0) : active;
          const next: [Pane | null, Pane | null] = [...panes];
          next[target] = { documentId, focus: options.focus };
          // A document opened from a view in the reader area is read there: the view gives way.
          set({ panes: next, active: target, readerView: null });
        },
        swap: () => set((s) => ({ panes: [s.panes[1], s.panes[0]], active: s.active === 0 ? 1 : 0 })),
        close: (i) => {
          const next: [Pane | null, Pane | null] = [...get().panes];
          next[i] = null;
          // A lone right pane moves left, so the reader is never empty beside a document.
          set({ panes: next[0] ? next : [next[1], null], active: 0 });
        },
        dialog: null,
        setDialog: (dialog) => set({ dialog }),
        readerView: null,
        setReaderView: (readerView) => set({ readerView }),
        sharedFocus: null,
        focusShared: (id) => set((s) => ({ sharedFocus: { id, seq: (s.sharedFocus?.seq ?? 0) + 1 } })),
        noteId: null,
        setNoteId: (noteId) => set({ noteId }),
        picked: [],
        setPicked: (picked) => set({ picked }),
      }),
      {
        // The same key as before the store, so the documents a user had open come back after the update.
        name: `workbench.panes:${workspace}`,
        version: 1,
        storage: createJSONStorage(() => legacyPanes),
        partialize: (s) => ({ panes: s.panes.map((p) => (p ? { documentId: p.documentId } : null)) }),
        merge: (saved, current) => {
          const panes = (saved as { panes?: unknown } | undefined)?.panes;
          const valid = Array.isArray(panes) && panes.length === 2 && panes.every((p) => p === null || typeof p?.documentId === 'number');
          return valid ? { ...current, panes: panes as Workbench['panes'] } : current;
        },
      },
    ),
  );
}

const Ctx = createContext<StoreApi<Workbench> | null>(null);

/** The state of one open workspace's window; keyed by the workspace, so switching starts afresh. */
export function WorkbenchProvider({ children, workspace = '' }: { children: ReactNode; workspace?: string }) {
  const [store] = useState(() => createWorkbenchStore(workspace));
  return <Ctx.Provider value={store}>{children}</Ctx.Provider>;
}

export function useWorkbenchStore(): StoreApi<Workbench> {
  const store = useContext(Ctx);
  if (!store) throw new Error('useWorkbench outside WorkbenchProvider');
  return store;
}

/**
 * A slice of the window's state. Pass a selector so a component re-renders only when its
 * slice changes (`useWorkbench((s) => s.sort)`); an object slice is compared field by field.
 */
export function useWorkbench<T>(selector: (s: Workbench) => T): T {
  return useStore(useWorkbenchStore(), useShallow(selector));
}

type ActionName = {
  [K in keyof Workbench]: Workbench[K] extends (...args: never[]) => unknown ? K : never;
}[keyof Workbench];
export type Actions = Pick<Workbench, ActionName>;

/** The actions only: they never change, so reading them never re-renders. */
export function useActions(): Actions {
  return useWorkbenchStore().getState();
}
