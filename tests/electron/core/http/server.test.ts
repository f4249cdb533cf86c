import Database from 'better-sqlite3-multiple-ciphers';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../../../electron/core/api/session';
import { SessionHost } from '../../../../electron/core/api/session-host';
import { CSP, startServer, type RunningServer } from '../../../../electron/core/http/server';
import { pageCsp } from '../../../../electron/shared/web';
import { builtRendererDir } from '../../../../electron/core/paths';
import { openManaged } from '../../../../electron/core/workspaces/manager';
import { newWorkspace, tempDir } from '../../../helpers';

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function raw(port: number, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', headers }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

async function start() {
  server = await startServer({ session: Session.of(await newWorkspace()), staticDir: builtRendererDir() });
  return server;
}

const call = (s: RunningServer, extra: Record<string, string> = {}) =>
  raw(s.port, '/api/invoke', { Host: `127.0.0.1:${s.port}`, Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json', ...extra }, JSON.stringify({ method: 'workspace.info', input: {} }));

describe('the browser shell', () => {
  it('listens on 127.0.0.1 only, on a free port, with a random token in the printed address', async () => {
    const s = await start();
    const addr = s.server.address() as { address: string; port: number };
    expect(addr.address).toBe('127.0.0.1');
    expect(s.port).toBeGreaterThan(0);
    expect(s.token.length).toBeGreaterThanOrEqual(32);
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/?token=${s.token}`);
    const other = await startServer({ session: Session.of(await newWorkspace()), staticDir: builtRendererDir() });
    expect(other.token).not.toBe(s.token);
    await other.close();
  });

  it('answers API calls with the token, and refuses them without it', async () => {
    const s = await start();
    const ok = await call(s);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, result: { documents: 5 } });
    expect((await call(s, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await raw(s.port, '/api/invoke', { Host: `127.0.0.1:${s.port}` }, '{}')).status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const s = await start();
    expect((await call(s, { Host: `evil.example:${s.port}` })).status).toBe(421);
    expect((await call(s, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call(s, { Origin: `http://localhost:${s.port}`, Host: `localhost:${s.port}` })).status).toBe(200);
  });

  it('serves the interface with a strict Content-Security-Policy', async () => {
    const s = await start();
    const page = await raw(s.port, '/', { Host: `127.0.0.1:${s.port}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    // The page's policy is the strict one plus a nonce for the dialogs' style elements, new with each page.
    const nonce = /<meta name="csp-nonce" content="([^"]+)">/.exec(page.body)![1]!;
    expect(page.headers['content-security-policy']).toBe(pageCsp(nonce));
    expect(page.headers['content-security-policy']).toBe(CSP.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`));
    const again = await raw(s.port, '/', { Host: `127.0.0.1:${s.port}` });
    expect(again.body).not.toContain(nonce);
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).not.toContain('unsafe');
    expect(page.headers['content-security-policy']).not.toContain('unsafe');
    const escape = await raw(s.port, '/../../package.json', { Host: `127.0.0.1:${s.port}` });
    expect(escape.body).not.toContain('"dependencies"');
  });

  it('reports bad JSON clearly', async () => {
    const s = await start();
    const r = await raw(s.port, '/api/invoke', { Host: `127.0.0.1:${s.port}`, Authorization: `Bearer ${s.token}` }, '{not json');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.message).toMatch(/^The request is not JSON/);
  });

  it('a body of null, and a broken %-escape, get clear errors, not INTERNAL', async () => {
    const s = await start();
    const r = await raw(s.port, '/api/invoke', { Host: `127.0.0.1:${s.port}`, Authorization: `Bearer ${s.token}` }, 'null');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('must be a JSON object') });
    const bad = await raw(s.port, '/%E0%A4%A', { Host: `127.0.0.1:${s.port}` });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('not valid');
  });
});

describe('request limits of the browser shell', () => {
  async function small() {
    server = await startServer({ session: Session.of(await newWorkspace({ importPaths: [] })), staticDir: builtRendererDir(), maxBody: 1024 * 1024 });
    return server;
  }

  /** Streams `mb` megabytes at the server and says what came back, and how much it took. */
  function flood(s: RunningServer, headers: Record<string, string>, mb: number): Promise<{ status: number; body: string; sent: number }> {
    return new Promise((resolve) => {
      let sent = 0;
      const req = request({ host: '127.0.0.1', port: s.port, path: '/api/invoke', method: 'POST', headers: { Host: `127.0.0.1:${s.port}`, ...headers } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
      });
      req.on('error', () => undefined);
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (sent < mb * 1048576) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
  }

  it('answers 413 with a message to a body over the limit, instead of resetting the connection', async () => {
    const s = await small();
    const r = await flood(s, { Authorization: `Bearer ${s.token}` }, 8);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('larger than 1 MB') });
    const declared = await raw(s.port, '/api/invoke', { Host: `127.0.0.1:${s.port}`, Authorization: `Bearer ${s.token}`, 'Content-Length': String(50 * 1048576) }, 'x');
    expect(declared.status).toBe(413);
  });

  it('refuses a request without the token before reading its body', async () => {
    const s = await small();
    const r = await flood(s, {}, 64);
    expect(r.status).toBe(401);
    // The answer came, and the connection was closed, long before 64 MB were sent.
    expect(r.sent).toBeLessThan(64 * 1048576);
  });

  it('a note over the size limit is refused with a clear error', async () => {
    const session = Session.of(await newWorkspace({ importPaths: [] }));
    const r = await session.dispatch('notes.create', { body: 'x'.repeat(2 * 1048576) });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('at most 1 MB') } });
    expect(session.workspace.notes.listFree()).toHaveLength(0);
  });
});

describe('the browser shell over the session host', () => {
  it('serves the page and the event stream while a call waits in the worker, and relays the events to the stream', async () => {
    const data = tempDir();
    const file = join(tempDir(), 'served.workspace');
    (await openManaged(file, { dataDir: data, create: true, importPaths: [] })).close();
    const host = new SessionHost({ dataDir: data, open: { waitForIndex: false } });
    try {
      await host.openFile(file);
      const s = (server = await startServer({ session: host, staticDir: builtRendererDir() }));
      const events = eventStream(s);
      await events.connected;
      // Another program holds the workspace's write lock: the tag waits for it in the worker.
      const db = new Database(file);
      db.exec('BEGIN EXCLUSIVE');
      let answered = false;
      const write = raw(s.port, '/api/invoke', { Host: `127.0.0.1:${s.port}`, Authorization: `Bearer ${s.token}` }, JSON.stringify({ method: 'tags.create', input: { name: 'Waited' } }));
      void write.then(() => (answered = true));
      const page = await raw(s.port, '/', { Host: `127.0.0.1:${s.port}` });
      expect(page.status).toBe(200);
      expect(answered).toBe(false);
      db.exec('COMMIT');
      db.close();
      expect(JSON.parse((await write).body)).toMatchObject({ ok: true, result: { name: 'Waited' } });
      await expect.poll(() => events.text()).toContain('event: workspace.changed\ndata: {"kind":"tags"}');
      events.close();
    } finally {
      await server?.close();
      server = null;
      await host.close();
    }
  });
});

/** Reads /api/events as a browser's EventSource would. */
function eventStream(s: RunningServer) {
  let text = '';
  let connect!: () => void;
  const connected = new Promise<void>((resolve) => (connect = resolve));
  const req = request({ host: '127.0.0.1', port: s.port, path: `/api/events?token=${s.token}`, headers: { Host: `127.0.0.1:${s.port}` } }, (res) => {
    res.on('data', (c: Buffer) => {
      text += c.toString();
      if (text.includes(': connected')) connect();
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { connected, text: () => text, close: () => req.destroy() };
}
