import { basename } from 'node:path';
import type { WorkspaceInfo } from '../../shared/api/contract';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import type { Workspace } from '../workspace';
import { adoptHandout } from '../workspaces/adopt';
import { listBackups } from '../workspaces/backups';
import { exportHandout } from '../workspaces/handout';
import { backupNow, mergeWithBackup } from '../workspaces/manager';
import type { Handlers } from './handlers';
import type { PathGuard } from './path-guard';
import type { Session } from './session';

export function workspaceInfo(ws: Workspace): WorkspaceInfo {
  return { ...ws.info(), name: basename(ws.file), indexReady: ws.indexOutcome !== null };
}

/** Methods on the open workspace as a whole: they need only the workspace and the data folder. */
type OpenWorkspaceMethods =
  | 'workspace.info'
  | 'workspaces.handout'
  | 'workspaces.merge'
  | 'backups.list'
  | 'backups.create'
  | 'undo.list'
  | 'undo.run'
  | 'notes.setHandout';

type SessionMethods =
  | 'workspaces.status'
  | 'workspaces.browse'
  | 'workspaces.pick'
  | 'workspaces.open'
  | 'workspaces.create'
  | 'workspaces.adopt'
  | 'workspaces.encrypt'
  | 'workspaces.decrypt'
  | 'backups.restore';

/** The handlers for the open workspace as a whole, shared by the session and the CLI (which has no session). */
export function createOpenWorkspaceHandlers(ws: () => Workspace, dataDir: string, paths: PathGuard): Pick<Handlers, OpenWorkspaceMethods> {
  return {
    'workspace.info': () => workspaceInfo(ws()),
    'workspaces.handout': ({ out, tags, highlights, notes, title }) =>
      exportHandout(ws(), paths.target(out, 'out'), { tags, highlights, notes, ...(title ? { title } : {}) }),
    'workspaces.merge': ({ other, passphrase }) => mergeWithBackup(ws(), dataDir, paths.existing(other, 'other'), passphrase),
    'backups.list': ({ file }) => listBackups(dataDir, file ? paths.target(file, 'file') : ws().file),
    'backups.create': () => {
      const made = backupNow(ws(), dataDir);
      ws().backupError = null;
      return made;
    },
    'undo.list': () => ws().undo.list(),
    'undo.run': () => ws().undo.undoLatest(),
    'notes.setHandout': ({ id, handout }) => ws().notes.setHandout(id, handout),
  };
}

/** The methods about whole workspaces: they need the session, which can switch the workspace. */
export function createWorkspaceHandlers(session: Session, paths: PathGuard): Pick<Handlers, OpenWorkspaceMethods | SessionMethods> {
  const ws = () => session.workspace;
  return {
    ...createOpenWorkspaceHandlers(ws, session.options.dataDir, paths),
    'workspaces.status': () => session.status(workspaceInfo),
    'workspaces.browse': () => {
      throw new WorkbenchError(
        ErrorCode.InvalidInput,
        'Browse… opens the desktop app\'s file dialog; in the browser, type the path (a file in the data folder, or beside a workspace you opened).',
      );
    },
    'workspaces.pick': ({ file }) => {
      if (paths.confined) throw new WorkbenchError(ErrorCode.Forbidden, 'Only a file dialog the user answered can let the window use a new file.');
      return { file: session.pick(file) };
    },
    'workspaces.open': async ({ file, passphrase }) => workspaceInfo(await session.openFile(paths.existing(file, 'file'), passphrase ? { passphrase } : {})),
    'workspaces.create': async ({ file, passphrase, empty }) =>
      workspaceInfo(await session.openFile(paths.target(file, 'file'), { create: true, ...(passphrase ? { passphrase } : {}), ...(empty ? { importPaths: [] } : {}) })),
    'workspaces.adopt': async ({ handout, file, passphrase }) => {
      const target = paths.target(file, 'file');
      adoptHandout(paths.existing(handout, 'handout'), target, passphrase);
      return workspaceInfo(await session.openFile(target, passphrase ? { passphrase } : {}));
    },
    'workspaces.encrypt': async ({ passphrase, current }) => {
      // As decrypt does: whoever reaches the open window must still know the passphrase to change it.
      if (ws().passphrase && current === undefined) {
        throw new WorkbenchError(ErrorCode.NeedsPassphrase, `${ws().file} is encrypted: give its current passphrase to change it.`, { field: 'current' });
      }
      return workspaceInfo(await session.rekey(current, passphrase));
    },
    'workspaces.decrypt': async ({ passphrase }) => {
      if (!ws().passphrase) throw new WorkbenchError(ErrorCode.InvalidInput, `${ws().file} is not encrypted.`);
      return workspaceInfo(await session.rekey(passphrase, undefined));
    },
    'backups.restore': async ({ backup, file, passphrase }) => {
      const target = file ? paths.target(file, 'file') : ws().file;
      return workspaceInfo(await session.restore(paths.backup(backup, target, 'backup'), target, passphrase));
    },
  };
}
