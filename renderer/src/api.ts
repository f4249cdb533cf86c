/**
 * The interface's one way to the engine: the contract's client over IPC in Electron
 * (the preload's `window.workbench`) or over HTTP in a browser (the serve shell).
 */
import { ApiCallError, createApi, type Api, type Transport } from '../../electron/shared/api/client';
import { EVENT_NAMES, type ApiError, type EventName, type EventPayload, type MethodName } from '../../electron/shared/api/contract';

type Result = { ok: true; result: unknown } | { ok: false; error: ApiError };

interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<Result>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    workbench?: PreloadBridge;
  }
}

function unwrap(r: Result): unknown {
  if (r.ok) return r.result;
  throw new ApiCallError(r.error);
}

function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    invoke: async (method, input) => unwrap(await bridge.invoke(method, input)),
    subscribe: (event, listener) => bridge.on(event, listener as (p: unknown) => void),
  };
}

/** The token comes in the address the server printed; it is kept for reloads and taken out of the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('workbench.token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem('workbench.token') ?? '';
}

function httpTransport(): Transport {
  const token = takeToken();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let source: EventSource | null = null;
  const connect = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (e) => listeners.get(name)?.forEach((l) => l(JSON.parse((e as MessageEvent<string>).data))));
    }
  };
  return {
    async invoke(method: MethodName, input: unknown) {
      let response: Response;
      try {
        response = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ method, input }),
        });
      } catch {
        throw new ApiCallError({ code: 'OFFLINE', message: 'The workbench server is not answering. Is `npm run serve` still running?' });
      }
      if (response.status === 401) throw new ApiCallError({ code: 'UNAUTHORIZED', message: 'This page has no valid token: open the address `npm run serve` printed.' });
      return unwrap((await response.json()) as Result);
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      connect();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
  };
}

export const api: Api = createApi(window.workbench ? ipcTransport(window.workbench) : httpTransport());
export const isDesktop = Boolean(window.workbench);

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
