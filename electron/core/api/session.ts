import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../shared/api/contract';
import type { ImportSummary } from '../../shared/schemas';
import type { Workspace } from '../workspace';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createHandlers } from './handlers';

type Listener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * What a shell serves: the open workspace behind one dispatcher, and the events it
 * raises. Both the Electron main process and the HTTP server hold one of these.
 */
export class Session {
  readonly dispatch: Dispatch;
  private readonly emitter = new EventEmitter();
  private readonly imports = { controller: null as AbortController | null, done: (summary: ImportSummary) => this.emit('import.done', summary) };

  constructor(private ws: Workspace) {
    this.dispatch = createDispatcher(createHandlers(() => this.ws, this.imports));
    this.wire(ws);
  }

  get workspace(): Workspace {
    return this.ws;
  }

  private wire(ws: Workspace): void {
    ws.on('changed', (kind) => this.emit('workspace.changed', { kind }));
    ws.on('importProgress', (p) => this.emit('import.progress', p));
    ws.on('indexReady', () => this.emit('index.ready', {}));
  }

  private emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', event, payload);
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: Listener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Replaces the open workspace (New, Open, Switch), closing the old one. */
  switchTo(next: Workspace): void {
    this.imports.controller?.abort();
    this.ws.removeAllListeners();
    this.ws.close();
    this.ws = next;
    this.wire(next);
    this.emit('workspace.changed', { kind: 'workspace' });
  }

  close(): void {
    this.imports.controller?.abort();
    this.ws.close();
  }
}
