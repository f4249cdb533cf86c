import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api';

export interface ApiData<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads something from the engine, again when `deps` change or the workspace reports a
 * change of one of `kinds`. A failed reload keeps the last good data on screen.
 */
export function useApiData<T>(load: () => Promise<T>, deps: unknown[], kinds: string[] = []): ApiData<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let live = true;
    setLoading(true);
    loadRef
      .current()
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const kindsKey = kinds.join(',');
  useEffect(() => {
    if (!kindsKey) return;
    const wanted = new Set(kindsKey.split(','));
    const offChange = api.on('workspace.changed', ({ kind }) => {
      if (wanted.has(kind) || kind === 'workspace') reload();
    });
    const offReady = api.on('index.ready', () => reload());
    return () => {
      offChange();
      offReady();
    };
  }, [kindsKey, reload]);

  return { data, error, loading, reload };
}

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}
