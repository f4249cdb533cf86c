import { useSyncExternalStore } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type Region = 'library' | 'side';
type Choice = 'auto' | 'open' | 'closed';

interface LayoutState {
  library: Choice;
  side: Choice;
  toggle: (r: Region) => void;
  show: (r: Region) => void;
}

/**
 * Below these widths a region folds to a rail of icons, unless the user opened it: the side
 * panel first, and with two documents side by side both, so each reader keeps room to read.
 */
export function foldsBelow(region: Region, two: boolean): number {
  if (region === 'side') return two ? 1280 : 1100;
  return two ? 1100 : 0;
}

export const useLayoutStore = create<LayoutState>()(
  persist(
    (set, get) => ({
      library: 'auto',
      side: 'auto',
      toggle: (r) => set({ [r]: isOpen(get()[r], r, windowWidth(), twoReaders) ? 'closed' : 'open' }),
      show: (r) => set({ [r]: 'open' }),
    }),
    { name: 'workbench.layout', version: 1, partialize: (s) => ({ library: s.library, side: s.side }) },
  ),
);

let twoReaders = false;
const windowWidth = () => window.innerWidth;

function isOpen(choice: Choice, region: Region, width: number, two: boolean): boolean {
  if (choice !== 'auto') return choice === 'open';
  return width >= foldsBelow(region, two);
}

function subscribeWidth(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

/** Whether each region is shown, for this window's width and the number of documents open. */
export function useRegions(readers: number): Record<Region, boolean> {
  twoReaders = readers > 1;
  // Zoom changes innerWidth too, so 150% zoom folds like a narrow window.
  const width = useSyncExternalStore(subscribeWidth, windowWidth);
  const library = useLayoutStore((s) => s.library);
  const side = useLayoutStore((s) => s.side);
  return { library: isOpen(library, 'library', width, twoReaders), side: isOpen(side, 'side', width, twoReaders) };
}
