import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import { accelerator, COMMANDS, type CommandId, type MenuName } from '../shared/commands';

export interface MenuActions {
  /** A command of the registry (electron/shared/commands.ts), given from the menu. */
  run(id: CommandId): void;
  openRecent(path: string): void;
  about(): void;
}

/** The registry's commands for one menu, in its order, with its separators and shortcuts. */
function commandItems(menu: MenuName, actions: MenuActions): MenuItemConstructorOptions[] {
  return COMMANDS.filter((c) => c.menu === menu).flatMap((c): MenuItemConstructorOptions[] => [
    ...(c.separatorBefore ? [{ type: 'separator' as const }] : []),
    {
      label: c.menuLabel,
      ...(c.keys ? { accelerator: accelerator(c.keys) } : {}),
      click: () => actions.run(c.id),
    },
  ]);
}

/** File, Edit, View and Help, as a template (so it can be checked without Electron). */
export function menuTemplate(actions: MenuActions, recent: string[], isMac: boolean): MenuItemConstructorOptions[] {
  const file = commandItems('file', actions);
  const recentMenu: MenuItemConstructorOptions = {
    label: 'Open Recent',
    submenu: recent.length
      ? recent.map((p) => ({ label: basename(p), sublabel: p, click: () => actions.openRecent(p) }))
      : [{ label: 'No recent workspaces', enabled: false }],
  };
  // Open Recent sits under Open Workspace…, as in every desktop program.
  file.splice(file.findIndex((i) => i.label === 'Open Workspace…') + 1, 0, recentMenu);
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [...file, { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }] },
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
        ...commandItems('edit', actions),
      ],
    },
    {
      label: 'View',
      submenu: [
        ...commandItems('view', actions),
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
