import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

export interface MenuActions {
  newWorkspace(): void;
  openWorkspace(): void;
  openRecent(path: string): void;
  importFiles(): void;
  importFolder(): void;
  exportHighlights(): void;
  /** Workspace dialogs the interface draws: hand-outs, merging, backups, passphrase, undo. */
  workspaceCommand(command: 'workspaces' | 'handout' | 'adopt' | 'merge' | 'backups' | 'encrypt' | 'undo'): void;
  toggleSplit(): void;
  setTheme(theme: 'light' | 'dark' | 'system'): void;
  about(): void;
}

/** File, Edit, View and Help, as a template (so it can be checked without Electron). */
export function menuTemplate(actions: MenuActions, recent: string[], isMac: boolean): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newWorkspace() },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
        {
          label: 'Open Recent',
          submenu: recent.length ? recent.map((p) => ({ label: basename(p), sublabel: p, click: () => actions.openRecent(p) })) : [{ label: 'No recent workspaces', enabled: false }],
        },
        { label: 'Open Hand-out…', click: () => actions.workspaceCommand('adopt') },
        { label: 'Switch Workspace…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.workspaceCommand('workspaces') },
        { type: 'separator' },
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFiles() },
        { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Shift+I', click: () => actions.importFolder() },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportHighlights() },
        { label: 'Export Hand-out…', click: () => actions.workspaceCommand('handout') },
        { label: 'Merge from Workspace…', click: () => actions.workspaceCommand('merge') },
        { type: 'separator' },
        { label: 'Backups…', click: () => actions.workspaceCommand('backups') },
        { label: 'Passphrase…', click: () => actions.workspaceCommand('encrypt') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Undo Last Deletion', accelerator: 'CmdOrCtrl+Alt+Z', click: () => actions.workspaceCommand('undo') },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Open to the Side', accelerator: 'CmdOrCtrl+\\', click: () => actions.toggleSplit() },
        { type: 'separator' },
        { label: 'Light Theme', click: () => actions.setTheme('light') },
        { label: 'Dark Theme', click: () => actions.setTheme('dark') },
        { label: 'Follow System Theme', click: () => actions.setTheme('system') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'help', submenu: [{ label: 'About Research Workbench', click: () => actions.about() }] },
  ];
}
