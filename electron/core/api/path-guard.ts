import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import { listBackups } from '../workspaces/backups';

/**
 * How a method's paths are read. The CLI and the desktop shell's native dialogs name any
 * file the user chose (`trusted`). A call from a page (the browser shell's HTTP API, the
 * desktop window's IPC) is confined: the page can only have got a path by typing it, so
 * it may name files in the folders the user has already chosen — the app's data folder
 * and the folders of the workspaces they opened — and never reads a file into the
 * workspace (files come as uploads).
 */
export interface PathGuard {
  readonly confined: boolean;
  /** An existing workspace or hand-out to read (open, merge from, adopt from). */
  existing(file: string, field: string): string;
  /** A new file, or one to replace (create, adopt into, hand-out). */
  target(file: string, field: string): string;
  /** A backup of `workspace` to restore. */
  backup(file: string, workspace: string, field: string): string;
  /** Server paths to import (import.paths). */
  importPaths(paths: string[]): string[];
}

export const trustedPaths: PathGuard = {
  confined: false,
  existing: (file) => resolve(file),
  target: (file) => resolve(file),
  backup: (file) => resolve(file),
  importPaths: (paths) => paths,
};

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** A guard for calls from a page, allowing the data folder and the folders `chosen()` lists. */
export function confinedPaths(dataDir: string, chosen: () => string[]): PathGuard {
  const folders = () => new Set([dataDir, ...chosen().map((f) => dirname(resolve(f)))].map(real));
  const place = (file: string, field: string): string => {
    // A bare name is a new file in the app's data folder.
    const full = isAbsolute(file) ? resolve(file) : resolve(dataDir, file);
    const allowed = folders();
    if (!allowed.has(real(dirname(full)))) {
      throw new WorkbenchError(
        ErrorCode.InvalidInput,
        `${field}: ${full} is outside the folders this window may use (the app's data folder ${dataDir}, ` +
          "and the folders of workspaces you opened). Name a file there, or use the command line.",
        { field, file: full },
      );
    }
    // A link may point anywhere; only the file it names is judged, by where it really is.
    if (existsSync(full) && !allowed.has(real(dirname(real(full))))) {
      throw new WorkbenchError(ErrorCode.InvalidInput, `${field}: ${full} is a link to a file outside those folders.`, { field, file: full });
    }
    return full;
  };
  return {
    confined: true,
    existing(file, field) {
      const full = place(file, field);
      if (existsSync(full) && !statSync(full).isFile()) throw new WorkbenchError(ErrorCode.InvalidInput, `${field}: ${full} is a folder, not a workspace file.`, { field, file: full });
      return full;
    },
    target: place,
    backup(file, workspace, field) {
      const full = resolve(file);
      if (!listBackups(dataDir, workspace).some((b) => resolve(b.file) === full)) {
        throw new WorkbenchError(ErrorCode.InvalidInput, `${field}: ${full} is not one of the backups of ${workspace} (Backups… lists them).`, { field, file: full });
      }
      return full;
    },
    importPaths() {
      throw new WorkbenchError(
        ErrorCode.InvalidInput,
        'import.paths: this window cannot read files by their path on the computer; drop them on the window or pick them (they are uploaded).',
        { field: 'paths' },
      );
    },
  };
}

