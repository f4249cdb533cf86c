import { ErrorCode, isWorkbenchError } from '../../shared/errors';
import { contract, type ApiError, type MethodName } from '../../shared/api/contract';
import type { Handlers } from './handlers';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ApiError };

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const field = issue.path.map(String).join('.');
  return field ? `${field}: ${issue.message}` : issue.message;
}

/**
 * The one place every call passes, from IPC or HTTP alike: the method must exist, the
 * input must match its schema, and so must the output. Failures come back as an
 * ApiError with a code and a message that names the field at fault; nothing throws.
 */
export function createDispatcher(handlers: Handlers) {
  return async function dispatch(method: string, input: unknown): Promise<DispatchResult> {
    if (!Object.prototype.hasOwnProperty.call(contract, method)) {
      return { ok: false, error: { code: ErrorCode.InvalidInput, message: `There is no method "${method}".` } };
    }
    const spec = contract[method as MethodName];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: ErrorCode.InvalidInput, message: `${method}: ${parsed.error.issues.map(describeIssue).join('; ')}` } };
    }
    try {
      const handler = handlers[method as MethodName] as (i: unknown) => unknown;
      const result = await handler(parsed.data);
      const checked = spec.output.safeParse(result);
      if (!checked.success) {
        return { ok: false, error: { code: ErrorCode.Internal, message: `${method} returned a malformed result: ${checked.error.issues.map(describeIssue).join('; ')}` } };
      }
      return { ok: true, result: checked.data };
    } catch (err) {
      return { ok: false, error: apiErrorOf(err) };
    }
  };
}

/** What a failed call answers: the engine's own errors keep their code; SQLite's are said plainly. */
export function apiErrorOf(err: unknown): ApiError {
  if (isWorkbenchError(err)) return { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
  const code = (err as { code?: string } | null)?.code;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return { code: ErrorCode.Damaged, message: `The workspace is damaged (${code}). Close it and restore a backup (Backups…); the file will be moved aside, not deleted.` };
  }
  if (code === 'SQLITE_BUSY') return { code: ErrorCode.Conflict, message: 'The workspace is busy (another program is writing to it); try again.' };
  // SQLite's own code travels along: a shell can tell, say, a write refused to a reader.
  const sqlite = typeof code === 'string' && code.startsWith('SQLITE_') ? { details: { sqlite: code } } : {};
  return { code: ErrorCode.Internal, message: err instanceof Error ? err.message : String(err), ...sqlite };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
