/**
 * The desktop shell: one locked-down window showing the interface from app://, and the
 * engine behind one IPC channel that goes through the same dispatcher as the browser
 * shell. Windows, menus and dialogs live here; everything else is in electron/core, and
 * the workspace itself in a worker thread (SessionHost): this thread loads no SQLite, no
 * importer and no analysis, and a slow query never holds up a menu, a window or IPC.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session as electronSession } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventName } from '../shared/api/contract';
import { SessionHost, type SessionHostOptions } from '../core/api/session-host';
import { APP_NAME, defaultWorkspacePath } from '../core/paths';
import { SettingsStore } from '../core/workspaces/settings';
import { menuTemplate } from './menu';
import { APP_ORIGIN, installLockdown, isTrustedSender, serveApp, webPreferences } from './security';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '../renderer');
const nativeBinding = join(app.getAppPath(), 'node_modules/.electron-native/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node');

app.setName(APP_NAME);
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let window: BrowserWindow | null = null;
let session: SessionHost | null = null;

/** The workers electron-vite builds beside this file; running from source, the engine's own. */
function workers(): NonNullable<SessionHostOptions['open']>['workers'] {
  const built = { import: new URL('./import-worker.js', import.meta.url), parse: new URL('./parse-worker.js', import.meta.url), analysis: new URL('./analysis-worker.js', import.meta.url) };
  return existsSync(fileURLToPath(built.import)) ? built : undefined;
}

function hostOptions(): SessionHostOptions {
  const w = workers();
  const built = new URL('./session-worker.js', import.meta.url);
  return {
    dataDir: app.getPath('userData'),
    open: { waitForIndex: false, ...(w ? { workers: w } : {}), ...(existsSync(nativeBinding) ? { nativeBinding } : {}) },
    ...(existsSync(fileURLToPath(built)) ? { worker: built } : {}),
    onCrash: (message, restarted) => {
      process.stderr.write(`workbench: ${message}\n`);
      if (!restarted) dialog.showErrorBox('The workbench engine stopped', message);
    },
  };
}

function send(name: EventName, payload: unknown): void {
  window?.webContents.send('workbench:event', name, payload);
}

/** The window title names the open workspace, as the status bar does. */
function showTitle(): void {
  const file = session?.current;
  window?.setTitle(file ? `${file.split(/[\\/]/).pop()} — ${APP_NAME}` : APP_NAME);
}

async function openWorkspace(path: string, create = false): Promise<void> {
  try {
    await session!.openFile(path, { create });
  } catch (err) {
    // The interface shows why (and offers to unlock or restore) when nothing is open.
    if (session!.current) dialog.showErrorBox('Could not open the workspace', err instanceof Error ? err.message : String(err));
  }
  showTitle();
  buildMenu();
}

async function chooseAndImport(kind: 'openFile' | 'openDirectory'): Promise<void> {
  if (!window || !session) return;
  const result = await dialog.showOpenDialog(window, { title: kind === 'openFile' ? 'Import files' : 'Import a folder', properties: [kind, 'multiSelections'] });
  if (!result.canceled && result.filePaths.length) await session.trustedDispatch('import.paths', { paths: result.filePaths });
}

/**
 * Browse… in the window's dialogs: the native file dialog, here in the main process. What the
 * user picks is then allowed to the window through the trusted dispatcher (`workspaces.pick`),
 * which validates it like any call; a cancelled dialog answers `file: null`.
 */
async function browse(input: unknown): Promise<unknown> {
  const { contract } = await import('../shared/api/contract');
  const parsed = contract['workspaces.browse'].input.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: `workspaces.browse: ${parsed.error.issues[0]?.message ?? 'bad input'}` } };
  const { purpose, suggested } = parsed.data;
  const filters = [{ name: 'Workspace', extensions: ['workspace', 'sqlite', 'db'] }];
  const save = purpose === 'create' || purpose === 'handout';
  const title = { open: 'Open workspace', create: 'New workspace', handout: 'Save the hand-out as', adopt: 'Open a hand-out', merge: 'Merge from workspace' }[purpose];
  const picked = save
    ? await dialog.showSaveDialog(window!, { title, ...(suggested ? { defaultPath: suggested } : {}), filters })
    : await dialog.showOpenDialog(window!, { title, ...(suggested ? { defaultPath: suggested } : {}), properties: ['openFile'], filters });
  const file = picked.canceled ? null : 'filePath' in picked ? picked.filePath : picked.filePaths[0];
  if (!file) return { ok: true, result: { file: null } };
  return session!.trustedDispatch('workspaces.pick', { file });
}

async function newWorkspace(): Promise<void> {
  const r = await dialog.showSaveDialog(window!, { title: 'New workspace', defaultPath: 'Research.workspace', filters: [{ name: 'Workspace', extensions: ['workspace'] }] });
  if (!r.canceled && r.filePath) await openWorkspace(r.filePath, !existsSync(r.filePath));
}

async function chooseWorkspace(): Promise<void> {
  const r = await dialog.showOpenDialog(window!, { title: 'Open workspace', properties: ['openFile'], filters: [{ name: 'Workspace', extensions: ['workspace', 'sqlite', 'db'] }] });
  if (!r.canceled && r.filePaths[0]) await openWorkspace(r.filePaths[0]);
}

function buildMenu(): void {
  const template = menuTemplate(
    {
      run: (id) => {
        // What needs a native dialog happens here; everything else is the window's to do.
        if (id === 'newWorkspace') void newWorkspace();
        else if (id === 'openWorkspace') void chooseWorkspace();
        else if (id === 'import') void chooseAndImport('openFile');
        else if (id === 'importFolder') void chooseAndImport('openDirectory');
        else send('ui.command', { command: id });
      },
      openRecent: (p) => void openWorkspace(p),
      about: () => void dialog.showMessageBox(window!, { message: APP_NAME, detail: `Version ${app.getVersion()}. Works offline; your workspace never leaves this machine.` }),
    },
    session?.state.recent ?? [],
    process.platform === 'darwin',
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  window = new BrowserWindow({ width: 1400, height: 900, title: APP_NAME, show: false, webPreferences: webPreferences(join(here, '../preload/index.cjs')) });
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => (window = null));
  showTitle();
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  void app.whenReady().then(async () => {
    installLockdown(app, electronSession.defaultSession);
    protocol.handle('app', serveApp(rendererDir));
    ipcMain.handle('workbench:invoke', async (event, method: unknown, input: unknown) => {
      if (!isTrustedSender(event.senderFrame, window?.webContents ?? null)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the workbench window.' } };
      }
      // The window's calls are confined like the browser shell's: a path the renderer sends was
      // typed, not picked; the menu's native dialogs use the trusted dispatcher.
      if (method === 'workspaces.browse') return browse(input);
      return session!.dispatch(String(method), input);
    });
    session = new SessionHost(hostOptions());
    session.onEvent((name, payload) => {
      send(name, payload);
      if (name === 'workspace.changed' && (payload as { kind: string }).kind === 'workspace') {
        showTitle();
        buildMenu();
      }
    });
    // The window and the menus come up at once, while the worker loads the engine and opens the
    // workspace; the window's first calls are answered once it is open.
    buildMenu();
    createWindow();
    const last = new SettingsStore(app.getPath('userData')).read().last;
    const start = last && existsSync(last) ? last : defaultWorkspacePath({ ...process.env, WORKBENCH_DATA_DIR: app.getPath('userData') });
    mkdirSync(dirname(start), { recursive: true });
    await openWorkspace(start, !existsSync(start));
  });
  app.on('window-all-closed', () => {
    // The calls under way finish and the workspace is closed cleanly (its index saved, its lock released) first.
    void (session?.close() ?? Promise.resolve()).finally(() => app.quit());
  });
}
