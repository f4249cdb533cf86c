import { useEffect, useState } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';

/** Light, dark, or following the system; remembered across sessions. */
export function useTheme(): { choice: ThemeChoice; effective: 'light' | 'dark'; setChoice: (c: ThemeChoice) => void; toggle: () => void } {
  const [choice, setChoice] = useState<ThemeChoice>(() => (localStorage.getItem('workbench.theme') as ThemeChoice | null) ?? 'system');
  const [systemDark, setSystemDark] = useState(() => window.matchMedia('(prefers-color-scheme: dark)').matches);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const on = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  const effective = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = effective;
    localStorage.setItem('workbench.theme', choice);
  }, [choice, effective]);
  return { choice, effective, setChoice, toggle: () => setChoice(effective === 'dark' ? 'light' : 'dark') };
}
