import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../electron/core/api/session';
import { openManaged } from '../../../../electron/core/workspaces/manager';
import { tempDir } from '../../../helpers';

describe('a daily backup that cannot be made', () => {
  it('is said as an event and kept in the status the interface reads, until a backup is made', async () => {
    const data = tempDir();
    const file = join(tempDir(), 'shell.workspace');
    (await openManaged(file, { dataDir: join(tempDir(), 'elsewhere'), create: true, importPaths: [] })).close();
    // Where the backups go is a file, not a folder: no backup can be written there.
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'backups'), 'not a folder');
    const session = new Session({ dataDir: data, open: { waitForIndex: false } });
    const failures: unknown[] = [];
    session.onEvent((name, payload) => name === 'backup.failed' && failures.push(payload));
    await session.openFile(file);
    await expect.poll(() => failures.length, { timeout: 60_000 }).toBe(1);
    expect(failures[0]).toMatchObject({ file, message: expect.stringMatching(/ENOTDIR|not a directory/), at: expect.any(String) });
    const status = await session.dispatch('workspaces.status', {});
    expect(status).toMatchObject({ ok: true, result: { backupFailure: { file, message: expect.stringMatching(/ENOTDIR|not a directory/) } } });
    // Once the folder is usable again and a backup is made, the warning goes.
    rmSync(join(data, 'backups'));
    expect(await session.dispatch('backups.create', {})).toMatchObject({ ok: true });
    expect(await session.dispatch('workspaces.status', {})).toMatchObject({ ok: true, result: { backupFailure: null } });
    session.close();
  });
});
