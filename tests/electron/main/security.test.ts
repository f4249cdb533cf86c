import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../../electron/main/menu';
import { COMMANDS } from '../../../electron/shared/commands';
import { pageCsp } from '../../../electron/shared/web';
import { APP_ORIGIN, CSP, installLockdown, isTrustedSender, serveApp, webPreferences } from '../../../electron/main/security';
import { SettingsStore } from '../../../electron/core/workspaces/settings';
import { tempDir } from '../../helpers';

describe('the desktop window', () => {
  it('is sandboxed, isolated and without Node', () => {
    expect(webPreferences('/p/preload.cjs')).toMatchObject({ preload: '/p/preload.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
  });
});

describe('the lockdown', () => {
  function fakes() {
    const handlers: Record<string, (...a: never[]) => unknown> = {};
    const contents = { on: vi.fn((event: string, fn: (...a: never[]) => unknown) => (handlers[event] = fn)), setWindowOpenHandler: vi.fn() };
    const app = { on: vi.fn((_e: string, fn: (e: unknown, c: typeof contents) => void) => fn({}, contents)) };
    let onRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
    let permission: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    const session = {
      setPermissionRequestHandler: vi.fn((fn) => (permission = fn)),
      setPermissionCheckHandler: vi.fn((fn) => (check = fn)),
      webRequest: { onBeforeRequest: vi.fn((fn) => (onRequest = fn)) },
    };
    installLockdown(app as never, session as never);
    return { handlers, contents, request: (url: string) => new Promise<boolean>((r) => onRequest!({ url }, (x) => r(x.cancel))), permission: () => new Promise<boolean>((r) => permission!({}, 'media', r)), check: () => check!() };
  }

  it('blocks navigation, redirects, webviews and new windows', () => {
    const { handlers, contents } = fakes();
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      (handlers[event] as (e: unknown) => void)(e);
      expect(e.preventDefault).toHaveBeenCalled();
    }
    const opener = contents.setWindowOpenHandler.mock.calls[0]![0] as () => { action: string };
    expect(opener()).toEqual({ action: 'deny' });
  });

  it('denies every permission', async () => {
    const f = fakes();
    expect(await f.permission()).toBe(false);
    expect(f.check()).toBe(false);
  });

  it('cancels every http, https and ws request, and lets app:// through', async () => {
    const f = fakes();
    expect(await f.request('https://example.org/tracker.gif')).toBe(true);
    expect(await f.request('http://127.0.0.1:9/')).toBe(true);
    expect(await f.request('ws://example.org/socket')).toBe(true);
    expect(await f.request('wss://example.org/socket')).toBe(true);
    expect(await f.request(`${APP_ORIGIN}/index.html`)).toBe(false);
  });
});

describe('the IPC sender check', () => {
  const mainFrame = { url: `${APP_ORIGIN}/index.html` };
  const contents = { mainFrame };
  it('accepts only our window top frame on our origin', () => {
    expect(isTrustedSender(mainFrame as never, contents as never)).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html` } as never, contents as never)).toBe(false); // a sub-frame
    expect(isTrustedSender(null, contents as never)).toBe(false);
    const evil = { url: 'https://evil.example/' };
    expect(isTrustedSender(evil as never, { mainFrame: evil } as never)).toBe(false);
    expect(isTrustedSender(mainFrame as never, null)).toBe(false);
  });
});

describe('the app:// protocol', () => {
  it('serves files from the built interface only, with the CSP', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'index.html'), '<head></head><p>ui</p>');
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets/a.js'), 'x()');
    const serve = serveApp(root);
    const page = serve(new Request(`${APP_ORIGIN}/`));
    const html = await page.text();
    const nonce = /<meta name="csp-nonce" content="([^"]+)">/.exec(html)?.[1];
    expect(html.replace(/<meta name="csp-nonce"[^>]*>/, '')).toBe('<head></head><p>ui</p>');
    expect(page.headers.get('content-security-policy')).toBe(pageCsp(nonce!));
    expect(serve(new Request(`${APP_ORIGIN}/assets/a.js`)).headers.get('content-security-policy')).toBe(CSP);
    expect(serve(new Request(`${APP_ORIGIN}/assets/a.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect(await serve(new Request(`${APP_ORIGIN}/..%2f..%2fetc/passwd`)).text()).toContain('<p>ui</p>');
    expect(serve(new Request('app://elsewhere/index.html')).status).toBe(404);
  });
});

describe('menus and recent workspaces', () => {
  it('has the File, Edit, View and Help menus the issue asks for', () => {
    const calls: string[] = [];
    const actions = new Proxy({}, { get: (_t, name: string) => (...a: unknown[]) => calls.push(`${name}${a.length ? `:${String(a[0])}` : ''}`) });
    const template = menuTemplate(actions as never, ['/w/a.workspace'], false);
    expect(template.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'help']);
    const file = template[0]!.submenu as Array<{ label?: string; submenu?: Array<{ label: string; click?: () => void }>; click?: () => void }>;
    expect(file.filter((i) => i.label).map((i) => i.label)).toEqual([
      'New Workspace…',
      'Open Workspace…',
      'Open Recent',
      'Open Hand-out…',
      'Switch Workspace…',
      'Import Files…',
      'Import Folder…',
      'Export…',
      'Export Hand-out…',
      'Merge from Workspace…',
      'Backups…',
      'Passphrase…',
    ]);
    file.find((i) => i.label === 'Export Hand-out…')!.click!();
    file.find((i) => i.label === 'Open Hand-out…')!.click!();
    const edit = template[1]!.submenu as Array<{ label?: string; role?: string; click?: () => void }>;
    expect(edit.filter((i) => i.role).map((i) => i.role)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    edit.find((i) => i.label === 'Undo Last Deletion')!.click!();
    file.find((i) => i.label === 'Open Recent')!.submenu![0]!.click!();
    file.find((i) => i.label === 'Export…')!.click!();
    const view = template[2]!.submenu as Array<{ label?: string; click?: () => void }>;
    view.find((i) => i.label === 'Dark Theme')!.click!();
    view.find((i) => i.label === 'Open to the Side')!.click!();
    expect(calls).toEqual([
      'run:handout',
      'run:adopt',
      'run:undo',
      'openRecent:/w/a.workspace',
      'run:export',
      'run:theme-dark',
      'run:openToSide',
    ]);
  });

  it('takes its labels and shortcuts from the one command registry the palette and key bindings read', () => {
    const template = menuTemplate({ run: () => undefined, openRecent: () => undefined, about: () => undefined }, [], false);
    const all = template.flatMap((m) => (m.submenu as Array<{ label?: string; accelerator?: string }>) ?? []);
    for (const c of COMMANDS.filter((c) => c.menu)) {
      const item = all.find((i) => i.label === c.menuLabel);
      expect(item, c.id).toBeDefined();
      expect(item!.accelerator).toBe(c.keys ? c.keys.replace('Mod+', 'CmdOrCtrl+') : undefined);
    }
    expect(all.find((i) => i.label === 'Export…')!.accelerator).toBe('CmdOrCtrl+E');
  });

  it('remembers the last workspace and a short recent list', () => {
    const dir = tempDir();
    const store = new SettingsStore(dir);
    expect(store.read()).toEqual({ recent: [], last: null });
    for (let i = 0; i < 12; i++) store.opened(`/w/${i}.workspace`);
    store.opened('/w/3.workspace');
    const s = new SettingsStore(dir).read();
    expect(s.last).toBe('/w/3.workspace');
    expect(s.recent[0]).toBe('/w/3.workspace');
    expect(s.recent).toHaveLength(10);
    expect(new Set(s.recent).size).toBe(10);
    writeFileSync(join(dir, 'settings.json'), '{broken');
    expect(store.read()).toEqual({ recent: [], last: null });
    expect(existsSync(join(dir, 'settings.json.tmp'))).toBe(false);
  });
});
