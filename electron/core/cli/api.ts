import { EventEmitter } from 'node:events';
import { createApi, type Api } from '../../shared/api/client';
import { METHOD_LIST } from '../../shared/api/names';
import type { EventName, EventPayload, MethodName } from '../../shared/api/contract';
import type { ImportSummary } from '../../shared/schemas';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import { createDispatcher } from '../api/dispatcher';
import { createHandlers, type Handlers } from '../api/handlers';
import { trustedPaths } from '../api/path-guard';
import { createOpenWorkspaceHandlers } from '../api/workspace-handlers';
import type { Workspace } from '../workspace';

/**
 * The CLI's client of the engine: the same typed API as the renderer's, over the same
 * dispatcher as IPC and HTTP (input and output validated against the contract), on the
 * workspace the command opened. Paths are the user's own (trusted, as in the desktop shell's
 * dialogs). Opening, adopting, restoring and re-keying files are the CLI's own commands: they
 * act before or instead of an open workspace.
 */
export function cliApi(ws: Workspace, dataDir: string): Api {
  const events = new EventEmitter();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => events.emit(event, payload);
  const imports = { controller: null as AbortController | null, done: (summary: ImportSummary) => emit('import.done', summary) };
  ws.on('importProgress', (p) => emit('import.progress', p));
  ws.on('analysisProgress', (p) => emit('analysis.progress', p));
  const content: Partial<Handlers> = { ...createHandlers(() => ws, imports, trustedPaths, emit), ...createOpenWorkspaceHandlers(() => ws, dataDir, trustedPaths) };
  const handlers = Object.fromEntries(
    METHOD_LIST.map((m) => [
      m,
      content[m] ??
        (() => {
          throw new WorkbenchError(ErrorCode.InvalidInput, `${m} acts on whole workspaces: use its own command (workbench --help).`);
        }),
    ]),
  ) as Handlers;
  const dispatch = createDispatcher(handlers);
  // A Ctrl+C during an import stops it at once, as import.cancel does.
  const onSigint = () => imports.controller?.abort();
  return createApi({
    async invoke(method: MethodName, input: unknown) {
      const cancellable = method === 'import.paths';
      if (cancellable) process.on('SIGINT', onSigint);
      try {
        const r = await dispatch(method, input);
        // Opened beside the program that owns the workspace: a write says which program to use.
        if (!r.ok && r.error.details?.sqlite === 'SQLITE_READONLY') ws.assertWriter();
        if (!r.ok) throw new WorkbenchError(r.error.code as ErrorCode, r.error.message, r.error.details);
        return r.result;
      } finally {
        if (cancellable) process.off('SIGINT', onSigint);
      }
    },
    subscribe(event, listener) {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
  });
}
