import { useEffect, useSyncExternalStore } from 'react';
import { useSettings } from '../settings';

const dark = window.matchMedia('(prefers-color-scheme: dark)');
const subscribe = (on: () => void) => {
  dark.addEventListener('change', on);
  return () => dark.removeEventListener('change', on);
};

/** Applies the theme the settings hold: light, dark, or the system's (followed as it changes). */
export function useTheme(): 'light' | 'dark' {
  const choice = useSettings((s) => s.theme);
  const systemDark = useSyncExternalStore(subscribe, () => dark.matches);
  const effective = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = effective;
  }, [effective]);
  return effective;
}
