/**
 * Server data in the interface: every read goes through TanStack Query, keyed by the contract
 * method and its input, and stays fresh because each change the engine reports invalidates
 * exactly the methods whose answers it can change (see INVALIDATES).
 */
import { QueryClient, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventPayload, MethodInput, MethodName, MethodOutput } from '../../electron/shared/api/contract';
import { api, errorMessage } from './api';

export type ChangeKind = EventPayload<'workspace.changed'>['kind'] | 'index';

/** Calls one contract method by name: the typed client, reached through its area and verb. */
export function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const [area, verb] = method.split('.') as [string, string];
  const fn = (api as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[area]![verb]!;
  return fn(input) as Promise<MethodOutput<M>>;
}

type Key = readonly [MethodName, unknown];

const searchWith = (pattern: RegExp) => (key: Key) =>
  key[0].startsWith('search.') && pattern.test(JSON.stringify(key[1] ?? ''));

/**
 * What each change can make stale. A method not listed under a kind keeps its answer; the
 * analysis, which stores a batch several times a second on a large import, refreshes only
 * the analysis panels and searches that filter by entity — not the library under the reader.
 */
export const INVALIDATES: Record<ChangeKind, (key: Key) => boolean> = {
  documents: ([m]) => !m.startsWith('savedSearches.') && !m.startsWith('workspaces.') && !m.startsWith('backups.'),
  tags: ([m]) =>
    m.startsWith('tags.') ||
    m === 'analysis.tagsByOutlet' || m.startsWith('search.') || m.startsWith('highlights.') || m === 'documents.get' || m === 'workspace.info',
  highlights: ([m]) =>
    m.startsWith('highlights.') ||
    m === 'analysis.tagsByOutlet' || m.startsWith('notes.') || m.startsWith('search.') || m === 'tags.list' || m === 'workspace.info',
  notes: ([m]) => m.startsWith('notes.') || m.startsWith('search.') || m === 'workspace.info',
  savedSearches: ([m]) => m.startsWith('savedSearches.'),
  analysis: (key) => key[0].startsWith('analysis.') || searchWith(/entity:/)(key),
  workspace: () => true,
  // The full index arrived: titles, tags and notes are searchable now, not only the texts.
  index: ([m]) => m.startsWith('search.') || m === 'workspace.info',
};

const NOT_EVENTED = ['backups.', 'workspaces.', 'undo.'];

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Answers stay good until the engine says otherwise: change events invalidate them.
      staleTime: Infinity,
      gcTime: 5 * 60_000,
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  },
});

/** How long change events are gathered before queries refresh: an import reports many in a row. */
const SETTLE_MS = 150;

/** Listens to the engine's change events for as long as the window lives, and invalidates what each one touches. */
export function useChangeEvents(client: QueryClient = queryClient): void {
  useEffect(() => {
    const pending = new Set<ChangeKind>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const kinds = [...pending];
      pending.clear();
      void client.invalidateQueries({
        predicate: (q) => kinds.some((k) => INVALIDATES[k](q.queryKey as unknown as Key)),
      });
    };
    const note = (kind: ChangeKind) => {
      pending.add(kind);
      timer ??= setTimeout(flush, SETTLE_MS);
    };
    const offs = [api.on('workspace.changed', ({ kind }) => note(kind)), api.on('index.ready', () => note('index'))];
    return () => {
      clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [client]);
}

export interface ApiQuery<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
  query: UseQueryResult<T>;
}

/**
 * One contract method's answer, cached by method and input and refreshed by change events.
 * `null` as input skips the call (nothing to ask yet). A failed refresh keeps the last good
 * answer on screen.
 *
 * @example const doc = useApiQuery('documents.get', { id });
 */
export function useApiQuery<M extends MethodName>(method: M, input: MethodInput<M> | null): ApiQuery<MethodOutput<M>> {
  const query = useQuery({
    queryKey: [method, input] as const,
    queryFn: () => call(method, input as MethodInput<M>),
    enabled: input !== null,
    // While the answer to a new input loads, the last one stays (no flash of empty); with nothing to ask, nothing shows.
    placeholderData: input === null ? undefined : (previous) => previous,
    // No change event covers backups and the list of workspaces: asked again each time they are shown.
    ...(NOT_EVENTED.some((p) => method.startsWith(p)) && { staleTime: 0 }),
  });
  return {
    data: query.data,
    error: query.error ? errorMessage(query.error) : null,
    loading: query.isPending && input !== null,
    reload: () => void query.refetch(),
    query,
  };
}
