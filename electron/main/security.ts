import type { App, Session, WebContents, WebFrameMain, WebPreferences } from 'electron';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

/** The interface is served from app://workbench/, never from file://. */
export const APP_ORIGIN = 'app://workbench';

export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function webPreferences(preload: string): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Only the top frame of our own window, showing our own origin, may call the API. */
export function isTrustedSender(frame: WebFrameMain | null, expected: WebContents | null): boolean {
  if (!frame || !expected) return false;
  if (frame !== expected.mainFrame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN || frame.url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

const BLOCKED = /^(https?|wss?|ftp):/i;

/**
 * No navigation, no new windows, no permissions, and no request leaves for the network:
 * the workbench is offline by design, and a hostile document must not change that.
 */
export function installLockdown(app: App, session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: BLOCKED.test(details.url) }));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Serves the built interface for app:// requests, inside `root` only, with the CSP. */
export function serveApp(root: string): (request: Request) => Response {
  return (request) => {
    const url = new URL(request.url);
    if (url.host !== 'workbench') return new Response('Not found', { status: 404 });
    let path = normalize(decodeURIComponent(url.pathname));
    if (path === '/' || path === sep) path = '/index.html';
    let file = join(root, path);
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html');
    return new Response(readFileSync(file), {
      headers: { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' },
    });
  };
}
