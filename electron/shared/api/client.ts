/**
 * The one API client. Its shape comes from the contract: `api.documents.get({ id })`
 * calls `documents.get` through whichever transport it was made with.
 */
import type { ApiError, EventName, EventPayload, MethodInput, MethodName, MethodOutput } from './contract';

export interface Transport {
  invoke(method: MethodName, input: unknown): Promise<unknown>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

type AreaOf<M extends string> = M extends `${infer A}.${string}` ? A : never;
type VerbOf<M extends string, A extends string> = M extends `${A}.${infer V}` ? V : never;

export type Api = {
  [A in AreaOf<MethodName>]: {
    [V in VerbOf<MethodName, A>]: `${A}.${V}` extends infer M extends MethodName ? (input?: MethodInput<M>) => Promise<MethodOutput<M>> : never;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** An error from the engine, with its code. */
export class ApiCallError extends Error {
  readonly code: string;
  /** What the engine said about it: a bad query's position, whether it is only unfinished. */
  readonly details: Record<string, unknown>;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.details = error.details ?? {};
  }
}

export function createApi(transport: Transport): Api {
  const areas = new Map<string, unknown>();
  return new Proxy({} as Api, {
    get(_target, area: string) {
      if (area === 'on') return transport.subscribe.bind(transport);
      if (area === 'then') return undefined; // not a thenable
      if (!areas.has(area)) {
        areas.set(
          area,
          new Proxy(
            {},
            {
              get: (_t, verb: string) => (input?: unknown) => transport.invoke(`${area}.${verb}` as MethodName, input ?? {}),
            },
          ),
        );
      }
      return areas.get(area);
    },
  });
}
