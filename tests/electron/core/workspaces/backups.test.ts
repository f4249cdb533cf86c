import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, type WorkbenchError } from '../../../../electron/shared/errors';
import { APPLICATION_ID, migrate } from '../../../../electron/core/db/migrations';
import { KEEP_BACKUPS, backupFolder, listBackups } from '../../../../electron/core/workspaces/backups';
import { backupNow, openManaged, restoreManaged } from '../../../../electron/core/workspaces/manager';
import { SEED, tempDir } from '../../../helpers';

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function existing(data: string) {
  const file = join(tempDir(), 'research.workspace');
  const ws = await openManaged(file, { dataDir: data, create: true });
  ws.notes.create({ body: 'Peskov denied it', documentId: SEED.moscowTimes });
  ws.close();
  return file;
}

describe('backups', () => {
  it('are made on open when the newest is over a day old, verified, and listed newest first', async () => {
    const data = tempDir();
    const file = await existing(data);
    expect(listBackups(data, file)).toEqual([]); // a workspace made just now has nothing to lose yet
    (await openManaged(file, { dataDir: data })).close();
    const [first] = listBackups(data, file);
    expect(first).toMatchObject({ reason: 'open' });
    const copy = new Database(first!.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT body FROM notes').pluck().all()).toEqual(['Peskov denied it']);
    copy.close();
    (await openManaged(file, { dataDir: data })).close();
    expect(listBackups(data, file)).toHaveLength(1); // not again the same day
    renameSync(first!.file, join(backupFolder(data, file), '20200101T000000000Z-open.workspace'));
    (await openManaged(file, { dataDir: data })).close();
    expect(listBackups(data, file).map((b) => b.createdAt.slice(0, 4))).toEqual([new Date().getFullYear().toString(), '2020']);
  });

  it('are made before a migration, holding the file as it was', async () => {
    const data = tempDir();
    const file = join(tempDir(), 'old.workspace');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(old, { to: 5 });
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.prepare("INSERT INTO notes (body, created_at, updated_at) VALUES ('from version 5', 'now', 'now')").run();
    old.close();
    const ws = await openManaged(file, { dataDir: data });
    ws.close();
    const backup = listBackups(data, file).find((b) => b.reason === 'before-migration-6')!;
    const copy = new Database(backup.file, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(5);
    expect(copy.prepare('SELECT body FROM notes').pluck().all()).toEqual(['from version 5']);
    copy.close();
  });

  it('keep the newest ten', async () => {
    const data = tempDir();
    const ws = await openManaged(await existing(data), { dataDir: data });
    for (let i = 0; i < KEEP_BACKUPS + 3; i++) backupNow(ws, data);
    const list = listBackups(data, ws.file);
    expect(list).toHaveLength(KEEP_BACKUPS);
    expect(new Set(list.map((b) => b.name)).size).toBe(KEEP_BACKUPS);
    ws.close();
  });

  it('restore: the backup comes back, and what was there is kept as a backup of its own', async () => {
    const data = tempDir();
    const file = await existing(data);
    let ws = await openManaged(file, { dataDir: data });
    const good = backupNow(ws, data);
    ws.notes.delete(ws.notes.listAll()[0]!.id);
    ws.documents.delete([SEED.fox]);
    ws.close();
    const kept = restoreManaged(file, good.file, data)!;
    expect(kept.reason).toBe('before-restore');
    ws = await openManaged(file, { dataDir: data });
    expect(ws.info()).toMatchObject({ documents: 5, notes: 1 });
    expect((await ws.check()).ok).toBe(true);
    ws.close();
    const before = new Database(kept.file, { readonly: true });
    expect(before.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(4);
    before.close();
    expect(() => restoreManaged(file, join(data, 'nope.workspace'), data)).toThrow(/There is no backup/);
  });
});

describe('a damaged workspace', () => {
  async function damage(mutate: (bytes: Buffer) => void) {
    const data = tempDir();
    const file = await existing(data);
    (await openManaged(file, { dataDir: data })).close(); // the daily backup
    const bytes = readFileSync(file);
    mutate(bytes);
    writeFileSync(file, bytes);
    return { data, file, damaged: digest(file) };
  }

  it('failing quick_check is moved aside, never deleted, and the latest backup is offered and restores', async () => {
    const { data, file, damaged } = await damage((b) => b.fill(0x55, 8192, b.length - 4096));
    const err = (await openManaged(file, { dataDir: data }).catch((e: unknown) => e)) as WorkbenchError;
    expect(err.code).toBe(ErrorCode.Damaged);
    const { movedTo, latestBackup } = err.details as { movedTo: string; latestBackup: string };
    expect(movedTo).toMatch(/research\.workspace\.damaged-\d{8}T\d{9}Z$/);
    expect(err.message).toContain(`moved aside to ${movedTo} (nothing was deleted)`);
    expect(err.message).toContain(`workbench restore -w ${file} ${latestBackup}`);
    expect(existsSync(file)).toBe(false);
    expect(digest(movedTo)).toBe(damaged);
    restoreManaged(file, latestBackup, data);
    const ws = await openManaged(file, { dataDir: data });
    expect(ws.info().notes).toBe(1);
    ws.close();
    expect(digest(movedTo)).toBe(damaged);
  });

  it('that SQLite cannot read at all (SQLITE_CORRUPT or NOTADB) is moved aside too', async () => {
    const { data, file, damaged } = await damage((b) => b.fill(0xff, 100, 4096));
    const err = (await openManaged(file, { dataDir: data }).catch((e: unknown) => e)) as WorkbenchError;
    expect(err.code).toBe(ErrorCode.Damaged);
    expect(err.message).toMatch(/SQLITE_(CORRUPT|NOTADB)|quick_check/);
    expect(digest((err.details as { movedTo: string }).movedTo)).toBe(damaged);
  });
});
