/**
 * The user's settings, for every workspace: kept in localStorage by zustand's `persist`,
 * one versioned entry instead of a key per setting.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { useShallow } from 'zustand/react/shallow';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const SIDE_TABS = ['Notes', 'Passages', 'Entities', 'Figures', 'Timeline', 'Charts'] as const;
export type SideTab = (typeof SIDE_TABS)[number];

export interface Settings {
  theme: ThemeChoice;
  /** Leave boilerplate (donation boxes, polls, comments) out of search. */
  skipBoilerplate: boolean;
  /** Keep only the documents with every word of the query (`all: true`). */
  everyWord: boolean;
  /** The reader shows the text without boilerplate. */
  readerClean: boolean;
  sideTab: SideTab;
}

/** Settings saved one key each before this store; read once, so nobody's choices are lost by the update. */
function legacy(): Partial<Settings> {
  const get = (k: string) => localStorage.getItem(`workbench.${k}`);
  const out: Partial<Settings> = {};
  const theme = get('theme');
  if (theme === 'light' || theme === 'dark' || theme === 'system') out.theme = theme;
  if (get('skipBoilerplate') !== null) out.skipBoilerplate = get('skipBoilerplate') === '1';
  if (get('everyWord') !== null) out.everyWord = get('everyWord') === '1';
  if (get('clean') !== null) out.readerClean = get('clean') === '1';
  const tab = get('sideTab');
  if ((SIDE_TABS as readonly string[]).includes(tab ?? '')) out.sideTab = tab as SideTab;
  return out;
}

const DEFAULTS: Settings = { theme: 'system', skipBoilerplate: false, everyWord: false, readerClean: false, sideTab: 'Notes' };

const store = create<Settings>()(
  persist(() => ({ ...DEFAULTS, ...legacy() }), {
    name: 'workbench.settings',
    version: 1,
    // A setting saved by a later version, or hand-edited, never breaks the window: unknown values fall back.
    merge: (saved, current) => {
      const s = (saved ?? {}) as Partial<Settings>;
      return {
        ...current,
        ...(['system', 'light', 'dark'].includes(s.theme as string) && { theme: s.theme }),
        ...(typeof s.skipBoilerplate === 'boolean' && { skipBoilerplate: s.skipBoilerplate }),
        ...(typeof s.everyWord === 'boolean' && { everyWord: s.everyWord }),
        ...(typeof s.readerClean === 'boolean' && { readerClean: s.readerClean }),
        ...((SIDE_TABS as readonly string[]).includes(s.sideTab as string) && { sideTab: s.sideTab }),
      };
    },
  }),
);

/** A slice of the settings; re-renders only when that slice changes. */
export function useSettings<T>(selector: (s: Settings) => T): T {
  return store(useShallow(selector));
}

export function setSetting<K extends keyof Settings>(key: K, value: Settings[K]): void {
  store.setState({ [key]: value } as Pick<Settings, K>);
}

export const getSettings = (): Settings => store.getState();
