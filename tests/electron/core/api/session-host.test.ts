import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SessionHost } from '../../../../electron/core/api/session-host';
import { openManaged } from '../../../../electron/core/workspaces/manager';
import { tempDir } from '../../../helpers';

const hosts: SessionHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

// The seeded workspace is made once, in this thread, and copied for each test.
const templateDir = mkdtempSync(join(tmpdir(), 'workbench-host-'));
const template = join(templateDir, 'seeds.workspace');
beforeAll(async () => (await openManaged(template, { dataDir: templateDir, create: true })).close());
afterAll(() => rmSync(templateDir, { recursive: true, force: true }));

/** A copy of the seeded workspace, and a host that opened it in its worker. */
async function hosted(): Promise<{ host: SessionHost; file: string; dataDir: string; crashes: string[] }> {
  const dataDir = tempDir();
  const file = join(tempDir(), 'hosted.workspace');
  copyFileSync(template, file);
  const crashes: string[] = [];
  const host = new SessionHost({ dataDir, open: { waitForIndex: false }, onCrash: (message) => crashes.push(message) });
  hosts.push(host);
  await host.ready();
  await host.openFile(file);
  return { host, file, dataDir, crashes };
}

/** Takes the workspace's write lock from this thread, as another program writing to it would. */
function holdWriteLock(file: string): () => void {
  const db = new Database(file);
  db.exec('BEGIN EXCLUSIVE');
  return () => {
    db.exec('COMMIT');
    db.close();
  };
}

const nextTimer = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('the session host', () => {
  it('runs the session in a worker thread, and every call there goes through the validating dispatcher', async () => {
    const { host, file } = await hosted();
    expect(host.thread.threadId).not.toBe(threadId);
    expect(host.current).toBe(file);
    expect(host.state.recent).toEqual([file]);
    expect(await host.dispatch('workspace.info', {})).toMatchObject({ ok: true, result: { documents: 5, name: 'hosted.workspace' } });
    expect(await host.dispatch('documents.get', { id: 'seven' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('id') } });
    expect(await host.dispatch('no.such', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'There is no method "no.such".' } });
    const found = await host.dispatch('search.query', { query: 'wagner' });
    expect(found).toMatchObject({ ok: true, result: { total: expect.any(Number) } });
    expect((found as { result: { total: number } }).result.total).toBeGreaterThan(0);
    // What cannot cross to another thread is refused with the method's name, not thrown.
    expect(await host.dispatch('workspace.info', { callback: () => 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('workspace.info') } });
  });

  it('answers a call sent while a workspace opens from that workspace, as a new window asks at once', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'new.workspace');
    const host = new SessionHost({ dataDir, open: { waitForIndex: false } });
    hosts.push(host);
    // Neither waits for the worker to start nor for the seeds to be imported.
    const opened = host.openFile(file, { create: true });
    const status = host.dispatch('workspaces.status', {});
    expect(await status).toMatchObject({ ok: true, result: { open: { name: 'new.workspace', documents: 5 }, problem: null } });
    await opened;
    expect(host.current).toBe(file);
  });

  it('a page is confined to the chosen folders; the trusted dispatch is not', async () => {
    const { host } = await hosted();
    const elsewhere = join(tempDir(), 'elsewhere.workspace');
    expect(await host.dispatch('workspaces.create', { file: elsewhere, empty: true })).toMatchObject({ ok: false });
    expect(await host.trustedDispatch('workspaces.create', { file: elsewhere, empty: true })).toMatchObject({ ok: true, result: { name: 'elsewhere.workspace' } });
    expect(host.current).toBe(elsewhere);
  });

  it('relays the session events to every subscriber, and stops when one unsubscribes', async () => {
    const { host, file } = await hosted();
    const first: unknown[] = [];
    const second: unknown[] = [];
    host.onEvent((name, payload) => first.push([name, payload]));
    const off = host.onEvent((name, payload) => second.push([name, payload]));
    expect(await host.dispatch('tags.create', { name: 'Claims' })).toMatchObject({ ok: true, result: { name: 'Claims' } });
    await expect.poll(() => first).toContainEqual(['workspace.changed', { kind: 'tags' }]);
    expect(second).toContainEqual(['workspace.changed', { kind: 'tags' }]);
    off();
    const other = join(tempDir(), 'other.workspace');
    (await openManaged(other, { dataDir: tempDir(), create: true, importPaths: [] })).close();
    await host.openFile(other);
    // The switch is announced, and the host's state already names the new file when it is.
    await expect.poll(() => first).toContainEqual(['workspace.changed', { kind: 'workspace' }]);
    expect(host.state).toMatchObject({ file: other, recent: [other, file], last: other });
    expect(second).not.toContainEqual(['workspace.changed', { kind: 'workspace' }]);
  });

  it("keeps this thread's event loop turning while a call waits in the worker", async () => {
    const { host, file } = await hosted();
    // Another program holds the write lock: the worker's write waits on it inside SQLite.
    const release = holdWriteLock(file);
    let answered = false;
    const call = host.dispatch('tags.create', { name: 'Written after the lock' }).finally(() => (answered = true));
    // This thread's timers keep firing meanwhile, and one of them lets the write through. Were the
    // session on this thread, SQLite would wait there, no timer could fire, and the write would fail BUSY.
    let ticks = 0;
    while (ticks < 10) {
      await nextTimer();
      if (!answered) ticks++;
    }
    expect(answered).toBe(false);
    release();
    expect(await call).toMatchObject({ ok: true, result: { name: 'Written after the lock' } });
    expect(ticks).toBe(10);
  });

  it('fails the calls waiting on a crashed worker with a clear error, then starts again with the workspace', async () => {
    const { host, file, crashes } = await hosted();
    const release = holdWriteLock(file);
    const waiting = host.dispatch('tags.create', { name: 'Never written' });
    const crashed = host.thread;
    await crashed.terminate();
    expect(await waiting).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: expect.stringMatching(/^The workbench engine stopped unexpectedly \(exit code 1\)\. tags\.create was not answered\. It has been started again/),
      },
    });
    release();
    expect(crashes).toHaveLength(1);
    await host.ready();
    expect(host.thread).not.toBe(crashed);
    expect(host.current).toBe(file);
    expect(await host.dispatch('workspace.info', {})).toMatchObject({ ok: true, result: { documents: 5 } });
    const tags = await host.dispatch('tags.list', {});
    expect(JSON.stringify(tags)).not.toContain('Never written');
  });

  it('stops restarting a worker that keeps crashing, and says so', async () => {
    const crashes: boolean[] = [];
    const again = new SessionHost({ dataDir: tempDir(), maxRestarts: 1, onCrash: (_m, restarted) => crashes.push(restarted) });
    hosts.push(again);
    await again.ready();
    await again.thread.terminate();
    await again.ready();
    await again.thread.terminate();
    expect(crashes).toEqual([true, false]);
    expect(await again.dispatch('workspaces.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('restart the workbench') } });
  });

  it('close() lets the calls under way finish, refuses new ones, and releases the workspace', async () => {
    const { host, file, dataDir } = await hosted();
    const under = host.dispatch('tags.create', { name: 'Finished before closing' });
    const closed = host.close();
    expect(await host.dispatch('workspace.info', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('closing') } });
    expect(await under).toMatchObject({ ok: true });
    await closed;
    // The worker's lock is gone: this thread can take the workspace for writing.
    const ws = await openManaged(file, { dataDir });
    expect(ws.tags.list().map((t) => t.name)).toContain('Finished before closing');
    ws.close();
  });
});
