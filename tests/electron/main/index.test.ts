import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers';

const dataDir = tempDir();
const calls: Record<string, unknown[][]> = {};
const record = (name: string) => (...args: unknown[]) => {
  (calls[name] ??= []).push(args);
};
let ready!: () => void;
const whenReady = new Promise<void>((r) => (ready = r));
const ipcHandlers = new Map<string, (...a: unknown[]) => unknown>();
const windows: Array<{ options: { webPreferences: Record<string, unknown> }; url?: string; webContents: { mainFrame: { url: string }; send: (...a: unknown[]) => void } }> = [];

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { mainFrame: { url: 'app://workbench/index.html' }, send: record('send') };
    url?: string;
    constructor(public options: { webPreferences: Record<string, unknown> }) {
      windows.push(this);
    }
    once() {}
    on() {}
    setTitle = record('setTitle');
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  }
  const session = { setPermissionRequestHandler: record('permissionHandler'), setPermissionCheckHandler: record('permissionCheck'), webRequest: { onBeforeRequest: record('onBeforeRequest') } };
  return {
    BrowserWindow,
    Menu: { setApplicationMenu: record('setApplicationMenu'), buildFromTemplate: (t: unknown) => t },
    app: {
      setName: record('setName'),
      getPath: () => dataDir,
      getAppPath: () => '/nonexistent-app',
      getVersion: () => '0.0.0',
      requestSingleInstanceLock: () => {
        record('singleInstance')();
        return true;
      },
      whenReady: () => whenReady,
      on: record('app.on'),
      quit: record('quit'),
    },
    dialog: { showErrorBox: record('showErrorBox'), showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn() },
    ipcMain: { handle: (channel: string, fn: (...a: unknown[]) => unknown) => ipcHandlers.set(channel, fn) },
    protocol: { registerSchemesAsPrivileged: record('registerSchemes'), handle: record('protocol.handle') },
    session: { defaultSession: session },
  };
});

afterAll(async () => {
  const close = (calls['app.on'] ?? []).find((c) => c[0] === 'window-all-closed')?.[1] as (() => void) | undefined;
  close?.();
  // The app quits once the session's worker has closed the workspace.
  await vi.waitFor(() => expect(calls.quit).toHaveLength(1), { timeout: 60_000 });
});

describe('the Electron main process, with electron mocked', () => {
  it('locks down, serves app://, checks IPC senders and opens the default workspace', async () => {
    await import('../../../electron/main/index');
    expect(calls.singleInstance).toHaveLength(1);
    expect(calls.registerSchemes![0]![0]).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    ready();
    await vi.waitFor(() => expect(windows).toHaveLength(1), { timeout: 20_000 });
    expect(calls.permissionHandler).toHaveLength(1);
    expect(calls.onBeforeRequest).toHaveLength(1);
    expect(calls['protocol.handle']![0]![0]).toBe('app');
    const win = windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String(win.options.webPreferences.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.url).toBe('app://workbench/index.html');

    // The window comes up while the worker creates the default workspace; its first call waits for it.
    const handler = ipcHandlers.get('workbench:invoke')!;
    const trusted = await handler({ senderFrame: win.webContents.mainFrame }, 'workspace.info', {});
    expect(trusted).toMatchObject({ ok: true, result: { documents: 5, name: 'Default.workspace' } });
    expect(existsSync(join(dataDir, 'Default.workspace'))).toBe(true);
    expect(calls.showErrorBox?.[0]?.[1]).toBeUndefined();
    const foreign = await handler({ senderFrame: { url: 'https://evil.example/' } }, 'workspace.info', {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await handler({ senderFrame: win.webContents.mainFrame }, 'no.such', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    // The workspace lives in the session's worker: what the window title and the menu show, and
    // the events the window receives, come from there.
    expect(calls.setTitle!.at(-1)).toEqual(['Default.workspace — Research Workbench']);
    const menu = calls.setApplicationMenu!.at(-1)![0] as Array<{ label?: string; submenu?: Array<{ label?: string; submenu?: Array<{ sublabel?: string }> }> }>;
    const recent = menu.find((m) => m.label === 'File')!.submenu!.find((m) => m.label === 'Open Recent')!.submenu!;
    expect(recent.map((r) => r.sublabel)).toEqual([join(dataDir, 'Default.workspace')]);
    expect(await handler({ senderFrame: win.webContents.mainFrame }, 'tags.create', { name: 'From the window' })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(calls.send).toContainEqual(['workbench:event', 'workspace.changed', { kind: 'tags' }]));
  });

  it('answers Browse… with the native dialog, and lets the window use only the file the user picked there', async () => {
    const { dialog } = await import('electron');
    const handler = ipcHandlers.get('workbench:invoke')!;
    const call = (method: string, input: unknown) => handler({ senderFrame: windows[0]!.webContents.mainFrame }, method, input);
    const picked = join(tempDir(), 'Trainer.workspace');
    const backupsOfPicked = () => call('backups.list', { file: picked });
    expect(await backupsOfPicked()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('outside the folders') } });
    // The window cannot widen what it may touch by itself.
    expect(await call('workspaces.pick', { file: picked })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    vi.mocked(dialog.showSaveDialog).mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await call('workspaces.browse', { purpose: 'handout', suggested: '/x/Hand-out.workspace' })).toEqual({ ok: true, result: { file: null } });
    expect((vi.mocked(dialog.showSaveDialog).mock.calls.at(-1) as unknown[])[1]).toMatchObject({ title: 'Save the hand-out as', defaultPath: '/x/Hand-out.workspace' });
    vi.mocked(dialog.showOpenDialog).mockResolvedValueOnce({ canceled: false, filePaths: [picked] });
    expect(await call('workspaces.browse', { purpose: 'merge' })).toEqual({ ok: true, result: { file: picked } });
    expect(await backupsOfPicked()).toMatchObject({ ok: true, result: [] });
    expect(await call('workspaces.browse', { purpose: 'anywhere' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('workspaces.browse') } });
  });
});
