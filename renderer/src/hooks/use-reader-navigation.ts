import { useEffect, useRef, useState } from 'react';
import type { SharedPassage } from '../../../electron/shared/schemas';
import { useApiQuery } from '../query';
import { useActions, useWorkbench, type Pane } from '../state';

/**
 * The search's hits in one document and the current one. Opened at a passage (a highlight, a
 * passage found elsewhere), the reader stays there until the user steps through the hits or
 * the query changes.
 */
export function useHitNavigation(id: number, pane: Pane, ready: boolean, scrollTo: (selector: string) => void) {
  const query = useWorkbench((s) => s.searched);
  const hits = useApiQuery('search.hits', query.trim() ? { documentId: id, query } : null);
  const list = query.trim() ? (hits.data?.hits ?? []) : [];
  const [current, setCurrent] = useState(0);
  useEffect(() => setCurrent(0), [id, query]);
  const heldAt = useRef<{ query: string } | null>(pane.focus ? { query } : null);
  useEffect(() => {
    if (pane.focus) heldAt.current = { query };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pane.focus]);
  const count = list.length;
  useEffect(() => {
    if (heldAt.current && heldAt.current.query === query) return;
    heldAt.current = null;
    if (count && ready) requestAnimationFrame(() => scrollTo(`[data-hit="${current}"]`));
  }, [current, count, ready, scrollTo, query]);
  return {
    query,
    hits: list,
    current,
    step: (delta: number) => {
      heldAt.current = null;
      if (count) setCurrent((c) => (c + delta + count) % count);
    },
  };
}

/** Stepping through the passages shared with the other pane: either reader steps, both bring their side into view. */
export function useSharedNavigation(shared: SharedPassage[], scrollTo: (selector: string) => void) {
  const focus = useWorkbench((s) => s.sharedFocus);
  const { focusShared } = useActions();
  const [current, setCurrent] = useState(-1);
  useEffect(() => {
    if (!focus) return;
    const at = shared.findIndex((p) => p.id === focus.id);
    if (at < 0) return;
    setCurrent(at);
    requestAnimationFrame(() => scrollTo(`[data-shared="${focus.id}"]`));
  }, [focus, shared, scrollTo]);
  return {
    current,
    step: (delta: number) => {
      const n = shared.length;
      if (!n) return;
      const next = ((((current < 0 && delta < 0 ? 0 : current) + delta) % n) + n) % n;
      focusShared(shared[next]!.id);
    },
  };
}
