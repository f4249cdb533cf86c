import { useLayoutEffect, useState, type RefObject } from 'react';

export interface Position {
  top: number;
  left: number;
}

/**
 * Where a popup that belongs to a passage stands in a scrolling reader: just below the
 * passage's marked pieces (`selector`, inside the scroll container), kept inside the reader, and
 * placed again whenever the text reflows (a window resized, a side panel folded or opened), so
 * that it never drifts over the passage it is about. Null while there is nothing to anchor to.
 *
 * @example const at = useAnchoredPosition(scrollRef, toolbar ? '.doc-text .pending' : null, 430);
 */
export function useAnchoredPosition(scrollRef: RefObject<HTMLElement | null>, selector: string | null, width: number): Position | null {
  const [at, setAt] = useState<Position | null>(null);
  useLayoutEffect(() => {
    const scroll = scrollRef.current;
    if (!selector || !scroll) {
      setAt(null);
      return;
    }
    const place = () => {
      const pieces = scroll.querySelectorAll<HTMLElement>(selector);
      if (!pieces.length) return;
      const first = pieces[0]!.getClientRects()[0] ?? pieces[0]!.getBoundingClientRect();
      const bottom = Math.max(...[...pieces].map((p) => p.getBoundingClientRect().bottom));
      const box = scroll.getBoundingClientRect();
      const next = { top: bottom - box.top + scroll.scrollTop + 6, left: Math.max(0, Math.min(first.left - box.left, box.width - width)) };
      setAt((old) => (old && old.top === next.top && old.left === next.left ? old : next));
    };
    place();
    const watch = new ResizeObserver(place);
    watch.observe(scroll);
    for (const child of scroll.children) watch.observe(child);
    return () => watch.disconnect();
  }, [scrollRef, selector, width]);
  return at;
}
