import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { ApiCallError } from '../../../electron/shared/api/client';
import type { DocumentHit, HighlightHit, NoteHit, SearchResponse } from '../../../electron/shared/schemas';
import { errorMessage } from '../api';
import { call } from '../query';
import type { SortKey } from '../state';

/** Rows fetched at a time: a screen is about ten, so a page covers scrolling for a while. */
export const PAGE = 100;

export interface Counts {
  total: number;
  all: number;
  some: number;
}

export interface SearchView {
  query: string;
  sort: SortKey;
  clean: boolean;
  all: boolean;
}

export interface LibraryPages {
  counts: Counts;
  partial: boolean;
  row: (index: number) => DocumentHit | undefined;
  personal: { notes: NoteHit[]; highlights: HighlightHit[] };
  loading: boolean;
  error: string | null;
  /** What an unfinished query (an open quote, a lone -) still needs; the last good list stays meanwhile. */
  typing: string | null;
}

/** An unfinished query is not an error yet: it is being typed. */
function isIncomplete(err: unknown): boolean {
  return err instanceof ApiCallError && err.code === 'BAD_QUERY' && err.details.incomplete === true;
}

const key = (v: SearchView, offset: number) =>
  ['search.query', { query: v.query, sort: v.sort, limit: PAGE, offset, clean: v.clean, all: v.all }] as const;

/**
 * The library's pages, each its own cached query, fetched as they scroll into view. Pages
 * rather than one infinite list: a scrollbar dragged to row 60,000 asks for that page alone,
 * and a change refreshes the pages on screen in place, so the list keeps its scroll position
 * and the selection instead of jumping back to its first row.
 */
export function useLibraryPages(view: SearchView, visible: number[]): LibraryPages {
  // The view whose answers are on screen: the current one, or the last good one while a query is unfinished.
  const [shown, setShown] = useState(view);
  const offsets = useMemo(() => [...new Set([0, ...visible.map((i) => Math.floor(i / PAGE) * PAGE)])].sort((a, b) => a - b), [visible]);
  const current = useQueries({
    queries: [0].map((offset) => ({
      queryKey: key(view, offset),
      queryFn: () => call('search.query', key(view, offset)[1]),
    })),
  })[0]!;
  const incomplete = current.isError && isIncomplete(current.error);
  useEffect(() => {
    if (current.isSuccess) setShown(view);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current.isSuccess, view.query, view.sort, view.clean, view.all]);
  const on = incomplete ? shown : view;
  const pages = useQueries({
    queries: offsets.map((offset) => ({
      queryKey: key(on, offset),
      queryFn: () => call('search.query', key(on, offset)[1]),
      // Page 0 of the last search stays on screen until the new one answers; other pages never
      // stand in for one another, or a row would show another row's document.
      placeholderData: offset === 0 ? (previous: SearchResponse | undefined) => previous : undefined,
    })),
  });
  const first = pages[0]?.data;
  const byOffset = new Map<number, SearchResponse>();
  pages.forEach((p, i) => p.data && byOffset.set(offsets[i]!, p.data));
  const error = !incomplete && current.isError ? errorMessage(current.error) : null;
  return {
    counts: first && !error ? { total: first.total, all: first.totalAll, some: first.totalSome } : { total: 0, all: 0, some: 0 },
    partial: first?.partial ?? false,
    row: (index) => byOffset.get(Math.floor(index / PAGE) * PAGE)?.documents[index % PAGE],
    personal: first && !error ? { notes: first.notes, highlights: first.highlights } : { notes: [], highlights: [] },
    loading: (!first || Boolean(pages[0]?.isPlaceholderData)) && !error,
    error,
    typing: incomplete ? errorMessage(current.error) : null,
  };
}
