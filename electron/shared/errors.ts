/**
 * Error codes shared by the engine, the CLI and (later) both shells. A code is stable
 * so that callers can branch on it; the message is for people and always names the
 * file, field or id at fault.
 */
export const ErrorCode = {
  /** The file exists but is not a workspace: empty, not SQLite, or another application's database. */
  NotAWorkspace: 'NOT_A_WORKSPACE',
  /** The workspace was written by a newer version of the workbench. */
  SchemaTooNew: 'SCHEMA_TOO_NEW',
  /** The workspace file could not be opened or read. */
  CannotOpen: 'CANNOT_OPEN',
  /** A document, tag, highlight, note or saved search with that id does not exist. */
  NotFound: 'NOT_FOUND',
  /** The input breaks a rule: an empty name, a tag that would become its own ancestor, a bad range. */
  InvalidInput: 'INVALID_INPUT',
  /** A name that must be unique is taken. */
  Conflict: 'CONFLICT',
  /** The query could not be parsed. */
  BadQuery: 'BAD_QUERY',
  /** A long-running operation was cancelled by the caller. */
  Cancelled: 'CANCELLED',
  /** The workspace is encrypted and no passphrase was given. */
  NeedsPassphrase: 'NEEDS_PASSPHRASE',
  /** The passphrase does not open the file (or the file is not a workspace). Nothing was changed. */
  WrongPassphrase: 'WRONG_PASSPHRASE',
  /** The workspace failed SQLite's checks; it was moved aside, never deleted. `details` names where, and the latest backup. */
  Damaged: 'WORKSPACE_DAMAGED',
  /** The thing exists but may not be changed: a note that came with a hand-out. */
  ReadOnly: 'READ_ONLY',
  /** The file is a hand-out, which is never opened for writing: make one's own workspace from it. */
  IsHandout: 'IS_HANDOUT',
  /** No workspace is open (it is locked, damaged, or none was chosen yet). */
  NoWorkspace: 'NO_WORKSPACE',
  /** Another process owns the workspace for writing; `details.pid` names it. Close it there, or run the command there. */
  InUse: 'WORKSPACE_IN_USE',
  /** The caller may not do this: a page asking for what only the user's own choice in a native dialog allows. */
  Forbidden: 'FORBIDDEN',
  /** Something unexpected; the message says what. */
  Internal: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'WorkbenchError';
    this.code = code;
    this.details = details;
  }
}

export function isWorkbenchError(err: unknown): err is WorkbenchError {
  return err instanceof WorkbenchError;
}

export function notFound(kind: string, id: number | string): WorkbenchError {
  return new WorkbenchError(ErrorCode.NotFound, `No ${kind} with id ${id}.`, { kind, id });
}

export function invalid(field: string, reason: string): WorkbenchError {
  return new WorkbenchError(ErrorCode.InvalidInput, `${field}: ${reason}`, { field });
}
