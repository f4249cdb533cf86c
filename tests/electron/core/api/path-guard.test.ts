import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../electron/core/api/session';
import { backupNow, openManaged, restoreManaged } from '../../../../electron/core/workspaces/manager';
import { exportHandout } from '../../../../electron/core/workspaces/handout';
import { tempDir } from '../../../helpers';

/** A session as the browser shell and the desktop window have it: one workspace, opened by the user. */
async function shell() {
  const data = tempDir();
  const folder = tempDir();
  const file = join(folder, 'mine.workspace');
  (await openManaged(file, { dataDir: data, create: true, importPaths: [] })).close();
  const session = new Session({ dataDir: data });
  await session.openFile(file);
  const ws = session.workspace;
  ws.notes.create({ body: 'Private: the source at the ministry' });
  return { data, folder, file, session };
}

type Call = { ok: boolean; error?: { code: string; message: string } };

describe('paths sent by a page (browser shell, desktop window)', () => {
  it('a hand-out never replaces a file that is not a workspace, nor the open workspace or its log', async () => {
    const { folder, file, session } = await shell();
    const precious = join(folder, 'thesis.txt');
    writeFileSync(precious, 'four years of work');
    const args = { tags: true, highlights: true, notes: true };

    const over = (await session.dispatch('workspaces.handout', { out: precious, ...args })) as Call;
    expect(over).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('thesis.txt exists and is not a workspace') } });
    expect(readFileSync(precious, 'utf8')).toBe('four years of work');

    for (const side of ['-wal', '-shm']) {
      const r = (await session.dispatch('workspaces.handout', { out: file + side, ...args })) as Call;
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('belongs to the open workspace') } });
    }
    expect(await session.dispatch('workspaces.handout', { out: file, ...args })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // The session goes on working: a note is written and read back.
    expect(await session.dispatch('notes.create', { body: 'still here' })).toMatchObject({ ok: true });
    expect(session.workspace.notes.listFree().map((n) => n.body)).toContain('still here');
    expect((await session.workspace.check()).ok).toBe(true);
    session.close();
  });

  it('a hand-out goes only to the folders the user chose; a bare name lands in the data folder', async () => {
    const { data, session } = await shell();
    const elsewhere = join(tempDir(), 'class.handout');
    const r = (await session.dispatch('workspaces.handout', { out: elsewhere, tags: true, highlights: true, notes: true })) as Call;
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('outside the folders this window may use') } });
    expect(existsSync(elsewhere)).toBe(false);
    const named = (await session.dispatch('workspaces.handout', { out: 'class.handout', tags: true, highlights: true, notes: true })) as { ok: true; result: { file: string } };
    expect(named).toMatchObject({ ok: true, result: { file: join(data, 'class.handout') } });
    session.close();
  });

  it('backups.restore never moves a file that is not a backup into place, nor moves the user’s file aside', async () => {
    const { data, folder, file, session } = await shell();
    const home = tempDir();
    const bashrc = join(home, '.bashrc');
    writeFileSync(bashrc, 'alias ll="ls -l"\n');
    const backup = backupNow(session.workspace, data);

    const away = (await session.dispatch('backups.restore', { backup: backup.file, file: bashrc })) as Call;
    expect(away).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('.bashrc is outside the folders') } });
    const beside = join(folder, 'notes.txt');
    writeFileSync(beside, 'mine');
    expect(await session.dispatch('backups.restore', { backup: backup.file, file: beside })).toMatchObject({ ok: false });
    expect(await session.dispatch('backups.restore', { backup: bashrc })).toMatchObject({ ok: false, error: { message: expect.stringContaining('is not one of the backups') } });
    expect(readFileSync(bashrc, 'utf8')).toBe('alias ll="ls -l"\n');
    expect(readFileSync(beside, 'utf8')).toBe('mine');
    expect(readdirSync(home)).toEqual(['.bashrc']);
    expect(readdirSync(folder).filter((f) => f.includes('damaged'))).toEqual([]);
    expect(session.current?.file).toBe(file);
    session.close();
  });

  it('a restore that fails leaves the workspace that was open, open', async () => {
    const { data, file, session } = await shell();
    const backup = backupNow(session.workspace, data);
    const bytes = readFileSync(backup.file);
    bytes.fill(0x55, 4096, bytes.length);
    writeFileSync(backup.file, bytes);
    const r = (await session.dispatch('backups.restore', { backup: backup.file })) as Call;
    expect(r.ok).toBe(false);
    expect(session.current?.file).toBe(file);
    expect(await session.dispatch('notes.create', { body: 'after the failed restore' })).toMatchObject({ ok: true });
    session.close();
  });

  it('import.paths reads no file on the server; uploads still work, and the desktop menu (trusted) may', async () => {
    const { session } = await shell();
    const secret = join(tempDir(), 'secret.txt');
    writeFileSync(secret, 'The password of the safe\n\nis 1234, said the janitor.');
    expect(await session.dispatch('import.paths', { paths: [secret] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('import.paths') } });
    expect(session.workspace.search.search({ query: 'janitor' }).total).toBe(0);
    const up = await session.dispatch('import.upload', { files: [{ name: 'a.txt', data: Buffer.from('A dropped file\n\nabout a janitor').toString('base64') }] });
    expect(up).toMatchObject({ ok: true, result: { imported: 1 } });
    expect(await session.trustedDispatch('import.paths', { paths: [secret] })).toMatchObject({ ok: true, result: { imported: 1 } });
    session.close();
  });

  it('opening a folder, or a file outside the chosen folders, gets a clear error', async () => {
    const { folder, session } = await shell();
    mkdirSync(join(folder, 'sub.workspace'));
    expect(await session.dispatch('workspaces.open', { file: join(folder, 'sub.workspace') })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('is a folder') } });
    expect(await session.trustedDispatch('workspaces.open', { file: join(folder, 'sub.workspace') })).toMatchObject({ ok: false, error: { code: 'NOT_A_WORKSPACE' } });
    expect(await session.dispatch('workspaces.merge', { other: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    session.close();
  });
});

describe('rules for every caller, the command line too', () => {
  it('restore refuses to replace a file that is not a workspace, and leaves it where it was', async () => {
    const { data, session } = await shell();
    const backup = backupNow(session.workspace, data);
    session.close();
    const bashrc = join(tempDir(), '.bashrc');
    writeFileSync(bashrc, 'export PATH\n');
    expect(() => restoreManaged(bashrc, backup.file, data)).toThrow(/Nothing was restored over .*\.bashrc: .*not a workspace/);
    expect(readFileSync(bashrc, 'utf8')).toBe('export PATH\n');
    expect(readdirSync(dirname(bashrc))).toEqual(['.bashrc']);
  });

  it('a hand-out is not written over another program’s file', async () => {
    const { folder, session } = await shell();
    const other = join(folder, 'photo.jpg');
    writeFileSync(other, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    expect(() => exportHandout(session.workspace, other, { tags: true, highlights: true, notes: true })).toThrow(/photo\.jpg exists and is not a workspace/);
    const first = exportHandout(session.workspace, join(folder, 'week.handout'), { tags: true, highlights: true, notes: true });
    // An earlier hand-out may be replaced.
    expect(exportHandout(session.workspace, first.file, { tags: false, highlights: false, notes: false }).file).toBe(first.file);
    session.close();
  });
});
