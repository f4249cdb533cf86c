import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ErrorCode } from '../../shared/errors';
import { CONTENT_TYPES, CSP, pageCsp, pageWithNonce } from '../../shared/web';
import type { SessionApi } from '../api/session-host';

export { CSP };

const MAX_BODY = 256 * 1024 * 1024;

export interface ServerOptions {
  /** The session the calls go to: a SessionHost (its worker owns the workspace), or a Session in tests. */
  session: SessionApi;
  /** The built interface (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /** The largest request body, in bytes (256 MB). */
  maxBody?: number;
}

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

class TooLarge extends Error {}

/** Ends a refused request without reading its body: the connection is closed after the answer. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  res.shouldKeepAlive = false;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
  res.end(JSON.stringify({ ok: false, error: { code, message } }), () => req.socket.destroy());
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.pause();
        req.removeAllListeners('data');
        reject(new TooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const tooLarge = (limit: number) => `The request is larger than ${Math.round(limit / 1048576)} MB; import large files from the desktop app or the command line.`;

/**
 * The browser shell: the same interface and the same dispatcher as the desktop app,
 * over HTTP on 127.0.0.1 only. Every API call needs the per-launch token, and Host and
 * Origin must name this server, so neither another machine, another site in the
 * browser, nor a DNS-rebinding page can reach the workspace.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.staticDir);
  const maxBody = options.maxBody ?? MAX_BODY;
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: Error) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ ok: false, error: { code: ErrorCode.Internal, message: err.message } }));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 421, 'Wrong Host header', 'text/plain');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return send(res, 403, 'Cross-origin requests are refused', 'text/plain');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith('/api/')) {
      const given = (req.headers.authorization ?? '').replace(/^Bearer /, '') || url.searchParams.get('token') || '';
      // Refused before a byte of the body is read.
      if (!sameToken(given, token)) return refuse(req, res, 401, 'UNAUTHORIZED', 'Missing or wrong token: open the address the server printed.');
      if (url.pathname === '/api/invoke' && req.method === 'POST') {
        if (Number(req.headers['content-length'] ?? 0) > maxBody) return refuse(req, res, 413, 'TOO_LARGE', tooLarge(maxBody));
        let call: unknown;
        try {
          call = JSON.parse(await readBody(req, maxBody));
        } catch (err) {
          if (err instanceof TooLarge) return refuse(req, res, 413, 'TOO_LARGE', tooLarge(maxBody));
          return send(res, 400, JSON.stringify({ ok: false, error: { code: ErrorCode.InvalidInput, message: `The request is not JSON: ${(err as Error).message}` } }));
        }
        if (typeof call !== 'object' || call === null || Array.isArray(call)) {
          return send(res, 400, JSON.stringify({ ok: false, error: { code: ErrorCode.InvalidInput, message: 'The request must be a JSON object: { "method": "…", "input": { … } }.' } }));
        }
        const { method, input } = call as { method?: unknown; input?: unknown };
        const result = await options.session.dispatch(String(method ?? ''), input);
        return send(res, 200, JSON.stringify(result));
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        const off = options.session.onEvent((event, payload) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
        req.on('close', () => {
          clearInterval(ping);
          off();
        });
        return;
      }
      return send(res, 404, JSON.stringify({ ok: false, error: { code: ErrorCode.NotFound, message: `No API route ${req.method} ${url.pathname}` } }));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, `The address ${url.pathname} is not valid (a broken %-escape).`, 'text/plain; charset=utf-8');
    }
    let path = normalize(decoded);
    if (path === sep || path === '/') path = '/index.html';
    const file = join(root, path);
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      // The interface is one page; unknown paths get it too.
      return serveFile(res, join(root, 'index.html'));
    }
    return serveFile(res, file);
  }

  function serveFile(res: ServerResponse, file: string): void {
    if (!existsSync(file)) return send(res, 503, `The interface is not built: run \`npm run build\` (looked in ${root}).`, 'text/plain; charset=utf-8');
    const page = extname(file) === '.html';
    const nonce = randomBytes(18).toString('base64');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': page ? pageCsp(nonce) : CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    });
    if (page) res.end(pageWithNonce(readFileSync(file, 'utf8'), nonce));
    else createReadStream(file).pipe(res);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
