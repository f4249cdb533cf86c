/**
 * Every command a user can give, in one place: the palette lists them, the desktop menus are
 * built from them, and the key bindings read them. A label or a shortcut changes here and
 * nowhere else (as VS Code's command and keybinding registries do).
 *
 * @example
 * // A command the palette offers with its key, and the desktop shell puts in its View menu:
 * { id: 'openToSide', label: 'Open the selected document to the side', menu: 'view', menuLabel: 'Open to the Side', keys: 'Mod+\\' }
 */

export type MenuName = 'file' | 'edit' | 'view';

export interface CommandSpec {
  /** Sent as `ui.command` when a menu or a key gives it. */
  readonly id: string;
  /** What the palette shows. */
  readonly label: string;
  /** `Mod` is Ctrl, or ⌘ on a Mac; keys joined by `+`, the last one the key itself. */
  readonly keys?: string;
  /** The desktop menu that lists it, under `menuLabel` (menu style: title case, …). */
  readonly menu?: MenuName;
  readonly menuLabel?: string;
  /** Starts a group in its menu. */
  readonly separatorBefore?: boolean;
  /** The desktop shell runs it itself (a native dialog); the browser shell's window runs it there. */
  readonly desktop?: boolean;
}

const DEFINITIONS = [
  { id: 'newWorkspace', label: 'New workspace…', menu: 'file', menuLabel: 'New Workspace…', keys: 'Mod+Shift+N', desktop: true },
  { id: 'openWorkspace', label: 'Open a workspace file…', menu: 'file', menuLabel: 'Open Workspace…', keys: 'Mod+O', desktop: true },
  { id: 'adopt', label: 'Open a hand-out…', menu: 'file', menuLabel: 'Open Hand-out…' },
  { id: 'workspaces', label: 'Switch or create a workspace…', menu: 'file', menuLabel: 'Switch Workspace…', keys: 'Mod+Shift+O' },
  { id: 'import', label: 'Import files…', menu: 'file', menuLabel: 'Import Files…', keys: 'Mod+I', separatorBefore: true, desktop: true },
  { id: 'importFolder', label: 'Import a folder…', menu: 'file', menuLabel: 'Import Folder…', keys: 'Mod+Shift+I', desktop: true },
  { id: 'ocrLanguages', label: 'OCR languages for photos and scans…' },
  { id: 'export', label: 'Export… (highlights and notes, citations, the library, REFI-QDA)', menu: 'file', menuLabel: 'Export…', keys: 'Mod+E' },
  { id: 'handout', label: 'Export a hand-out…', menu: 'file', menuLabel: 'Export Hand-out…' },
  { id: 'merge', label: 'Merge from another workspace…', menu: 'file', menuLabel: 'Merge from Workspace…' },
  { id: 'backups', label: 'Backups…', menu: 'file', menuLabel: 'Backups…', separatorBefore: true },
  { id: 'encrypt', label: 'Passphrase…', menu: 'file', menuLabel: 'Passphrase…' },
  { id: 'undo', label: 'Undo last deletion', menu: 'edit', menuLabel: 'Undo Last Deletion', keys: 'Mod+Alt+Z', separatorBefore: true },
  { id: 'palette', label: 'Command palette', keys: 'Mod+K' },
  { id: 'search', label: 'Search', keys: 'Mod+L' },
  { id: 'openToSide', label: 'Open the selected document to the side', menu: 'view', menuLabel: 'Open to the Side', keys: 'Mod+\\' },
  { id: 'swap', label: 'Swap reading panes' },
  { id: 'closeRight', label: 'Close the right pane' },
  { id: 'batch', label: 'Batch search…' },
  { id: 'exportResults', label: 'Export these results: citations or library CSV…' },
  { id: 'newNote', label: 'New free note', keys: 'Mod+Alt+N' },
  { id: 'clear', label: 'Clear search and filters' },
  { id: 'library', label: 'Go to the library' },
  { id: 'reader', label: 'Go to the reader' },
  { id: 'notes', label: 'Go to the notes' },
  { id: 'toggleLibrary', label: 'Show or hide the library', menu: 'view', menuLabel: 'Toggle Library', keys: 'Mod+B', separatorBefore: true },
  { id: 'toggleSide', label: 'Show or hide the side panel', menu: 'view', menuLabel: 'Toggle Side Panel', keys: 'Mod+J' },
  { id: 'tags', label: 'Manage tags…', menu: 'edit', menuLabel: 'Manage Tags…' },
  { id: 'theme-light', label: 'Light theme', menu: 'view', menuLabel: 'Light Theme', separatorBefore: true },
  { id: 'theme-dark', label: 'Dark theme', menu: 'view', menuLabel: 'Dark Theme' },
  { id: 'theme-system', label: 'Follow the system theme', menu: 'view', menuLabel: 'Follow System Theme' },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof DEFINITIONS)[number]['id'];
export const COMMANDS: readonly (CommandSpec & { readonly id: CommandId })[] = DEFINITIONS;
export const COMMAND_IDS = COMMANDS.map((c) => c.id) as [CommandId, ...CommandId[]];

export function commandById(id: CommandId): CommandSpec & { readonly id: CommandId } {
  return COMMANDS.find((c) => c.id === id)!;
}

/** `Mod+Shift+O` as the desktop menu writes it (`CmdOrCtrl+Shift+O`). */
export function accelerator(keys: string): string {
  return keys.replace(/^Mod\+/, 'CmdOrCtrl+');
}

/** `Mod+Shift+O` as a person reads it on this platform: `Ctrl+Shift+O`, or `⌘⇧O` on a Mac. */
export function keyLabel(keys: string, mac = false): string {
  if (!mac) return keys.replace(/^Mod\+/, 'Ctrl+');
  return keys.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥');
}

/** The physical key of a shortcut's last part, for layouts and modifiers that change the character typed. */
function codeOf(key: string): string | null {
  if (/^[a-z]$/i.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  return key === '\\' ? 'Backslash' : null;
}

type KeyPress = { key: string; code?: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };

/** Whether a key press gives these keys. Letters match either case; Mod is Ctrl or ⌘. */
export function matchesKeys(keys: string, e: KeyPress): boolean {
  const parts = keys.split('+');
  const key = parts.pop()!;
  const want = new Set(parts);
  if ((e.ctrlKey || e.metaKey) !== want.has('Mod')) return false;
  if (e.shiftKey !== want.has('Shift') || e.altKey !== want.has('Alt')) return false;
  return e.key.toLowerCase() === key.toLowerCase() || (e.code !== undefined && e.code === codeOf(key));
}
