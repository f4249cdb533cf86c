import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../electron/core/api/session';
import { listBackups } from '../../../../electron/core/workspaces/backups';
import { backupNow, openManaged } from '../../../../electron/core/workspaces/manager';
import { tempDir } from '../../../helpers';

describe('the session', () => {
  it('answers at once and checks the file in the background; a damaged one is then closed and moved aside', async () => {
    const data = tempDir();
    const file = join(tempDir(), 'shell.workspace');
    const ws = await openManaged(file, { dataDir: data, create: true });
    backupNow(ws, data);
    ws.close();
    const bytes = readFileSync(file);
    // One page in the middle: opening does not read it, quick_check does.
    const page = Math.floor(bytes.length / 4096 / 2) * 4096;
    bytes.fill(0x55, page, page + 4096);
    writeFileSync(file, bytes);

    const session = new Session({ dataDir: data, open: { waitForIndex: false } });
    const changes: string[] = [];
    session.onEvent((name, payload) => name === 'workspace.changed' && changes.push((payload as { kind: string }).kind));
    await session.openFile(file);
    expect(session.current).not.toBeNull(); // opened without waiting for the check
    await expect.poll(() => session.current, { timeout: 60_000 }).toBeNull();
    const status = session.status(() => {
      throw new Error('nothing is open');
    });
    expect(status.problem).toMatchObject({ code: 'WORKSPACE_DAMAGED', file, latestBackup: expect.stringContaining('manual') });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(status.problem!.movedTo!)).toBe(true);
    expect(changes.filter((k) => k === 'workspace')).toHaveLength(2);
    session.close();
  });
});

describe('the daily backup in the shells', () => {
  it('is made in the background after opening, verified, in the data folder', async () => {
    const data = tempDir();
    const file = join(tempDir(), 'daily.workspace');
    (await openManaged(file, { dataDir: data, create: true })).close();
    const session = new Session({ dataDir: data, open: { waitForIndex: false } });
    await session.openFile(file);
    await expect.poll(() => listBackups(data, file).map((b) => b.reason), { timeout: 60_000 }).toEqual(['open']);
    session.close();
  });
});

describe('changing the passphrase through the API', () => {
  it('asks for the current one, as removing it does', async () => {
    const data = tempDir();
    const file = join(tempDir(), 'locked.workspace');
    (await openManaged(file, { dataDir: data, create: true, importPaths: [], passphrase: 'first words' })).close();
    const session = new Session({ dataDir: data });
    await session.openFile(file, { passphrase: 'first words' });
    expect(await session.dispatch('workspaces.encrypt', { passphrase: 'taken over' })).toMatchObject({ ok: false, error: { code: 'NEEDS_PASSPHRASE' } });
    expect(await session.dispatch('workspaces.encrypt', { passphrase: 'taken over', current: 'a guess' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(session.workspace.passphrase).toBe('first words');
    expect(await session.dispatch('workspaces.encrypt', { passphrase: 'second words', current: 'first words' })).toMatchObject({ ok: true, result: { encrypted: true } });
    expect(session.workspace.passphrase).toBe('second words');
    session.close();
  });
});
