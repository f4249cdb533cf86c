import type { App, Session, WebContents, WebFrameMain, WebPreferences } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_TYPES, CSP, pageCsp, pageWithNonce } from '../shared/web';

export { CSP };

/** The interface is served from app://workbench/, never from file://. */
export const APP_ORIGIN = 'app://workbench';


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

/** Serves the built interface for app:// requests, inside `root` only, with the CSP. */
export function serveApp(root: string): (request: Request) => Response {
  return (request) => {
    const url = new URL(request.url);
    if (url.host !== 'workbench') return new Response('Not found', { status: 404 });
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      return new Response('Not a valid address', { status: 400 });
    }
    let path = normalize(decoded);
    if (path === '/' || path === sep) path = '/index.html';
    let file = join(root, path);
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html');
    const page = extname(file) === '.html';
    const nonce = randomBytes(18).toString('base64');
    return new Response(page ? pageWithNonce(readFileSync(file, 'utf8'), nonce) : readFileSync(file), {
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': page ? pageCsp(nonce) : CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}
